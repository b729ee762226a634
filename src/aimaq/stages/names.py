"""Person-name helpers shared by the Kazakh and Russian entity rules.

``person_key`` folds a name so that one person's Kazakh and Russian spellings meet
('Шолпан Илмұханбетова' / 'Шолпан Ильмуханбетова'); the other helpers answer "is this a given
name / a surname" and put an inflected Kazakh name back into the nominative.
"""

from __future__ import annotations

import re
from functools import cache

from aimaq.morph import kk as kk_morph
from aimaq.resources import load_json, load_lines

_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_INITIAL = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]\.$")


@cache
def _fold_table() -> dict[int, str]:
    table = {k: v for k, v in load_json("names/fold.json").items() if not k.startswith("_")}
    return str.maketrans(table)


def fold(word: str) -> str:
    """Lower-case, Kazakh letters to Russian ones, soft/hard signs dropped, double letters collapsed."""
    out = word.lower().translate(_fold_table())
    return re.sub(r"(.)\1+", r"\1", out)


def person_key(name: str) -> str:
    """A spelling-independent key for a person: folded name words, sorted ('Ералы Тоғжанов' == 'Ералы Тогжанов')."""
    words = [fold(w) for w in _WORD.findall(name)]
    return " ".join(sorted(w for w in words if w))


def surname_key(name: str) -> str:
    """The folded last word of a name, masculine/feminine endings kept ('Назарбаев')."""
    words = _WORD.findall(name)
    return fold(words[-1]) if words else ""


@cache
def _given() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in load_lines("names/kk_given.txt"):
        name, _, gender = line.partition("\t")
        out[fold(name.strip())] = gender.strip() or "m"
    return out


def given_gender(word: str) -> str | None:
    """'m' / 'f' for a known Kazakh given name in any spelling ('Нурлан', 'Нұрлан'), else None."""
    return _given().get(fold(word))


@cache
def _surname_suffixes() -> tuple[str, ...]:
    return tuple(sorted(load_lines("names/surname_suffixes.txt"), key=len, reverse=True))


def has_surname_suffix(word: str) -> bool:
    """Ends like a surname or patronymic ('Айдарбаев', 'Бердібекұлы', 'Ильмуханбетова'), stem of 3+ letters."""
    low = word.lower()
    return any(low.endswith(s) and len(low) - len(s) >= 3 for s in _surname_suffixes())


def is_capitalised(word: str) -> bool:
    """A name-like word: upper-case first letter, then lower-case letters ('Айдарбаев', not 'ЕО')."""
    parts = re.split(r"[-‐]", word)
    return all(len(p) >= 2 and p[0].isupper() and p[1:].islower() and p.isalpha() for p in parts)


def is_initial(word: str) -> bool:
    return bool(_INITIAL.match(word))


def _recase(original: str, lemma: str) -> str:
    """Give a lower-case lemma the capitalisation of the word it came from."""
    if original.lower().startswith(lemma):
        return original[: len(lemma)]
    return lemma[:1].upper() + lemma[1:]


def kk_name_nominative(word: str) -> str:
    """The nominative of an inflected Kazakh name word ('Айдарбаевтың' -> 'Айдарбаев').

    The analyser's lemma is taken when it still looks like a name (a known given name or a surname
    ending); otherwise the word is cut right after its last surname ending (the case ending that
    follows it is dropped), else it is kept as written.
    """
    lemma = _recase(word, kk_morph.lemma(word))
    if lemma != word and (given_gender(lemma) or has_surname_suffix(lemma)):
        return lemma
    low = word.lower()
    if has_surname_suffix(low):
        return word
    for suffix in _surname_suffixes():
        at = low.rfind(suffix)
        if at >= 3 and 0 < len(low) - at - len(suffix) <= 4 and _is_case_ending(low[at + len(suffix) :]):
            return word[: at + len(suffix)]
    return word


@cache
def _name_case_endings() -> frozenset[str]:
    return frozenset(load_lines("names/kk_case_endings.txt"))


def _is_case_ending(tail: str) -> bool:
    return tail.lstrip("-") in _name_case_endings()
