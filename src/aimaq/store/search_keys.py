"""Search keys: every word reduced to its lemma in its sentence's language, so that an inflected query finds
any form ('инвестициялар' finds 'инвестиция', 'проектов' finds 'проекты').

Kazakh words go through the suffix analyser (``aimaq.text.morph.kk.stem``), Russian words through pymorphy3
(its normal form when the word is in the dictionary, the word itself when pymorphy only guesses, which
keeps names such as 'Актобе' intact). Keys are folded with ``aimaq.text.fold.fold_letters`` so that a
name written with Kazakh letters meets its Russian spelling. A query word does not say its language, so it
becomes the set of its possible keys, any of which may match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from aimaq.text.fold import fold_letters
from aimaq.text.morph import kk as kk_morph
from aimaq.text.morph import ru as ru_morph

WORD = re.compile(r"[^\W_]+")
KEY = re.compile(r"^[^\W_]+$")
KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)


@lru_cache(maxsize=200_000)
def _kk_key(word: str) -> str:
    return fold_letters(kk_morph.stem(word))


@lru_cache(maxsize=200_000)
def _ru_key(word: str) -> str:
    parses = ru_morph.parses(word)
    if parses and parses[0].is_known:
        return fold_letters(parses[0].normal_form)
    return fold_letters(word)


def word_key(word: str, lang: str) -> str:
    """The key of one word of a sentence in language ``lang``."""
    if not CYRILLIC.search(word):
        return word.lower()
    if lang == "kk" or any(ch in KAZAKH_LETTERS for ch in word):
        return _kk_key(word)
    if lang == "ru":
        return _ru_key(word)
    return fold_letters(word)


def text_keys(text: str, lang: str) -> list[str]:
    """The keys of every word of ``text``, in order."""
    keys: list[str] = []
    for m in WORD.finditer(text):
        keys.extend(k for k in WORD.findall(word_key(m.group(), lang)) if k)
    return keys


def query_alternatives(word: str) -> tuple[str, ...]:
    """Every key a query word may have been indexed under (its language is unknown)."""
    if not CYRILLIC.search(word):
        options = [word.lower()]
    elif any(ch in KAZAKH_LETTERS for ch in word):
        options = [_kk_key(word)]
    else:
        options = [_kk_key(word), _ru_key(word), fold_letters(word)]
    seen: list[str] = []
    for option in options:
        for key in WORD.findall(option):
            if KEY.match(key) and key not in seen:
                seen.append(key)
    return tuple(seen)


def query_keys(query: str) -> list[tuple[str, ...]]:
    """Per query word, the keys that may match it (a document must match every word)."""
    return [alts for alts in (query_alternatives(w) for w in WORD.findall(query)) if alts]


def joined(keys: Iterable[str]) -> str:
    return " ".join(keys)
