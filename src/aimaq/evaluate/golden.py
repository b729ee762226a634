"""Compare extraction records with hand-checked golden expectations (tests/corpus/expected/*.json).

Used by the test suite and by ``python -m aimaq.evaluate.golden DIR`` to print every mismatch.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aimaq.pipeline import extract
from aimaq.records import ReadError
from aimaq.serialize import to_record
from aimaq.stages.entities import person_key
from aimaq.stages.read import iter_documents

AMOUNT_FIELDS = ("kind", "value", "value_max", "qualifier", "currency", "unit")
FACT_FIELDS = ("type", "value", "value_before", "currency", "region")


@dataclass
class Report:
    name: str
    problems: list[str] = field(default_factory=list)
    counts: dict[str, list[int]] = field(default_factory=dict)  # what -> [correct, expected, found]

    def count(self, what: str, correct: int, expected: int, found: int) -> None:
        self.counts[what] = [correct, expected, found]


def _occurrences(text: str, needle: str) -> Iterator[int]:
    pos = text.find(needle)
    while pos >= 0:
        yield pos
        pos = text.find(needle, pos + 1)


def _locate_in_order(text: str, needles: list[str]) -> list[int | None]:
    out, cursor = [], 0
    for needle in needles:
        pos = text.find(needle, cursor)
        if pos < 0:
            pos = text.find(needle)
        out.append(pos if pos >= 0 else None)
        if pos >= 0:
            cursor = pos + 1
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-6 * max(1.0, abs(a))
    return a == b


def _check_amounts(rec: dict, exp: dict, report: Report) -> None:
    text, found = rec["text"], rec["amounts"]
    positions = _locate_in_order(text, [a["text"] for a in exp["amounts"]])
    matched: set[int] = set()
    correct = 0
    for want, pos in zip(exp["amounts"], positions, strict=True):
        if pos is None:
            report.problems.append(f"amount text not in cleaned text: {want['text']!r}")
            continue
        end = pos + len(want["text"])
        near = [i for i, a in enumerate(found) if a["start"] < end and pos < a["end"]]
        good = [i for i in near if all(_same(found[i][k], want[k]) for k in AMOUNT_FIELDS)]
        if good:
            correct += 1
            matched.update(good)
            continue
        got = [{k: found[i][k] for k in ("text", *AMOUNT_FIELDS)} for i in near]
        report.problems.append(f"amount {want['text']!r}: want {[want[k] for k in AMOUNT_FIELDS]}, got {got or 'nothing'}")
        matched.update(near)
    for i, a in enumerate(found):
        if i not in matched:
            report.problems.append(f"extra amount {a['text']!r} -> {[a[k] for k in AMOUNT_FIELDS]}")
    for bad in exp.get("not_amounts", []):
        for pos in _occurrences(text, bad):
            hit = [a["text"] for a in found if a["start"] < pos + len(bad) and pos < a["end"]]
            if hit and bad not in {w["text"] for w in exp["amounts"]}:
                report.problems.append(f"not an amount {bad!r}, read as {hit}")
    report.count("amounts", correct, len(exp["amounts"]), len(found))


def _check_facts(rec: dict, exp: dict, report: Report) -> None:
    text, found = rec["text"], rec["facts"]
    used: set[int] = set()
    correct = 0
    for want in exp["facts"]:
        ok = [
            i for i, f in enumerate(found)
            if i not in used and all(_same(f[k], want[k]) for k in FACT_FIELDS)
            and want["evidence_contains"] in text[f["evidence"]["start"] : f["evidence"]["end"]]
        ]
        if ok:
            used.add(ok[0])
            correct += 1
        else:
            report.problems.append(f"fact missing: {[want[k] for k in FACT_FIELDS]} «{want['evidence_contains']}»")
    for i, f in enumerate(found):
        if i not in used:
            report.problems.append(f"extra fact: {[f[k] for k in FACT_FIELDS]}")
    report.count("facts", correct, len(exp["facts"]), len(found))


def _check_people(rec: dict, exp: dict, report: Report) -> None:
    people = [m for m in rec["mentions"] if m["type"] == "PER"]
    correct = 0
    for want in exp["people"]:
        same = [m for m in people if person_key(m["norm"] or m["text"]) == person_key(want["name"])]
        exact = [m for m in same if m["norm"] == want["name"]]
        role_ok = want["role_contains"] is None or any(
            m["role"] and want["role_contains"].lower() in m["role"].lower() for m in same)
        if exact and role_ok:
            correct += 1
        else:
            got = sorted({(m["norm"], m["role"]) for m in same})
            report.problems.append(f"person {want['name']!r} (role ~ {want['role_contains']!r}): got {got or 'nothing'}")
    report.count("people", correct, len(exp["people"]), len({m["norm"] for m in people}))


def compare(rec: dict, exp: dict, name: str = "") -> Report:
    report = Report(name)
    for key in ("lang", "date", "title"):
        if rec[key] != exp[key]:
            report.problems.append(f"{key}: want {exp[key]!r}, got {rec[key]!r}")
    got_regions = {r["code"] for r in rec["regions"]}
    if got_regions != set(exp["regions"]):
        report.problems.append(f"regions: want {sorted(exp['regions'])}, got {sorted(got_regions)}")
    _check_people(rec, exp, report)
    _check_amounts(rec, exp, report)
    _check_facts(rec, exp, report)
    return report


def evaluate(corpus: Path) -> list[Report]:
    reports = []
    for item in iter_documents([str(p) for p in sorted(corpus.glob("*.txt"))]):
        name = Path(item.source).name
        if isinstance(item, ReadError):
            reports.append(Report(name, [f"cannot read: {item.reason}"]))
            continue
        record = to_record(extract(item))
        expected = json.loads((corpus / "expected" / (Path(name).stem + ".json")).read_text(encoding="utf-8"))
        reports.append(compare(record, expected, name))
    return reports


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    corpus = Path((args or ["tests/corpus"])[0])
    reports = evaluate(corpus)
    totals: dict[str, list[int]] = {}
    for r in reports:
        for line in r.problems:
            print(f"{r.name}: {line}")
        for what, (c, e, f) in r.counts.items():
            t = totals.setdefault(what, [0, 0, 0])
            t[0], t[1], t[2] = t[0] + c, t[1] + e, t[2] + f
    print("\n| what | correct | expected | found | recall | precision |\n|---|---|---|---|---|---|")
    for what, (c, e, f) in totals.items():
        print(f"| {what} | {c} | {e} | {f} | {c / max(e, 1):.3f} | {c / max(f, 1):.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
