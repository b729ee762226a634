"""Changes stated inside one sentence: two amounts of one quantity, before and after.

Two ways to a change, both decided while the amounts are scanned, never by reading the text again:

- the from-to rule (:func:`aimaq.stages.amounts.ranges.from_to_pair`) decides that 'с 41 до 143
  проектов', 'вырос с 5 до 12', '41-ден 143-ке дейін жетті' is a change, not a range, and emits its
  two amounts under the rule ``PAIR_CHANGE``; that decision is taken as it is;
- two neighbouring counts of one noun in a sentence, the second after 'сейчас –' / 'қазір –' ('было 35
  предприятий, сейчас – 49'), are a change too.

A change keeps its amounts; the facts stage finds them among the document's amounts by their offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from aimaq.records import Amount, Change
from aimaq.stages.amounts.heads import after_time_word
from aimaq.stages.amounts.lexer import tokenize
from aimaq.stages.amounts.number_words import Lexicon, lexicon
from aimaq.stages.amounts.ranges import PAIR_CHANGE
from aimaq.stages.amounts.scan import Decision
from aimaq.text.morph import kk as kk_morph
from aimaq.text.morph.ru import lemma as ru_lemma

_UNTIL = frozenset({"дейін", "шейін"})
_SENTENCE_STOPS = frozenset(".!?;")


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
    return sorted(out, key=lambda c: (c.before.start, c.before.end))
