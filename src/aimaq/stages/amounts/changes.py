"""Changes stated inside one sentence: two amounts of one quantity, before and after.

'с 41 до 143 проектов', 'вырос с 5 до 12', 'увеличилось с 1,2 млрд до 3 млрд тенге', '41-ден 143-ке
дейін жетті', '5 кәсіпорыннан 12-ге дейін өсті'. Two neighbouring amounts of the same kind and currency
form a change when the words between them link them ('с X до Y'; Kazakh ablative then dative) and
the sentence holds a word of change; 'от 35 до 40' is a range, never a change (see pairs.py). A year
phrase may stand between them ('с 180 млрд тенге в 2020 году до 263 млрд тенге'). Two counts of one
noun in a sentence, the second after 'сейчас –' / 'қазір –' ('было 35 предприятий, сейчас – 49'), are
a change too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from aimaq.records import Amount, Change
from aimaq.stages.amounts import context as cx
from aimaq.stages.amounts.heads import after_time_word, past_year_phrase
from aimaq.stages.amounts.lexer import tokenize
from aimaq.stages.amounts.lexicon import Lexicon, lexicon
from aimaq.text.morph import kk as kk_morph
from aimaq.text.morph.ru import lemma as ru_lemma

_RU_FROM = re.compile(r"(?:^|[\s(«\"])(со?)\s+$", re.IGNORECASE)
_UNTIL = frozenset({"дейін", "шейін"})
_SENTENCE_STOPS = frozenset(".!?;")
_WINDOW = 400  # characters read on each side to find the sentence


def _compatible(a: Amount, b: Amount) -> bool:
    same_unit = a.unit == b.unit or a.unit is None or b.unit is None
    return a.kind == b.kind and a.currency == b.currency and a.value_max is None and b.value_max is None and same_unit


def _ru_from(text: str, a: Amount, b: Amount, lex: Lexicon) -> int | None:
    """Start of 'с' when '<с> A [в 2020 году] до B', else None."""
    between = tokenize(text, a.end, b.start)
    k = past_year_phrase(between, 0, lex)
    if k != len(between) - 1 or between[k].low not in lex.pair_to:
        return None
    m = _RU_FROM.search(text[max(0, a.start - 4) : a.start])
    return max(0, a.start - 4) + m.start(1) if m else None


def _now_linked(text: str, a: Amount, b: Amount, lex: Lexicon) -> bool:
    """'было 35 предприятий, сейчас – 49': two counts of one noun in a sentence, the second after 'сейчас –'."""
    if a.kind != "count" or not a.unit or a.unit != b.unit:
        return False
    between = tokenize(text, a.end, b.start)
    if any(t.text in _SENTENCE_STOPS for t in between) or "\n" in text[a.end : b.start]:
        return False
    return after_time_word(between, len(between) - 1, lex, years=False)


def _last_case(text: str, start: int, end: int, lex: Lexicon) -> str | None:
    toks = tokenize(text, start, end)
    return cx.word_case(toks[-1], lex) if toks else None


def _kk_linked(text: str, a: Amount, b: Amount, lex: Lexicon) -> bool:
    between = tokenize(text, a.end, b.start)
    k = 0
    if _last_case(text, a.start, a.end, lex) != "abl":
        if not between or cx.word_case(between[0], lex) != "abl":
            return False
        k = 1
    if past_year_phrase(between, k, lex) != len(between):
        return False
    if _last_case(text, b.start, b.end, lex) == "dat":
        return True
    after = tokenize(text, b.end, min(len(text), b.end + 40))
    return bool(after) and after[0].kind == "word" and cx.word_case(after[0], lex) == "dat"


def _sentence_has_cue(text: str, start: int, end: int, lex: Lexicon) -> bool:
    lo = max(0, start - _WINDOW)
    toks = tokenize(text, lo, min(len(text), end + _WINDOW))
    at = next(i for i, t in enumerate(toks) if t.end > start)
    first, last = cx.clause_bounds(text, toks, at, lex)
    return cx.change_cue(toks, first, last, lex)


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


def find_changes(text: str, amounts: Sequence[Amount]) -> list[Change]:
    """Before/after pairs among ``amounts`` (as found by :func:`find_amounts` in ``text``), by start."""
    lex = lexicon()
    ordered = sorted(amounts, key=lambda a: (a.start, a.end))
    out: list[Change] = []
    for a, b in zip(ordered, ordered[1:], strict=False):
        if not _compatible(a, b):
            continue
        start = _ru_from(text, a, b, lex)
        if start is None and _kk_linked(text, a, b, lex):
            start = a.start
        if start is None and _now_linked(text, a, b, lex):
            out.append(Change(a, b, a.start, b.end))
            continue
        if start is not None and _sentence_has_cue(text, a.start, b.end, lex):
            out.append(Change(a, b, start, _phrase_end(text, b)))
    return out
