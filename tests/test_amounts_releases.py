"""Amounts stage: forms common in regional press releases (own example sentences, kk and ru).

Periods and multipliers that are no amounts, numbers written partly in words, qualifiers given by a verb,
units of measure of two words, the head noun of a Kazakh noun phrase, numbers with a possessive suffix
('оның 12-сі'), and a prior-period figure in brackets.
"""

from __future__ import annotations

import pytest

from aimaq.records import Sentence
from aimaq.stages.amounts import find_amounts
from amount_checks import amounts_of as _amounts
from amount_checks import changes_of as _changes
from amount_checks import view as _view


# --- periods and multipliers: how long, which period, how many times ----------------------------------------
@pytest.mark.parametrize(("lang", "text"), [
    ("kk", "Жыл басынан бергі 8 айдағы көрсеткіштер жарияланды."),
    ("kk", "Өткен жылдың алты айының нәтижелері шықты."),
    ("kk", "Биылғы жылдың 5 айында жоспар орындалды."),
    ("kk", "Тауар айналымы 3 есеге ұлғайды."),
    ("kk", "Өнім көлемі 1,5 есе артты."),
    ("kk", "Ауданда 40 рет рейд өткізілді."),
    ("kk", "Облыста екі ауысымды мектеп қалмады."),
    ("kk", "Бағдарлама 2024-27 жылдарға арналған."),
    ("kk", "Жарысқа 15 жастағы жасөспірім қатысты."),
    ("kk", "Ол 40 жасында кәсіп ашты."),
    ("kk", "Жиналыс жарты сағаттай созылды."),
    ("ru", "Итоги 7 месяцев подвели в акимате."),
    ("ru", "Объем вырос в 3,2 раза."),
    ("ru", "Экспорт увеличился в полтора раза."),
    ("ru", "Кредиты выдаются на 3-5 лет."),
    ("ru", "Четыре года назад проект только начинался."),
    ("ru", "В лагерь принимают детей от 7 до 12 лет."),
])
def test_amounts_releases_periods_and_multipliers_are_no_amounts(lang: str, text: str) -> None:
    assert _amounts(text, lang) == []


@pytest.mark.parametrize(("lang", "text", "value", "unit"), [
    ("kk", "Жыл басынан бері 14 ауылда 6 мектеп салынды.", 6, "мектеп"),
    ("ru", "За 5 месяцев построено 12 школ.", 12, "школа"),
])
def test_amounts_releases_count_after_a_period_is_kept(lang: str, text: str, value: float, unit: str) -> None:
    assert (value, unit) in [(a.value, a.unit) for a in _amounts(text, lang)]


def test_amounts_releases_russian_lemma_is_folded() -> None:
    (a,) = _amounts("В новом корпусе учатся 640 детей и их учителя.", "ru")
    assert a.unit == "ребенок"


# --- a number written partly in words, partly in digits -------------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "value", "span"), [
    ("ru", "Портфель проектов оценивается в три триллиона 450 миллиардов тенге.", 3.45e12,
     "три триллиона 450 миллиардов тенге"),
    ("ru", "На ремонт дорог направят семь миллиардов 250 миллионов тенге.", 7.25e9, "семь миллиардов 250 миллионов тенге"),
    ("ru", "Бюджет программы – 4 млрд триста миллионов тенге.", 4.3e9, "4 млрд триста миллионов тенге"),
    ("kk", "Жобаларға төрт миллиард 700 миллион теңге бөлінді.", 4.7e9, "төрт миллиард 700 миллион теңге"),
])
def test_amounts_releases_words_and_digits_are_one_number(lang: str, text: str, value: float, span: str) -> None:
    (a,) = _amounts(text, lang)
    assert (a.kind, a.value, a.currency, a.text) == ("money", value, "KZT", span)


# --- qualifiers: a verb before the number, 'кем дегенде', 'и более' of the next number, 'до' as a target ------
@pytest.mark.parametrize(("lang", "text", "value", "qualifier"), [
    ("ru", "Товарооборот с соседями превысил 900 млн долларов.", 9e8, "more_than"),
    ("ru", "Доля малого бизнеса в экономике превышает 35 процентов.", 35, "more_than"),
    ("ru", "Число туристов превысило 120 тысяч.", 120_000, "more_than"),
    ("ru", "Износ сетей не превышает 40%.", 40, "up_to"),
    ("ru", "К 2027 году ожидается рост выпуска до 1,5 трлн тенге.", 1.5e12, "exact"),
    ("ru", "Власти планируют увеличить посевы до 900 тысяч гектаров.", 900_000, "exact"),
    ("ru", "Субсидии выдаются в размере до 3 млн тенге.", 3e6, "up_to"),
    ("kk", "Өңірде кем дегенде 15 кәсіпорын ашылады.", 15, "more_than"),
    ("kk", "Егіс көлемін 800 мың гектарға дейін ұлғайтып отырмыз.", 800_000, "exact"),
    ("kk", "Өнім көлемін 2 трлн теңгеге дейін жеткізіп, экспортты арттырамыз.", 2e12, "exact"),
    ("kk", "Әр жобаға 3 млн теңгеге дейін грант беріледі.", 3e6, "up_to"),
])
def test_amounts_releases_qualifiers(lang: str, text: str, value: float, qualifier: str) -> None:
    (a,) = _amounts(text, lang)
    assert (a.value, a.qualifier) == (value, qualifier)


def test_amounts_releases_and_more_belongs_to_the_next_number() -> None:
    found = _amounts("На форум приехали делегации 15 стран и более 60 компаний.", "ru")
    assert _view(found) == [("count", 15, "exact", "страна"), ("count", 60, "more_than", "компания")]


# --- units of measure of two words ------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "text", "value", "qualifier", "unit"), [
    ("kk", "Биыл 420 мың шаршы метр тұрғын үй салынды.", 420_000, "exact", "шаршы метр"),
    ("kk", "Қалада 95 мың шаршы метрден астам баспана берілді.", 95_000, "more_than", "шаршы метр"),
    ("kk", "Зауыт жылына 2 млрд текше метр газ өңдейді.", 2e9, "exact", "текше метр"),
    ("kk", "Ауданда 18 көпқабатты тұрғын үй бой көтерді.", 18, "exact", "үй"),
    ("ru", "В городе сдано 310 тыс. кв. метров жилья.", 310_000, "exact", "кв. метр"),
    ("ru", "Введено 2,4 млн квадратных метров жилья.", 2.4e6, "exact", "квадратный метр"),
    ("ru", "Станция очистит 40 тыс. куб. м воды в сутки.", 40_000, "exact", "куб. м"),
])
def test_amounts_releases_two_word_units(lang: str, text: str, value: float, qualifier: str, unit: str) -> None:
    (a,) = _amounts(text, lang)
    assert (a.kind, a.value, a.qualifier, a.unit) == ("count", value, qualifier, unit)


# --- the head of a Kazakh noun phrase after a number ------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Ауданда 35 су арнасы тазартылды.", 35, "арна"),
    ("Облыста 60-тан астам су арнасына жөндеу жүргізіледі.", 60, "арна"),
    ("Биыл 27 денсаулық сақтау нысаны салынады.", 27, "нысан"),
    ("Өңірде 9 сумен жабдықтау жобасы іске асты.", 9, "жоба"),
    ("Ауылда 15 кәсіпкер тұрғыны несие алды.", 15, "тұрғын"),
    ("Мектепте 1 500 оқушы орны бар.", 1500, "орын"),
    ("Дүкендер үш азық түрімен қамтылады.", 3, "түр"),
    ("Қалада 7 ет өңдейтін цех жұмыс істейді.", 7, "цех"),
    ("Ауданда 4 сүт тауарлы ферма ашылды.", 4, "ферма"),
    ("Көшеге 600 түп терек ағашы отырғызылды.", 600, "ағаш"),
    ("Жиынға 30-ға жуық ірі мұнай-газ компаниясын шақырды.", 30, "компания"),
    ("Қалада 8 бизнес-орталығы ашылды.", 8, "бизнес-орталық"),
    ("Ауданда 6 мектеп құрылысы басталды.", 6, "мектеп"),
    ("Жыл соңына дейін 120 шақырым су құбыры тартылады.", 120, "шақырым"),
    ("Облыста 12 жоба жыл соңына дейін аяқталады.", 12, "жоба"),
    ("Ауданда 31 ауылдағы тұрғындар газбен қамтылды.", 31, "ауыл"),
    ("Жоспарға сәйкес 11 жобасын іске қосу көзделген.", 11, "жоба"),
    ("Облыста 5 мыңға жуық мүмкіндігі шектеулі адам тұрады.", 5000, "адам"),
    ("Қалада 300-ге жуық кәсіпорын жұмысын қайта бастады.", 300, "кәсіпорын"),
    ("Біз 14 аялдама салу жөнінде ұсыныс бердік.", 14, "аялдама"),
    ("Тізімнен 120 адам шыққаны белгілі болды.", 120, "адам"),
    ("Ауданда 350 бала тексерілуі керек.", 350, "бала"),
    ("Қалада 500 ТП-ға жаңа құрылғы қойылды.", 500, "тп"),
    ("Биыл 344 жас баспаналы болды.", 344, "жас"),
])
def test_amounts_releases_kazakh_noun_phrase_head(text: str, value: float, unit: str) -> None:
    (a,) = [a for a in _amounts(text, "kk") if a.value == value]
    assert (a.kind, a.unit) == ("count", unit)


def test_amounts_releases_number_of_rooms_before_a_count_of_houses() -> None:
    found = _amounts("Қалада 960 пәтерлі 14 тұрғын үй салынып жатыр.", "kk")
    assert _view(found) == [("count", 960, "exact", "пәтер"), ("count", 14, "exact", "үй")]


# --- a part of a count stated before: possessive numbers, lists after 'из них', 'из них' after, 'еще' ----------
@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("kk", "Ауданда 45 кәсіпорын бар, оның 12-сі ірі, 33-і шағын.",
     [(45, "кәсіпорын"), (12, "кәсіпорын"), (33, "кәсіпорын")]),
    ("kk", "Биыл 30 мың жұмыс орны ашылды, оның 21 мыңы — тұрақты.", [(30_000, "орын"), (21_000, "орын")]),
    ("kk", "Өңірде 9 жылыжайдың құрылысы жүріп жатыр, оның бесеуі күзде іске қосылады.",
     [(9, "жылыжай"), (5, "жылыжай")]),
    ("kk", "Отбасыларға 1 200 пәтер берілді, 300-і көпбалалы отбасыларға тиесілі.", [(1200, "пәтер"), (300, "пәтер")]),
    ("ru", "В районе 120 хозяйств, из них 15 крупных, 40 средних и 65 мелких.",
     [(120, "хозяйство"), (15, "хозяйство"), (40, "хозяйство"), (65, "хозяйство")]),
    ("ru", "В городе работает 52 клуба, 30 из них бесплатные.", [(52, "клуб"), (30, "клуб")]),
    ("ru", "Обучение прошли 900 слушателей, из которых более 400 уже трудоустроены.",
     [(900, "слушатель"), (400, "слушатель")]),
    ("ru", "Построено 14 новых мостов и отремонтировано еще 9.", [(14, "мост"), (9, "мост")]),
    ("ru", "Открыты 12 спортивных и 8 музыкальных школ.", [(12, "школа"), (8, "школа")]),
])
def test_amounts_releases_part_of_an_earlier_count(lang: str, text: str, expected: list) -> None:
    assert [(a.value, a.unit) for a in _amounts(text, lang)] == expected


@pytest.mark.parametrize("text", [
    "Оның 12-сі ірі кәсіпорын.",  # no count before it in the sentence
    "Оның алтауы жыл соңына дейін аяқталады.",
])
def test_amounts_releases_possessive_number_without_an_earlier_count(text: str) -> None:
    assert _amounts(text, "kk") == []


# --- Russian: an adverb inside the noun phrase, a plural genitive heading before a dash --------------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Число постоянно действующих участников рынка достигло 2 тысяч.", 2000, "участник"),
    ("Открыт цех по выпуску мебели. Рабочих мест – 85.", 85, "место"),
    ("Новых рабочих мест – 40, инвестиции – 2 млрд тенге.", 40, "место"),
])
def test_amounts_releases_russian_phrase_forms(text: str, value: float, unit: str) -> None:
    (a,) = [a for a in _amounts(text, "ru") if a.kind == "count"]
    assert (a.value, a.unit) == (value, unit)


@pytest.mark.parametrize("text", ["Мощность – 300.", "Итого – 12.", "Прибыло 300 вчера вечером."])
def test_amounts_releases_no_heading_without_a_plural_genitive(text: str) -> None:
    assert _amounts(text, "ru") == []


# --- a prior-period figure in brackets is the value before the figure it follows --------------------------------
@pytest.mark.parametrize(("lang", "text", "before", "after"), [
    ("kk", "Жыл басынан бері салық түсімі 318,2 млрд теңгені құрады (2024 жылдың 9 айы – 287,5 млрд теңге).",
     287.5e9, 318.2e9),
    ("kk", "Бөлшек сауда көлемі 96 млрд теңге (өткен жылдың осы кезеңінде – 88 млрд теңге).", 88e9, 96e9),
    ("ru", "Объем инвестиций составил 41,7 млрд тенге (за аналогичный период прошлого года – 35,2 млрд).",
     35.2e9, 41.7e9),
    ("ru", "Создано 2 300 рабочих мест (в 2023 году – 1 850).", 1850, 2300),
    ("ru", "Рост ВРП составил 6,1% (в 2024 году – 4,8%).", 4.8, 6.1),
])
def test_amounts_releases_prior_period_in_brackets(lang: str, text: str, before: float, after: float) -> None:
    (change,) = _changes(text, lang)
    assert (change.before.value, change.after.value) == (before, after)
    assert text[change.start : change.end].endswith(")")


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "В 2024 году выпуск составил 5 трлн тенге (в 2025 году – 6 трлн тенге)."),  # a later year: a plan
    ("ru", "Выделено 3 млрд тенге (из них 1 млрд – на дороги)."),  # no period in the brackets
    ("ru", "Открыто 12 школ (в 2023 году – 5 млрд тенге)."),  # not the same quantity
    ("kk", "Биыл 40 жоба іске асты. (2023 жылы – 31 жоба)"),  # another sentence
])
def test_amounts_releases_no_prior_period_change(lang: str, text: str) -> None:
    assert _changes(text, lang) == []


def test_amounts_releases_prior_period_gives_the_fact_its_value_before() -> None:
    from aimaq.pipeline import extract_text
    doc = extract_text("Инвестиции в основной капитал Павлодарской области составили 612,4 млрд тенге "
                       "(за аналогичный период прошлого года – 540,1 млрд тенге).", date="2025-10-01")
    assert [(f.value, f.value_before) for f in doc.facts if f.value_before is not None] == [(612.4e9, 540.1e9)]


def test_amounts_releases_possessive_number_opening_a_sentence_takes_the_count_before() -> None:
    text = "Биыл ауданда 14 балабақша мен 9 мектеп салынды. Оның 5-і жаңа жобамен салынды."
    cut = text.index("Оның")
    sentences = [Sentence(0, cut - 1, "kk"), Sentence(cut, len(text), "kk")]
    found = find_amounts(text, sentences, "kk")
    assert [(a.value, a.unit) for a in found] == [(14, "балабақша"), (9, "мектеп"), (5, "мектеп")]
