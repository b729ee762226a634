"""The pairing features: sentence ranks and weights, document anchors without sentence-initial words."""

from __future__ import annotations

import math

import numpy as np
import pytest

from aimaq.corpus.index import Index, document_keys
from aimaq.corpus.pairing_features import (
    Candidate,
    _ranks,
    alignment_contrast,
    linked_rank,
    linked_ranks,
    sentence_weights,
)
from aimaq.corpus.pairing_keys import document_profile, profile, sentence_profiles
from aimaq.pipeline import extract_text
from aimaq.records import Document

KK = ("Маңғыстау облысында 8 жаңа балабақша ашылды. "
      "Олардың құны 6,2 млрд теңгені құрады. "
      "Балабақшаларға 1 200 бала барады. "
      "Облыс әкімі Нұрлан Ноғаев ашылу салтанатына қатысты.")
RU = ("В Мангистауской области открыли 8 новых детских садов. "
      "Их стоимость составила 6,2 млрд тенге. "
      "Детские сады будут посещать 1 200 детей. "
      "Аким области Нурлан Ногаев принял участие в церемонии открытия.")
OTHER_RU = ("Аким Мангистауской области Нурлан Ногаев провёл приём граждан. "
            "Жители подняли вопросы ремонта дорог и водоснабжения. "
            "По итогам приёма даны поручения районным акиматам. "
            "Следующий приём пройдёт в декабре.")


def _candidate(kk: Document, ru: Document) -> Candidate:
    keys = [document_keys(kk), document_keys(ru)]
    return Candidate(Index(keys), keys[0], keys[1])


@pytest.mark.parametrize(("values", "column", "rank"), [
    ([0.1, 0.5, 0.3], 1, 1.0),  # the most similar
    ([0.1, 0.5, 0.3], 0, 0.0),  # the least
    ([0.2, 0.2, 0.2], 2, 0.5),  # all alike: chance
    ([0.4], 0, 1.0),  # nothing to compare with
])
def test_corpus_pairing_features_rank_counts_ties_half(values: list[float], column: int, rank: float) -> None:
    row = np.array([[0.9] * len(values), values])  # the other row does not count
    assert _ranks(row, [(1, column)]) == [rank]


def test_corpus_pairing_features_translation_ranks_its_aligned_sentences_first() -> None:
    kk, ru, other = extract_text(KK), extract_text(RU), extract_text(OTHER_RU)
    translation, story = _candidate(kk, ru), _candidate(kk, other)
    assert linked_ranks(translation) == [1.0] * 8
    assert linked_rank(translation) == pytest.approx((8 + 0.5 * 2) / (8 + 2))  # two sentences of chance added
    assert linked_rank(story) < 0.7 < linked_rank(translation)
    assert alignment_contrast(story) < 0.1 < alignment_contrast(translation)


def test_corpus_pairing_features_a_word_in_every_sentence_weighs_least() -> None:
    doc = extract_text("Облыста мектеп салынды. Облыста жол жөнделді. Облыста саябақ ашылды.")
    sides = document_keys(doc).sides
    words, anchors, total = sentence_weights(sides)[0]
    assert words[0] == pytest.approx(math.log(1 + 3 / 3))  # the first word is in all three sentences
    assert min(words[1:]) == pytest.approx(math.log(1 + 3 / 1))
    assert total == pytest.approx(sum(words) + sum(anchors))


def test_corpus_pairing_features_document_anchors_leave_out_sentence_initial_words() -> None:
    doc = extract_text("Бірақ жиын 14 қыркүйекте өтті. Жиынға Ерлан Сәрсенбаев қатысты. Трамп келмеді.")
    sentences = sentence_profiles(doc)
    assert "c:бирак" in sentences[0].anchors and "c:бирак" in sentences[0].weak  # the alignment still sees it
    anchors = document_profile(doc, sentences).anchors
    assert {"c:ерлан", "c:сарсе", "d:09-14", "n:14"} <= anchors
    assert not {"c:бирак", "c:жиин", "c:трамп"} & anchors


def test_corpus_pairing_features_a_name_at_a_sentence_start_counts_when_it_recurs() -> None:
    doc = extract_text("Трамп Сингапурға келді. Кездесуде Трамп сөз сөйледі.")
    assert "c:трамп" in document_profile(doc).anchors


@pytest.mark.parametrize(("text", "weak"), [
    ("Ол «Жасыл Қостанай» қорын құрды.", set()),  # a short quotation names something
    ("Ол: «бұл жоба барлық аудандарда жалғасады деп сенеміз» деді.", {"c:жалга", "c:барли", "c:аудан"}),
])
def test_corpus_pairing_features_long_quotations_give_weak_anchors(text: str, weak: set[str]) -> None:
    p = profile(text, "kk")
    assert weak <= p.weak and not (p.anchors - p.weak) & weak
    assert "c:жасил" not in p.weak


def test_corpus_pairing_features_keys_at_rest_verify_alike() -> None:
    kk, ru = extract_text(KK), extract_text(RU)
    first = _candidate(kk, ru)
    quality, ranks = first.alignment.quality, linked_ranks(first)
    keys = [first.kk.at_rest(), first.ru.at_rest()]  # what an ingest run keeps between batches
    assert keys[0] == first.kk and "sides" in vars(first.kk) and "sides" not in vars(keys[0])
    again = Candidate(Index(keys), keys[0], keys[1])
    assert (again.alignment.quality, linked_ranks(again)) == (quality, ranks)
