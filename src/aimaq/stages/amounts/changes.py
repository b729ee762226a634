"""Changes stated inside one sentence: two amounts of one quantity, before and after.

Two ways to a change, both decided while the amounts are scanned, never by reading the text again:

- the from-to rule (:func:`aimaq.stages.amounts.ranges.from_to_pair`) decides that 'с 41 до 143
  проектов', 'вырос с 5 до 12', '41-ден 143-ке дейін жетті' is a change, not a range, and emits its
  two amounts under the rule ``PAIR_CHANGE``; that decision is taken as it is;
- two neighbouring counts of one noun in a sentence, the second after 'сейчас –' / 'қазір –' ('было 35
  предприятий, сейчас – 49'), are a change too;
- so is a figure and the prior-period figure in brackets after it ('700 млрд теңге (2024 жылдың 10 айы –
  674,4 млрд теңге)', '15 млрд (за аналогичный период прошлого года – 12,3 млрд)'): the bracketed one is
  the value before (data: ``prior_period`` in ``data/amounts/units.json``).

A change keeps its amounts; the facts stage finds them among the document's amounts by their offsets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from itertools import pairwise
from typing import Any

from aimaq.records import Amount, Change
from aimaq.resources import load_json
from aimaq.stages.amounts.heads import after_time_word
from aimaq.stages.amounts.lexer import AmountToken, tokenize
from aimaq.stages.amounts.number_words import Lexicon, lexicon
from aimaq.stages.amounts.ranges import PAIR_CHANGE
from aimaq.stages.amounts.scan import Decision
from aimaq.text.morph import kk as kk_morph
from aimaq.text.morph.ru import lemma as ru_lemma

_UNTIL = frozenset({"дейін", "шейін"})
_SENTENCE_STOPS = frozenset(".!?;")
_LEADS = frozenset("-–—:")  # what stands between a bracketed period and its figure
_YEARS = (1900, 2100)


def _compatible(a: Amount, b: Amount) -> bool:
    same_unit = a.unit == b.unit or a.unit is None or b.unit is None
    return a.kind == b.kind and a.currency == b.currency and a.value_max is None and b.value_max is None and same_unit


def _now_linked(text: str, a: Amount, b: Amount, lex: Lexicon) -> bool:
    """'было 35 предприятий, сейчас – 49': two counts of one noun in a sentence, the second after 'сейчас –'."""
    if a.kind != "count" or not a.unit or a.unit != b.unit:
        return False
    between = tokenize(text, a.end, b.start)
    if any(t.text in _SENTENCE_STOPS for t in between) or "\n" in text[a.end : b.start]:
        return False
    return after_time_word(between, len(between) - 1, lex, years=False)


@cache
def _prior_spec() -> dict[str, Any]:
    return load_json("amounts/units.json")["prior_period"]


def _years(toks: Sequence[AmountToken]) -> list[int]:
    return [int(t.low) for t in toks if t.kind == "num" and t.low.isdigit() and _YEARS[0] <= int(t.low) <= _YEARS[1]]


def _prior_bracket(text: str, b: Amount) -> tuple[int, int] | None:
    """(offset of '(', offset after ')') when ``b`` is the figure of a bracketed prior period, else None."""
    spec = _prior_spec()
    lo = max(0, b.start - spec["reach_before"])
    opening = text.rfind("(", lo, b.start)
    closing = text.find(")", b.end, b.end + spec["reach_after"])
    if opening < 0 or closing < 0 or ")" in text[opening : b.start] or "(" in text[b.end : closing]:
        return None
    inside = tokenize(text, opening + 1, b.start)
    after = tokenize(text, b.end, closing)
    if not inside or inside[-1].text not in _LEADS or any(t.kind in {"num", "punct"} for t in after):
        return None
    years = _years(inside)
    past_word = any(t.low.startswith(tuple(spec["words"])) for t in inside if t.kind == "word")
    if not years and not past_word:
        return None
    sentence = re.split(r"[.!?]\s", text[max(0, opening - 300) : opening])[-1]
    later = [y for y in _years(tokenize(sentence)) if years and y <= max(years)]
    return None if later else (opening, closing + 1)


def _prior_changes(text: str, ordered: Sequence[Amount], taken: set[tuple[int, int]]) -> list[Change]:
    """Changes of a figure and the prior-period figure in brackets after it (see :func:`_prior_bracket`)."""
    out = []
    for i, b in enumerate(ordered):
        span = _prior_bracket(text, b) if (b.start, b.end) not in taken else None
        if span is None:
            continue
        for a in reversed(ordered[:i]):
            if a.end > span[0] or any(ch in text[a.end : span[0]] for ch in ".!?;()\n"):
                break
            if (a.start, a.end) not in taken and _compatible(a, b):
                out.append(Change(b, a, a.start, span[1]))
                taken.update({(a.start, a.end), (b.start, b.end)})
                break
    return out


def _phrase_end(text: str, b: Amount) -> int:
    """End of the change phrase: over the counted noun or 'дейін' that closes it."""
    end = b.end
    for tok in tokenize(text, b.end, min(len(text), b.end + 60))[:4]:
        if tok.kind != "word":
            break
        if tok.low in _UNTIL or (b.unit and b.unit in {tok.low, ru_lemma(tok.low), kk_morph.lemma(tok.low).lower()}):
            end = tok.end
        if tok.low not in _UNTIL and end == tok.end:
            break
    return end


def _decided(text: str, d: Decision) -> Change:
    """The change a ``PAIR_CHANGE`` decision found: from its first word ('с') over its counted noun."""
    before, after = d.found
    return Change(before.amount, after.amount, before.start, _phrase_end(text, after.amount))


def find_changes(text: str, decisions: Sequence[Decision]) -> list[Change]:
    """Before/after pairs among the amounts of ``decisions`` (as :func:`explain_amounts` gives them for
    ``text``), by the start of the first amount."""
    lex = lexicon()
    decided = {(d.found[0].amount.start, d.found[0].amount.end): _decided(text, d)
               for d in decisions if d.rule == PAIR_CHANGE}
    ordered = sorted((p.amount for d in decisions for p in d.found), key=lambda a: (a.start, a.end))
    out = list(decided.values())
    for a, b in pairwise(ordered):
        if (a.start, a.end) not in decided and _compatible(a, b) and _now_linked(text, a, b, lex):
            out.append(Change(a, b, a.start, b.end))
    taken = {(x.start, x.end) for c in out for x in (c.before, c.after)}
    out += _prior_changes(text, ordered, taken)
    return sorted(out, key=lambda c: (c.before.start, c.before.end))
