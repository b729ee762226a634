"""From-to pairs: a change ('с 41 до 143 проектов', '41-ден 143-ке дейін жетті') or a range ('от 35 до 40').

Documented decision:
- Russian 'с X до Y' is a change when the sentence holds a word of change ('вырос', 'рост',
  'сократилось', 'увеличение'), else a range; 'от X до Y' is always a range.
- Kazakh 'X-ден Y-ге [дейін]' (ablative, then dative; the counted noun may stand between: '5
  кәсіпорыннан 12-ге дейін') is a change when the sentence holds a word of change ('өсті', 'артты',
  'жетті', 'көбейді'), a range when 'дейін' closes it, and no pair otherwise.
- A change gives two amounts (before, after) that share currency, scale and counted noun, emitted
  under the rule ``PAIR_CHANGE``, from which :func:`aimaq.stages.amounts.find_changes` takes the change
  as decided here; a range gives one amount with ``value_max``.
- A year phrase may stand inside a change ('с 180 млрд тенге в 2020 году до 263 млрд тенге', '310
  мыңнан 2025 жылы 450 мыңға дейін'); a count end without a noun takes the noun of a 'число X' / 'X
  саны' head before the pair (see heads.py).
- A bare lower end takes the upper end's scale ('с 1,2 до 3 млрд', 'от 3 до 5 тыс.') when the two
  are within a factor of 100; otherwise ('с 800 до 1,2 млрд') the lower end is dropped.
- A range of bare numbers without a counted noun is dropped; a change of bare numbers is kept
  ('вырос с 5 до 12'). Years ('с 2013 до 2017 года') and days ('с 5 до 12 марта') are no pair.
"""

from __future__ import annotations

from dataclasses import dataclass

from aimaq.records import Amount, AmountKind
from aimaq.stages.amounts import context as cx
from aimaq.stages.amounts.heads import past_year_phrase, preceding_head
from aimaq.stages.amounts.quantity import Magnitude, Quantity, propagate_scale, quantity_at
from aimaq.stages.amounts.scan import Ctx, Outcome, emit, make_amount, skip
from aimaq.stages.amounts.units import counted_noun, is_not_counted_unit

PAIR_CHANGE = "pair_change"  # the rule of a pair decided to be a change: its two amounts are before and after
_UNTIL = frozenset({"дейін", "шейін"})
_YEARS = (1900, 2100)


@dataclass(frozen=True)
class _Pair:
    q1: Quantity
    q2: Quantity
    mode: str  # change | range
    unit: str | None
    phrase_first: int  # first token of the phrase ('от', or the first number)
    end: int  # token after the pair (after its noun and 'дейін' when they close it)


def _cue(ctx: Ctx, i: int) -> bool:
    lo, hi = (0, len(ctx.toks)) if ctx.sentence else cx.clause_bounds(ctx.text, ctx.toks, i, ctx.lex)
    return cx.change_cue(ctx.toks, lo, hi, ctx.lex)


def _head(ctx: Ctx, q: Quantity, first: int) -> str | None:
    """The counted noun of a count end without one, from a 'число X' / 'X саны' head before ``first``."""
    return None if q.currency or q.percent else preceding_head(ctx.toks, first, ctx.lex)


def _ru_pair(ctx: Ctx, i: int, mode: str) -> _Pair | None:
    toks, lex = ctx.toks, ctx.lex
    q1 = quantity_at(toks, i, lex)
    if q1 is None or q1.high is not None:
        return None
    to = past_year_phrase(toks, q1.end, lex) if mode == "change" else q1.end
    if to + 1 >= len(toks) or toks[to].low not in lex.pair_to:
        return None
    q2 = quantity_at(toks, to + 1, lex)
    if q2 is None or q2.high is not None:
        return None
    noun = None if q2.currency or q2.percent else counted_noun(toks, q2.end, ctx.lang, lex)
    mode = "change" if mode == "change" and _cue(ctx, i) else "range"
    unit = noun[0] if noun else _head(ctx, q2, i - 1)
    return _Pair(q1, q2, mode, unit, i - 1, q2.end)


def _kk_side(ctx: Ctx, q: Quantity, case: str) -> tuple[str | None, int] | None:
    """(counted noun, end) when ``q`` (or the noun right after it) is in ``case``, else None."""
    if q.case == case:
        return None, q.end
    if q.currency or q.percent or q.case is not None:
        return None
    noun = counted_noun(ctx.toks, q.end, "kk", ctx.lex)
    if noun is None or noun[1] != q.end or cx.word_case(ctx.toks[q.end], ctx.lex) != case:
        return None
    return noun[0], q.end + 1


def _kk_pair(ctx: Ctx, i: int) -> _Pair | None:
    toks, lex = ctx.toks, ctx.lex
    q1 = quantity_at(toks, i, lex)
    side1 = _kk_side(ctx, q1, "abl") if q1 is not None and q1.high is None else None
    if side1 is None or side1[1] >= len(toks):
        return None
    q2 = quantity_at(toks, past_year_phrase(toks, side1[1], lex), lex)
    side2 = _kk_side(ctx, q2, "dat") if q2 is not None and q2.high is None else None
    if q1 is None or q2 is None or side2 is None:
        return None
    end = side2[1]
    until = end < len(toks) and toks[end].low in _UNTIL
    mode = "change" if _cue(ctx, i) else "range" if until else None
    if mode is None:
        return None
    unit = side2[0] or side1[0]
    if unit is None and not (q2.currency or q2.percent):
        noun = counted_noun(toks, end + until, "kk", lex)
        unit = noun[0] if noun else _head(ctx, q2, i)
    return _Pair(q1, q2, mode, unit, i, end + until)


def _plain_year(m: Magnitude) -> bool:
    return not m.words and m.scale is None and m.value == m.value.to_integral_value() and _YEARS[0] <= m.value <= _YEARS[1]


def _value(m: Magnitude, kind: str, q: Quantity) -> float:
    value = m.alt if m.alt is not None and kind != "percent" else m.value
    return float(value * q.factor)


def _amounts(ctx: Ctx, p: _Pair) -> Outcome:
    q1, q2 = p.q1, p.q2
    currency = q2.currency or q1.currency
    kind: AmountKind = "percent" if q1.percent or q2.percent else "money" if currency else "count"
    unit = p.unit if kind == "count" else None
    low = propagate_scale(q1.low, q2.low)
    if low is None:  # 'с 800 до 1,2 млрд': the lower end cannot be read
        after = Amount(kind, _value(q2.low, kind, q2), None, "exact", currency, unit, "", 0, 0, "pair_upper_only")
        return emit("pair_upper_only", [make_amount(ctx, after, q2.first, q2.end)], p.end)
    bare = kind == "count" and unit is None and low.scale is None
    factor_q = q2 if q2.currency else q1
    v1, v2 = _value(low, kind, factor_q), _value(q2.low, kind, q2)
    if p.mode == "range":
        if bare or v1 >= v2:
            return skip(ctx, "bare_range" if bare else "not_a_range", q1.first, p.end)
        proto = Amount(kind, v1, v2, "exact", currency, unit, "", 0, 0, "pair_range")
        return emit("pair_range", [make_amount(ctx, proto, q1.first, q2.end, p.phrase_first, p.end)], p.end)
    before = Amount(kind, v1, None, "exact", currency, unit, "", 0, 0, PAIR_CHANGE)
    after = Amount(kind, v2, None, "exact", currency, unit, "", 0, 0, PAIR_CHANGE)
    found = [make_amount(ctx, before, q1.first, q1.end, p.phrase_first), make_amount(ctx, after, q2.first, q2.end)]
    return emit(PAIR_CHANGE, found, p.end)


def _time_of_day(ctx: Ctx, p: _Pair) -> bool:
    """'с 9 до 18 часов', 'сағат 9-дан 18-ге дейін': hours of the day, not a quantity."""
    before = ctx.toks[p.phrase_first - 1].low if p.phrase_first > 0 else ""
    starts_with_from = ctx.toks[p.phrase_first].low in {"с", "со"}
    return (starts_with_from and p.unit in ctx.lex.ru["time_units"]) or before in ctx.lex.kk["time_words_before"]


def from_to_pair(ctx: Ctx, i: int) -> Outcome | None:
    """'с 41 до 143 проектов', 'от 35 до 40 предприятий', '41-ден 143-ке дейін жетті'."""
    toks, lex = ctx.toks, ctx.lex
    prev = toks[i - 1].low if i > 0 and toks[i - 1].kind == "word" else None
    pair = _ru_pair(ctx, i, lex.pair_from[prev]) if prev in lex.pair_from else _kk_pair(ctx, i)
    if pair is None:
        return None
    after = toks[pair.q2.end] if pair.q2.end < len(toks) else None
    if cx.is_month(after, lex):
        return skip(ctx, "date", i, pair.q2.end + 1)
    if _time_of_day(ctx, pair):
        return skip(ctx, "time", i, pair.end)
    both_years = _plain_year(pair.q1.low) and _plain_year(pair.q2.low)
    year_word = cx.is_year_word(after, lex) and _plain_year(pair.q2.low)
    if year_word or (both_years and not (pair.q1.currency or pair.q2.currency or pair.unit)):
        return skip(ctx, "year", i, pair.end)
    if is_not_counted_unit(pair.unit) and not (pair.q1.currency or pair.q2.currency or pair.q1.percent or pair.q2.percent):
        return skip(ctx, "period", i, pair.end)  # 'от 3 до 6 лет': ages or periods, not a quantity
    return _amounts(ctx, pair)
