"""Pairs in the store, with a stand-in for aimaq.corpus.pairing so that only the store's part is tested:
shared facts merge into one fact with two evidence rows, a better translation replaces a weaker one (and its
facts split again), and a crashing pairer costs the run its pairs but not its documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from aimaq.ingest.run import ingest
from aimaq.store import translation_pairs as pairs
from aimaq.store.engine import open_store
from aimaq.store.query import query_facts

HEADER = " date 2024-03-01 {}\n"
TEXTS = {
    "a_kk": "Жамбыл облысында 2024 жылы 12 жаңа кәсіпорын іске қосылды. Жобалар аясында 870 жаңа жұмыс орны ашылды.",
    "b_ru": "В Жамбылской области в 2024 году запущено 12 новых предприятий.",
    "c_ru": "В Жамбылской области в 2024 году запущено 12 новых предприятий. В рамках проектов создано 870 "
            "новых рабочих мест.",
}
SCORES = {("a_kk", "b_ru"): 0.6, ("a_kk", "c_ru"): 0.9}


@dataclass(frozen=True)
class FakePair:
    kk_id: str
    ru_id: str
    score: float
    sentences: tuple[tuple[int, int], ...]


def fake_pairer(docs, **_options):
    """Greedy one-to-one over the SCORES table, like the real pairer, on file names."""
    named = {Path(d.source).stem: d for d in docs}
    out, used = [], set()
    for (kk, ru), score in sorted(SCORES.items(), key=lambda x: -x[1]):
        if kk in named and ru in named and not {kk, ru} & used:
            used |= {kk, ru}
            out.append(FakePair(named[kk].id, named[ru].id, score, ((0, 0), (1, 1))))
    return out


def _write(folder: Path, names: list[str]) -> list[str]:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(HEADER.format(name) + TEXTS[name] + "\n", encoding="utf-8")
    return [str(folder / f"{name}.txt") for name in names]


def _facts(engine) -> list[tuple[str, float, tuple[str, ...]]]:
    return sorted((f.type, f.value, tuple(Path(e.source).stem for e in f.evidence)) for f in query_facts(engine))


def test_store_pairs_merge_shared_facts_and_a_better_translation_takes_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pairs, "pairer", lambda: fake_pairer)
    engine = open_store(str(tmp_path / "p.db"))
    first = ingest(_write(tmp_path / "in", ["a_kk", "b_ru"]), engine=engine)
    assert first.pairs == 1
    assert _facts(engine) == [("enterprises", 12.0, ("a_kk", "b_ru")), ("jobs", 870.0, ("a_kk",))]
    assert first.facts == 2

    second = ingest(_write(tmp_path / "in", ["c_ru"]), engine=engine)
    assert (second.pairs, second.new) == (0, 1)  # one pair replaced by another
    assert _facts(engine) == [("enterprises", 12.0, ("a_kk", "c_ru")), ("enterprises", 12.0, ("b_ru",)),
                              ("jobs", 870.0, ("a_kk", "c_ru"))]
    with engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT k.source, r.source, p.score FROM pairs p JOIN documents k ON k.id = p.kk_id "
            "JOIN documents r ON r.id = p.ru_id").all()
    assert [(Path(k).stem, Path(r).stem, s) for k, r, s in stored] == [("a_kk", "c_ru", 0.9)]


def test_store_pairs_a_weaker_candidate_does_not_replace_a_pair(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pairs, "pairer", lambda: fake_pairer)
    engine = open_store(str(tmp_path / "p.db"))
    ingest(_write(tmp_path / "in", ["a_kk", "c_ru"]), engine=engine)
    later = ingest(_write(tmp_path / "in", ["b_ru"]), engine=engine)
    assert later.pairs == 0 and later.facts == 1
    assert ("enterprises", 12.0, ("b_ru",)) in _facts(engine)


def test_store_pairs_a_crashing_pairer_costs_pairs_not_documents(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(docs, **_options):
        raise TypeError("no alignment today")

    monkeypatch.setattr(pairs, "pairer", lambda: broken)
    seen: list[str] = []
    report = ingest(_write(tmp_path / "in", ["a_kk", "b_ru"]), str(tmp_path / "p.db"), on_error=seen.append)
    assert (report.new, report.pairs, report.facts) == (2, 0, 3)
    assert seen == ["<pairing>: pairing failed, no more pairs in this run (TypeError: no alignment today)"]
    assert [s for s, _ in report.errors] == ["<pairing>"]

