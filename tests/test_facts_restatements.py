"""One fact per stated figure: restatements in the title and the body, the lead and a quote, and what is
not a restatement. Every sentence here is written for this test."""

import re

import pytest

from aimaq.evaluate.golden import compare
from aimaq.records import Amount, Document, Fact, Mention, Sentence, Span
from aimaq.serialize import to_record
from aimaq.stages.facts import FactInput, find_facts
from aimaq.stages.facts.restatements import span


def _sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences end at '.', '!', '?' or a line break; a title has no full stop."""
    return tuple(Sentence(m.start(), m.end(), "ru") for m in re.finditer(r"[^\s.!?][^.!?\n]*[.!?]?", text))


def _amount(text: str, needle: str, kind: str, value: float, unit: str | None = None, currency: str | None = None,
            nth: int = 0, qualifier: str = "exact") -> Amount:
    start = [m.start() for m in re.finditer(re.escape(needle), text)][nth]
    return Amount(kind, value, None, qualifier, currency, unit, needle, start, start + len(needle))


def _facts(text: str, *amounts: Amount, mentions: tuple[Mention, ...] = ()) -> list[Fact]:
    return find_facts(FactInput(text, None, _sentences(text), amounts, (), mentions, "KZ-15"))


def _span_of(text: str, piece: str) -> Span:
    start = text.index(piece)
    return Span(start, start + len(piece))


def test_facts_restatements_title_and_body_are_one_fact() -> None:
    text = "В районе открыли 12 школ\n\nЗа год в районе открыли 12 новых школ. Построено 3 моста."
    facts = _facts(text, _amount(text, "12", "count", 12, "школа"), _amount(text, "12", "count", 12, "школа", nth=1))
    assert [(f.type, f.value) for f in facts] == [("facilities", 12)]
    assert facts[0].evidence == _span_of(text, "В районе открыли 12 школ")
    assert facts[0].restatements == (_span_of(text, "За год в районе открыли 12 новых школ."),)


def test_facts_restatements_lead_and_quote_within_rounding() -> None:
    text = ("Ауданға 4 млрд теңге инвестиция тартылды. Жыл басынан бері 1 300 жаңа жұмыс орны ашылды. "
            "«Биыл 1,3 мың жаңа жұмыс орны ашылды», – деді әкім.")
    facts = _facts(text, _amount(text, "4 млрд теңге", "money", 4e9, currency="KZT"),
                   _amount(text, "1 300", "count", 1300, "орын"), _amount(text, "1,3 мың", "count", 1300, "орын"))
    assert [(f.type, f.value) for f in facts] == [("investment", 4e9), ("jobs", 1300)]
    assert facts[1].evidence == _span_of(text, "Жыл басынан бері 1 300 жаңа жұмыс орны ашылды.")
    assert facts[1].restatements == (_span_of(text, "«Биыл 1,3 мың жаңа жұмыс орны ашылды», – деді әкім."),)


def test_facts_restatements_generic_words_between_number_and_noun_do_not_differ() -> None:
    text = ("Привлечено 5 млрд тенге инвестиций. За три года построено 9 новых школ на 5 тысяч мест. "
            "Все 9 современных школ на 5 тысяч мест уже приняли учеников.")
    facts = _facts(text, _amount(text, "5 млрд тенге", "money", 5e9, currency="KZT"),
                   _amount(text, "9", "count", 9, "школа"), _amount(text, "5 тысяч", "count", 5000, "место"),
                   _amount(text, "9", "count", 9, "школа", nth=1),
                   _amount(text, "5 тысяч", "count", 5000, "место", nth=1))
    assert [(f.type, f.value, len(f.restatements)) for f in facts] == [("investment", 5e9, 0), ("facilities", 9, 1)]


def test_facts_restatements_a_more_precise_statement_gives_the_value() -> None:
    text = "Облыста 70-тен астам су арнасы жөнделеді\n\nБиыл облыста 76 су арнасы жөнделеді."
    facts = _facts(text, _amount(text, "70-тен", "count", 70, "арна", qualifier="more_than"),
                   _amount(text, "76", "count", 76, "арна"))
    assert [(f.type, f.value) for f in facts] == [("facilities", 76)]
    assert facts[0].restatements == (_span_of(text, "Облыста 70-тен астам су арнасы жөнделеді"),)


@pytest.mark.parametrize(
    ("text", "amounts"),
    [
        # different things of one type: the words between number and noun disagree
        ("Ауданға 4 млрд теңге инвестиция тартылды. Келер жылы 3 өтпелі жобаны аяқтаймыз. "
         "Сонымен қатар 3 жаңа жобаны бастаймыз.",
         [("4 млрд теңге", "money", 4e9, None, "KZT"), ("3", "count", 3, "жоба", None),
          ("3", "count", 3, "жоба", None)]),
        # a one-digit '3 трлн' is not a rounded '2,7 трлн'
        ("Привлечено 5 млрд тенге инвестиций. За год произведено продукции на 3 трлн тенге. "
         "За полугодие произведено продукции на 2,7 трлн тенге.",
         [("5 млрд тенге", "money", 5e9, None, "KZT"), ("3 трлн тенге", "money", 3e12, None, "KZT"),
          ("2,7 трлн тенге", "money", 2.7e12, None, "KZT")]),
        # two equal figures in one sentence are two things
        ("Привлечено 5 млрд тенге инвестиций. Выдано 40 грантов по 5 млн тенге и 40 кредитов по 5 млн тенге.",
         [("5 млрд тенге", "money", 5e9, None, "KZT"), ("5 млн тенге", "money", 5e6, None, "KZT"),
          ("5 млн тенге", "money", 5e6, None, "KZT")]),
    ],
)
def test_facts_restatements_not_the_same_thing(text: str, amounts: list[tuple]) -> None:
    made, seen = [], {}
    for needle, kind, value, unit, currency in amounts:
        nth = seen.get(needle, 0)
        seen[needle] = nth + 1
        made.append(_amount(text, needle, kind, value, unit, currency, nth=nth))
    facts = _facts(text, *made)
    assert len(facts) == len(amounts)
    assert all(f.restatements == () for f in facts)


def test_facts_restatements_need_the_same_region() -> None:
    text = ("Привлечено 5 млрд тенге инвестиций. В Актюбинской области создано 200 рабочих мест. "
            "В Атырауской области создано 200 рабочих мест.")
    mentions = (Mention("LOC", text.index("Актюбинской"), text.index("Актюбинской") + 19, "Актюбинской области",
                        "KZ-15"),
                Mention("LOC", text.index("Атырауской"), text.index("Атырауской") + 18, "Атырауской области", "KZ-23"))
    facts = _facts(text, _amount(text, "5 млрд тенге", "money", 5e9, currency="KZT"),
                   _amount(text, "200", "count", 200, "место"), _amount(text, "200", "count", 200, "место", nth=1),
                   mentions=mentions)
    assert [(f.type, f.region) for f in facts] == [("investment", "KZ-15"), ("jobs", "KZ-15"), ("jobs", "KZ-23")]


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "allowed"),
    [
        ("1,3 мың", 1300, "exact", (1250, 1350)),
        ("1 300", 1300, "exact", (1300, 1300)),
        ("3 трлн", 3e12, "exact", (3e12, 3e12)),
        ("70-тен", 70, "more_than", (70, 80)),
        ("4 тыс.", 4000, "approx", (3500, 4500)),
    ],
)
def test_facts_restatements_what_a_statement_allows(text: str, value: float, qualifier: str,
                                                    allowed: tuple[float, float]) -> None:
    amount = Amount("count", value, None, qualifier, None, None, text, 0, len(text))
    assert span(amount) == pytest.approx(allowed)


def test_facts_restatements_in_the_json_record_and_the_golden_report() -> None:
    text = "В районе открыли 12 школ\n\nЗа год в районе открыли 12 новых школ."
    facts = tuple(_facts(text, _amount(text, "12", "count", 12, "школа"),
                         _amount(text, "12", "count", 12, "школа", nth=1)))
    doc = Document("x", "x.txt", "ru", None, None, text, sentences=_sentences(text), facts=facts)
    record = to_record(doc)
    (fact,) = record["facts"]
    body = _span_of(text, "За год в районе открыли 12 новых школ.")
    assert fact["evidence"]["restatements"] == [{"start": body.start, "end": body.end}]
    expected = {"lang": "ru", "date": None, "title": None, "regions": [], "people": [], "amounts": [],
                "facts": [{"type": "facilities", "value": 12, "value_before": None, "currency": None,
                           "region": "KZ-15", "evidence_contains": "12 новых школ"}]}
    record |= {"regions": [], "main_region": "KZ-15"}
    report = compare(record, expected, "x.txt")
    assert report.counts["facts"] == [1, 1, 1] and report.counted_twice == 0


def test_facts_restatements_a_short_compound_and_its_full_form_are_one_unit() -> None:
    from aimaq import extract

    doc = extract("В районе открыли 9 детских садов на 1 800 мест.", title="9 детсадов приняли детей")
    gardens = [f for f in doc.facts if f.type == "facilities"]
    assert len(gardens) == 1 and gardens[0].value == 9 and len(gardens[0].restatements) == 1


def test_facts_restatements_a_subheading_and_the_paragraph_under_it_are_one_fact() -> None:
    from aimaq import extract

    text = ("Аким области сообщил, что за год построено 40 школ.\n\n12 новых поликлиник\n\n"
            "Врачи приняли первых пациентов. За год в области открыли 12 поликлиник, ещё 3 строятся.")
    clinics = [f for f in extract(text).facts if f.type == "facilities" and f.value == 12]
    assert len(clinics) == 1 and len(clinics[0].restatements) == 1
