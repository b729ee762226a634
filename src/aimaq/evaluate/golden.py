"""Compare extraction records with hand-checked golden expectations (tests/corpus/expected/*.json).

Used by the test suite and by ``aimaq eval golden DIR``, which prints every mismatch, then the scores
for all documents and per language (kk, ru), the facts per type, how many documents have exactly the
expected regions and the expected main region, how many growth rates were typed ``share`` and how many
facts were counted twice.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aimaq.pipeline import extract
from aimaq.records import Unreadable
from aimaq.serialize import to_record
from aimaq.stages.entities import person_key
from aimaq.stages.read import iter_documents

AMOUNT_FIELDS = ("kind", "value", "value_max", "qualifier", "currency", "unit")
FACT_FIELDS = ("type", "value", "value_before", "currency", "region")


@dataclass
class Report:
    name: str
    lang: str = ""
    problems: list[str] = field(default_factory=list)
    counts: dict[str, list[int]] = field(default_factory=dict)  # what -> [correct, expected, found]
    fact_types: dict[str, list[int]] = field(default_factory=dict)  # fact type -> [correct, expected, found]
    regions_exact: bool = False
    main_region_right: bool | None = None  # None: the expectation names no main region
    growth_as_share: int = 0  # expected growth facts found with the same value typed 'share'
    counted_twice: int = 0  # found facts beyond the expected number of one (type, value, region)

    def count(self, what: str, correct: int, expected: int, found: int) -> None:
        self.counts[what] = [correct, expected, found]

    def count_type(self, kind: str, correct: int, expected: int, found: int) -> None:
        c = self.fact_types.setdefault(kind, [0, 0, 0])
        c[0], c[1], c[2] = c[0] + correct, c[1] + expected, c[2] + found


def _occurrences(text: str, needle: str) -> Iterator[int]:
    pos = text.find(needle)
    while pos >= 0:
        yield pos
        pos = text.find(needle, pos + 1)


def _find(text: str, needle: str, start: int = 0) -> int:
    """``text.find`` that does not cut a number: '40' is not found inside '740' or '2030'."""
    for pos in _occurrences(text[start:], needle):
        pos += start
        end = pos + len(needle)
        cuts_before = needle[:1].isdigit() and pos > 0 and text[pos - 1].isdigit()
        cuts_after = needle[-1:].isdigit() and end < len(text) and text[end].isdigit()
        if not (cuts_before or cuts_after):
            return pos
    return -1


def _locate_in_order(text: str, needles: list[str]) -> list[int | None]:
    out, cursor = [], 0
    for needle in needles:
        pos = _find(text, needle, cursor)
        if pos < 0:
            pos = _find(text, needle)
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


def _fact_key(f: dict) -> tuple:
    return tuple(number_key(f[k]) for k in FACT_FIELDS)


def number_key(x: Any) -> Any:
    return round(float(x), 6) if isinstance(x, (int, float)) else x


def _statements(fact: dict) -> list[dict]:
    """The sentences that state a fact: its evidence and any restatements (title and body, lead and quote)."""
    return [fact["evidence"], *fact["evidence"].get("restatements", [])]


def _check_facts(rec: dict, exp: dict, report: Report) -> None:
    text, found = rec["text"], rec["facts"]
    used: set[int] = set()
    correct = 0
    for want in exp["facts"]:
        ok = [
            i for i, f in enumerate(found)
            if i not in used and all(_same(f[k], want[k]) for k in FACT_FIELDS)
            and any(want["evidence_contains"] in text[span["start"] : span["end"]] for span in _statements(f))
        ]
        if ok:
            used.add(ok[0])
            correct += 1
            report.count_type(want["type"], 1, 1, 0)
        else:
            report.count_type(want["type"], 0, 1, 0)
            report.problems.append(f"fact missing: {[want[k] for k in FACT_FIELDS]} «{want['evidence_contains']}»")
        if want["type"] == "growth" and any(
            f["type"] == "share" and _same(f["value"], want["value"]) for f in found
        ):
            report.growth_as_share += 1
    for i, f in enumerate(found):
        report.count_type(f["type"], 0, 0, 1)
        if i not in used:
            report.problems.append(f"extra fact: {[f[k] for k in FACT_FIELDS]}")
    expected_keys = Counter(_fact_key(w) for w in exp["facts"])
    for key, n in Counter(_fact_key(f) for f in found).items():
        report.counted_twice += max(0, n - max(1, expected_keys[key]))
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
    report = Report(name, lang=exp["lang"])
    for key in ("lang", "date", "title"):
        if rec[key] != exp[key]:
            report.problems.append(f"{key}: want {exp[key]!r}, got {rec[key]!r}")
    got_regions = {r["code"] for r in rec["regions"]}
    report.regions_exact = got_regions == set(exp["regions"])
    if not report.regions_exact:
        report.problems.append(f"regions: want {sorted(exp['regions'])}, got {sorted(got_regions)}")
    if "main_region" in exp:
        got_main = rec.get("main_region")
        report.main_region_right = got_main == exp["main_region"]
        if not report.main_region_right:
            report.problems.append(f"main region: want {exp['main_region']!r}, got {got_main!r}")
    _check_people(rec, exp, report)
    _check_amounts(rec, exp, report)
    _check_facts(rec, exp, report)
    return report


def evaluate(corpus: Path) -> list[Report]:
    reports = []
    for item in iter_documents([str(p) for p in sorted(corpus.glob("*.txt"))]):
        name = Path(item.source).name
        if isinstance(item, Unreadable):
            reports.append(Report(name, problems=[f"cannot read: {item.reason}"]))
            continue
        record = to_record(extract(item))
        expected = json.loads((corpus / "expected" / (Path(name).stem + ".json")).read_text(encoding="utf-8"))
        reports.append(compare(record, expected, name))
    return reports


def _add(totals: dict[str, list[int]], counts: dict[str, list[int]]) -> None:
    for what, (c, e, f) in counts.items():
        t = totals.setdefault(what, [0, 0, 0])
        t[0], t[1], t[2] = t[0] + c, t[1] + e, t[2] + f


def _table(head: str, rows: dict[str, list[int]]) -> list[str]:
    lines = [f"| {head} | correct | expected | found | recall | precision |", "|---|---|---|---|---|---|"]
    for what, (c, e, f) in rows.items():
        lines.append(f"| {what} | {c} | {e} | {f} | {c / max(e, 1):.3f} | {c / max(f, 1):.3f} |")
    return lines


def summary_tables(reports: list[Report]) -> str:
    """The score tables of ``aimaq eval golden``: all documents, per language, facts per type, documents."""
    out: list[str] = []
    langs = sorted({r.lang for r in reports})
    groups = [("all", reports)] + ([(lang, [r for r in reports if r.lang == lang]) for lang in langs]
                                   if len(langs) > 1 else [])
    for label, group in groups:
        totals: dict[str, list[int]] = {}
        for r in group:
            _add(totals, r.counts)
        out += ["", f"{label} ({len(group)} documents)", ""] + _table("what", totals)
    types: dict[str, list[int]] = {}
    for r in reports:
        _add(types, r.fact_types)
    out += ["", "facts per type", ""] + _table("type", dict(sorted(types.items())))
    mains = [r.main_region_right for r in reports if r.main_region_right is not None]
    out += ["", "| documents | right | of | share |", "|---|---|---|---|"]
    exact = sum(r.regions_exact for r in reports)
    out.append(f"| regions exact | {exact} | {len(reports)} | {exact / max(len(reports), 1):.3f} |")
    if mains:
        out.append(f"| main region | {sum(mains)} | {len(mains)} | {sum(mains) / len(mains):.3f} |")
    out += ["", f"growth rates typed share: {sum(r.growth_as_share for r in reports)}",
            f"facts counted twice: {sum(r.counted_twice for r in reports)}"]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    corpus = Path((args or ["tests/corpus"])[0])
    if not corpus.is_dir() or not any(corpus.glob("*.txt")):
        print(f"aimaq: error: {corpus}: not a folder of documents (*.txt with expected/*.json)", file=sys.stderr)
        return 2
    reports = evaluate(corpus)
    for r in reports:
        for line in r.problems:
            print(f"{r.name}: {line}")
    print(summary_tables(reports))
    return 0


if __name__ == "__main__":
    sys.exit(main())
