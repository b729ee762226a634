"""What a count counts when no noun follows it, and the year phrases that may stand inside a change.

Documented decision (data in ``data/amounts/units.json``):
- A count without a noun after it takes the noun of the nearest 'number of X' head before it in its
  sentence: Russian 'число/количество/численность X' (X is the first noun after the head, adjectives
  skipped: 'число новых предприятий выросло с 35 до 57' -> 'предприятие'), Kazakh 'X саны' (X is the
  word before the head, adjectives skipped: 'кәсіпорындар саны 57-ден 118-ге дейін өсті' -> 'кәсіпорын').
  A pronoun ('олардың саны') names nothing.
- A number after 'из них' / 'оның ішінде' (or in a list of numbers with adjectives after it), before 'из
  них', after 'еще', or right after a dash that follows a 'now' word or a year ('было 35 предприятий,
  сейчас – 49', '2020 жылы 12 мектеп болса, қазір – 20') is an elliptic count: it takes the noun of the
  nearest earlier count in its sentence. So does a Kazakh number with a possessive ending ('оның 64-і',
  '17 мыңы', 'алтауы'), whatever stands around it.
- 'Рабочих мест – 150': a Russian plural genitive that opens the sentence before a dash names the count.
- 'в 2020 году', '2025 жылы' may stand between the two ends of a change ('с 180 млрд тенге в 2020 году
  до 263 млрд тенге'); :func:`past_year_phrase` steps over them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from aimaq.resources import load_json
from aimaq.stages.amounts import context as cx
from aimaq.stages.amounts.lexer import AmountToken
from aimaq.stages.amounts.number_words import Lexicon
from aimaq.stages.amounts.quantity import DASHES, quantity_at, skip_dot
from aimaq.stages.amounts.units import counted_noun, kk_unit_lemma

YEARS = (1900, 2100)
_SENTENCE_STOPS = frozenset(".!?;")
_NAMED = frozenset({None, "ordinal", "loc"})  # suffix classes of numbers that count nothing


@cache
def data() -> dict[str, Any]:
    return load_json("amounts/units.json")


@cache
def _now_phrases() -> tuple[tuple[str, ...], ...]:
    phrases = data()["now_phrases"]
    return tuple(tuple(p.split()) for lang in ("ru", "kk") for p in phrases[lang])


def _is_year_digits(tok: AmountToken) -> bool:
    return tok.kind == "num" and tok.low.isdigit() and YEARS[0] <= int(tok.low) <= YEARS[1]


def past_year_phrase(toks: Sequence[AmountToken], j: int, lex: Lexicon) -> int:
    """Index after 'в 2020 году' / '2025 жылы' / '2025-жылы' / 'в 2020 г.' at token ``j``, else ``j``."""
    k = j + (j < len(toks) and toks[j].kind == "word" and toks[j].low in data()["year_prepositions"])
    if k >= len(toks) or not _is_year_digits(toks[k]):
        return j
    suffix = toks[k].suffix
    if suffix:
        return k + 1 if lex.year.fullmatch(suffix) else j
    if k + 1 < len(toks) and cx.is_year_word(toks[k + 1], lex):
        return skip_dot(toks, k + 2, False, lex)
    return j


def _kk_head_before(toks: Sequence[AmountToken], k: int, lex: Lexicon) -> str | None:
    """The noun before the Kazakh head word at ``k`` ('кәсіпорындардың жалпы саны' -> 'кәсіпорын')."""
    kk = lex.kk
    for m in range(k - 1, max(-1, k - 3), -1):
        tok = toks[m]
        if tok.kind != "word":
            return None
        if tok.low in kk["adjectives"]:
            continue
        if tok.low in kk["pronouns"] or tok.low in kk["stop_words"] or tok.low in lex.numbers:
            return None
        lemma = kk_unit_lemma(tok.text, plural=True)
        return None if lemma in kk["no_unit_nouns"] or lemma in lex.numbers else lemma
    return None


def preceding_head(toks: Sequence[AmountToken], first: int, lex: Lexicon) -> str | None:
    """The noun of the nearest 'число X' / 'X саны' before token ``first`` in its sentence, else None."""
    heads = data()["count_heads"]
    for k in range(first - 1, max(-1, first - 1 - data()["head_reach"]), -1):
        tok = toks[k]
        if tok.kind == "punct" and tok.text in _SENTENCE_STOPS:
            return None
        if tok.kind != "word":
            continue
        if tok.low in heads["ru"]:
            noun = counted_noun(toks, k + 1, "ru", lex)
            if noun is not None and noun[1] < first:
                return noun[0]
        elif tok.low in heads["kk"] and k > 0:
            noun_kk = _kk_head_before(toks, k, lex)
            if noun_kk is not None:
                return noun_kk
    return None


def heading_noun(toks: Sequence[AmountToken], first: int, lex: Lexicon) -> str | None:
    """'Рабочих мест – 150': the noun of a Russian plural genitive that opens its sentence and a dash
    before token ``first`` (at most three words), else None."""
    dash = first - 1
    if dash < 1 or toks[dash].text not in DASHES or toks[dash - 1].kind != "word":
        return None
    start = dash
    while start > 0 and dash - start < 3 and toks[start - 1].kind == "word":
        start -= 1
    if start > 0 and toks[start - 1].text not in _SENTENCE_STOPS | {":"}:
        return None
    parsed = cx.ru_analyses(toks[dash - 1].low)
    tag = parsed[0].tag if parsed and not cx.has_kk_letters(toks[dash - 1].low) else None
    if tag is None or not all(g in tag for g in ("NOUN", "gent", "plur")):
        return None
    noun = counted_noun(toks, start, "ru", lex)
    return noun[0] if noun is not None and noun[1] == dash - 1 else None


def after_time_word(toks: Sequence[AmountToken], dash: int, lex: Lexicon, years: bool = True) -> bool:
    """Whether the dash at ``dash`` follows a 'now' phrase ('сейчас –') or, with ``years``, a year phrase."""
    if dash < 1 or toks[dash].text not in DASHES:
        return False
    lows = tuple(t.low for t in toks[max(0, dash - 4) : dash])
    if any(lows[-len(p) :] == p for p in _now_phrases() if len(p) <= len(lows)):
        return True
    return years and any(past_year_phrase(toks, s, lex) == dash for s in range(max(0, dash - 3), dash))


@cache
def _partitive_phrases() -> tuple[tuple[str, ...], ...]:
    phrases = data()["partitive_phrases"]
    return tuple(tuple(p.replace(".", " ").split()) for lang in ("ru", "kk") for p in phrases[lang])


def after_partitive(toks: Sequence[AmountToken], first: int) -> bool:
    """Whether 'из них' / 'в том числе' / 'оның ішінде' ends right before token ``first``."""
    lows = tuple(t.low for t in toks[max(0, first - 4) : first] if t.text != ".")
    return any(lows[-len(p) :] == p for p in _partitive_phrases() if len(p) <= len(lows))


def _after_partitive_list(toks: Sequence[AmountToken], first: int, lex: Lexicon) -> bool:
    """'из них 36 крупных, 67 средних и 838 малых': token ``first`` goes on a list of numbers with adjectives
    that starts after a partitive phrase."""
    k = first - 1
    for _ in range(first):
        if k < 1 or not (toks[k].text == "," or toks[k].low in lex.ru["coordinating_conjunctions"]
                         or toks[k].low in lex.kk["conjunctions"]):
            return False
        m = k - 1
        while m >= 0 and toks[m].kind == "word" and cx.is_adjective(toks[m], lex):
            m -= 1
        if m == k - 1 or m < 0 or toks[m].kind != "num":
            return False
        if after_partitive(toks, m):
            return True
        k = m - 1
    return False


def _elliptic(toks: Sequence[AmountToken], first: int, end: int, lex: Lexicon) -> bool:
    """Whether the number over tokens ``[first, end)`` stands for a part or more of a count stated before it."""
    qualifier = cx.qualifier_before(toks, first, lex)
    start = qualifier[1] if qualifier is not None else first
    phrases = data()["partitive_phrases"]
    after = tuple(t.low for t in toks[end : end + 2])
    return (after_time_word(toks, first - 1, lex) or after_partitive(toks, start) or _after_partitive_list(toks, first, lex)
            or " ".join(after) in phrases["after"] or (start > 0 and toks[start - 1].low in phrases["more"]))


def earlier_count_unit(toks: Sequence[AmountToken], before: int, lang: str, lex: Lexicon) -> str | None:
    """The noun of the nearest count that ends before token ``before`` in its sentence, else None."""
    for k in range(before - 1, -1, -1):
        tok = toks[k]
        if tok.kind == "punct" and tok.text in _SENTENCE_STOPS:
            return None
        if tok.kind != "num" or _is_year_digits(tok) or (tok.suffix and lex.digit_suffix.get(tok.suffix) in _NAMED):
            continue
        q = quantity_at(toks, k, lex)
        if q is None or q.currency or q.percent or q.end >= before or q.low.case == "poss":
            continue
        noun = counted_noun(toks, q.end, lang, lex)
        if noun is not None and not cx.is_year_word(toks[q.end], lex):
            return noun[0]
    return None


def elided_unit(toks: Sequence[AmountToken], first: int, end: int, lang: str, lex: Lexicon) -> str | None:
    """The noun of the nearest earlier count in the sentence, for the number over tokens ``[first, end)``
    after 'сейчас –', after or before 'из них' ('2 100 рабочих мест, из них 1 560 – постоянные', '81 проект,
    64 из них'), in a list after 'из них', or after 'еще'; else None."""
    return earlier_count_unit(toks, first - 1, lang, lex) if _elliptic(toks, first, end, lex) else None
