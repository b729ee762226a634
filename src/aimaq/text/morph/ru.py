"""Russian morphology through pymorphy3."""

from __future__ import annotations

from functools import cache

import pymorphy3


@cache
def _analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@cache
def lemma(word: str) -> str:
    """Normal form of a Russian word ('проектов' -> 'проект'); lower-cased."""
    found = parses(word)
    return found[0].normal_form if found else word.lower()


def parses(word: str) -> list:
    """All pymorphy3 parses of a word; none for a word pymorphy cannot read (its shape guesser asks
    ``unicodedata.name`` of every character, which fails on characters without a name, e.g. U+17000)."""
    try:
        return _analyzer().parse(word)
    except ValueError:
        return []
