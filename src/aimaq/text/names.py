"""Person-name helpers shared by the Kazakh and Russian entity rules.

``person_key`` folds a name so that one person's Kazakh and Russian spellings meet
('Шолпан Илмұханбетова' / 'Шолпан Ильмуханбетова', 'Жақсылық' / 'Жаксылык', 'Жұмабаев' /
'Джумабаев') with ``aimaq.text.fold.fold_name``: Kazakh letters to their Russian habits, soft and hard
signs and hyphens dropped, double letters collapsed, then letter sequences ('дж' -> 'ж').
``same_person`` also matches a bare surname, initials and an added patronymic to the full name.
The other helpers answer "is this a given name / a surname" and put an inflected name back into the
nominative: Kazakh ('Айдарбаевтың' -> 'Айдарбаев') and Russian, by gender
('Жанар Омарбековой' -> 'Жанар Омарбекова', 'Ералы Тогжанова' -> 'Ералы Тогжанов').
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from aimaq.resources import load_json, load_lines
from aimaq.text.fold import fold_name, fold_name_letters
from aimaq.text.morph import kk as kk_morph
from aimaq.text.morph import ru as ru_morph

_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_INITIAL = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]\.$")


def person_key(name: str) -> str:
    """A spelling-independent key for a person: folded name words, sorted ('Ералы Тоғжанов' == 'Ералы Тогжанов')."""
    words = [fold_name(w) for w in _WORD.findall(name)]
    return " ".join(sorted(w for w in words if w))


def same_person(a: str, b: str) -> bool:
    """Do two nominative names denote one person? Same key, or one name is the other one shortened:
    a bare surname, initials for given names, a patronymic left out ('Н. Ногаев', 'Ногаев',
    'Ногаев Нурлан Асхатович' all match 'Нурлан Ногаев'; 'Ногаева' and 'Нурлан' do not). A lone word
    must be the other name's last word or end like a surname."""
    if person_key(a) == person_key(b):
        return True
    short, long_ = sorted((_name_words(a), _name_words(b)), key=_length)
    full = [w for w in short if not w.endswith(".")]
    if not full or any(w not in long_ for w in full):
        return False
    if len(full) == 1 and not (full[0] == long_[-1] or has_surname_suffix(full[0])):
        return False  # a given name alone ('Нурлан'), not a surname
    rest = [w for w in long_ if w not in full]
    return all(any(r.startswith(w[0]) for r in rest) for w in short if w.endswith("."))


def _length(words: list[str]) -> tuple[int, int]:
    """Fewer words first; at equal length, the one with initials ('Н. Ногаев' before 'Нурлан Ногаев')."""
    return len(words), sum(not w.endswith(".") for w in words)


def _name_words(name: str) -> list[str]:
    """Folded words of a name, initials kept with their dot ('Н. Ногаев' -> ['н.', 'ногаев'])."""
    out = []
    for m in re.finditer(r"([^\W\d_]+(?:[-‐][^\W\d_]+)*)(\.?)", name):
        word = fold_name(m.group(1))
        if word:
            out.append(word + "." if m.group(2) and len(m.group(1)) == 1 else word)
    return out


def surname_key(name: str) -> str:
    """The folded last word of a name, masculine/feminine endings kept ('Назарбаев')."""
    words = _WORD.findall(name)
    return fold_name(words[-1]) if words else ""


@cache
def _given() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in load_lines("names/kk_given.txt"):
        name, _, gender = line.partition("\t")
        out[fold_name_letters(name.strip())] = gender.strip() or "m"
    return out


def given_gender(word: str) -> str | None:
    """'m' / 'f' for a known Kazakh given name in any spelling ('Нурлан', 'Нұрлан'), else None."""
    return _given().get(fold_name_letters(word))


@cache
def _surname_suffixes() -> tuple[str, ...]:
    return tuple(sorted(load_lines("names/surname_suffixes.txt"), key=len, reverse=True))


def has_surname_suffix(word: str) -> bool:
    """Ends like a surname or patronymic ('Айдарбаев', 'Бердібекұлы', 'Ильмуханбетова'), stem of 3+ letters."""
    low = word.lower()
    suffixes = _surname_suffixes()
    # most words end in no suffix at all: one C-level check answers for them
    return low.endswith(suffixes) and any(low.endswith(s) and len(low) - len(s) >= 3 for s in suffixes)


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


@lru_cache(maxsize=4096)  # a name recurs across a document and across releases; the analyser is the costly part
def kk_name_nominative(word: str, last_of_full: bool = False) -> str:
    """The nominative of an inflected Kazakh name word ('Айдарбаевтың' -> 'Айдарбаев').

    The analyser's lemma is taken when it still looks like a name (a known given name or a surname
    ending); otherwise the word is cut right after its last surname ending (the case ending that
    follows it is dropped), else it is kept as written. The last word of a full name
    (``last_of_full``) may be a surname without a surname ending ('Қанат Жолдыбайдың' ->
    'Жолдыбай', 'Нұрлан Құттыбайға' -> 'Құттыбай'): there the analyser's lemma is taken when what it
    cut off is a case ending.
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
    if last_of_full and len(lemma) >= 4 and low.startswith(lemma.lower()) and _is_case_ending(low[len(lemma) :]):
        return lemma
    return word


@cache
def _name_case_endings() -> frozenset[str]:
    return frozenset(load_lines("names/kk_case_endings.txt"))


def _is_case_ending(tail: str) -> bool:
    return tail.lstrip("-") in _name_case_endings()


@cache
def _ru_cases() -> dict:
    return load_json("names/ru_name_cases.json")


def _replace_ending(word: str, table: dict[str, str]) -> str | None:
    """``word`` with its longest ending from ``table`` replaced (a stem of 3+ letters left), else None."""
    low = word.lower()
    for ending in sorted(table, key=len, reverse=True):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            return word[: len(word) - len(ending)] + table[ending]
    return None


def ru_given_nominative(word: str) -> tuple[str, str | None]:
    """A Russian-text given name in the nominative and its gender ('Нурлана' -> ('Нурлан', 'm')),
    from our list of Kazakh names or the Russian dictionary; (word, None) when neither knows it."""
    gender = given_gender(word)
    if gender:
        return word, gender
    for sex in ("m", "f"):
        for ending, repl in _ru_cases()["given"][sex]:
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                candidate = word[: len(word) - len(ending)] + repl
                if given_gender(candidate) == sex:
                    return candidate, sex
    for parse in ru_morph.parses(word):
        if parse.is_known and "Name" in parse.tag and parse.tag.gender in ("masc", "femn"):
            nominative = parse.normal_form
            return nominative[:1].upper() + nominative[1:], "m" if parse.tag.gender == "masc" else "f"
    return word, None


def ru_name_nominative(words: Sequence[str], case: str | None = None) -> list[str]:
    """The words of a Russian-text name put in the nominative ('Жанар Омарбековой' -> 'Жанар Омарбекова').

    The surname follows the given name's gender; without one, endings of one gender only, then the
    grammatical ``case`` ('Gen'/'Acc': 'Ногаева' is a man's genitive -> 'Ногаев'; a woman's would be
    'Ногаевой'). A patronymic in the middle goes back to the nominative as well.
    """
    if not words:
        return []
    table = _ru_cases()
    given, gender = ru_given_nominative(words[0]) if len(words) >= 2 else (words[0], None)
    surname = words[-1]
    if gender:
        new = _replace_ending(surname, table["surname"][gender])
    else:
        new = _replace_ending(surname, table["surname_any"])
        if new is None and case in ("Gen", "Acc"):
            new = _replace_ending(surname, table["surname_oblique"])
        if new is not None and len(words) >= 2 and _masculine_surname(new):
            given = _oblique_given(given, case, surname) or given
    middle = [_replace_ending(w, table["patronymic"]) or w for w in words[1:-1]]
    return [given, *middle, new or surname] if len(words) >= 2 else [new or surname]


def _masculine_surname(word: str) -> bool:
    return word.lower().endswith(tuple(_ru_cases()["surname_masculine"]))


def _oblique_given(word: str, case: str | None, surname: str) -> str | None:
    """An unlisted man's given name put back in the nominative by the case of its surname ('Ертугана
    Сейтова' after 'акима' -> 'Ертуган'; 'Ертуганом Сейтовым' -> 'Ертуган'), else None.

    The case is the post's or natasha's, or else told by the surname's own ending ('-овым').
    """
    by_case: dict[str, list[list[str]]] = _ru_cases()["given_oblique_m"]
    endings: list[list[str]] = by_case.get(case or "") or next(
        (by_case[c] for c, ends in _ru_cases()["surname_case_m"].items() if surname.lower().endswith(tuple(ends))),
        [],
    )
    for ending, repl in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 3 and word[-len(ending) - 1].lower() not in _VOWELS:
            return word[: len(word) - len(ending)] + repl
    return None


_VOWELS = frozenset("аеёиоуыэюяәөұүі")
