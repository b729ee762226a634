"""Russian morphology through pymorphy3."""

from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3


@cache
def _analyzer() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)  # bounded, as ``parses``
def lemma(word: str) -> str:
    """Normal form of a Russian word ('проектов' -> 'проект'); lower-cased."""
    found = parses(word)
    return found[0].normal_form if found else word.lower()


@lru_cache(maxsize=65536)  # bounded: a long stream of new names keeps the memory flat
def parses(word: str) -> tuple:
    """All pymorphy3 parses of a word; none for a word pymorphy cannot read (its shape guesser asks
    ``unicodedata.name`` of every character, which fails on characters without a name, e.g. U+17000).
    Cached: the entity rules ask about the same words again and again, and an unknown word (a name)
    costs pymorphy a guess each time."""
    try:
        return tuple(_analyzer().parse(word))
    except ValueError:
        return ()


_GENITIVE_POS = frozenset({"NOUN", "ADJF", "PRTF"})
_PROPER = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr"})


@lru_cache(maxsize=65536)  # bounded, as ``parses``
def is_genitive(word: str) -> bool:
    """Whether pymorphy reads a known Russian word (the first part of a hyphenated one) first as a noun,
    adjective or participle in the genitive ('продукции', 'общего', 'хозяйств-участников')."""
    head = word.split("-")[0]
    if not head or not _analyzer().word_is_known(head):
        return False
    found = parses(head)
    if not found:
        return False
    tag = found[0].tag
    return tag.POS in _GENITIVE_POS and "gent" in tag and not any(g in tag for g in _PROPER)
