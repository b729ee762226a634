"""Checks on the held-out corpus and its golden expectations (tests/heldout/).

The held-out set is for measuring only: nothing is tuned on it. These tests do not run the pipeline;
they apply the golden-file checks of test_corpus_files.py to tests/heldout (every quoted substring is
in its document, values agree with their text, regions are valid codes, pairs agree). The reference
parser is widened for the number words and en-dash ranges the held-out texts use.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from test_corpus_files import (
    AMOUNT_KEYS,
    CURRENCIES,
    FACT_KEYS,
    FACT_OPTIONAL_KEYS,
    FACT_TYPES,
    HEADER_RE,
    KINDS,
    NAME_RE,
    NUMBER_WORDS,
    QUALIFIERS,
    REGIONS_2022,
    TOP_KEYS,
    _locate_amounts,
    _reference_values,
    _signature,
)

HELDOUT = Path(__file__).resolve().parent / "heldout"
EXPECTED = HELDOUT / "expected"
PAIRS = HELDOUT / "pairs.json"

HELDOUT_NUMBER_WORDS = {
    **NUMBER_WORDS,
    "бес": 5, "он бес": 15, "жиырма": 20,
    "шесть": 6, "пятнадцать": 15, "двадцать две": 22, "двадцать пять": 25,
}
RANGE_RE = re.compile(r"(\d+)[-–](\d+)")

DOCS = sorted(HELDOUT.glob("*.txt"))
DOC_IDS = [p.stem for p in DOCS]


def _text(doc: Path) -> str:
    return doc.read_text(encoding="utf-8")


def _expected(doc: Path) -> dict:
    return json.loads((EXPECTED / f"{doc.stem}.json").read_text(encoding="utf-8"))


def _heldout_values(text: str) -> list[Decimal]:
    """Reference values: the corpus parser plus the held-out number words and en-dash ranges."""
    if text in HELDOUT_NUMBER_WORDS:
        return [Decimal(HELDOUT_NUMBER_WORDS[text])]
    if match := RANGE_RE.fullmatch(text):
        return [Decimal(match.group(1)), Decimal(match.group(2))]
    return _reference_values(text)


def test_heldout_files_sixteen_documents_eight_per_language() -> None:
    langs = Counter(NAME_RE.match(p.name).group(2) for p in DOCS if NAME_RE.match(p.name))
    assert len(DOCS) == 16
    assert langs["kk"] == 8 and langs["ru"] == 8


def test_heldout_files_every_expected_file_has_a_document() -> None:
    assert sorted(p.stem for p in EXPECTED.glob("*.json")) == DOC_IDS


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_heldout_files_name_length_and_expected_file(doc: Path) -> None:
    assert NAME_RE.match(doc.name), doc.name
    assert 400 <= len(_text(doc)) <= 1500
    assert (EXPECTED / f"{doc.stem}.json").is_file()


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_heldout_files_expected_shape(doc: Path) -> None:
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
        assert (fact["currency"] in CURRENCIES) == (fact["type"] in {"investment", "project_cost", "budget", "funding"})


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_heldout_files_header_matches_date_and_title(doc: Path) -> None:
    exp = _expected(doc)
    header = HEADER_RE.match(_text(doc).partition("\n")[0])
    assert (exp["date"], exp["title"]) == (header.groups() if header else (None, None))


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_heldout_files_regions_are_valid_codes(doc: Path) -> None:
    exp = _expected(doc)
    assert set(exp["regions"]) <= REGIONS_2022
    assert len(set(exp["regions"])) == len(exp["regions"])
    assert exp["main_region"] in exp["regions"]
    assert {f["region"] for f in exp["facts"]} <= set(exp["regions"])


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_heldout_files_amount_texts_occur_in_order(doc: Path) -> None:
    spans = _locate_amounts(_text(doc), _expected(doc))
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_heldout_files_amount_values_agree_with_text(doc: Path) -> None:
    for amount in _expected(doc)["amounts"]:
        wanted = [amount["value"]] + ([amount["value_max"]] if amount["value_max"] is not None else [])
        assert _heldout_values(amount["text"]) == [Decimal(str(v)) for v in wanted], amount["text"]


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_heldout_files_not_amounts_and_evidence_occur(doc: Path) -> None:
    text, exp = _text(doc), _expected(doc)
    body = text[len(text.partition("\n")[0]) + 1:] if exp["date"] else text
    for needle in exp["not_amounts"]:
        assert needle in body, needle
    for fact in exp["facts"]:
        assert fact["evidence_contains"] in body, fact["evidence_contains"]


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_heldout_files_fact_values_are_listed_amounts(doc: Path) -> None:
    exp = _expected(doc)
    listed = {(a["kind"], a["value"], a["currency"]) for a in exp["amounts"]}
    for fact in exp["facts"]:
        kind = "percent" if fact["type"] == "share" else "money" if fact["currency"] else "count"
        assert (kind, fact["value"], fact["currency"]) in listed, fact
        if fact["value_before"] is not None:
            assert (kind, fact["value_before"], fact["currency"]) in listed, fact


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_heldout_files_people_are_in_text(doc: Path) -> None:
    text = _text(doc)
    people = _expected(doc)["people"]
    assert people
    for person in people:
        first, surname = person["name"].split(" ", 1)
        assert first in text and surname[:5] in text, person["name"]
        role = person["role_contains"]
        assert role is None or (role == role.lower() and role in text.lower()), role


def test_heldout_files_translation_pairs_exist_and_agree() -> None:
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))
    assert len(pairs["translations"]) >= 2
    for left, right in pairs["translations"]:
        a, b = HELDOUT / left, HELDOUT / right
        assert a.is_file() and b.is_file()
        ea, eb = _expected(a), _expected(b)
        assert ea["lang"] != eb["lang"]
        assert ea["regions"] == eb["regions"] and ea["main_region"] == eb["main_region"]
        assert _signature(ea, False) == _signature(eb, False)


def test_heldout_files_exercise_every_rule() -> None:
    expected = [_expected(d) for d in DOCS]
    amounts = [a for e in expected for a in e["amounts"]]
    assert {a["qualifier"] for a in amounts} == QUALIFIERS
    assert {a["kind"] for a in amounts} == KINDS
    assert {"KZT", "USD", "EUR"} <= {a["currency"] for a in amounts if a["currency"]}
    assert any(a["value_max"] for a in amounts)
    assert set(HELDOUT_NUMBER_WORDS) - set(NUMBER_WORDS) <= {a["text"] for a in amounts}
    assert any(f["value_before"] for e in expected for f in e["facts"])
    assert {f["type"] for e in expected for f in e["facts"]} == FACT_TYPES
    assert sum(e["date"] is not None for e in expected) >= 4
    assert sum(e["date"] is None for e in expected) >= 4


def test_heldout_files_do_not_repeat_the_tuning_corpus() -> None:
    corpus = Path(__file__).resolve().parent / "corpus"
    seen = {line for p in corpus.glob("*.txt") for line in _text(p).splitlines() if len(line) > 40}
    for doc in DOCS:
        assert not seen & set(_text(doc).splitlines()), doc.name
