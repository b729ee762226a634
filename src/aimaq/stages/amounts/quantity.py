"""The core of an amount: number, scale words, range, currency and percent, over a run of tokens.

'1 трлн 400 млрд тенге', '$1,5 млн', '€ 2 млн', '7,8 млрд. теңгені', '10-15 млрд тенге', '30%',
'екі жарым миллиард теңгеге', '35–40'. Qualifier words and counted nouns are read around it by
:mod:`aimaq.stages.amounts.context` and :mod:`aimaq.stages.amounts.units`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from aimaq.stages.amounts.lexer import AmountToken, Tokens
from aimaq.stages.amounts.number_words import Lexicon
from aimaq.stages.amounts.numbers import parse_digits, parse_words

DASHES = frozenset("-–—")
RANGE_RATIO = Decimal(100)  # a bare lower end takes the upper end's scale only when the two are this close


@dataclass(frozen=True)
class Magnitude:
    value: Decimal
    alt: Decimal | None  # thousands reading of an ambiguous '1,400' (only when no scale follows)
    scale: Decimal | None  # the scale word applied to the leading group
    first: int
    end: int  # token index after the last token used
    words: int  # number words used (0 for digits)
    roles: tuple[str, ...]
    dot_decimal: bool
    case: str | None  # class of a glued suffix ('abl', 'cardinal', ...) or Kazakh case of the last word


@dataclass(frozen=True)
class Quantity:
    low: Magnitude
    high: Magnitude | None
    first: int
    end: int
    currency: str | None
    factor: Decimal  # 0.01 for subunit currencies
    percent: bool
    case: str | None  # case of the last token, for Kazakh qualifiers and from-to pairs
    currency_before: bool = False


def kk_case(low: str, lex: Lexicon) -> str | None:
    """Case of a Kazakh word by its ending (abl, dat, approx), else None ('теңге' is no dative)."""
    if len(low) <= 3 or low in lex.kk["case_lookalikes"]:
        return None
    return next((case for case, ends in lex.kk["case_endings"].items() if low.endswith(tuple(ends))), None)


def _scale(tok: AmountToken, lex: Lexicon) -> tuple[Decimal, str | None] | None:
    w = lex.numbers.get(tok.low) if tok.kind == "word" else None
    return (w.value, w.case) if w is not None and w.role == "scale" else None


def skip_dot(toks: Sequence[AmountToken], j: int, always: bool, lex: Lexicon | None = None) -> int:
    """Index after an abbreviation's dot at ``j`` ('млрд.' before 'теңгені', 'тыс.)'), else ``j``.

    The dot stays out when a capitalised word that is no currency follows: it may end the sentence.
    """
    if j >= len(toks) or toks[j].text != "." or toks[j].space_before:
        return j
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    if always or (nxt is not None and (nxt.kind in {"sym", "num", "punct"} and nxt.text != "." or nxt.text[:1].islower())):
        return j + 1
    if nxt is not None and lex is not None and nxt.kind == "word" and _currency_word(nxt, lex):
        return j + 1
    return j


def _currency_word(tok: AmountToken, lex: Lexicon) -> bool:
    """'АҚШ', 'USD': an upper-case currency code or modifier that goes on after 'тыс.'."""
    return tok.text.isupper() and (tok.text in lex.currency_codes or tok.low in lex.modifiers_before)


def _past_scale(toks: Sequence[AmountToken], k: int, lex: Lexicon) -> int:
    """Index after the scale word at ``k`` (and after its abbreviation dot)."""
    return skip_dot(toks, k + 1, False, lex) if toks[k].low in lex.abbreviations else k + 1


def scale_suffix(toks: Sequence[AmountToken], j: int, lex: Lexicon) -> tuple[str, int] | None:
    """(class, index after it) of a case suffix hyphenated to a scale word ending at ``j``: 'млн-нан'."""
    if j + 1 >= len(toks) or toks[j].text not in DASHES or toks[j].space_before:
        return None
    suffix = toks[j + 1]
    if suffix.kind != "word" or suffix.space_before or suffix.low not in lex.digit_suffix:
        return None
    return lex.digit_suffix[suffix.low], j + 2


def _after_scales(toks: Sequence[AmountToken], j: int, lex: Lexicon, value: Decimal) -> tuple[Decimal, Decimal | None, str | None, int]:
    """Apply scale words after digits, with compounds ('1 трлн 400 млрд'); returns value, scale, case, end.

    A case suffix on the last scale ('1,2 млн-нан астам') joins the number and gives its case."""
    sc = _scale(toks[j], lex) if j < len(toks) else None
    if sc is None:
        return value, None, None, j
    value, scale, last, case = value * sc[0], sc[0], sc[0], sc[1]
    j = _past_scale(toks, j, lex)
    glued = scale_suffix(toks, j, lex) if case is None else None
    if glued is not None:
        return value, scale, glued[0], glued[1]
    if case is None:
        value, case, j = _smaller_groups(toks, j, lex, value, last)
    return value, scale, case, j


def _group_at(toks: Sequence[AmountToken], j: int, lex: Lexicon) -> tuple[Decimal, Decimal, str | None, int] | None:
    """(value, scale, case, end) of a group that ends in a scale word at ``j``: '400 млрд', 'восемьсот миллиардов'."""
    tok = toks[j]
    if tok.kind == "num" and not tok.suffix and j + 1 < len(toks):
        digits, sc = parse_digits(tok.low), _scale(toks[j + 1], lex)
        if digits is None or sc is None:
            return None
        return digits.value * sc[0], sc[0], sc[1], _past_scale(toks, j + 1, lex)
    w = parse_words(toks, j, lex) if tok.kind == "word" else None
    if w is None or w.scale is None:
        return None
    return w.value, w.scale, w.case, _past_scale(toks, w.end - 1, lex)


def _smaller_groups(toks: Sequence[AmountToken], j: int, lex: Lexicon, value: Decimal,
                    last: Decimal) -> tuple[Decimal, str | None, int]:
    """Add the groups of smaller scales that follow a scale word, in digits or in words: '1 трлн [400 млрд]',
    'два триллиона [800 миллиардов]', 'пять миллиардов [600 миллионов]'; returns value, case, end."""
    case = None
    while case is None and j < len(toks):
        group = _group_at(toks, j, lex)
        if group is None or group[1] >= last:
            break
        value, last, case, j = value + group[0], group[1], group[2], group[3]
    return value, case, j


def magnitude_at(toks: Sequence[AmountToken], i: int, lex: Lexicon) -> Magnitude | None:
    tok = toks[i]
    if tok.kind == "num":
        d = parse_digits(tok.low)
        if d is None:
            return None
        if tok.suffix:
            return Magnitude(d.value, d.alt, None, i, i + 1, 0, (), d.dot_decimal, lex.digit_suffix.get(tok.suffix))
        value, scale, case, end = _after_scales(toks, i + 1, lex, d.value)
        alt = d.alt if scale is None else None
        return Magnitude(value, alt, scale, i, end, 0, (), d.dot_decimal and scale is None, case)
    if tok.kind != "word":
        return None
    w = parse_words(toks, i, lex)
    if w is None:
        return None
    value, case, end = w.value, w.case, _past_scale(toks, w.end - 1, lex)
    if w.scale is not None and case is None:
        value, case, end = _smaller_groups(toks, end, lex, value, w.scale)
    return Magnitude(value, None, w.scale, i, end, w.count, w.roles, False, case)


def _range(low: Magnitude, high: Magnitude) -> tuple[Magnitude, Magnitude] | None:
    """Both ends of '35-40', '10-15 млрд' (the scale applies to both), or None when it is no range."""
    if low.case is not None or low.scale is None and high.scale is not None and not _takes_scale(low, high):
        return None
    if low.scale is None and high.scale is not None:
        low = replace(low, value=low.value * high.scale, alt=None, scale=high.scale)
    return (low, high) if low.value < high.value else None


def _takes_scale(low: Magnitude, high: Magnitude) -> bool:
    assert high.scale is not None
    a, b = low.value, high.value / high.scale
    return a > 0 and b > 0 and max(a, b) / min(a, b) <= RANGE_RATIO


def propagate_scale(low: Magnitude, high: Magnitude) -> Magnitude | None:
    """The lower end of a change with the upper end's scale ('с 1,2 до 3 млрд'); None when implausible."""
    if low.scale is not None or high.scale is None:
        return low
    if not _takes_scale(low, high):
        return None
    return replace(low, value=low.value * high.scale, alt=None, scale=high.scale)


def currency_at(toks: Sequence[AmountToken], j: int, lex: Lexicon, scaled: bool = True) -> tuple[str, Decimal, int, str | None] | None:
    """Currency written after a number, with its modifiers ('долларов США', 'АҚШ доллары', 'гонконгских долларов').

    An ambiguous currency word ('8 фунтов 6 унций') counts only after a scale word or with a modifier.
    """
    k, code = j, None
    if k < len(toks) and toks[k].kind == "word":
        code = next((c for p, c in lex.modifiers_before.items() if toks[k].low.startswith(p)), None)
        k += code is not None
    if k >= len(toks):
        return None
    tok = toks[k]
    if tok.kind == "sym" and tok.text in lex.currency_symbols:
        return code or lex.currency_symbols[tok.text], Decimal(1), k + 1, None
    if tok.kind != "word":
        return None
    found = next((c for pattern, c in lex.currency_words if pattern.fullmatch(tok.low)), None)
    if found is None:
        return None
    end = skip_dot(toks, k + 1, True) if tok.low in lex.abbreviations else k + 1
    if end < len(toks) and toks[end].low in lex.modifiers_after:
        code, end = lex.modifiers_after[toks[end].low], end + 1
    elif found.ambiguous and not scaled and code is None:
        return None
    code = code or found.code
    return (code, found.factor, end, kk_case(tok.low, lex)) if code else None


def currency_before(toks: Sequence[AmountToken], i: int, lex: Lexicon) -> str | None:
    tok = toks[i]
    if tok.kind == "sym":
        return lex.currency_symbols.get(tok.text)
    if tok.kind == "word" and tok.text.isupper() and tok.text in lex.currency_codes:
        return tok.text
    return None


def is_percent(tok: AmountToken, lex: Lexicon) -> bool:
    return tok.kind == "pct" or (tok.kind == "word" and lex.percent.fullmatch(tok.low) is not None)


def _confirms_range(toks: Sequence[AmountToken], j: int, lex: Lexicon) -> bool:
    """After 'X мен Y': a currency ('3 пен 5 доллар') or a noun and 'аралығында' ('18 бен 30 жас аралығында')."""
    if currency_at(toks, j, lex) is not None:
        return True
    return j + 1 < len(toks) and toks[j + 1].low in lex.kk["range_closers"]


def _range_link(tok: AmountToken, lex: Lexicon) -> bool:
    """A dash, or Kazakh 'мен/бен/пен' ('3 пен 5 доллар': between 3 and 5 dollars, money only)."""
    return tok.text in DASHES or tok.low in lex.kk["range_conjunctions"]


def quantity_at(toks: Sequence[AmountToken], i: int, lex: Lexicon) -> Quantity | None:
    """The amount core starting at token ``i`` (a currency sign or the number), or None (also past the end).

    Tokens from ``tokenize`` keep it: the rules tried at one number ask for it again and again."""
    if not isinstance(toks, Tokens):
        return _quantity_at(toks, i, lex)
    key = (i, id(lex))
    if key not in toks.quantities:
        toks.quantities[key] = _quantity_at(toks, i, lex)
    return toks.quantities[key]


def _quantity_at(toks: Sequence[AmountToken], i: int, lex: Lexicon) -> Quantity | None:
    if i >= len(toks):
        return None
    code = currency_before(toks, i, lex)
    start = i + 1 if code else i
    if start >= len(toks):
        return None
    low = magnitude_at(toks, start, lex)
    if low is None:
        return None
    high, j = None, low.end
    if j + 1 < len(toks) and _range_link(toks[j], lex) and toks[j + 1].kind in {"num", "word"}:
        other = magnitude_at(toks, j + 1, lex)
        pair = _range(low, other) if other is not None else None
        if pair is not None and (toks[j].text in DASHES or _confirms_range(toks, pair[1].end, lex)):
            (low, high), j = pair, pair[1].end
    last = high or low
    if code:
        return Quantity(low, high, i, j, code, Decimal(1), False, last.case, True)
    if j < len(toks) and is_percent(toks[j], lex):
        suffix = toks[j].suffix
        case = suffix and lex.digit_suffix.get(suffix) or kk_case(toks[j].low, lex)
        return Quantity(low, high, i, j + 1, None, Decimal(1), True, case)
    scaled = low.scale is not None or (high is not None and high.scale is not None)
    cur = currency_at(toks, j, lex, scaled) if last.case is None else None
    if cur is not None:
        return Quantity(low, high, i, cur[2], cur[0], cur[1], False, cur[3])
    return Quantity(low, high, i, j, None, Decimal(1), False, last.case)
