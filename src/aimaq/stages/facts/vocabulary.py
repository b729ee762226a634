"""The fact-type vocabulary of ``data/fact_types.json`` and the searches the typing rules share: an
amount's clause, its sentence without asides, the nearest or highest-priority keyword."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from aimaq.records import Amount
from aimaq.resources import load_json


@dataclass(frozen=True)
class FactType:
    name: str
    kinds: frozenset[str]
    priority: int
    units: frozenset[str]
    keywords: re.Pattern[str] | None
    near: re.Pattern[str] | None
    phrases: re.Pattern[str] | None = None  # the noun phrase right after a count
    cued_units: tuple[tuple[str, re.Pattern[str]], ...] = ()  # (unit, cue that must be in the clause)
    unless: re.Pattern[str] | None = None  # in the clause: a count of this type's units is no fact
    near_yields_to: frozenset[str] = frozenset()  # types that, named in the clause, win over a 'near' keyword
    any_unit_cue: re.Pattern[str] | None = None  # in the clause: a count of a noun no type lists is this type
    not_units: frozenset[str] = frozenset()  # nouns ``any_unit_cue`` never applies to (times, periods, kinds)


def alternation(words: Sequence[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any of ``words`` (regular expressions) at a word start."""
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")", re.I)


def _pattern(text: str | None) -> re.Pattern[str] | None:
    return re.compile(r"(?<!\w)(?:" + text + ")", re.I) if text else None


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
                alternation(spec.get("keywords", [])),
                alternation(spec.get("near", [])),
                alternation(spec.get("phrases", [])),
                tuple((unit, re.compile(r"(?<!\w)(?:" + cue + ")", re.I))
                      for unit, cue in spec.get("cued_units", {}).items()),
                _pattern(spec.get("unless")),
                frozenset(spec.get("near_yields_to", [])),
                _pattern(spec.get("any_unit_cue")),
                frozenset(spec.get("not_units", [])),
            )
        )
    return tuple(sorted(out, key=lambda t: -t.priority))


def of_kind(kind: str) -> tuple[FactType, ...]:
    """The types an amount of ``kind`` (money, count, percent) can have, highest priority first."""
    return tuple(t for t in fact_types() if kind in t.kinds)


NEAR_WINDOW = 30  # characters between a 'near' keyword's end and the amount

_CLAUSE_BREAK = re.compile(r"(?<!\d),|,(?!\d)|;")
_ASIDE = re.compile(r"\([^()]*\)")


def clause(amount: Amount, sentence: str, offset: int) -> tuple[int, int]:
    """Bounds (in ``sentence``) of the comma- or semicolon-delimited clause that holds the amount."""
    at = amount.start - offset
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence)]
    start = max((b + 1 for b in breaks if b < at), default=0)
    end = min((b for b in breaks if b >= amount.end - offset), default=len(sentence))
    return start, end


def without_asides(amount: Amount, sentence: str, offset: int) -> str:
    """The sentence with every parenthesised aside that does not hold the amount blanked out (its
    offsets kept): '(микрокредиты под 2,5% годовых) выделили 6,4 млрд' gives 6,4 млрд no 'кредит'."""
    at = amount.start - offset
    return _ASIDE.sub(lambda m: m.group() if m.start() <= at < m.end() else " " * len(m.group()), sentence)


def near_keyword(amount: Amount, sentence: str, offset: int) -> FactType | None:
    """The first type (by priority) with a 'near' keyword in the NEAR_WINDOW characters before the amount."""
    window = sentence[max(0, amount.start - offset - NEAR_WINDOW) : amount.start - offset]
    for ftype in of_kind(amount.kind):
        if ftype.near is not None and ftype.near.search(window):
            return ftype
    return None


def best_keyword(amount: Amount, sentence: str, offset: int, start: int, end: int) -> FactType | None:
    """The type whose keyword in ``sentence[start:end]`` wins: for money the highest priority, then the
    nearest; for counts the nearest, then the highest priority."""
    best: tuple[int, int, str] | None = None
    found: FactType | None = None
    for ftype in of_kind(amount.kind):
        if ftype.keywords is None:
            continue
        for m in ftype.keywords.finditer(sentence, start, end):
            distance = min(abs(m.start() + offset - amount.start), abs(m.end() + offset - amount.end))
            key = (-ftype.priority, distance) if amount.kind == "money" else (distance, -ftype.priority)
            if best is None or (*key, ftype.name) < best:
                best, found = (*key, ftype.name), ftype
    return found


def nearest_keyword(amount: Amount, sentence: str, offset: int) -> str | None:
    """A count without a counted noun: the nearest keyword in the sentence (a 'near' one first), ties to priority."""
    near = near_keyword(amount, sentence, offset)
    if near is not None:
        return near.name
    found = best_keyword(amount, sentence, offset, 0, len(sentence))
    return found.name if found else None
