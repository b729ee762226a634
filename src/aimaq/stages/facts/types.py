"""The type of a fact: which of ``data/fact_types.json``'s types an amount states.

Money takes its type from the keywords of its clause, else its sentence (``money.py``); a count from its
noun phrase or counted noun (``counts.py``); a percentage is growth, a share or nothing (``percents.py``).
An amount no rule types may still take, for 'этот показатель', the type of the same kind of amount a few
sentences before.
"""

from __future__ import annotations

import re
from functools import cache

from aimaq.records import Amount
from aimaq.resources import load_json
from aimaq.stages.facts.counts import type_of_count
from aimaq.stages.facts.input import FactInput
from aimaq.stages.facts.money import type_of_money
from aimaq.stages.facts.percents import type_of_percent
from aimaq.stages.facts.vocabulary import FactType, alternation, fact_types
from aimaq.text.tokens import sentence_at

__all__ = ["FactType", "classify", "fact_types", "typed_amounts"]


def classify(amount: Amount, sentence: str, offset: int) -> str | None:
    """The fact type of one amount in its sentence, or None when nothing names one."""
    if amount.kind == "percent":
        return type_of_percent(amount, sentence, offset)
    if amount.kind == "count":
        return type_of_count(amount, sentence, offset)
    return type_of_money(amount, sentence, offset)


ANAPHORA_REACH = 3  # sentences back


@cache
def _anaphora() -> re.Pattern[str] | None:
    return alternation(load_json("fact_types.json")["anaphora"]["patterns"])


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
    """{index of an amount in ``inp.amounts``: its fact type} for every amount that has one."""
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
