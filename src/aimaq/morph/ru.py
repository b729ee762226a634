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
    parses = _analyzer().parse(word)
    return parses[0].normal_form if parses else word.lower()


def parses(word: str):
    """All pymorphy3 parses of a word."""
    return _analyzer().parse(word)
