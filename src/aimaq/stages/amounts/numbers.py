"""Reading one number: digits ('6 288 000', '7,8', '$635,000') or number words in kk and ru.

Separators (documented decision):
- spaces, NBSP and thin spaces between groups of exactly three digits are group separators;
- a comma or a dot followed by one, two or four and more digits is a decimal separator ('892,1', '7.8');
- the same mark repeated ('1.234.567') groups thousands when every group has three digits, else the
  token is not a number ('1.2.3' is a section, '12.03.2024' a date);
- both marks ('1.234,5' or '1,234.5'): the last one is the decimal separator;
- one mark followed by exactly three digits ('1,400', '7.800') is ambiguous: :func:`parse_digits`
  returns the decimal reading with the thousands reading in ``alt``; the caller decides by context
  (a scale word or a percent sign keeps the decimal; money and counts take the thousands reading,
  since currencies have at most two decimals and counted things are whole).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from aimaq.stages.amounts.lexer import SPACES, AmountToken
from aimaq.stages.amounts.number_words import Lexicon, WordNum

_SPACE_RE = re.compile(f"[{SPACES}]")


@dataclass(frozen=True)
class Digits:
    value: Decimal
    alt: Decimal | None = None  # thousands reading of an ambiguous '1,400'
    dot_decimal: bool = False  # a fraction written with a dot ('1.2' may be a section number)


def _grouped(head: str, groups: list[str]) -> bool:
    return 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)


def _one_mark(head: str, tail: str, mark: str) -> Digits | None:
    if not head or not tail:
        return None
    decimal = Decimal(f"{head}.{tail}")
    if len(tail) == 3 and _grouped(head, [tail]) and not head.startswith("0"):
        return Digits(decimal, Decimal(head + tail), mark == ".")
    return Digits(decimal, None, mark == "." and decimal != decimal.to_integral_value())


def parse_digits(raw: str) -> Digits | None:
    """The value of a digit token, or None when it is not a plain number (time, date, section, code)."""
    if ":" in raw or "/" in raw:
        return None
    if _SPACE_RE.search(raw):
        return Digits(Decimal(_SPACE_RE.sub("", raw).replace(",", ".")))
    marks = re.findall(r"[.,]", raw)
    parts = re.split(r"[.,]", raw)
    if not marks:
        if len(raw) > 1 and raw.startswith("0"):
            return None
        return Digits(Decimal(raw))
    if len(marks) == 1:
        return _one_mark(parts[0], parts[1], marks[0])
    if len(set(marks)) == 1:
        return Digits(Decimal("".join(parts))) if _grouped(parts[0], parts[1:]) else None
    dec_mark = marks[-1]
    if dec_mark in marks[:-1] or not _grouped(parts[0], parts[1:-1]):
        return None
    return Digits(Decimal("".join(parts[:-1]) + "." + parts[-1]))


@dataclass(frozen=True)
class Words:
    """A number written in words, over tokens ``[first, end)``."""

    value: Decimal
    end: int
    scale: Decimal | None  # the scale word the number ends with ('он бес мың' -> 1000), else None
    case: str | None  # Kazakh case of the last word
    count: int  # number of number words
    roles: tuple[str, ...]


AFTER = {  # role -> roles it may follow inside one number
    "unit": {"start", "ten", "hundreds", "hundred", "scale"},
    "one": {"start", "ten", "hundreds", "hundred", "scale"},
    "collective": {"start"},
    "teen": {"start", "hundreds", "hundred", "scale"},
    "ten": {"start", "hundreds", "hundred", "scale"},
    "hundreds": {"start", "scale"},
    "hundred": {"start", "unit", "one", "scale"},
    "scale": {"start", "unit", "one", "teen", "ten", "hundreds", "hundred", "half", "decimal"},
    "half": {"unit", "one", "ten"},
}


_WHOLE = frozenset({"unit", "one", "teen", "ten", "hundreds", "hundred"})  # roles a decimal mark may follow


class _Acc:
    """Accumulates number words left to right ('екі мың бес жүз' -> 2500)."""

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.group = Decimal(0)
        self.last = "start"
        self.last_scale: Decimal | None = None

    def take(self, w: WordNum, bare_scale_ok: bool) -> bool:
        if self.last not in AFTER.get(w.role, set()):
            return False
        if w.role == "scale":
            if self.last_scale is not None and w.value >= self.last_scale:
                return False
            if self.last == "start" and not bare_scale_ok:
                return False
            self.total += (self.group or Decimal(1)) * w.value
            self.group, self.last_scale = Decimal(0), w.value
        elif w.role == "hundred":
            self.group = (self.group or Decimal(1)) * w.value
        else:
            self.group += w.value
        self.last = w.role
        return True


def _fraction(value: Decimal) -> Decimal:
    """'бес' after a decimal mark is 0.5, 'жиырма бес' 0.25."""
    return value / (10 if value < 10 else 100)


def _decimal_tail(toks: Sequence[AmountToken], j: int, lex: Lexicon) -> tuple[Decimal, int] | None:
    """The fraction after a spoken decimal mark at ``j`` and the index after it.

    'бүтін оннан сегіз' -> 0.8, 'бүтін бес' -> 0.5; 'да/де/та/те' as a decimal mark ('он алты да тоғыз
    миллиард' = 16.9 billion, 'бес те алты пайыз' = 5.6 %) only when a scale or percent word follows.
    """
    if j + 1 >= len(toks):
        return None
    mark = toks[j].low
    if mark != lex.decimal_mark and mark not in lex.kk["decimal_conjunctions"]:
        return None
    k = j + 1
    denominator = lex.decimal_denominators.get(toks[k].low) if mark == lex.decimal_mark else None
    k += denominator is not None
    w = lex.numbers.get(toks[k].low) if k < len(toks) and toks[k].kind == "word" else None
    if w is None or w.role not in {"unit", "one", "ten", "teen"}:
        return None
    value, k = w.value, k + 1
    nxt = lex.numbers.get(toks[k].low) if k < len(toks) and toks[k].kind == "word" else None
    if w.role == "ten" and w.case is None and nxt is not None and nxt.role in {"unit", "one"}:
        value, k = value + nxt.value, k + 1
        nxt = lex.numbers.get(toks[k].low) if k < len(toks) and toks[k].kind == "word" else None
    percent = k < len(toks) and toks[k].kind in {"word", "pct"} and (toks[k].kind == "pct" or lex.percent.fullmatch(toks[k].low))
    if mark != lex.decimal_mark and not percent and (nxt is None or nxt.role != "scale"):
        return None
    return (value / denominator if denominator else _fraction(value)), k


def parse_words(toks: Sequence[AmountToken], i: int, lex: Lexicon) -> Words | None:
    """The number spelled from token ``i`` on ('сто двадцать пять', 'екі мың', 'үш жарым миллиард')."""
    acc, j, case, roles = _Acc(), i, None, []
    while j < len(toks) and toks[j].kind == "word" and case is None:
        low = toks[j].low
        if low == lex.half and acc.last in AFTER["half"]:
            acc.group += Decimal("0.5")
            acc.last, j = "half", j + 1
            continue
        tail = _decimal_tail(toks, j, lex) if acc.last in _WHOLE else None
        if tail is not None:
            acc.group += tail[0]
            acc.last, j = "decimal", tail[1]
            continue
        w = lex.numbers.get(low)
        if w is None or not acc.take(w, low in lex.bare_scales):
            break
        roles.append(w.role)
        case, j = w.case, j + 1
    if not roles:
        return None
    scale = acc.last_scale if acc.group == 0 else None
    return Words(acc.total + acc.group, j, scale, case, len(roles), tuple(roles))
