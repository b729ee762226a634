"""kk↔ru translation pairing: keys, assignment, the shared samples, the hand-checked corpus, the CLI, the evaluation."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from aimaq.corpus.pairing import FEATURES, THRESHOLD, DocumentPair, assign, explain_documents, pair_documents
from aimaq.corpus.pairing_keys import number_key, profile
from aimaq.pipeline import extract_stream, extract_text
from aimaq.records import Document
from aimaq.settings import Settings
from aimaq.stages.read import iter_documents

CORPUS = Path(__file__).resolve().parent / "corpus"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared beside the project)")
    return path


def _extract(path: Path) -> list[Document]:
    return [d for d in extract_stream(iter_documents([str(path)], Settings())) if isinstance(d, Document)]


@pytest.fixture(scope="module")
def corpus_docs() -> list[Document]:
    return _extract(CORPUS)


@pytest.fixture(scope="module")
def sample_docs() -> list[Document]:
    return _extract(need(SHARED / "samples"))


def _names(docs: list[Document], pairs: list[DocumentPair]) -> set[tuple[str, str]]:
    source = {d.id: Path(d.source).name for d in docs}
    return {(source[p.kk_id], source[p.ru_id]) for p in pairs}


@pytest.mark.parametrize(("raw", "key"), [
    ("3 200", "3200"), ("1,000", "1000"), ("412,5", "412.5"), ("86.40", "86.4"), ("007", "7"), ("2022", "2022"),
])
def test_corpus_pairing_number_keys_ignore_formatting(raw: str, key: str) -> None:
    assert number_key(raw) == key


@pytest.mark.parametrize(("kk", "ru", "shared"), [
    ("Жиын 14 қыркүйекте өтті.", "Встреча прошла 14 сентября.", {"d:09-14", "n:14"}),
    ("Ерлан Сәрсенбаевтың айтуынша, жоба 2,5 млрд теңге тұрады.",
     "По словам Ерлана Сарсенбаева, проект стоит 2,5 млрд тенге.", {"c:ерлан", "c:сарсе", "n:2.5"}),
    ("«Жасыл Қостанай» қоры құрылды.", "Создан фонд «Жасыл Костанай».", {"c:жасил", "c:коста"}),
])
def test_corpus_pairing_anchors_meet_across_languages(kk: str, ru: str, shared: set[str]) -> None:
    kk_anchors, ru_anchors = profile(kk, "kk").anchors, profile(ru, "ru").anchors
    assert shared <= kk_anchors & ru_anchors


@pytest.mark.parametrize(("scored", "kept"), [
    ([(0.9, 0, 1), (0.8, 0, 2), (0.7, 3, 2)], [(0.9, 0, 1), (0.7, 3, 2)]),  # each document once, best first
    ([(0.5, 0, 1), (0.2, 3, 4)], [(0.5, 0, 1)]),  # below the threshold
    ([(0.6, 0, 1), (0.6, 2, 1)], [(0.6, 0, 1)]),  # ties go to the lower position
])
def test_corpus_pairing_assignment_is_greedy_one_to_one(scored: list, kept: list) -> None:
    assert assign(scored, threshold=0.3) == kept


def test_corpus_pairing_samples_give_exactly_one_pair(sample_docs: list[Document]) -> None:
    pairs = pair_documents(sample_docs)
    assert _names(sample_docs, pairs) == {("000_41954a8ce2d90bf6.txt", "001_9397d92a45c2ba0d.txt")}
    kk = next(d for d in sample_docs if d.id == pairs[0].kk_id)
    ru = next(d for d in sample_docs if d.id == pairs[0].ru_id)
    links = pairs[0].sentences
    assert len(links) >= 0.8 * min(len(kk.sentences), len(ru.sentences))
    assert all(0 <= i < len(kk.sentences) and 0 <= j < len(ru.sentences) for i, j in links)
    assert list(links) == sorted(links)


def test_corpus_pairing_explain_gives_every_feature_share(sample_docs: list[Document]) -> None:
    kk, ru, other = sorted(sample_docs, key=lambda d: Path(d.source).name)
    shares = explain_documents(kk, ru, [other])
    assert list(shares) == [f.name for f in FEATURES]
    assert sum(shares.values()) > THRESHOLD > sum(explain_documents(kk, other, [ru]).values())
    assert shares["anchor_overlap"] > 0 and shares["sentence_match"] > 0


def test_corpus_pairing_hand_checked_corpus_gives_the_listed_pairs(corpus_docs: list[Document]) -> None:
    listed = json.loads((CORPUS / "pairs.json").read_text(encoding="utf-8"))
    found = _names(corpus_docs, pair_documents(corpus_docs))
    assert found == {tuple(p) for p in listed["translations"]}
    paired = {name for pair in found for name in pair}
    for repost in listed["reposts"]:
        assert tuple(repost) not in found and tuple(repost[::-1]) not in found
        assert not set(repost) <= paired


def test_corpus_pairing_reposts_in_one_language_never_pair() -> None:
    text = ("Қостанай облысында 12 жаңа мектеп салынды. Оның құны 18 млрд теңге. "
            "Облыс әкімі Мұрат Сейітжанов мектептердің 2025 жылы ашылатынын айтты.")
    docs = [extract_text(text, source="a.txt"), extract_text(text + " Фото: әкімдік.", source="b.txt")]
    assert pair_documents(docs) == []


def test_corpus_pairing_cli_prints_the_samples_pair(sample_docs: list[Document]) -> None:
    from aimaq.cli import build_parser
    from aimaq.commands.pair import run

    args = build_parser().parse_args(["pair", "--jsonl", "--no-progress", str(SHARED / "samples")])
    out, err = io.StringIO(), io.StringIO()
    assert run(args, out, err) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert sorted(record) == ["kk", "ru", "score", "sentences"]
    assert Path(record["kk"]).name.startswith("000_") and Path(record["ru"]).name.startswith("001_")
    assert record["score"] > 0.45 and [0, 0] in record["sentences"]


def test_corpus_pairing_evaluation_runs_on_a_subset(capsys: pytest.CaptureFixture[str]) -> None:
    from aimaq.evaluate.pairing import main

    need(SHARED / "data" / "ntrex-128-kk-ru")
    need(SHARED / "data" / "apertium-kaz-rus-corpus")
    assert main(["--limit", "3", "--distractors", "3"]) == 0
    out = capsys.readouterr().out
    assert "| document pairing | all | 3 | 1.000 | 1.000 | 1.000 | 3/3/3 |" in out
    assert "| sentence alignment, strict | test | 1 |" in out
