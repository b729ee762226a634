"""The one letter fold: Kazakh letters to the Russian letters that write the same word in Russian text.

One table, ``data/text/fold.json``, serves every use; each use has its own function:

- ``fold_yo``: lower-case, 'ё' to 'е' (the word forms the amounts grammar reads);
- ``fold_kazakh_letters``: only the lower-case Kazakh letters to Russian ones, nothing else changed
  (the Russian spelling of a generated Kazakh name);
- ``fold_letters``: lower-case, Kazakh letters to Russian ones, 'ё' to 'е' (search keys, duplicate
  shingles, organisation ids: 'Ақтөбе' meets 'Актобе');
- ``fold_name_letters``: ``fold_letters`` plus the name-only letters ('э' to 'е', 'й' and 'ы' to 'и',
  signs, hyphens and apostrophes dropped), double letters collapsed (given names, cognate lemmas);
- ``fold_name``: ``fold_name_letters`` plus the letter sequences names spell differently ('дж' to 'ж'),
  for person keys ('Джумабаев' / 'Жұмабаев').
"""

from __future__ import annotations

import re
from functools import cache

from aimaq.resources import load_json

_DOUBLE = re.compile(r"(.)\1+")


@cache
def _table(name: str) -> dict[str, str]:
    table: dict[str, str] = load_json("text/fold.json")[name]
    return table


@cache
def _replacements(*names: str) -> tuple[tuple[str, str], ...]:
    """The letter pairs of the named tables. No replacement holds a letter that is replaced, so replacing
    one letter after the other folds as a one-pass translation would (and is many times faster than
    ``str.translate`` with a dict on non-ASCII text)."""
    merged: dict[str, str] = {}
    for name in names:
        merged.update(_table(name))
    if any(letter in repl for repl in merged.values() for letter in merged):
        raise ValueError(f"text/fold.json: a replacement in {names} holds a letter that is replaced")
    return tuple(merged.items())


def _fold(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    for letter, repl in pairs:
        if letter in text:
            text = text.replace(letter, repl)
    return text


@cache
def _sequences() -> tuple[tuple[str, str], ...]:
    """The name sequences, longest first."""
    return tuple(sorted(_table("name_sequences").items(), key=lambda kv: len(kv[0]), reverse=True))


def fold_yo(word: str) -> str:
    """Lower-case, 'ё' to 'е' ('Ещё' -> 'еще'); Kazakh letters kept ('Қаңтар' -> 'қаңтар')."""
    return _fold(word.lower(), _replacements("russian"))


def fold_kazakh_letters(text: str) -> str:
    """The lower-case Kazakh letters to Russian ones; case and every other letter kept ('Әлібек' -> 'Әлибек')."""
    return _fold(text, _replacements("kazakh"))


def fold_letters(text: str) -> str:
    """Lower-case, Kazakh letters to their Russian counterparts, 'ё' to 'е' ('Ақтөбе' -> 'актобе')."""
    return _fold(text.lower(), _replacements("kazakh", "russian"))


def fold_name_letters(word: str) -> str:
    """``fold_letters``, then soft/hard signs, hyphens and apostrophes dropped, 'э' to 'е', 'й' and 'ы'
    to 'и', double letters collapsed ('Ильмуханбетова' and 'Илмұханбетова' -> 'илмуханбетова')."""
    out = _fold(word.lower(), _replacements("kazakh", "russian", "name_only"))
    return _DOUBLE.sub(r"\1", out)


def fold_name(word: str) -> str:
    """``fold_name_letters`` plus the letter sequences that Kazakh and Russian spell differently in
    names ('Джумабаев' and 'Жұмабаев' -> 'жумабаев')."""
    out = fold_name_letters(word)
    for seq, repl in _sequences():
        out = out.replace(seq, repl)
    return _DOUBLE.sub(r"\1", out)
