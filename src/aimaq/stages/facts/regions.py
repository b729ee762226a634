"""The region of a fact: the region of its own clause or sentence, else the document's main region; a
figure stated for the whole country ('по республике', 'елімізде') gets none.

Clauses are the parts of a sentence between ';', ':', ', ', ' – ' and brackets. A region named in another
clause that states its own figure belongs to that figure ('37 млрд – на субсидии, 6 млрд – на опыт СКО,
7 млрд – на программу': the 7 млрд is not North Kazakhstan's). In the amount's own clause, the nearer of a
national cue and a region (a name, or a generic 'в области' / 'өңірде') decides.
"""

from __future__ import annotations

import re
from functools import cache

from aimaq.records import Mention, Span
from aimaq.resources import load_json
from aimaq.stages.facts.input import FactInput
from aimaq.stages.regions import local_pattern, national_pattern

_CLAUSE_BREAK = re.compile(r"[;:()]|,\s")


@cache
def _unit_types() -> dict[str, str]:
    """ISO code -> unit type ('region', or 'city' for a city of republican significance)."""
    return {u["code"]: u["type"] for u in load_json("regions.json")["units"]}


@cache
def _region_references() -> dict[str, re.Pattern[str]]:
    spec = load_json("fact_types.json")["region_reference"]
    return {kind: re.compile(r"(?<!\w)(?:" + "|".join(words) + ")", re.I) for kind, words in spec.items() if kind != "comment"}


@cache
def _not_national() -> re.Pattern[str]:
    words = load_json("region_cues.json")["national"].get("not", [])
    return re.compile(r"(?<!\w)(?:" + "|".join(words or ["(?!)"]) + r")(?!\w)", re.I)


def _referred(inp: FactInput, inside: list[Mention], chosen: Mention, anchor: int) -> str | None:
    """'когда Шымкент входил в состав Южно-Казахстанской области, бюджет города составлял 157 млрд': a
    generic noun between the nearest mention and the amount that names the other unit type picks the
    nearest mention of that type in the sentence."""
    between = inp.text[chosen.end : anchor] if chosen.end <= anchor else ""
    hits = [(m.start(), kind) for kind, rx in _region_references().items() for m in rx.finditer(between)]
    if not hits:
        return None
    kind = max(hits)[1]
    if _unit_types().get(chosen.norm or "") == kind:
        return None
    same = [m for m in inside if _unit_types().get(m.norm or "") == kind]
    return min(same, key=lambda m: abs(m.start - anchor)).norm if same else None


def clause_at(text: str, span: Span, at: int) -> Span:
    """The clause of the sentence ``span`` that holds the offset ``at``."""
    start, end = span.start, span.end
    for m in _CLAUSE_BREAK.finditer(text, span.start, span.end):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return Span(start, end)


def _distance(start: int, end: int, anchor: int) -> int:
    return anchor - end if end <= anchor else max(0, start - anchor)


def _national(inp: FactInput, clause: Span, inside: list[Mention], anchor: int) -> bool:
    """The nearest cue to the amount in its clause speaks of the whole country."""
    regions = [m for m in inside if clause.start <= m.start < clause.end]
    idioms = [(m.start(), m.end()) for m in _not_national().finditer(inp.text, clause.start, clause.end)]
    national = [
        _distance(m.start(), m.end(), anchor)
        for m in national_pattern().finditer(inp.text, clause.start, clause.end)
        if not any(r.start < m.end() and m.start() < r.end for r in regions)
        and not any(s <= m.start() < e for s, e in idioms)
    ]
    if not national:
        return False
    local = [_distance(m.start, m.end, anchor) for m in regions]
    local += [_distance(m.start(), m.end(), anchor) for m in local_pattern().finditer(inp.text, clause.start, clause.end)]
    return min(national) < min(local, default=len(inp.text) + 1)


def _claimed_elsewhere(inp: FactInput, span: Span, clause: Span, m: Mention) -> bool:
    """The mention stands in another clause of the sentence that states a figure of its own."""
    if clause.start <= m.start < clause.end:
        return False
    other = clause_at(inp.text, span, m.start)
    return any(other.start <= a.start < other.end for a in inp.amounts)


def region_for(inp: FactInput, span: Span, anchor: int) -> str | None:
    """The region named nearest before the amount in the evidence (unless a generic 'города/области'
    after it points to a unit of the other type), else nearest after it, else the main one; None for a
    figure of the whole country."""
    inside = [
        m for m in inp.mentions
        if m.type == "LOC" and m.norm and m.norm.startswith("KZ-") and span.start <= m.start < span.end
    ]
    clause = clause_at(inp.text, span, anchor)
    if _national(inp, clause, inside, anchor):
        return None
    inside = [m for m in inside if not _claimed_elsewhere(inp, span, clause, m)]
    before = [m for m in inside if m.start < anchor]
    if before:
        chosen = max(before, key=lambda m: m.start)
        return _referred(inp, inside, chosen, anchor) or chosen.norm
    return min(inside, key=lambda m: m.start).norm if inside else inp.main_region
