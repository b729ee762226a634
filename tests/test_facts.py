"""Fact typing, changes, regions and subjects, on hand-built stage outputs (independent of the other stages)."""

import re
from dataclasses import replace

import pytest

from aimaq.records import Amount, Change, Mention, Sentence, Span
from aimaq.stages.facts import FactInput, classify, find_facts


def _amount(text: str, needle: str, kind: str, value: float, unit: str | None = None, currency: str | None = None,
            nth: int = 0) -> Amount:
    start = [m.start() for m in re.finditer(re.escape(needle), text)][nth]
    return Amount(kind, value, None, "exact", currency, unit, needle, start, start + len(needle))


def _sentences(text: str, lang: str) -> tuple[Sentence, ...]:
    out = []
    for m in re.finditer(r"[^.!?]+[.!?]", text):
        s = m.start() + (len(m.group()) - len(m.group().lstrip()))
        out.append(Sentence(s, m.end(), lang))
    return tuple(out)


def _region(text: str, needle: str, code: str) -> Mention:
    start = text.index(needle)
    return Mention("LOC", start, start + len(needle), needle, code)


@pytest.mark.parametrize(
    ("sentence", "needle", "kind", "unit", "currency", "expected"),
    [
        ("Привлечено инвестиций на сумму 40 млрд тенге.", "40 млрд тенге", "money", None, "KZT", "investment"),
        ("Реализовано 3 проекта на сумму 5 млрд тенге.", "5 млрд тенге", "money", None, "KZT", "project_cost"),
        ("Общий бюджет проекта составляет 6 288 000 евро.", "6 288 000 евро", "money", None, "EUR", "budget"),
        ("Кәсіпкерлерге 2 млрд теңге несие берілді.", "2 млрд теңге", "money", None, "KZT", "funding"),
        ("Жалпы құны 7 млрд теңге болатын жоба.", "7 млрд теңге", "money", None, "KZT", "project_cost"),
        ("Компании закупают товары на 1 трлн тенге.", "1 трлн тенге", "money", None, "KZT", "procurement"),
        ("Создано 500 рабочих мест.", "500", "count", "рабочее место", None, "jobs"),
        ("500 жаңа жұмыс орны ашылды.", "500", "count", "орын", None, "jobs"),
        ("Подано 7 заявок.", "7", "count", "заявка", None, "applications"),
        ("Кәсіпкерлер 7 өтініш берді.", "7", "count", "өтініш", None, "applications"),
        ("Проведено 12 публичных обсуждений.", "12", "count", "обсуждение", None, "events"),
        ("12 ауыл газбен қамтылды.", "12", "count", "ауыл", None, "settlements"),
        ("Более 100 человек получили сертификаты.", "100", "count", "человек", None, "people"),
        ("Из них 30% из-за пределов республики.", "30%", "percent", None, None, "share"),
        ("Собственные доходы района составили 12 млрд тенге.", "12 млрд тенге", "money", None, "KZT", "budget"),
        ("Прошло 3 года.", "3", "count", "год", None, None),
        ("Сумма составила 5 млн тенге.", "5 млн тенге", "money", None, "KZT", None),
    ],
)
def test_facts_classify_by_unit_and_keyword(sentence, needle, kind, unit, currency, expected) -> None:
    amount = _amount(sentence, needle, kind, 1.0, unit, currency)
    assert classify(amount, sentence, 0) == expected


@pytest.mark.parametrize("copied", [False, True])
def test_facts_change_in_sentence_gives_value_before(copied: bool) -> None:
    """A change finds its amounts by their offsets: copies of them (a change read back, say) do too."""
    text = "В Актюбинской области число проектов выросло с 41 до 143 проектов."
    before = _amount(text, "41", "count", 41, None)
    after = _amount(text, "143", "count", 143, "проект")
    ends = (replace(before), replace(after)) if copied else (before, after)
    change = Change(*ends, before.start - 2, after.end)
    inp = FactInput(text, None, _sentences(text, "ru"), (before, after), (change,),
                    (_region(text, "Актюбинской области", "KZ-15"),), "KZ-15")
    (fact,) = find_facts(inp)
    assert (fact.type, fact.value, fact.value_before, fact.region) == ("projects", 143, 41, "KZ-15")
    assert fact.evidence == Span(0, len(text))


def test_facts_change_across_two_sentences_is_one_fact() -> None:
    text = ("До 2013 года в зоне действовало всего 5 предприятий. "
            "На сегодня здесь уже работают 12 производств. Планируется ещё 3 производства.")
    a5 = _amount(text, "5", "count", 5, "предприятие")
    a12 = _amount(text, "12", "count", 12, "производство")
    a3 = _amount(text, "3", "count", 3, "производство", nth=1)
    sentences = _sentences(text, "ru")
    inp = FactInput(text, "2016-05-01", sentences, (a5, a12, a3), (), (), "KZ-47")
    facts = find_facts(inp)
    assert [(f.type, f.value, f.value_before) for f in facts] == [("enterprises", 12, 5), ("enterprises", 3, None)]
    assert facts[0].evidence == Span(sentences[0].start, sentences[1].end)
    assert facts[0].region == "KZ-47"


def test_facts_region_of_sentence_beats_main_region() -> None:
    text = "В Павлодарской области создано 300 рабочих мест. Всего создано 900 рабочих мест."
    a300 = _amount(text, "300", "count", 300, "рабочее место")
    a900 = _amount(text, "900", "count", 900, "рабочее место")
    inp = FactInput(text, None, _sentences(text, "ru"), (a300, a900), (),
                    (_region(text, "Павлодарской области", "KZ-55"),), "KZ-71")
    assert [f.region for f in find_facts(inp)] == ["KZ-55", "KZ-71"]


@pytest.mark.parametrize(
    ("text", "needle", "unit", "expected"),
    [
        ("По республике создано 40 тысяч рабочих мест.", "40 тысяч", "место", None),
        ("Рост по стране составил 4,5%, а в области – 6,1%.", "4,5%", None, None),
        ("Рост по стране составил 4,5%, а в области – 6,1%.", "6,1%", None, "KZ-59"),
        ("Елімізде биыл 12 мың жұмыс орны ашылды.", "12 мың", "орын", None),
        ("Республика бойынша 300 жоба іске асты, ал облыста 25 жоба.", "25", "жоба", "KZ-59"),
        ("Облыста елімізде алғаш рет 2 зауыт іске қосылды.", "2", "зауыт", "KZ-59"),
        ("Впервые в Казахстане в области открыли 3 завода.", "3", "завод", "KZ-59"),
        ("Запущен крупнейший в Казахстане завод мощностью 500 тысяч тонн.", "500 тысяч", "тонна", "KZ-59"),
        ("Елімізде ең ірі кешен жылына 200 мың тонна өнім шығарады.", "200 мың", "тонна", "KZ-59"),
        ("Қазақстанда биыл 15 мың мектеп оқушысы жазғы лагерьге барады.", "15 мың", "оқушы", None),
    ],
)
def test_facts_national_figures_get_no_region(text: str, needle: str, unit: str | None, expected: str | None) -> None:
    from aimaq.stages.facts.regions import region_for

    amount = _amount(text, needle, "percent" if needle.endswith("%") else "count", 1.0, unit)
    inp = FactInput(text, None, _sentences(text, "ru"), (amount,), (), (), "KZ-59")
    assert region_for(inp, Span(0, len(text)), amount.start) == expected


def test_facts_a_region_in_another_clause_with_its_own_figure_is_not_this_ones() -> None:
    from aimaq.stages.facts.regions import region_for

    text = "Из 40 млрд тенге 30 млрд направят на субсидии, 6 млрд – на опыт Павлодарской области, 4 млрд – на гранты."
    amounts = tuple(_amount(text, n, "money", 1.0, None, "KZT") for n in ("30 млрд", "6 млрд", "4 млрд"))
    inp = FactInput(text, None, _sentences(text, "ru"), amounts, (),
                    (_region(text, "Павлодарской области", "KZ-55"),), "KZ-31")
    assert [region_for(inp, Span(0, len(text)), a.start) for a in amounts] == ["KZ-31", "KZ-55", "KZ-31"]


def test_facts_subject_and_period_from_sentence() -> None:
    text = "Общий бюджет проекта «Развитие регионов» на 2013-2017 годы составляет 6 288 000 евро."
    amount = _amount(text, "6 288 000 евро", "money", 6288000, None, "EUR")
    start = text.index("«")
    programme = Mention("PROGRAMME", start, text.index("»") + 1, text[start : text.index("»") + 1], "Развитие регионов")
    inp = FactInput(text, None, _sentences(text, "ru"), (amount,), (), (programme,), None)
    (fact,) = find_facts(inp)
    assert (fact.type, fact.currency, fact.subject) == ("budget", "EUR", "Развитие регионов")
    assert (fact.period.start, fact.period.end) == ("2013", "2017")


@pytest.mark.parametrize(
    ("text", "needle", "regions", "expected"),
    [
        # a generic 'города' after the nearest (oblast) mention points to the city named in the sentence
        ("До 2018 года Шымкент относился к Южно-Казахстанской области, а расходы бюджета города не превышали "
         "100 млрд тенге.", "100 млрд тенге",
         [("Шымкент", "KZ-79"), ("Южно-Казахстанской области", "KZ-61")], "KZ-79"),
        # and a generic 'облыстың' after the nearest (city) mention points to the region
        ("Ақмола облысының делегациясы Астанада болды, облыстың жергілікті бюджеті 300 млрд теңге.",
         "300 млрд теңге", [("Ақмола облысының", "KZ-11"), ("Астанада", "KZ-71")], "KZ-11"),
        # without a generic noun the nearest mention before the amount decides
        ("На форуме в Шымкенте Туркестанская область представила бюджет на 250 млрд тенге.", "250 млрд тенге",
         [("Шымкенте", "KZ-79"), ("Туркестанская область", "KZ-61")], "KZ-61"),
        # a generic noun that names the type already chosen changes nothing
        ("В Алматы и Алматинской области бюджет области составил 400 млрд тенге.", "400 млрд тенге",
         [("Алматы", "KZ-75"), ("Алматинской области", "KZ-19")], "KZ-19"),
    ],
)
def test_facts_generic_city_or_region_noun_picks_the_region(text, needle, regions, expected) -> None:
    amount = _amount(text, needle, "money", 1e11, None, "KZT")
    mentions = tuple(_region(text, name, code) for name, code in regions)
    inp = FactInput(text, None, _sentences(text, "ru"), (amount,), (), mentions, "KZ-71")
    (fact,) = find_facts(inp)
    assert (fact.type, fact.region) == ("budget", expected)


@pytest.mark.parametrize(
    ("sentence", "needle", "expected"),
    [
        # a keyword in the amount's own clause beats a higher-priority one elsewhere in the sentence
        ("Бюджет конкурса составляет 2 млн евро, победители получат гранты до 15 тыс. евро.", "2 млн евро", "budget"),
        ("Бюджет конкурса составляет 2 млн евро, победители получат гранты до 15 тыс. евро.", "15 тыс. евро",
         "funding"),
        ("Байқаудың бюджеті 2 млн еуро, жеңімпаздарға гранттар 15 мың еуроға дейін беріледі.", "2 млн еуро",
         "budget"),
        ("Байқаудың бюджеті 2 млн еуро, жеңімпаздарға гранттар 15 мың еуроға дейін беріледі.", "15 мың еуро",
         "funding"),
        # a decimal comma is no clause break
        ("Привлечено инвестиций на сумму 4,5 млрд тенге.", "4,5 млрд тенге", "investment"),
        # no keyword in the clause: the sentence decides
        ("Инвестиции, привлеченные в район, составили 9 млрд тенге.", "9 млрд тенге", "investment"),
        ("Реализовано 8 проектов на общую сумму 2,7 млрд тенге.", "2,7 млрд тенге", "project_cost"),
        ("На ремонт дорог в областном бюджете предусмотрено 31,5 млрд тенге.", "31,5 млрд тенге", "budget"),
    ],
)
def test_facts_money_type_from_the_amounts_clause(sentence: str, needle: str, expected: str) -> None:
    amount = _amount(sentence, needle, "money", 1.0, None, "EUR")
    assert classify(amount, sentence, 0) == expected


@pytest.mark.parametrize(
    ("sentence", "needle", "unit", "expected"),
    [
        ("Биыл 18 елді мекенді ауыз сумен қамту жоспарланған.", "18", "елді мекен", "settlements"),
        ("Қалада 12 көпқабатты үй пайдалануға берілді.", "12", "үй", "housing"),
        ("Ауданға 2,4 млн-нан астам турист келді.", "2,4 млн-нан", "турист", "people"),
        ("На заводе создано 850 рабочих мест, из них 600 – постоянные.", "600", "место", "jobs"),
    ],
)
def test_facts_counts_with_kk_compound_and_elided_units(sentence: str, needle: str, unit: str,
                                                        expected: str | None) -> None:
    amount = _amount(sentence, needle, "count", 1.0, unit)
    assert classify(amount, sentence, 0) == expected


def test_facts_sentence_without_a_region_takes_the_main_region() -> None:
    text = "Делегация Жамбылской области посетила Астану. В районе открыто 14 новых предприятий."
    amount = _amount(text, "14", "count", 14, "предприятие")
    mentions = (_region(text, "Жамбылской области", "KZ-31"), _region(text, "Астану", "KZ-71"))
    inp = FactInput(text, None, _sentences(text, "ru"), (amount,), (), mentions, "KZ-63")
    (fact,) = find_facts(inp)
    assert (fact.type, fact.region) == ("enterprises", "KZ-63")
