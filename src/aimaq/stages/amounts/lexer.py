"""Tokens for the amounts grammar: numbers (with their glued suffixes), words, symbols, punctuation.

Digits grouped by single spaces ('6 288 000', '35 000', also NBSP / thin spaces) form one number
token. A hyphenated suffix stays on its number ('41-ден', '3-х', '98-нші', '30%-ға') so the rules can
read it. Phone numbers, URLs and e-mail addresses are found first and become one blocked token each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aimaq.text.fold import fold_yo
from aimaq.text.tokens import Token

SPACES = " \u00a0\u2009\u202f"
_PHONE = re.compile(r"(?<![\w.,])\+?\d[\d \u00a0()\-–]{6,}\d(?![\w])")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>«»\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_GROUPED = re.compile(r"^\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+$")
_TOKEN = re.compile(
    r"(?P<num>(?<!\d)\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,:/]\d+)*)"
    r"(?:-(?P<numsuf>[^\W\d_]+))?"
    r"|(?P<pct>%)(?:-(?P<pctsuf>[^\W\d_]+))?"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<sym>[$€£₸₽¥№#+])"
    r"|(?P<punct>[^\w\s])"
)


@dataclass(frozen=True)
class AmountToken(Token):
    """A ``Token`` with what the amounts rules read: its kind, folded form and glued suffix."""

    kind: str  # num | word | pct | sym | punct | blocked
    low: str  # lower-cased, 'ё' folded to 'е'; for numbers the digits part only
    suffix: str | None = None  # lower-cased glued suffix of a number or '%' ('ден', 'х', 'ға')
    space_before: bool = True  # whitespace (or the segment start) precedes the token

    @property
    def is_word(self) -> bool:
        return self.kind == "word"


def _is_phone(run: str) -> bool:
    """A run of digits, spaces, brackets and hyphens that reads as a phone number, not a grouped amount."""
    digits = sum(ch.isdigit() for ch in run)
    if _GROUPED.match(run.strip()) or digits < 10 or digits > 13:
        return False
    if run.startswith("+") or "(" in run:
        return True
    return run[0] in "78" and len(re.findall(r"[ \u00a0\-–]+", run)) >= 3


def _blocked_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _URL.finditer(text, start, end)]
    spans += [(m.start(), m.end()) for m in _PHONE.finditer(text, start, end) if _is_phone(m.group())]
    return sorted(spans)


def _make(m: re.Match[str], text: str, seg_start: int) -> AmountToken:
    kind = m.lastgroup or "punct"
    if kind == "numsuf":
        kind = "num"
    elif kind == "pctsuf":
        kind = "pct"
    gap = m.start() == seg_start or text[m.start() - 1].isspace()
    if kind == "num":
        digits = m.group("num")
        suffix = m.group("numsuf")
        return AmountToken(m.start(), m.end(), m.group(), "num", digits, fold_yo(suffix) if suffix else None, gap)
    if kind == "pct":
        suffix = m.group("pctsuf")
        return AmountToken(m.start(), m.end(), m.group(), "pct", "%", fold_yo(suffix) if suffix else None, gap)
    return AmountToken(m.start(), m.end(), m.group(), kind, fold_yo(m.group()), None, gap)


class Tokens(list[AmountToken]):
    """A segment's tokens, with what the rules computed from them alone: the amount core at a position
    (``aimaq.stages.amounts.quantity.quantity_at``), which several rules ask for at one number."""

    __slots__ = ("quantities",)

    def __init__(self) -> None:
        super().__init__()
        self.quantities: dict[tuple[int, int], Any] = {}  # (position, id of the lexicon) -> Quantity or None


def tokenize(text: str, start: int = 0, end: int | None = None) -> Tokens:
    """Tokens of ``text[start:end]`` with absolute offsets; phones, URLs and e-mails as 'blocked' tokens."""
    end = len(text) if end is None else end
    out = Tokens()
    pos = start
    for b_start, b_end in _blocked_spans(text, start, end) + [(end, end)]:
        if b_start < pos:
            continue
        out.extend(_make(m, text, start) for m in _TOKEN.finditer(text, pos, b_start))
        if b_end > b_start:
            out.append(AmountToken(b_start, b_end, text[b_start:b_end], "blocked", text[b_start:b_end]))
        pos = b_end
    return out
