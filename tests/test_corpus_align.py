"""Sentence alignment of a kk/ru translation pair, and the bead scoring of the pairing evaluation."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aimaq.corpus.align import Scorer, Sides, align_sentences, align_sides, prepared
from aimaq.evaluate.pairing import GoldDoc, build_text, joinable, perturb, predicted_beads, score_beads
from aimaq.pipeline import extract_text

KK = [
    "Павлодар облысында биыл 45 жаңа кәсіпорын ашылды.",
    "Облыс әкімінің орынбасары Серік Жұмабеков брифингте өңірге 120 млрд теңге инвестиция тартылғанын айтты, "
    "оның 30 пайызы шетелдік инвесторлардың үлесінде.",
    "Екібастұз қаласында жылу электр орталығын жаңғырту жұмыстары жалғасуда.",
    "Жоба 2026 жылы аяқталады деп күтілуде.",
]
RU = [
    "В Павлодарской области в этом году открыто 45 новых предприятий.",
    "Заместитель акима области Серик Жумабеков на брифинге сообщил, что в регион привлечено 120 млрд тенге инвестиций.",
    "Из них 30 процентов приходится на долю иностранных инвесторов.",
    "В городе Экибастуз продолжается модернизация теплоэлектроцентрали.",
    "Завершение проекта ожидается в 2026 году.",
]
RU_EXTRA = "Напомним, в прошлом году количество туристов выросло на 12 процентов."


@pytest.mark.parametrize(("ru", "links"), [
    (RU, [(0, 0), (1, 1), (1, 2), (2, 3), (3, 4)]),  # the second kk sentence is split in two (1-2)
    ([RU[0], RU_EXTRA, *RU[1:]], [(0, 0), (1, 2), (1, 3), (2, 4), (3, 5)]),  # a ru sentence with no kk (0-1)
    (RU[:3] + RU[4:], [(0, 0), (1, 1), (1, 2), (3, 3)]),  # a kk sentence with no ru (1-0)
])
def test_corpus_align_finds_splits_and_gaps(ru: list[str], links: list[tuple[int, int]]) -> None:
    kk_doc, ru_doc = extract_text(" ".join(KK)), extract_text(" ".join(ru))
    assert (len(kk_doc.sentences), len(ru_doc.sentences)) == (len(KK), len(ru))
    assert align_sentences(kk_doc, ru_doc) == links


def test_corpus_align_sides_kept_with_what_is_derived_align_alike() -> None:
    kk, ru = prepared(extract_text(" ".join(KK))), prepared(extract_text(" ".join(RU)))
    kept_kk, kept_ru = Sides(kk), Sides(ru)
    for _ in range(2):  # the second time with the postings the first one kept
        plain, kept = Scorer(kk, ru), Scorer(kept_kk, kept_ru)
        for name in ("kk_words", "kk_anchors", "ru_words", "ru_anchors"):
            assert np.array_equal(getattr(plain.covered, name), getattr(kept.covered, name))
        assert align_sides(kept_kk, kept_ru) == align_sides(kk, ru)
    made = []
    assert kept_kk.derived("n", lambda s: made.append(1) or len(s)) == kept_kk.derived("n", len) == len(KK)
    assert made == [1]
    copy = pickle.loads(pickle.dumps(kept_kk))
    assert copy == kept_kk and isinstance(copy, Sides) and not vars(copy)  # what was derived is not sent along


def test_corpus_align_empty_document_gives_no_links() -> None:
    assert align_sentences(extract_text(" ".join(KK)), extract_text("")) == []


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(range(len(KK))), min_size=1, max_size=4),
       st.lists(st.sampled_from(range(len(RU))), min_size=1, max_size=5))
def test_corpus_align_links_are_monotone_and_in_range(kk_pick: list[int], ru_pick: list[int]) -> None:
    kk_doc = extract_text(" ".join(KK[i] for i in kk_pick))
    ru_doc = extract_text(" ".join(RU[i] for i in ru_pick))
    links = align_sentences(kk_doc, ru_doc)
    assert links == sorted(links)
    assert all(0 <= i < len(kk_doc.sentences) and 0 <= j < len(ru_doc.sentences) for i, j in links)
    for a, b in zip(links, links[1:], strict=False):  # no crossing links
        assert a[0] <= b[0] and a[1] <= b[1]


@pytest.mark.parametrize(("links", "n_kk", "n_ru", "beads"), [
    ([(0, 0), (1, 1), (1, 2)], 2, 3, {((0,), (0,)), ((1,), (1, 2))}),
    ([(0, 0), (2, 1)], 3, 2, {((0,), (0,)), ((1,), ()), ((2,), (1,))}),
])
def test_corpus_align_links_become_beads(links: list, n_kk: int, n_ru: int, beads: set) -> None:
    assert predicted_beads(links, n_kk, n_ru) == beads


def test_corpus_align_strict_scoring_counts_exact_beads() -> None:
    gold = {((0,), (0,)), ((1,), (1, 2)), ((2,), ())}
    test = {((0,), (0,)), ((1,), (1,)), ((), (2,)), ((2,), ())}
    # precision over every predicted bead (null beads too); recall over gold beads with two sides
    assert score_beads(gold, test) == (2, 4, 1, 2)


def test_corpus_align_evaluation_texts_keep_gold_spans() -> None:
    import random

    doc = GoldDoc(0, "d", ("Заголовок", "Первое предложение.", "Второе предложение!", "Третье."),
                  ("Тақырып", "Бірінші сөйлем.", "Екінші сөйлем!", "Үшінші."))
    kk_units, ru_units = perturb(doc, merge=1.0, drop=0.0, rng=random.Random(3))
    assert sorted(g for u in kk_units for g in u) == [0, 1, 2, 3]
    text, spans = build_text(doc.kk, kk_units)
    for g, start, end in spans:
        assert text[start:end] in (doc.kk[g], joinable(doc.kk[g]))
    assert any(len(u) > 1 for u in kk_units + ru_units)
