"""Organisations linked across a kk/ru translation pair: translated names in aligned sentences meet, names
that only share a word, abbreviations and names in unaligned sentences do not."""

from __future__ import annotations

import pytest

from aimaq.corpus.entity_links import link_mentions
from aimaq.pipeline import extract_text
from aimaq.records import Document

KK = (
    "Түркістан облысының әкімдігі 2025 жылы «Бәйтерек» ұлттық басқарушы холдингімен бірлесіп 14 жоба іске асырды. "
    "Ақмола облысының әкімдігі мен «Даму» кәсіпкерлікті дамыту қоры» АҚ келісімге қол қойды. "
    "Еуропалық Одақ 320 мың еуро бөлді. "
    "Ақмола облысының әкімдігі мен Қостанай облысының әкімдігі меморандумға қол қойды."
)
RU = (
    "Акимат Туркестанской области в 2025 году совместно с национальным управляющим холдингом «Байтерек» "
    "реализовал 14 проектов. "
    "Акимат Акмолинской области и АО «Фонд развития предпринимательства «Даму» подписали соглашение. "
    "ЕС выделил 320 тысяч евро. "
    "Акимат Акмолинской области и акимат Костанайской области подписали меморандум."
)
ALIGNED = [(0, 0), (1, 1), (2, 2), (3, 3)]


@pytest.fixture(scope="module")
def pair() -> tuple[Document, Document]:
    return extract_text(KK, source="kk.txt"), extract_text(RU, source="ru.txt")


def _linked(kk: Document, ru: Document, sentences: list[tuple[int, int]]) -> set[tuple[str, str]]:
    return {(kk.mentions[x.kk].text, ru.mentions[x.ru].text) for x in link_mentions(kk, ru, sentences)}


@pytest.mark.parametrize(("kk_name", "ru_name"), [
    ("Түркістан облысының әкімдігі", "Акимат Туркестанской области"),
    ("«Даму» кәсіпкерлікті дамыту қоры» АҚ", "АО «Фонд развития предпринимательства «Даму»"),
    ("Қостанай облысының әкімдігі", "акимат Костанайской области"),
])
def test_entity_links_translated_names_in_aligned_sentences_meet(pair, kk_name: str, ru_name: str) -> None:
    assert (kk_name, ru_name) in _linked(*pair, ALIGNED)


def test_entity_links_each_akimat_meets_its_own_region_only(pair) -> None:
    kk, ru = pair
    found = _linked(kk, ru, [(3, 3)])
    assert found == {("Ақмола облысының әкімдігі", "Акимат Акмолинской области"),
                     ("Қостанай облысының әкімдігі", "акимат Костанайской области")}


def test_entity_links_an_abbreviation_is_not_guessed(pair) -> None:
    kk, ru = pair
    assert _linked(kk, ru, [(2, 2)]) == set()


def test_entity_links_need_aligned_sentences(pair) -> None:
    kk, ru = pair
    assert _linked(kk, ru, []) == set()
    # sentence 0 of kk against sentence 1 of ru: different organisations, nothing links
    assert _linked(kk, ru, [(0, 1)]) == set()
