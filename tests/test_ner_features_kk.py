"""Kazakh NER features: the distributional stem clusters and the name-kind nouns (aimaq.ner.features_kk)."""

from __future__ import annotations

import pytest

from aimaq.ner.features_kk import GROUPS, sentence_features, stem_key, word_info
from aimaq.resources import load_lines


def _cluster(word: str, groups: frozenset[str] = frozenset(GROUPS)) -> list[str]:
    return [f for f in word_info(word, groups).own if f.startswith("cl=")]


def test_ner_features_kk_cluster_table_is_stems_with_64_ids() -> None:
    rows = [line.split("\t") for line in load_lines("ner/kk_clusters.tsv")]
    assert len(rows) > 5000
    assert all(len(r) == 2 and 0 <= int(r[1]) < 64 for r in rows)
    assert len({r[0] for r in rows}) == len(rows)


@pytest.mark.parametrize(("word", "key"), [
    ("облысының", "облыс"),
    ("Павлодарда", "павлодар"),
    ("министрлігі", "министрлік"),
    ("2024", "0000"),
])
def test_ner_features_kk_stem_key_is_the_analyser_stem_or_digit_pattern(word: str, key: str) -> None:
    assert stem_key(word) == key


@pytest.mark.parametrize(("first", "second"), [
    ("облысының", "облыста"),  # one stem, two case forms
    ("облысында", "ауданында"),  # region and district heads
    ("Павлодарда", "Қарағандыда"),  # two regional centres
    ("министрлігі", "басқармасы"),  # ministry and department
])
def test_ner_features_kk_words_used_alike_share_a_cluster(first: str, second: str) -> None:
    assert _cluster(first) and _cluster(first) == _cluster(second)


def test_ner_features_kk_cluster_group_can_be_dropped_and_unknown_stems_get_none() -> None:
    assert _cluster("облысында", frozenset(GROUPS) - {"cluster"}) == []
    assert _cluster("qqzxwv") == []


@pytest.mark.parametrize(("sentence", "index", "kind"), [
    ("Эйр Астана әуекомпаниясы жаңа бағыт ашты .", 1, "nk=org"),
    ("« Самұрық » холдингінің басшысы келді .", 1, "nk=org"),  # the closing quote is skipped
    ("Шымкент әуежайында жөндеу жүріп жатыр .", 0, "nk=fac"),
    ("Ертіс өзенінің суы тартылды .", 0, "nk=nat"),
])
def test_ner_features_kk_name_before_a_kind_noun_gets_its_kind(sentence: str, index: int, kind: str) -> None:
    assert kind in sentence_features(sentence.split())[index]


@pytest.mark.parametrize("sentence", [
    "Облыста арнайы комиссия құрылды .",  # 'арнайы' (special) is not 'арна' (channel)
    "Әкім тауар өндірушілермен кездесті .",  # 'тауар' (goods) is not 'тау' (mountain)
    "Облыста ӘУЕЖАЙ салынады .",  # upper-case words are names, not kind nouns
])
def test_ner_features_kk_no_kind_without_a_lower_case_kind_noun(sentence: str) -> None:
    assert not any(f.startswith("nk=") for feats in sentence_features(sentence.split()) for f in feats)


def _listed(sentence: str) -> list[list[str]]:
    tokens = sentence.split()
    return [[f for f in feats if f.startswith("gz")] for feats in sentence_features(tokens)]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a multi-word organisation, its last word inflected
    ("Біріккен Ұлттар Ұйымының өкілі келді",
     [["gzB=ORG"], ["gzI=ORG"], ["gzI=ORG"], [], []]),
    # a Latin brand name and a city from the CLDR list, inflected
    ("Boeing ұшағы Мельбурнге қонды", [["gzB=ORG"], [], ["gzB=LOC"], []]),
    # a two-word country from CLDR
    ("Біріккен Араб Әмірліктерінде өтті", [["gzB=LOC"], ["gzI=LOC"], ["gzI=LOC"], []]),
    # a lower-case common noun that spells a listed name is not a name ('даму' = development)
    ("өңірдің даму жоспары", [[], [], []]),
])
def test_ner_features_kk_listed_names_mark_their_tokens(sentence: str, expected: list[list[str]]) -> None:
    assert _listed(sentence) == expected


def test_ner_features_kk_latin_words_are_marked() -> None:
    assert "lat" in word_info("Lenovo").own
    assert "lat" not in word_info("Леново").own


def test_ner_features_kk_world_places_list_has_countries_and_cities_not_unions() -> None:
    places = set(load_lines("ner/kk_world_places.txt"))
    assert {"Ауғанстан", "Біріккен Араб Әмірліктері", "Нью-Йорк"} <= places
    assert "Біріккен Ұлттар Ұйымы" not in places and "Еуропалық Одақ" not in places
