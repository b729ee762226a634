"""Person names: spelling-independent keys, the same-person matcher, nominative forms (kk and ru)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aimaq.text.names import (
    kk_name_nominative,
    person_key,
    ru_given_nominative,
    ru_name_nominative,
    same_person,
)


@pytest.mark.parametrize(
    ("kk", "ru"),
    [
        ("Гүлмира Илмұханбетова", "Гульмира Ильмуханбетова"),
        ("Жақсылық Омаров", "Жаксылык Омаров"),
        ("Нұрлан Сәрсенбаев", "Нурлан Сарсенбаев"),
        ("Асхат Бердіғожин", "Асхат Бердигожин"),
        ("Әсел Жұмабаева", "Асель Джумабаева"),
        ("Ерғали Жақсыбеков", "Ергали Джаксыбеков"),
        ("Айгүл Сағындықова", "Айгуль Сагындыкова"),
        ("Қуаныш Өтепов", "Куаныш Отепов"),
        ("Бақытжан Һасенов", "Бакытжан Хасенов"),
        ("Данияр Әбілқасымов", "Данияр Абылкасымов"),
    ],
)
def test_names_person_key_meets_across_kk_and_ru_spellings(kk: str, ru: str) -> None:
    assert person_key(kk) == person_key(ru)
    assert same_person(kk, ru)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Нурлан Сарсенбаев", "Нурлан Сарсенбаева"),  # husband and wife
        ("Асхат Омаров", "Асет Омаров"),
        ("Нурлан Ногаев", "Нурлан Ногайбаев"),
    ],
)
def test_names_person_key_keeps_different_people_apart(a: str, b: str) -> None:
    assert person_key(a) != person_key(b)
    assert not same_person(a, b)


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("Сарсенбаев", "Нурлан Сарсенбаев", True),
        ("Н. Сарсенбаев", "Нұрлан Сәрсенбаев", True),
        ("Сарсенбаев Нурлан Асхатович", "Нурлан Сарсенбаев", True),
        ("Сарсенбаев Нурлан", "Нурлан Сарсенбаев", True),
        ("А. Сарсенбаев", "Нурлан Сарсенбаев", False),
        ("Нурлан", "Нурлан Сарсенбаев", False),
        ("Сарсенбаева", "Нурлан Сарсенбаев", False),
    ],
)
def test_names_same_person_matches_shortened_names(short: str, full: str, same: bool) -> None:
    assert same_person(short, full) is same
    assert same_person(full, short) is same


@pytest.mark.parametrize(
    ("written", "case", "nominative"),
    [
        ("Жанар Омарбековой", None, "Жанар Омарбекова"),  # a woman's genitive
        ("Айгуль Сагындыкову", None, "Айгуль Сагындыкова"),  # a woman's accusative
        ("Нурлана Ногаева", None, "Нурлан Ногаев"),  # a man's genitive, the given name tells
        ("Асхату Шахарову", None, "Асхат Шахаров"),
        ("Ералы Тогжанова", "Gen", "Ералы Тогжанов"),  # the post before it is genitive
        ("Ногаева", "Gen", "Ногаев"),
        ("Ногаева", "Nom", "Ногаева"),  # a woman's nominative stays
        ("Сагындыковой", None, "Сагындыкова"),
        ("Мадина Абылкасымова", "Nom", "Мадина Абылкасымова"),
        ("Кайрат Нурлановича Сарсенбаева", None, "Кайрат Нурланович Сарсенбаев"),
        ("Траян Христеа", None, "Траян Христеа"),
        ("Ертугана Сейтова", "Gen", "Ертуган Сейтов"),  # a given name not in our list, in the post's case
        ("Ертуганом Сейтовым", None, "Ертуган Сейтов"),  # the case told by the surname's ending
        ("Ертугана Сейтовой", "Gen", "Ертугана Сейтова"),  # a woman's surname: the given name is left
    ],
)
def test_names_ru_name_nominative(written: str, case: str | None, nominative: str) -> None:
    assert " ".join(ru_name_nominative(written.split(), case)) == nominative


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Нурлана", ("Нурлан", "m")), ("Жанар", ("Жанар", "f")), ("Асхатом", ("Асхат", "m")), ("Хлеба", ("Хлеба", None))],
)
def test_names_ru_given_nominative(word: str, expected: tuple[str, str | None]) -> None:
    assert ru_given_nominative(word) == expected


@pytest.mark.parametrize(
    ("word", "nominative"),
    [
        ("Сәрсенбаевтың", "Сәрсенбаев"),
        ("Сәрсенбаевқа", "Сәрсенбаев"),
        ("Омарбековамен", "Омарбекова"),
        ("Жұмабаевтан", "Жұмабаев"),
        ("Омарбекова", "Омарбекова"),
    ],
)
def test_names_kk_name_nominative(word: str, nominative: str) -> None:
    assert kk_name_nominative(word) == nominative


@given(st.text(alphabet="АаӘәҒғҚқҢңӨөҰұҮүҺһІіЖжДдНнОоВвЬь -", max_size=30))
def test_names_person_key_is_idempotent_and_order_free(name: str) -> None:
    key = person_key(name)
    assert person_key(key) == key
    assert person_key(" ".join(reversed(name.split()))) == key


@pytest.mark.parametrize(
    ("word", "last_of_full", "nominative"),
    [
        ("Жолдыбайдың", True, "Жолдыбай"),  # a surname with no surname ending, the last word of a full name
        ("Мәдібекке", True, "Мәдібек"),
        ("Сейітқали", True, "Сейітқали"),
        ("Жолдыбайдың", False, "Жолдыбайдың"),  # alone it may be any word: kept as written
    ],
)
def test_names_kk_name_nominative_last_word_of_a_full_name(word: str, last_of_full: bool, nominative: str) -> None:
    assert kk_name_nominative(word, last_of_full=last_of_full) == nominative
