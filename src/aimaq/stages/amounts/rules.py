"""The ordered rules that decide what a number is. The first rule that answers decides.

A rule gets the scan context and the index of a token that may start a number, and returns an
:class:`Outcome` (the decision, with the amounts it found or none, and where the scan goes on) or
None to pass. The rules before :func:`from_to_pair` only drop numbers that are no amounts, each with
its reason; the last two build amounts.

Counts (documented decision): a number without currency or percent becomes a count only when a
counted noun follows within a few words ('35 тысяч человек', '100-ден астам адам'), when a 'number of X'
head before it names the noun ('число предприятий достигло 57'), when it follows 'сейчас –' or 'из них'
after a count of the same noun (see heads.py), when a scale word makes it a quantity on its own
('составил 2,5 млн'), or when it is one end of a stated change ('вырос с 5 до 12'). A Kazakh number with
a possessive ending ('оның 12-сі', '21 мыңы') counts the noun of the count stated before it. A number of
periods, times or years of age ('10 айдағы', 'три года', '2 есе', 'в 2,5 раза', '13 жастағы') is no
amount. A bare number ('в пункте 5', '– 2020»') is dropped. 'бір/один' alone are counted only with a
currency ('бір доллар'): with a noun they are as often the article 'a' or 'one of'. A dot decimal
without a scale ('1.2 Общие положения') is taken for a section number, not a count.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Literal

from aimaq.records import Amount, AmountKind, Qualifier
from aimaq.stages.amounts import context as cx
from aimaq.stages.amounts.heads import earlier_count_unit, elided_unit, heading_noun, preceding_head
from aimaq.stages.amounts.number_words import Lexicon
from aimaq.stages.amounts.numbers import parse_digits
from aimaq.stages.amounts.quantity import (
    DASHES,
    Magnitude,
    Quantity,
    currency_at,
    currency_before,
    is_percent,
    quantity_at,
)
from aimaq.stages.amounts.ranges import from_to_pair
from aimaq.stages.amounts.scan import AmountPhrase, Ctx, Outcome, emit, make_amount, skip
from aimaq.stages.amounts.units import counted_noun, not_counted
from aimaq.text.morph.ru import lemma as ru_lemma

YEARS = (1900, 2100)
_QUOTES = frozenset("«»\"“”„()")


def not_a_number(ctx: Ctx, i: int) -> Outcome | None:
    """'10:00', '12.03.2024', '1.2.3', '007', '98-нші', '98-й', '5-го', '15-те': no amount."""
    tok = ctx.toks[i]
    if tok.kind != "num":
        return None
    if parse_digits(tok.low) is None:
        return skip(ctx, "not_a_number", i, i + 1)
    cls = ctx.lex.digit_suffix.get(tok.suffix) if tok.suffix else ""
    if cls is None or cls in {"ordinal", "loc"}:
        return skip(ctx, "ordinal_or_named", i, i + 1)
    return None


def glued_to_letters(ctx: Ctx, i: int) -> Outcome | None:
    """'COVID-19', 'Т-34', 'A320', '5G' (a glued scale or currency like '10млн' is fine)."""
    toks, lex = ctx.toks, ctx.lex
    if not cx.glued_to_letters(toks, i, i + 1, lex):
        return None
    nxt = i + 1
    if nxt < len(toks) and not toks[nxt].space_before and (currency_at(toks, nxt, lex) or is_percent(toks[nxt], lex)):
        return None
    return skip(ctx, "glued_to_letters", i, i + 1)


def hyphen_chain(ctx: Ctx, i: int) -> Outcome | None:
    """'2018-08-29', '50-50-50': three numbers joined by hyphens are a date or a phone."""
    toks, k = ctx.toks, i
    while k + 2 < len(toks) and toks[k + 1].text in DASHES and toks[k + 2].kind == "num" and not toks[k + 2].space_before:
        k += 2
    return skip(ctx, "hyphen_chain", i, k + 1) if toks[i].kind == "num" and k - i >= 4 else None


def code_number(ctx: Ctx, i: int) -> Outcome | None:
    """'№ 45', 'ст. 12', 'ул. Абая 10', 'БИН 123456789012'."""
    if ctx.toks[i].kind == "num" and cx.code_before(ctx.toks, i, ctx.lex):
        return skip(ctx, "code_number", i, i + 1)
    return None


def word_trap(ctx: Ctx, i: int) -> Outcome | None:
    """Number words that are something else here: ru 'он' (he), 'бірінші тоқсан' (quarter), 'один из'."""
    toks, lex, tok = ctx.toks, ctx.lex, ctx.toks[i]
    w = lex.numbers.get(tok.low) if tok.kind == "word" else None
    if w is None:
        return None
    prev = toks[i - 1].low if i > 0 else ""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    next_is_number = nxt is not None and nxt.low in lex.numbers
    if tok.low in lex.ru_homographs and ctx.lang != "kk" and not next_is_number:
        return skip(ctx, "ru_homograph", i, i + 1)
    if prev in lex.blocked_before.get(tok.low, ()):
        return skip(ctx, "not_a_number_here", i, i + 1)
    if w.role == "one" and (prev in lex.one_idioms_before or (nxt is not None and nxt.low in lex.one_idioms_after)):
        return skip(ctx, "one_idiom", i, i + 1)
    if w.role == "scale" and (prev in lex.ru["quantity_words"] or prev in lex.kk["quantity_words"]):
        return skip(ctx, "vague_quantity", i, i + 1)
    before_prev = toks[i - 2].low if i > 1 else ""
    decimal_conj = prev in lex.kk["decimal_conjunctions"] and before_prev in lex.numbers
    if decimal_conj or lex.decimal_mark in (prev, before_prev):  # the fraction of an unread spoken decimal
        q = quantity_at(toks, i, lex)
        return skip(ctx, "spoken_decimal_unread", i, q.end if q is not None else i + 1)
    return None


def fraction(ctx: Ctx, i: int) -> Outcome | None:
    """'үштен бірі' (a third), '3-тен бірі': an ablative number before 'бірі' is a fraction."""
    q = quantity_at(ctx.toks, i, ctx.lex)
    if q is None or q.case != "abl" or q.end >= len(ctx.toks):
        return None
    if ctx.toks[q.end].low in ctx.lex.kk["fraction_numerators"]:
        return skip(ctx, "fraction", i, q.end + 1)
    return None


def ordinal_words(ctx: Ctx, i: int) -> Outcome | None:
    """'мың тоғыз жүз тоқсан жетінші жылы', 'две тысячи двадцатом году': a spelled number ending in an ordinal."""
    q = quantity_at(ctx.toks, i, ctx.lex)
    if q is None or not q.low.words:
        return None
    if q.low.case == "ordinal":
        return skip(ctx, "ordinal_words", i, q.low.end)
    if q.low.end < len(ctx.toks) and cx.is_ordinal_word(ctx.toks[q.low.end], q.low.roles[-1], ctx.lex):
        return skip(ctx, "ordinal_words", i, q.low.end + 1)
    return None


def _plain(m: Magnitude) -> int | None:
    """The integer value of a bare digit token without scale ('2013'), else None."""
    if m.words or m.scale is not None or m.value != m.value.to_integral_value():
        return None
    return int(m.value)


def date(ctx: Ctx, i: int) -> Outcome | None:
    """'29 августа', '15 наурызда', '15-20 марта', 'наурыздың 15': day numbers."""
    toks, lex = ctx.toks, ctx.lex
    q = quantity_at(toks, i, lex)
    if q is None or q.currency or q.percent:
        return None
    day = _plain(q.low) if not q.low.words else int(q.low.value) if q.low.value == int(q.low.value) else None
    if day is None or not 1 <= day <= 31:
        return None
    after = toks[q.end] if q.end < len(toks) else None
    before = toks[q.first - 1] if q.first > 0 else None
    if cx.is_month(after, lex) or cx.is_month(before, lex):
        return skip(ctx, "date", i, q.end + (after is not None and cx.is_month(after, lex)))
    return None


def _yearish(m: Magnitude | None) -> bool:
    value = _plain(m) if m is not None else None
    return value is not None and YEARS[0] <= value <= YEARS[1]


def _year_signs(ctx: Ctx, q: Quantity) -> bool:
    toks = ctx.toks
    after = toks[q.end] if q.end < len(toks) else None
    before = toks[q.first - 1] if q.first > 0 else None
    if q.high is not None and _yearish(q.high):
        return True
    if q.low.case is not None:  # '2019-дан бастап', but not '2000-ға жуық мектеп'
        return counted_noun(toks, q.end, ctx.lang, ctx.lex) is None
    if before is not None and (before.text in DASHES or before.text in _QUOTES):
        return True
    if after is not None and after.text in _QUOTES:
        return True
    return after is not None and after.kind == "word" and (after.text[:1].isupper() or after.low.endswith(("сы", "сі")))


def year(ctx: Ctx, i: int) -> Outcome | None:
    """'2013 года', '2013 жылдан', '2016-2020 жылдарға', 'в 2025 г.', '2019-дан бастап', '90-х годов'."""
    toks, lex = ctx.toks, ctx.lex
    q = quantity_at(toks, i, lex)
    if q is None or q.currency or q.percent:
        return None
    after = toks[q.end] if q.end < len(toks) else None
    plain = _plain(q.low)
    year_word = cx.is_year_word(after, lex)
    if year_word and plain is not None and (1000 <= plain <= YEARS[1] or toks[q.first].suffix in lex.decade_suffixes):
        return skip(ctx, "year", i, q.end + 1)
    if _yearish(q.low) and _year_signs(ctx, q):
        return skip(ctx, "year", i, q.end)
    return None


def _kk_duration(ctx: Ctx, q: Quantity) -> bool:
    """'екі жылда', 'үш айда', 'бес жыл ішінде', 'он жылдың ішінде', 'екі жыл бұрын'."""
    spec, toks = ctx.lex.kk["durations"], ctx.toks
    tok = toks[q.end] if q.end < len(toks) else None
    if tok is None or tok.kind != "word" or q.low.case is not None:
        return False
    if any(tok.low == noun + suffix for noun in spec["nouns"] for suffix in spec["locative_suffixes"]):
        return True
    after = tuple(t.low for t in toks[q.end + 1 : q.end + 3])
    return any(tok.low.startswith(n) for n in spec["nouns"]) and any(
        after[: len(p.split())] == tuple(p.split()) for p in spec["after"]
    )


def _ru_duration(ctx: Ctx, q: Quantity) -> bool:
    """'за два года', 'в течение пяти лет', 'три месяца назад'."""
    spec, toks = ctx.lex.ru["durations"], ctx.toks
    tok = toks[q.end] if q.end < len(toks) else None
    if tok is None or tok.kind != "word" or ru_lemma(tok.low) not in spec["nouns"] and tok.low not in spec["nouns"]:
        return False
    before = toks[q.first - 1].low if q.first > 0 else ""
    after = toks[q.end + 1].low if q.end + 1 < len(toks) else ""
    return before in spec["before"] or after in spec["after"]


def duration(ctx: Ctx, i: int) -> Outcome | None:
    """A number of years, months or days that says how long, not how many: no amount."""
    q = quantity_at(ctx.toks, i, ctx.lex)
    if q is None or q.currency or q.percent or q.low.scale is not None:
        return None
    if _kk_duration(ctx, q) or _ru_duration(ctx, q):
        return skip(ctx, "duration", i, q.end + 1)
    return None


def period_or_multiplier(ctx: Ctx, i: int) -> Outcome | None:
    """'тоғыз айдың', '10 айдағы', 'три года', '5-7 лет', '2 есе', 'в 2,5 раза', '165 рет', '13 жастағы': a
    number of periods, of times or of years of age says how long, how much more or how old, not how many things."""
    q = quantity_at(ctx.toks, i, ctx.lex)
    if q is None or q.currency or q.percent or q.low.case == "poss":  # 'алтауы жыл соңына': six of them
        return None
    kind = not_counted(ctx.toks, q.end, ctx.lang)
    return skip(ctx, kind, i, q.end + 1) if kind else None


def _resolve(m: Magnitude, kind: str, factor: Decimal) -> float:
    """The value of one end: the thousands reading of '1,400' for money and counts (see numbers.py)."""
    value = m.alt if m.alt is not None and kind != "percent" else m.value
    return float(value * factor)


def _count_of_sentence_before(ctx: Ctx, q: Quantity) -> str | None:
    """'... 26 мектеп салынды. Оның 17-сі ...': a possessive number that opens its sentence (after 'оның' or
    'олардың') takes the noun of the last count of the sentence before."""
    opening = q.first == 0 or (q.first == 1 and ctx.toks[0].low in ctx.lex.kk["pronouns"])
    prev = ctx.previous
    end = len(prev) - (bool(prev) and prev[-1].text in ".!?")
    return earlier_count_unit(prev, end, ctx.lang, ctx.lex) if opening and ctx.sentence else None


def _classify(ctx: Ctx, q: Quantity) -> tuple[AmountKind | Literal[""], str | None, int | None, str]:
    """(kind, unit, noun index, rule) or ('', None, None, reason) when the number is dropped."""
    if q.percent:
        return "percent", None, None, "percent"
    if q.currency:
        return "money", None, None, "money_currency_before" if q.currency_before else "money_currency"
    scaled = q.low.scale is not None or (q.high is not None and q.high.scale is not None)
    if q.low.roles == ("one",):
        return "", None, None, "one_without_currency"
    if q.low.case == "poss":  # 'оның 64-і', '17 мыңы': a part of a count stated before
        unit = earlier_count_unit(ctx.toks, q.first, ctx.lang, ctx.lex) or _count_of_sentence_before(ctx, q)
        return ("count", unit, None, "count_possessive") if unit else ("", None, None, "possessive_number")
    if q.low.dot_decimal and not scaled:
        return "", None, None, "dot_decimal_count"
    noun = counted_noun(ctx.toks, q.end, ctx.lang, ctx.lex)
    if noun is not None:
        return "count", noun[0], noun[1], "count_noun"
    head = preceding_head(ctx.toks, q.first, ctx.lex)
    if head is not None:
        return "count", head, None, "count_head_noun"
    heading = heading_noun(ctx.toks, q.first, ctx.lex) if q.high is None else None
    if heading is not None:
        return "count", heading, None, "count_heading_noun"
    elided = elided_unit(ctx.toks, q.first, q.end, ctx.lang, ctx.lex) if q.high is None else None
    if elided is not None:
        return "count", elided, None, "count_elided_noun"
    if scaled:
        return "count", None, None, "count_scaled"
    return "", None, None, "no_counted_noun"


def _qualifier(ctx: Ctx, q: Quantity, noun_at: int | None) -> tuple[Qualifier, int | None, int | None]:
    """(qualifier, first token of a qualifier before, token after a qualifier after).

    A word before the number wins over one after it; a verb ('асады') qualifies without joining the phrase.
    """
    toks, lex = ctx.toks, ctx.lex
    before = cx.qualifier_before(toks, q.first, lex)
    after = cx.qualifier_after(toks, q.end, q.case, lex)
    if after is None and noun_at is not None:
        after = cx.qualifier_after(toks, noun_at + 1, cx.word_case(toks[noun_at], lex), lex)
    after_end = after[1] if after is not None and toks[after[1] - 1].low not in lex.kk["verbal_qualifiers"] else None
    if before is not None:
        return before[0], before[1], after_end
    if after is not None:
        return after[0], None, after_end
    return ("approx" if q.case == "approx" else "exact"), None, None


def amount(ctx: Ctx, i: int) -> Outcome | None:
    """Money, percent or count read from the core at ``i`` and the words around it."""
    q = quantity_at(ctx.toks, i, ctx.lex)
    if q is None:
        return None
    kind, unit, noun_at, rule = _classify(ctx, q)
    if not kind:
        return skip(ctx, rule, i, q.end)
    qualifier, q_first, q_end = _qualifier(ctx, q, noun_at)
    value = _resolve(q.low, kind, q.factor)
    value_max = _resolve(q.high, kind, q.factor) if q.high is not None else None
    proto = Amount(kind, value, value_max, qualifier, q.currency, unit, "", 0, 0, rule)
    return emit(rule, [make_amount(ctx, proto, q.first, q.end, q_first, q_end)], q.end)


Rule = Callable[[Ctx, int], "Outcome | None"]
RULES: Sequence[Rule] = (
    not_a_number, glued_to_letters, hyphen_chain, code_number, word_trap, ordinal_words, fraction, date, year,
    duration, period_or_multiplier, from_to_pair, amount,
)


def starts_number(toks: Sequence, i: int, lex: Lexicon) -> bool:
    """Whether token ``i`` may start an amount (digits, a number word, a currency sign before digits)."""
    tok = toks[i]
    if tok.kind == "num":
        return True
    if tok.kind == "word" and tok.low in lex.numbers:
        w = lex.numbers[tok.low]
        return w.role != "scale" or tok.low in lex.bare_scales
    return i + 1 < len(toks) and currency_before(toks, i, lex) is not None and toks[i + 1].kind == "num"


__all__ = ["RULES", "AmountPhrase", "starts_number"]
