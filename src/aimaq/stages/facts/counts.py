"""The type of a count: its noun phrase ('12 көпқабатты тұрғын үй', '11 детских садов'), else its counted
noun or unit of measure, some only with a cue in the clause ('км' of roads, 'га' of crops), else any
noun made per year ('жылына 90 млн кірпіш'), else (for a bare number) the nearest keyword. A count of places in a school or kindergarten ('школа на 600 мест',
'вместимостью 5 860 мест', '600 орындық') is a capacity, not jobs: no fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from aimaq.records import Amount
from aimaq.resources import load_json
from aimaq.stages.facts.vocabulary import FactType, clause, nearest_keyword, of_kind

PHRASE_WORDS = 2  # words allowed between the number and the head of its noun phrase
# a glued suffix ('-ға'), then up to PHRASE_WORDS words; group 1 marks where the head of the phrase starts
PHRASE_START = r"[-\w]*\W{0,3}(?:[^\s\d]+\s+){0," + str(PHRASE_WORDS) + r"}?(?=(.))"


@dataclass(frozen=True)
class _Capacity:
    units: frozenset[str]  # counted nouns that may be places ('место', 'орын')
    before: re.Pattern[str]  # ends right before the number ('на', 'вместимостью')
    after: re.Pattern[str]  # starts right after it ('орындық'): a capacity whatever the noun
    explicit: re.Pattern[str]  # starts right after it ('рабочих мест'): jobs all the same


@cache
def _capacity() -> _Capacity:
    spec = load_json("fact_types.json")["capacity"]
    return _Capacity(
        frozenset(spec["units"]),
        re.compile(r"(?<!\w)(?:" + "|".join(spec["before"]) + r")\s+(?:" + spec["qualifiers"] + r"\s+)?$", re.I),
        re.compile(r"[-\w]*\s*(?:" + "|".join(spec["after"]) + ")", re.I),
        re.compile(r"[-\w]*\s*(?:" + "|".join(spec["explicit"]) + ")", re.I),
    )


@cache
def _facility_words() -> re.Pattern[str] | None:
    facilities = [t for t in of_kind("count") if t.name == "facilities"]
    return facilities[0].keywords if facilities else None


def is_capacity(amount: Amount, sentence: str, offset: int) -> bool:
    """'школы на 320 мест', '600 орындық мектеп': places in a facility, not jobs ('на 500 рабочих мест' are)."""
    cap = _capacity()
    at, end = amount.start - offset, amount.end - offset
    if cap.after.match(sentence, end):
        return True
    if (amount.unit or "").lower() not in cap.units or cap.explicit.match(sentence, end):
        return False
    facilities = _facility_words()
    return bool(cap.before.search(sentence[:at])) and facilities is not None and bool(facilities.search(sentence))


def _decide(ftype: FactType, sentence: str, start: int, end: int) -> str | None:
    return None if ftype.unless is not None and ftype.unless.search(sentence, start, end) else ftype.name


def type_of_count(amount: Amount, sentence: str, offset: int) -> str | None:
    """The fact type of a count, or None: a count of a noun no type lists is no fact."""
    if is_capacity(amount, sentence, offset):
        return None
    start, end = clause(amount, sentence, offset)
    types = of_kind("count")
    after = sentence[amount.end - offset : end]
    counted = (amount.unit or "")[:4].lower()
    for ftype in types:
        phrase = re.match(PHRASE_START + ftype.phrases.pattern, after, re.I) if ftype.phrases else None
        if phrase and not (counted and counted in after[: phrase.start(1)].lower()):
            return _decide(ftype, sentence, start, end)
    if not amount.unit:
        return nearest_keyword(amount, sentence, offset)
    unit = amount.unit.lower()
    for ftype in types:
        for cued, cue in ftype.cued_units:
            if cued == unit and cue.search(sentence, start, end):
                return _decide(ftype, sentence, start, end)
    for ftype in types:
        if unit in ftype.units:
            return _decide(ftype, sentence, start, end)
    for ftype in types:
        if ftype.any_unit_cue is not None and unit not in ftype.not_units and ftype.any_unit_cue.search(
                sentence, start, end):
            return _decide(ftype, sentence, start, end)
    return None


__all__ = ["is_capacity", "type_of_count"]
