"""The one token type, and the two ways of cutting text into tokens.

``Token`` is a piece of text with its offsets into the whole document. ``tokenize`` gives the word
tokens the sentence splitter and the Kazakh tagger read (numbers such as '7,8', '2016-2020' and
'41-ден' stay whole); ``name_tokens`` gives the tokens the rule-based entity finders read (hyphenated
words kept together, every punctuation mark on its own). The amounts grammar and the Russian tagger
read tokens of their own kinds, subclasses of ``Token`` with the fields they need
(``aimaq.stages.amounts.lexer.AmountToken``, ``aimaq.ner.natasha_ru.TaggedToken``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

_WORD_TOKEN = re.compile(
    r"\d+(?:[.,]\d+)*(?:[-–]\d+(?:[.,]\d+)*)*(?:-[^\W\d_]+)?"  # 7,8  2016-2020  41-ден  3-х
    r"|[^\W\d_](?:[^\W_]|[\u0300-\u036f])*(?:['’-](?:[^\W_]|[\u0300-\u036f])+)*"  # words
    r"|\.{3}|\S"
)
_NAME_TOKEN = re.compile(r"[^\W_]+(?:[-‐'’][^\W_]+)*|[^\w\s]")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()

    @property
    def is_abbrev(self) -> bool:
        """An upper-case abbreviation of 2+ letters ('ЕО', 'ҚР', 'АҚ-на' counts by its first part)."""
        head = re.split(r"[-‐]", self.text)[0]
        return len(head) >= 2 and head.isalpha() and head.isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``, with offsets into the whole ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _WORD_TOKEN.finditer(text, start, stop)]


def name_tokens(text: str, start: int, end: int) -> list[Token]:
    """Words (hyphenated parts kept together: 'вице-министрі', 'АҚ-на') and single punctuation marks."""
    return [Token(m.start(), m.end(), m.group()) for m in _NAME_TOKEN.finditer(text, start, end)]


def adjacent(text: str, left_end: int, right_start: int) -> bool:
    """Only spaces (no line break) between two offsets."""
    gap = text[left_end:right_start]
    return left_end <= right_start and not gap.strip() and "\n" not in gap


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def sentence_before(sentences: Sequence[_Spanned], pos: int) -> int:
    """The index of the last sentence starting at or before offset ``pos`` (-1 before the first)."""
    return bisect_right([s.start for s in sentences], pos) - 1


def sentence_at(sentences: Sequence[_Spanned], pos: int) -> int | None:
    """The index of the sentence holding offset ``pos``, or None between or outside sentences."""
    i = sentence_before(sentences, pos)
    return i if i >= 0 and pos < sentences[i].end else None
