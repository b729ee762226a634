"""The region of a fact: the region its evidence names nearest the amount, else the document's main region."""

from __future__ import annotations

import re
from functools import cache

from aimaq.records import Mention, Span
from aimaq.resources import load_json
from aimaq.stages.facts.input import FactInput


@cache
def _unit_types() -> dict[str, str]:
    """ISO code -> unit type ('region', or 'city' for a city of republican significance)."""
    return {u["code"]: u["type"] for u in load_json("regions.json")["units"]}


@cache
def _region_references() -> dict[str, re.Pattern[str]]:
    spec = load_json("fact_types.json")["region_reference"]
    return {kind: re.compile(r"(?<!\w)(?:" + "|".join(words) + ")", re.I) for kind, words in spec.items() if kind != "comment"}


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


def region_for(inp: FactInput, span: Span, anchor: int) -> str | None:
    """The region named nearest before the amount in the evidence (unless a generic 'города/области'
    after it points to a unit of the other type), else nearest after it, else the main one."""
    inside = [
        m for m in inp.mentions
        if m.type == "LOC" and m.norm and m.norm.startswith("KZ-") and span.start <= m.start < span.end
    ]
    before = [m for m in inside if m.start < anchor]
    if before:
        chosen = max(before, key=lambda m: m.start)
        return _referred(inp, inside, chosen, anchor) or chosen.norm
    return min(inside, key=lambda m: m.start).norm if inside else inp.main_region
