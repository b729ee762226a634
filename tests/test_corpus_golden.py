"""The pipeline against the hand-checked golden corpus (tests/corpus/expected/*.json).

Language, date, title and the set of regions must match exactly on every document. Amounts, facts and
people are scored as a whole (recall and precision, `aimaq eval golden tests/corpus` prints each
mismatch); a change that drops a score below the floor in tests/corpus/quality_floor.json fails here.
Raise the floor when the extraction improves; never lower it to make a change pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aimaq.evaluate.golden import Report, evaluate

CORPUS = Path(__file__).resolve().parent / "corpus"
FLOOR = json.loads((CORPUS / "quality_floor.json").read_text(encoding="utf-8"))
STRICT = ("lang:", "date:", "title:", "regions:")


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return {r.name: r for r in evaluate(CORPUS)}


@pytest.mark.parametrize("name", [p.name for p in sorted(CORPUS.glob("*.txt"))])
def test_golden_document_language_date_title_regions(reports: dict[str, Report], name: str) -> None:
    wrong = [p for p in reports[name].problems if p.startswith(STRICT)]
    assert not wrong, wrong


@pytest.mark.parametrize("what", sorted(FLOOR))
def test_golden_scores_stay_above_floor(reports: dict[str, Report], what: str) -> None:
    correct = sum(r.counts[what][0] for r in reports.values())
    expected = sum(r.counts[what][1] for r in reports.values())
    found = sum(r.counts[what][2] for r in reports.values())
    recall, precision = correct / expected, correct / max(found, 1)
    problems = [f"{n}: {p}" for n, r in reports.items() for p in r.problems if what.rstrip("s") in p]
    assert recall >= FLOOR[what]["recall"], (f"{what} recall {recall:.3f}", problems)
    assert precision >= FLOOR[what]["precision"], (f"{what} precision {precision:.3f}", problems)
