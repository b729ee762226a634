"""Pairs and merged facts follow a near-duplicate cluster's representative: when a longer re-post takes over,
the translation pair moves to it (with a stand-in pairer, so only the store's part is tested)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from aimaq.ingest.run import ingest
from aimaq.store import translation_pairs as pairs
from aimaq.store.engine import open_store
from aimaq.store.query import query_facts

HEADER = " date 2024-05-14 {}\n"
KK = "Түркістан облысында 2024 жылы 9 жаңа кәсіпорын іске қосылды. Жобалар аясында 640 жаңа жұмыс орны ашылды."
RU = "В Туркестанской области в 2024 году запущено 9 новых предприятий. В рамках проектов создано 640 новых рабочих мест."
TEXTS = {
    "kk": KK,
    "ru": RU,
    "kk_repost": KK + "\nДереккөз: өңірлік коммуникациялар қызметі.",
    "ru_repost": RU + "\nИсточник: служба региональных коммуникаций.",
}


@dataclass(frozen=True)
class FakePair:
    kk_id: str
    ru_id: str
    score: float
    sentences: tuple[tuple[int, int], ...]


def fake_pairer(docs, **_options):
    """Every Kazakh document with every Russian one, one-to-one, best first by file name."""
    kk = sorted((d for d in docs if d.lang == "kk"), key=lambda d: d.source)
    ru = sorted((d for d in docs if d.lang == "ru"), key=lambda d: d.source)
    return [FakePair(k.id, r.id, 0.9, ((0, 0), (1, 1))) for k, r in zip(kk, ru, strict=False)]


def _write(folder: Path, names: list[str]) -> list[str]:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(HEADER.format(name) + TEXTS[name] + "\n", encoding="utf-8")
    return [str(folder / f"{name}.txt") for name in names]


def _pairs(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT k.source, r.source FROM pairs p JOIN documents k ON k.id = p.kk_id "
                                    "JOIN documents r ON r.id = p.ru_id").all()
    return [(Path(k).stem, Path(r).stem) for k, r in rows]


def _facts(engine) -> list[tuple[str, float, tuple[str, ...]]]:
    return sorted((f.type, f.value, tuple(Path(e.source).stem for e in f.evidence)) for f in query_facts(engine))


@pytest.mark.parametrize(("repost", "pair"), [("kk_repost", ("kk_repost", "ru")), ("ru_repost", ("kk", "ru_repost"))])
def test_store_representative_a_new_representative_takes_over_the_pair_and_its_facts(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, repost: str, pair: tuple[str, str]) -> None:
    monkeypatch.setattr(pairs, "pairer", lambda: fake_pairer)
    engine = open_store(str(tmp_path / "r.db"))
    ingest(_write(tmp_path / "in", ["kk", "ru"]), engine=engine)
    assert _pairs(engine) == [("kk", "ru")]

    report = ingest(_write(tmp_path / "in", [repost]), engine=engine)
    assert (report.new, report.duplicates, report.pairs) == (1, 1, 0)  # one pair moved, none added
    assert _pairs(engine) == [pair]
    assert _facts(engine) == [("enterprises", 9.0, pair), ("jobs", 640.0, pair)]

    again = ingest(_write(tmp_path / "in", ["kk", "ru", repost]), engine=engine)
    assert (again.new, again.pairs) == (0, 0)
    assert _pairs(engine) == [pair]


def test_store_representative_when_pairing_fails_a_demoted_pair_is_dropped_and_its_facts_split(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(docs, **_options):
        raise TypeError("no alignment today")

    monkeypatch.setattr(pairs, "pairer", lambda: fake_pairer)
    engine = open_store(str(tmp_path / "r.db"))
    ingest(_write(tmp_path / "in", ["kk", "ru"]), engine=engine)
    monkeypatch.setattr(pairs, "pairer", lambda: broken)
    report = ingest(_write(tmp_path / "in", ["kk_repost"]), engine=engine)
    assert report.pairs == -1 and [source for source, _ in report.errors] == ["<pairing>"]
    assert _pairs(engine) == []
    assert _facts(engine) == [("enterprises", 9.0, ("kk_repost",)), ("enterprises", 9.0, ("ru",)),
                              ("jobs", 640.0, ("kk_repost",)), ("jobs", 640.0, ("ru",))]
