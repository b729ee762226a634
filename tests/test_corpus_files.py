"""Checks on the hand-written corpora and their golden expectations (tests/corpus/, tests/heldout/).

These tests do not run the pipeline: they keep the golden files honest, so that tests which do run it
can trust them (every quoted substring is really in its document, values agree with their text,
regions are valid ISO 3166-2:KZ codes of the 2022 division, pairs exist). tests/corpus is the
development set; tests/heldout (written blind, for measuring only) gets the same per-document checks.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent / "corpus"
HELDOUT = Path(__file__).resolve().parent / "heldout"

REGIONS_2022 = frozenset({
    "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
    "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79",
})
FACT_TYPES_V1 = frozenset({
    "investment", "project_cost", "budget", "funding", "jobs", "enterprises", "projects", "events",
    "applications", "people", "settlements", "share",
})
MONEY_TYPES = frozenset({"investment", "project_cost", "budget", "funding", "procurement", "tax_revenue", "output",
                         "trade", "grp", "wage"})
PERCENT_TYPES = frozenset({"share", "growth"})
FACT_TYPES = FACT_TYPES_V1 | MONEY_TYPES | PERCENT_TYPES | {"facilities", "housing", "roads", "production"}
KINDS = frozenset({"money", "count", "percent"})
QUALIFIERS = frozenset({"exact", "approx", "more_than", "less_than", "up_to"})
CURRENCIES = frozenset({"KZT", "USD", "EUR", "RUB"})
TOP_KEYS = ["lang", "date", "title", "regions", "main_region", "people", "amounts", "not_amounts", "facts"]
AMOUNT_KEYS = {"text", "kind", "value", "value_max", "qualifier", "currency", "unit"}
FACT_KEYS = {"type", "value", "value_before", "currency", "region", "evidence_contains"}
FACT_OPTIONAL_KEYS = {"value_max"}

NAME_RE = re.compile(r"^(\d{3})_(kk|ru)_[a-z0-9_]+\.txt$")
HEADER_RE = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) (.+)$")
NUMBER_RE = re.compile(r"(\d{1,3}(?: \d{3})+(?!\d)|\d+(?:[.,]\d+)?)(?:\s*(трлн|млрд|млн|мың|тыс))?")
SCALES = {None: 1, "": 1, "трлн": 10**12, "млрд": 10**9, "млн": 10**6, "мың": 10**3, "тыс": 10**3}
NUMBER_WORDS = {
    "төрт": 4, "жеті": 7, "он екі": 12, "екі жүз": 200,
    "три": 3, "четыре": 4, "семь": 7, "двенадцать": 12,
}
HELDOUT_NUMBER_WORDS = {  # the number words the held-out texts add
    "бес": 5, "он бес": 15, "жиырма": 20,
    "шесть": 6, "пятнадцать": 15, "двадцать две": 22, "двадцать пять": 25,
}
ALL_NUMBER_WORDS = NUMBER_WORDS | HELDOUT_NUMBER_WORDS

DOCS = sorted(CORPUS.glob("*.txt"))
HELDOUT_DOCS = sorted(HELDOUT.glob("*.txt"))
ALL_DOCS = DOCS + HELDOUT_DOCS
ALL_IDS = [f"{p.parent.name}/{p.stem}" for p in ALL_DOCS]


def _text(doc: Path) -> str:
    return doc.read_text(encoding="utf-8")


def _expected(doc: Path) -> dict:
    return json.loads((doc.parent / "expected" / f"{doc.stem}.json").read_text(encoding="utf-8"))


def _body_start(text: str) -> int:
    """Offset of the body: after the ' date YYYY-MM-DD Title' header line when there is one."""
    first, _, _ = text.partition("\n")
    return len(first) + 1 if HEADER_RE.match(first) else 0


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]


def _is_number_boundary(text: str, start: int, end: int, needle: str) -> bool:
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum():
        return False
    if before in ",. " and start >= 2 and text[start - 2].isdigit() and (before != " " or needle[:3].isdigit()):
        return False  # decimal tail ('4,5' -> '5') or a space-group tail ('3 200' -> '200')
    if needle[-1].isdigit() and (after.isdigit() or (after in ",." and text[end + 1: end + 2].isdigit())):
        return False
    return not (needle.replace(" ", "").isalpha() and after.isalpha())


def _locate_amounts(text: str, expected: dict) -> list[tuple[int, int]]:
    """Find every amount text in document order, on number boundaries, outside every not_amounts span."""
    blocked = [s for na in expected["not_amounts"] for s in _spans(text, na)]
    found: list[tuple[int, int]] = []
    cursor = _body_start(text)
    for amount in expected["amounts"]:
        needle = amount["text"]
        for start, end in _spans(text, needle):
            free = all(end <= b0 or start >= b1 for b0, b1 in blocked)
            if start >= cursor and free and _is_number_boundary(text, start, end, needle):
                found.append((start, end))
                cursor = end
                break
        else:
            raise AssertionError(f"amount {needle!r} not found in order after offset {cursor}")
    return found


def _reference_values(text: str) -> list[Decimal]:
    """Values written in an amount text: number words, or digits with scale words summed per number."""
    if text in ALL_NUMBER_WORDS:
        return [Decimal(ALL_NUMBER_WORDS[text])]
    parts = re.split("[-–]", text) if re.fullmatch(r"\d+[-–]\d+", text) else [text]
    values = []
    for part in parts:
        total = Decimal(0)
        for number, scale in NUMBER_RE.findall(part):
            total += Decimal(number.replace(" ", "").replace(",", ".")) * SCALES[scale or None]
        values.append(total)
    return values


def test_corpus_files_has_enough_documents_per_language() -> None:
    langs = Counter(NAME_RE.match(p.name).group(2) for p in DOCS if NAME_RE.match(p.name))
    assert len(DOCS) >= 24
    assert langs["kk"] >= 12 and langs["ru"] >= 12


def test_corpus_files_heldout_has_sixteen_documents_eight_per_language() -> None:
    langs = Counter(NAME_RE.match(p.name).group(2) for p in HELDOUT_DOCS if NAME_RE.match(p.name))
    assert len(HELDOUT_DOCS) == 16
    assert langs["kk"] == 8 and langs["ru"] == 8


@pytest.mark.parametrize("doc", ALL_DOCS, ids=ALL_IDS)
def test_corpus_files_name_length_and_expected_file(doc: Path) -> None:
    assert NAME_RE.match(doc.name), doc.name
    assert 400 <= len(_text(doc)) <= 1500
    assert (doc.parent / "expected" / f"{doc.stem}.json").is_file()


@pytest.mark.parametrize("folder", [CORPUS, HELDOUT], ids=["corpus", "heldout"])
def test_corpus_files_every_expected_file_has_a_document(folder: Path) -> None:
    assert sorted(p.stem for p in (folder / "expected").glob("*.json")) == sorted(p.stem for p in folder.glob("*.txt"))


@pytest.mark.parametrize("doc", ALL_DOCS, ids=ALL_IDS)
def test_corpus_files_expected_shape(doc: Path) -> None:
    exp = _expected(doc)
    assert list(exp) == TOP_KEYS
    assert exp["lang"] == NAME_RE.match(doc.name).group(2)
    for amount in exp["amounts"]:
        assert set(amount) == AMOUNT_KEYS
        assert amount["kind"] in KINDS and amount["qualifier"] in QUALIFIERS
        assert (amount["currency"] in CURRENCIES) == (amount["kind"] == "money")
        assert (amount["unit"] is not None) == (amount["kind"] == "count")
        assert amount["value_max"] is None or amount["value_max"] > amount["value"]
    for fact in exp["facts"]:
        assert FACT_KEYS <= set(fact) <= FACT_KEYS | FACT_OPTIONAL_KEYS
        assert fact["type"] in FACT_TYPES
        assert (fact["currency"] in CURRENCIES) == (fact["type"] in MONEY_TYPES)


@pytest.mark.parametrize("doc", ALL_DOCS, ids=ALL_IDS)
def test_corpus_files_header_matches_date_and_title(doc: Path) -> None:
    exp = _expected(doc)
    header = HEADER_RE.match(_text(doc).partition("\n")[0])
    assert (exp["date"], exp["title"]) == (header.groups() if header else (None, None))


@pytest.mark.parametrize("doc", ALL_DOCS, ids=ALL_IDS)
def test_corpus_files_regions_are_valid_codes(doc: Path) -> None:
    exp = _expected(doc)
    assert set(exp["regions"]) <= REGIONS_2022
    assert len(set(exp["regions"])) == len(exp["regions"])
    assert exp["main_region"] in exp["regions"]
    assert {f["region"] for f in exp["facts"]} <= set(exp["regions"])


def test_corpus_files_cover_all_twenty_regions() -> None:
    expected = [_expected(d) for d in DOCS]
    assert {code for e in expected for code in e["regions"]} == REGIONS_2022
    assert {e["main_region"] for e in expected} == REGIONS_2022


@pytest.mark.parametrize("doc", ALL_DOCS, ids=ALL_IDS)
def test_corpus_files_amount_texts_occur_in_order(doc: Path) -> None:
    spans = _locate_amounts(_text(doc), _expected(doc))
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)


@pytest.mark.parametrize("doc", ALL_DOCS, ids=ALL_IDS)
def test_corpus_files_amount_values_agree_with_text(doc: Path) -> None:
    for amount in _expected(doc)["amounts"]:
        values = _reference_values(amount["text"])
        wanted = [amount["value"]] + ([amount["value_max"]] if amount["value_max"] is not None else [])
        assert values == [Decimal(str(v)) for v in wanted], amount["text"]


@pytest.mark.parametrize("doc", ALL_DOCS, ids=ALL_IDS)
def test_corpus_files_not_amounts_and_evidence_occur_in_the_body(doc: Path) -> None:
    text, exp = _text(doc), _expected(doc)
    body = text[_body_start(text):]
    for needle in exp["not_amounts"]:
        assert needle in body, needle
    for fact in exp["facts"]:
        assert fact["evidence_contains"] in body, fact["evidence_contains"]


@pytest.mark.parametrize("doc", ALL_DOCS, ids=ALL_IDS)
def test_corpus_files_fact_values_are_listed_amounts(doc: Path) -> None:
    exp = _expected(doc)
    listed = {(a["kind"], a["value"], a["currency"]) for a in exp["amounts"]}
    for fact in exp["facts"]:
        kind = "percent" if fact["type"] in PERCENT_TYPES else "money" if fact["currency"] else "count"
        assert (kind, fact["value"], fact["currency"]) in listed, fact
        if fact["value_before"] is not None:
            assert (kind, fact["value_before"], fact["currency"]) in listed, fact


@pytest.mark.parametrize("doc", ALL_DOCS, ids=ALL_IDS)
def test_corpus_files_people_are_in_text(doc: Path) -> None:
    text = _text(doc)
    people = _expected(doc)["people"]
    assert people
    for person in people:
        first, surname = person["name"].split(" ", 1)
        assert first in text and surname[:5] in text, person["name"]
        role = person["role_contains"]
        assert role is None or (role == role.lower() and role in text.lower()), role


def _signature(exp: dict, with_text: bool) -> list[tuple]:
    amounts = [(a["kind"], a["value"], a["value_max"], a["currency"]) + ((a["text"],) if with_text else ())
               for a in exp["amounts"]]
    facts = [(f["type"], f["value"], f["value_before"], f["currency"]) for f in exp["facts"]]
    return sorted(amounts) + sorted(facts)


@pytest.mark.parametrize(("folder", "translations", "reposts"), [(CORPUS, 4, 2), (HELDOUT, 2, 0)],
                         ids=["corpus", "heldout"])
def test_corpus_files_pairs_exist_and_agree(folder: Path, translations: int, reposts: int) -> None:
    pairs = json.loads((folder / "pairs.json").read_text(encoding="utf-8"))
    assert len(pairs["translations"]) >= translations and len(pairs.get("reposts", [])) >= reposts
    for relation, same_lang in (("translations", False), ("reposts", True)):
        for left, right in pairs.get(relation, []):
            a, b = folder / left, folder / right
            assert a.is_file() and b.is_file()
            ea, eb = _expected(a), _expected(b)
            assert (ea["lang"] == eb["lang"]) == same_lang
            assert ea["regions"] == eb["regions"] and ea["main_region"] == eb["main_region"]
            assert _signature(ea, same_lang) == _signature(eb, same_lang)
            if same_lang:
                assert _text(a) != _text(b)


@pytest.mark.parametrize(("docs", "currencies", "number_words"), [
    (DOCS, CURRENCIES, NUMBER_WORDS),
    (HELDOUT_DOCS, frozenset({"KZT", "USD", "EUR"}), HELDOUT_NUMBER_WORDS),
], ids=["corpus", "heldout"])
def test_corpus_files_exercise_every_rule(docs: list[Path], currencies: frozenset[str],
                                          number_words: dict[str, int]) -> None:
    expected = [_expected(d) for d in docs]
    amounts = [a for e in expected for a in e["amounts"]]
    assert {a["qualifier"] for a in amounts} == QUALIFIERS
    assert currencies <= {a["currency"] for a in amounts if a["currency"]} <= CURRENCIES
    assert {a["kind"] for a in amounts} == KINDS
    assert any(a["value_max"] for a in amounts)
    assert set(number_words) <= {a["text"] for a in amounts}
    assert any(f["value_before"] for e in expected for f in e["facts"])
    assert FACT_TYPES_V1 <= {f["type"] for e in expected for f in e["facts"]} <= FACT_TYPES
    assert sum(e["date"] is not None for e in expected) >= 4
    assert sum(e["date"] is None for e in expected) >= 4


def test_corpus_files_heldout_does_not_repeat_the_development_corpus() -> None:
    seen = {line for p in DOCS for line in _text(p).splitlines() if len(line) > 40}
    for doc in HELDOUT_DOCS:
        assert not seen & set(_text(doc).splitlines()), doc.name
