"""kk↔ru translation pairing: keys, assignment, the shared samples, the hand-checked corpus, the CLI, the evaluation."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from aimaq.corpus.index import Index, Keys, document_keys, summary, summary_keys
from aimaq.corpus.pairing import (
    MODEL,
    DocumentPair,
    assign,
    explain_documents,
    load_model,
    model_from_json,
    pair_documents,
    score,
    shortlist,
    sigmoid,
)
from aimaq.corpus.pairing_features import FEATURES, Candidate
from aimaq.corpus.pairing_keys import number_key, profile
from aimaq.evaluate.pairing import RealReleases, read_real_releases, real_report
from aimaq.pipeline import extract_stream, extract_text
from aimaq.records import Document
from aimaq.resources import load_json
from aimaq.settings import Settings
from aimaq.stages.read import iter_documents

CORPUS = Path(__file__).resolve().parent / "corpus"
SHARED = Path(__file__).resolve().parents[2] / "shared"

# Small releases written for these tests: a translation pair, another story from the same region with
# the same akim, and two more pairs.
SCHOOLS_KK = ("Павлодар облысында биыл 12 жаңа мектеп салынады. "
              "Облыс әкімі Асаин Байханов жобаларға 18 млрд теңге бөлінгенін айтты. "
              "Мектептердің бесеуі ауылдық жерлерде орналасады. "
              "Құрылыс жұмыстары қыркүйек айында аяқталады. "
              "Жаңа мектептерде 6 мың оқушы білім алады.")
SCHOOLS_RU = ("В Павлодарской области в этом году построят 12 новых школ. "
              "Аким области Асаин Байханов сообщил, что на проекты выделено 18 млрд тенге. "
              "Пять школ расположены в сельской местности. "
              "Строительные работы завершатся в сентябре. "
              "В новых школах будут учиться 6 тысяч учеников.")
DAIRY_RU = ("В Павлодарской области открыли новый завод по переработке молока. "
            "Мощность предприятия составляет 40 тонн продукции в сутки. "
            "Аким области Асаин Байханов посетил завод и встретился с работниками. "
            "На заводе создано 120 рабочих мест. "
            "Инвестиции в проект составили 7 млрд тенге.")
WATER_KK = ("Қызылорда облысында 25 ауылға таза ауыз су жеткізілді. "
            "Жобаның жалпы құны 9,5 млрд теңгені құрады. "
            "Су құбырының ұзындығы 140 шақырым. "
            "Енді 30 мыңнан астам тұрғын орталықтандырылған сумен қамтамасыз етілді.")
WATER_RU = ("В Кызылординской области чистую питьевую воду провели в 25 сёл. "
            "Общая стоимость проекта составила 9,5 млрд тенге. "
            "Протяжённость водопровода составляет 140 километров. "
            "Теперь более 30 тысяч жителей обеспечены централизованным водоснабжением.")
ROADS_KK = ("Ақмола облысында 300 шақырым жол жөнделеді. "
            "Бұл мақсатқа республикалық бюджеттен 45 млрд теңге қарастырылған. "
            "Жұмыстар мамыр айында басталады. "
            "Жөндеуден кейін жолдағы қозғалыс қауіпсіз болады.")
ROADS_RU = ("В Акмолинской области отремонтируют 300 километров дорог. "
            "На эти цели из республиканского бюджета предусмотрено 45 млрд тенге. "
            "Работы начнутся в мае. "
            "После ремонта движение на дорогах станет безопасным.")


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


QUICK = {(0, 1): 0.9, (0, 2): 0.8, (3, 2): 0.7, (4, 2): 0.6}


@pytest.mark.parametrize(("owners", "chosen"), [
    (None, {(0, 1), (0, 2), (3, 2), (4, 2)}),  # every document chooses its best: 1 and 2 choose 0, 3 and 4 choose 2
    ({0, 3}, {(0, 1), (3, 2)}),  # only the new documents (an ingest batch's) choose
])
def test_corpus_pairing_shortlist_gives_each_choosing_document_its_best(owners: set[int] | None,
                                                                        chosen: set[tuple[int, int]]) -> None:
    assert shortlist(QUICK, per_doc=1, owners=owners) == chosen


def _light(doc: Document) -> Keys:
    """A document's keys as the store gives them for a stored candidate: from the summary, without the text."""
    stub = Document(id=doc.id, source=doc.source, lang=doc.lang, date=doc.date, title=None, text="")
    return summary_keys(stub, json.loads(json.dumps(summary(document_keys(doc)))))


def test_corpus_pairing_summary_keys_score_as_the_full_keys(sample_docs: list[Document]) -> None:
    docs = [d for d in sample_docs if d.lang in ("kk", "ru")]
    full, light = [document_keys(d) for d in docs], [_light(d) for d in docs]
    def read(k: Keys) -> tuple:  # what the candidate index and the quick model read
        return (list(k.words.items()), k.lemmas, k.cognates, k.translations, k.anchors, k.lexical, k.profile.length)
    assert [read(k) for k in light] == [read(k) for k in full]
    kk, ru = (n for n, d in enumerate(docs) if d.lang == "kk"), (n for n, d in enumerate(docs) if d.lang == "ru")
    a, b = next(kk), next(ru)
    assert (score(Candidate(Index(light), light[a], light[b]), verify=False)
            == score(Candidate(Index(full), full[a], full[b]), verify=False))
    with pytest.raises(ValueError, match="no sentences"):
        _ = light[a].sides


def test_corpus_pairing_light_keys_are_completed_before_alignment(sample_docs: list[Document]) -> None:
    by_id = {d.id: d for d in sample_docs}
    completed: list[str] = []
    def complete(keys: list[Keys]) -> list[Keys]:
        completed.extend(k.doc.id for k in keys)
        return [document_keys(by_id[k.doc.id]) for k in keys]
    pairs = pair_documents(sample_docs, keys=_light, complete=complete)
    assert pairs == pair_documents(sample_docs) and len(pairs) == 1
    assert set(completed) == {pairs[0].kk_id, pairs[0].ru_id}
    # a document that cannot be completed (deleted meanwhile) is not aligned, and pairing goes on without it
    gone = pairs[0].ru_id
    def some(keys: list[Keys]) -> list[Keys]:
        return [k if k.doc.id == gone else document_keys(by_id[k.doc.id]) for k in keys]
    assert pair_documents(sample_docs, keys=_light, complete=some) == []


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
    assert list(shares) == ["intercept"] + [name for name, _ in load_model().decision.weights]
    assert sum(shares.values()) > 0 > sum(explain_documents(kk, other, [ru]).values())  # log-odds
    assert shares["anchor_overlap"] > 0 and shares["linked_rank"] > 0


def test_corpus_pairing_hand_checked_corpus_gives_the_listed_pairs(corpus_docs: list[Document]) -> None:
    listed = json.loads((CORPUS / "pairs.json").read_text(encoding="utf-8"))
    found = _names(corpus_docs, pair_documents(corpus_docs))
    assert found == {tuple(p) for p in listed["translations"]}
    paired = {name for pair in found for name in pair}
    for repost in listed["reposts"]:
        assert tuple(repost) not in found and tuple(repost[::-1]) not in found
        assert not set(repost) <= paired


def _probability(kk: Document, ru: Document, corpus: list[Document]) -> float:
    return sigmoid(sum(explain_documents(kk, ru, corpus).values()))


def test_corpus_pairing_translation_pairs_and_another_story_of_the_region_does_not() -> None:
    kk, ru, other = (extract_text(t, source=n) for n, t in (("kk", SCHOOLS_KK), ("ru", SCHOOLS_RU), ("other", DAIRY_RU)))
    threshold = load_model().threshold
    assert _probability(kk, ru, [other]) > 0.9
    assert _probability(kk, other, [ru]) < threshold  # same region, same akim, another story
    assert [(p.kk_id, p.ru_id) for p in pair_documents([kk, ru, other])] == [(kk.id, ru.id)]
    assert pair_documents([kk, other]) == []


def test_corpus_pairing_long_translation_is_paired_as_surely_as_its_parts() -> None:
    parts = [(SCHOOLS_KK, SCHOOLS_RU), (WATER_KK, WATER_RU), (ROADS_KK, ROADS_RU)]
    docs = [(extract_text(kk, source=f"kk{n}"), extract_text(ru, source=f"ru{n}")) for n, (kk, ru) in enumerate(parts)]
    long_kk = extract_text("\n".join(kk for kk, _ in parts), source="long.kk")
    long_ru = extract_text("\n".join(ru for _, ru in parts), source="long.ru")
    shortest = min(_probability(kk, ru, [d for pair in docs for d in pair]) for kk, ru in docs)
    assert _probability(long_kk, long_ru, [d for pair in docs for d in pair]) >= shortest - 1e-3
    found = {(p.kk_id, p.ru_id) for p in pair_documents([d for pair in docs for d in pair] + [long_kk, long_ru])}
    assert found == {(long_kk.id, long_ru.id)} | {(kk.id, ru.id) for kk, ru in docs}


def test_corpus_pairing_model_file_states_its_fit() -> None:
    data = load_json(MODEL)
    model = model_from_json(data)
    assert model.threshold == 0.5
    assert {name for name, _ in model.decision.weights} <= set(FEATURES)
    assert all(not FEATURES[name].verify for name, _ in model.shortlist.weights)
    fit = data["fit"]
    assert "NTREX" in fit["not_used"] and set(fit["training"]) == {"apertium", "real-releases", "tests/corpus"}
    assert set(fit["held_out"]) == {"A", "B", "C"}


@pytest.mark.parametrize("where", ["shortlist", "decision"])
def test_corpus_pairing_model_refuses_an_unknown_feature(where: str) -> None:
    data = json.loads(json.dumps(load_json(MODEL)))
    data[where]["weights"]["no_such_feature"] = 1.0
    with pytest.raises(ValueError, match="no_such_feature"):
        model_from_json(data)


def test_corpus_pairing_quick_model_cannot_use_the_alignment() -> None:
    data = json.loads(json.dumps(load_json(MODEL)))
    data["shortlist"]["weights"]["linked_rank"] = 1.0
    with pytest.raises(ValueError, match="linked_rank"):
        model_from_json(data)


@pytest.fixture(scope="module")
def real_releases() -> RealReleases:
    return read_real_releases(need(SHARED / "data" / "real-releases"))


def test_corpus_pairing_real_releases_give_the_listed_pairs_and_no_other(real_releases: RealReleases) -> None:
    pairs = pair_documents(real_releases.docs)
    assert len(real_releases.pairs) == 10
    assert {(p.kk_id, p.ru_id) for p in pairs} == real_releases.pairs  # two stories of one region never pair


def test_corpus_pairing_evaluation_reports_the_real_releases(real_releases: RealReleases,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    real_report(real_releases)
    out = capsys.readouterr().out
    assert "| document pairing, real releases | all | 60 | 1.000 | 1.000 | 1.000 | 10/10/10 |" in out
    for part, n in (("A", 3), ("B", 4), ("C", 3)):
        assert f"| document pairing, real releases | {part} | 20 | 1.000 | 1.000 | 1.000 | {n}/{n}/{n} |" in out
        assert f"| {part} | 1.000 | 1.000 | 1.000 | {n}/{n}/{n} |" in out  # held out, from the model file


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
    assert record["score"] >= load_model().threshold and [0, 0] in record["sentences"]


def test_corpus_pairing_evaluation_runs_on_a_subset(capsys: pytest.CaptureFixture[str]) -> None:
    from aimaq.evaluate.pairing import main

    need(SHARED / "data" / "ntrex-128-kk-ru")
    need(SHARED / "data" / "apertium-kaz-rus-corpus")
    assert main(["--limit", "3", "--distractors", "3", "--real", "no"]) == 0
    out = capsys.readouterr().out
    assert "| document pairing | all | 3 | 1.000 | 1.000 | 1.000 | 3/3/3 |" in out
    assert "| sentence alignment, strict | test | 1 |" in out
