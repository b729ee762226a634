"""The one letter fold: each function's output pinned on Kazakh and Russian words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aimaq.text.fold import fold_kazakh_letters, fold_letters, fold_name, fold_name_letters, fold_yo

# word, fold_yo, fold_kazakh_letters, fold_letters, fold_name_letters, fold_name
CASES = [
    ("Ёлка", "елка", "Ёлка", "елка", "елка", "елка"),
    ("Объём", "объем", "Объём", "объем", "обем", "обем"),
    ("Эмма", "эмма", "Эмма", "эмма", "ема", "ема"),
    ("Кирилл", "кирилл", "Кирилл", "кирилл", "кирил", "кирил"),
    ("Ақтөбе", "ақтөбе", "Актобе", "актобе", "актобе", "актобе"),
    ("Қаңтарда", "қаңтарда", "Қантарда", "кантарда", "кантарда", "кантарда"),
    ("Шұғыла", "шұғыла", "Шугыла", "шугыла", "шугила", "шугила"),
    ("Әлібек", "әлібек", "Әлибек", "алибек", "алибек", "алибек"),
    ("Нұр-Сұлтан", "нұр-сұлтан", "Нур-Султан", "нур-султан", "нурсултан", "нурсултан"),
    ("Ильмуханбетова", "ильмуханбетова", "Ильмуханбетова", "ильмуханбетова", "илмуханбетова", "илмуханбетова"),
    ("Илмұханбетова", "илмұханбетова", "Илмуханбетова", "илмуханбетова", "илмуханбетова", "илмуханбетова"),
    ("Джаксыбеков", "джаксыбеков", "Джаксыбеков", "джаксыбеков", "джаксибеков", "жаксибеков"),
    ("Жақсыбеков", "жақсыбеков", "Жаксыбеков", "жаксыбеков", "жаксибеков", "жаксибеков"),
    ("О’Нил", "о’нил", "О’Нил", "о’нил", "онил", "онил"),
]


@pytest.mark.parametrize(("word", "yo", "kazakh", "letters", "name_letters", "name"), CASES)
def test_fold_each_function_on_kk_and_ru_words(
    word: str, yo: str, kazakh: str, letters: str, name_letters: str, name: str
) -> None:
    assert fold_yo(word) == yo
    assert fold_kazakh_letters(word) == kazakh
    assert fold_letters(word) == letters
    assert fold_name_letters(word) == name_letters
    assert fold_name(word) == name


def test_fold_name_reads_soviet_dzh_as_zh() -> None:
    assert fold_name("Джумабаев") == fold_name("Жұмабаев") == "жумабаев"


@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАЁӘҚІ-’ ", max_size=12))
def test_fold_each_fold_is_idempotent_and_keeps_length_where_it_only_maps(text: str) -> None:
    for fold in (fold_yo, fold_letters, fold_name_letters, fold_name):
        assert fold(fold(text)) == fold(text)
    assert len(fold_yo(text)) == len(fold_letters(text)) == len(text)
    assert fold_kazakh_letters(fold_kazakh_letters(text)) == fold_kazakh_letters(text)
