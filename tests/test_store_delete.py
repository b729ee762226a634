"""Deleting a stored document: its pair is split, and what the deletion leaves alone (the partner, the
re-post that now represents the cluster) is paired again, so the translation's facts merge once more."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from aimaq.ingest.run import ingest
from aimaq.store.delete import delete_document
from aimaq.store.engine import open_store
from aimaq.store.query import query_facts
from aimaq.store.schema import DocumentRow, IngestRun, PairRow

KK = ("Жамбыл облысында 2024 жылы 12 жаңа кәсіпорын іске қосылды. Жобалар аясында 870 жаңа жұмыс орны ашылды. "
      "Облыс әкімінің айтуынша, келесі жылы тағы 5 кәсіпорын ашылады.")
RU = ("В Жамбылской области в 2024 году запущено 12 новых предприятий. В рамках проектов создано 870 новых "
      "рабочих мест. По словам акима области, в следующем году откроются еще 5 предприятий.")
FILES = {
    "release_kk": (" date 2024-03-01 release_kk\n", KK),
    "release_ru": (" date 2024-03-01 release_ru\n", RU),
    # the same Russian release re-posted a day later by another site, with its own footer line
    "repost_ru": (" date 2024-03-02 repost_ru\n", RU + "\nИсточник: пресс-служба акимата."),
}


def _store(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (header, body) in FILES.items():
        (folder / f"{name}.txt").write_text(header + body + "\n", encoding="utf-8")
    engine = open_store(str(tmp_path / "d.db"))
    ingest([str(folder / f"{name}.txt") for name in FILES], engine=engine)
    return engine


def _stem(engine, doc_id: str) -> str:
    with engine.connect() as conn:
        return Path(conn.execute(select(DocumentRow.source).where(DocumentRow.id == doc_id)).scalar_one()).stem


def _pairs(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(select(PairRow.kk_id, PairRow.ru_id)).all()
    return [(_stem(engine, k), _stem(engine, r)) for k, r in rows]


def _evidence(engine) -> list[tuple[str, float, tuple[str, ...]]]:
    return sorted((f.type, f.value, tuple(Path(e.source).stem for e in f.evidence)) for f in query_facts(engine))


def _id(engine, stem: str) -> str:
    with engine.connect() as conn:
        return next(i for i, s in conn.execute(select(DocumentRow.id, DocumentRow.source)) if Path(s).stem == stem)


def test_store_delete_the_translation_pairs_its_repost_instead(tmp_path: Path) -> None:
    engine = _store(tmp_path)
    assert _pairs(engine) == [("release_kk", "release_ru")]
    deleted = _id(engine, "release_ru")
    assert delete_document(engine, deleted)
    assert _pairs(engine) == [("release_kk", "repost_ru")]
    assert ("enterprises", 12.0, ("release_kk", "repost_ru")) in _evidence(engine)
    with engine.connect() as conn:
        runs = conn.execute(select(IngestRun.paths, IngestRun.pairs, IngestRun.status)).all()
    assert runs[-1] == (json.dumps([f"delete:{deleted}"]), 1, "done")


def test_store_delete_the_last_translation_leaves_the_original_alone(tmp_path: Path) -> None:
    engine = _store(tmp_path)
    for stem in ("release_ru", "repost_ru"):
        assert delete_document(engine, _id(engine, stem))
    assert _pairs(engine) == []
    assert ("enterprises", 12.0, ("release_kk",)) in _evidence(engine)
    with engine.connect() as conn:  # what pairing keeps of each document goes with it
        kept = {table: {_stem(engine, d) for (d,) in conn.exec_driver_sql(f"SELECT doc_id FROM {table}")}
                for table in ("pairing_keys", "pairing_summaries")}
    assert kept == {"pairing_keys": {"release_kk"}, "pairing_summaries": {"release_kk"}}
    assert not delete_document(engine, "0" * 32)
