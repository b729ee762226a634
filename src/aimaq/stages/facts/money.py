"""The type of a money amount: the keywords of its clause, else of its sentence."""

from __future__ import annotations

import re
from functools import cache

from aimaq.records import Amount
from aimaq.resources import load_json
from aimaq.stages.facts.vocabulary import alternation, best_keyword, clause, near_keyword, without_asides


@cache
def _unclaimed() -> re.Pattern[str] | None:
    return alternation(load_json("fact_types.json").get("unclaimed", []))


def type_of_money(amount: Amount, sentence: str, offset: int) -> str | None:
    """The highest-priority type named in the amount's clause (a 'near' keyword first, unless the clause
    names a type it yields to), else in its sentence; ties go to the nearest keyword
    ('бюджет программы 5 млн евро, гранты до 20 тыс. евро'). A clause that names only a figure no type
    records ('среднедушевой доход') takes nothing from the rest of the sentence."""
    text = without_asides(amount, sentence, offset)
    start, end = clause(amount, text, offset)
    in_clause = best_keyword(amount, text, offset, start, end)
    near = near_keyword(amount, text, offset)
    if near is not None and (in_clause is None or in_clause.name not in near.near_yields_to):
        return near.name
    if in_clause is not None:
        return in_clause.name
    unclaimed = _unclaimed()
    if unclaimed is not None and unclaimed.search(text, start, end):
        return None
    found = best_keyword(amount, text, offset, 0, len(text))
    return found.name if found else None
