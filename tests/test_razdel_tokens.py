"""aimaq.ner.razdel_tokens cuts the tokens razdel cuts: the Russian taggers must see the tokens natasha's own
segmenter gives them, or the NER and morphology would change."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from razdel import tokenize as razdel_tokenize
from razdel.segmenters.tokenize import ATOM

from aimaq.ner import razdel_tokens
from conftest import SAMPLES, SHARED, need


def razdel(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.stop, t.text) for t in razdel_tokenize(text)]


def test_stand_ins_are_one_atom_of_their_type() -> None:
    for kind, char in razdel_tokens.STAND_INS.items():
        match = ATOM.fullmatch(char)
        assert match is not None and match.lastgroup == kind


@pytest.mark.parametrize("text", [
    "Сумма составила 7,8 млрд тенге (+12%).",
    "кто-то сказал: «нет»... а потом -то же",  # a dash that joins across no space, one that does not
    "то- же, 1/2 и 3\\4, 2016-2020 гг., snake_case и _x_",
    "Смайлик :) и ;-) и --- и *** и yahoo! и Yahoo!",
    "ΔP и mβж, ©2024, №5, т.е. и т.д.",
    "",
    "   ",
    "слово",
])
def test_the_tokens_of_tricky_text(text: str) -> None:
    assert razdel_tokens.tokenize(text) == razdel(text)


ALPHABET = list("абЖz Q09.,-–—_/\\!?…:;()«»\"'©§әΔ*~%$@#+=<>\n\t") + [":)", ";-)", "--", "yahoo!", "1/2", "3,5"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=16).map("".join))
def test_any_text_of_the_characters_rules_read(text: str) -> None:
    # dashes, dots and slashes between letters or digits, with or without spaces, next to any kind of atom
    assert razdel_tokens.tokenize(text) == razdel(text)


def test_real_releases_and_samples() -> None:
    paths = sorted(need(SHARED / "data" / "real-releases").glob("*.txt")) + sorted(need(SAMPLES).iterdir())
    texts = [p.read_text(encoding="utf-8") for p in paths if p.is_file()]
    assert len(texts) > 50
    for text in texts:
        assert razdel_tokens.tokenize(text) == razdel(text)
