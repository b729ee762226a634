"""The type of a fact: which of ``data/fact_types.json``'s types an amount states, from its counted noun,
a keyword just before it, a keyword in its clause or sentence, or (for 'этот показатель') the type of
the same kind of amount a few sentences before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from aimaq.records import Amount
from aimaq.resources import load_json
from aimaq.stages.facts.input import FactInput
from aimaq.text.tokens import sentence_at


@dataclass(frozen=True)
class FactType:
    name: str
    kinds: frozenset[str]
    priority: int
    units: frozenset[str]
    keywords: re.Pattern[str] | None
    near: re.Pattern[str] | None


def _alternation(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")", re.I)


@cache
def fact_types() -> tuple[FactType, ...]:
    out = []
    for name, spec in load_json("fact_types.json")["types"].items():
        out.append(
            FactType(
                name,
                frozenset(spec["kinds"]),
                spec["priority"],
                frozenset(spec.get("units", [])),
                _alternation(spec.get("keywords", [])),
                _alternation(spec.get("near", [])),
            )
        )
    return tuple(sorted(out, key=lambda t: -t.priority))


def _type_by_unit(amount: Amount) -> str | None:
    if amount.kind != "count" or not amount.unit:
        return None
    unit = amount.unit.lower()
    for ftype in fact_types():
        if unit in ftype.units:
            return ftype.name
    return None


NEAR_WINDOW = 30  # characters between a 'near' keyword's end and the amount


def _type_by_near_keyword(amount: Amount, sentence: str, offset: int) -> str | None:
    window = sentence[max(0, amount.start - offset - NEAR_WINDOW) : amount.start - offset]
    for ftype in fact_types():
        if amount.kind in ftype.kinds and ftype.near is not None and ftype.near.search(window):
            return ftype.name
    return None


_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|;")


def _clause(amount: Amount, sentence: str, offset: int) -> tuple[int, int]:
    """Bounds (in ``sentence``) of the comma- or semicolon-delimited clause that holds the amount."""
    at = amount.start - offset
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    start = max((b + 1 for b in breaks if b < at), default=0)
    end = min((b for b in breaks if b >= amount.end - offset), default=len(sentence))
    return start, end


def _type_by_keyword(amount: Amount, sentence: str, offset: int) -> str | None:
    """Money: the highest-priority type named in the amount's clause (else in the sentence), ties to the
    nearest keyword ('бюджет программы 5 млн евро, гранты до 20 тыс. евро'). Counts: the nearest
    keyword in the sentence, ties to priority."""
    if amount.kind == "money":
        start, end = _clause(amount, sentence, offset)
        found = _best_keyword(amount, sentence, offset, start, end)
        if found is not None:
            return found
    return _best_keyword(amount, sentence, offset, 0, len(sentence))


def _best_keyword(amount: Amount, sentence: str, offset: int, start: int, end: int) -> str | None:
    best: tuple[int, int, str] | None = None
    for ftype in fact_types():
        if amount.kind not in ftype.kinds or ftype.keywords is None:
            continue
        for m in ftype.keywords.finditer(sentence, start, end):
            distance = min(abs(m.start() + offset - amount.start), abs(m.end() + offset - amount.end))
            key = (-ftype.priority, distance) if amount.kind == "money" else (distance, -ftype.priority)
            if best is None or (*key, ftype.name) < best:
                best = (*key, ftype.name)
    return best[2] if best else None


def classify(amount: Amount, sentence: str, offset: int) -> str | None:
    """The fact type of one amount in its sentence, or None when nothing names one."""
    if amount.kind == "percent":
        return "share"
    if amount.kind == "count" and amount.unit and _type_by_unit(amount) is None:
        # a count of something we have no type for (years, tonnes, hectares): no fact
        return None
    return (
        _type_by_unit(amount)
        or _type_by_near_keyword(amount, sentence, offset)
        or _type_by_keyword(amount, sentence, offset)
    )


ANAPHORA_REACH = 3  # sentences back


@cache
def _anaphora() -> re.Pattern[str] | None:
    return _alternation(load_json("fact_types.json")["anaphora"]["patterns"])


def _type_by_anaphora(inp: FactInput, typed: dict[int, str], where: dict[int, int | None]) -> None:
    """'Для сравнения, в Алматы этот показатель составил 980 млрд': untyped amounts take the type that
    amounts of the same kind have in the nearest of the ANAPHORA_REACH sentences before."""
    anaphora = _anaphora()
    if anaphora is None:
        return
    for i, amount in enumerate(inp.amounts):
        si = where[i]
        if i in typed or not si:
            continue
        s = inp.sentences[si]
        if not anaphora.search(inp.text[s.start : s.end]):
            continue
        earlier = [
            (where[j], j, t)
            for j, t in typed.items()
            if si - ANAPHORA_REACH <= (where[j] or -1) < si and inp.amounts[j].kind == amount.kind
        ]
        if earlier:
            typed[i] = max(earlier)[2]


def typed_amounts(inp: FactInput) -> dict[int, str]:
    where = {i: sentence_at(inp.sentences, a.start) for i, a in enumerate(inp.amounts)}
    typed: dict[int, str] = {}
    for i, amount in enumerate(inp.amounts):
        si = where[i]
        if si is None:
            continue
        s = inp.sentences[si]
        ftype = classify(amount, inp.text[s.start : s.end], s.start)
        if ftype:
            typed[i] = ftype
    _type_by_anaphora(inp, typed, where)
    return typed
