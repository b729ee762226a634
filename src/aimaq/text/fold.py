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
def _translation(*names: str) -> dict[int, str]:
    merged: dict[str, str] = {}
    for name in names:
        merged.update(_table(name))
    return str.maketrans(merged)


@cache
def _sequences() -> tuple[tuple[str, str], ...]:
    """The name sequences, longest first."""
    return tuple(sorted(_table("name_sequences").items(), key=lambda kv: len(kv[0]), reverse=True))


@cache
def _russian_pairs() -> tuple[tuple[str, str], ...]:
    return tuple(_table("russian").items())


def fold_yo(word: str) -> str:
    """Lower-case, 'ё' to 'е' ('Ещё' -> 'еще'); Kazakh letters kept ('Қаңтар' -> 'қаңтар')."""
    out = word.lower()
    for letter, repl in _russian_pairs():  # str.replace: several times faster than str.translate here
        out = out.replace(letter, repl)
    return out


def fold_kazakh_letters(text: str) -> str:
    """The lower-case Kazakh letters to Russian ones; case and every other letter kept ('Әлібек' -> 'Әлибек')."""
    return text.translate(_translation("kazakh"))


def fold_letters(text: str) -> str:
    """Lower-case, Kazakh letters to their Russian counterparts, 'ё' to 'е' ('Ақтөбе' -> 'актобе')."""
    return text.lower().translate(_translation("kazakh", "russian"))


def fold_name_letters(word: str) -> str:
    """``fold_letters``, then soft/hard signs, hyphens and apostrophes dropped, 'э' to 'е', 'й' and 'ы'
    to 'и', double letters collapsed ('Ильмуханбетова' and 'Илмұханбетова' -> 'илмуханбетова')."""
    out = word.lower().translate(_translation("kazakh", "russian", "name_only"))
    return _DOUBLE.sub(r"\1", out)


def fold_name(word: str) -> str:
    """``fold_name_letters`` plus the letter sequences that Kazakh and Russian spell differently in
    names ('Джумабаев' and 'Жұмабаев' -> 'жумабаев')."""
    out = fold_name_letters(word)
    for seq, repl in _sequences():
        out = out.replace(seq, repl)
    return _DOUBLE.sub(r"\1", out)
