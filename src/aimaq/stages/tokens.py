"""A light word/punctuation tokenizer with offsets, for the rule-based entity finders."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+(?:[-‐'’][^\W_]+)*|[^\w\s]")


@dataclass(frozen=True)
class Tok:
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


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """Words (hyphenated parts kept together: 'вице-министрі', 'АҚ-на') and single punctuation marks."""
    return [Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]


def adjacent(text: str, left_end: int, right_start: int) -> bool:
    """Only spaces (no line break) between two offsets."""
    gap = text[left_end:right_start]
    return left_end <= right_start and not gap.strip() and "\n" not in gap
