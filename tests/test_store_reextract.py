"""Moving a store to output contract version 2: migration 0004 adds `main_region`, `aimaq reextract` extracts
the documents of version 1 again (new ids: the text now opens with the title), keeps their sources, pairs and
merged facts, and finishes what a killed run left in its queue."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from aimaq.cli import main
from aimaq.ingest.run import ingest
from aimaq.pipeline import Failure, extract_stream
from aimaq.records import Document, RawDocument, Unreadable
from aimaq.store.delete import delete_document
from aimaq.store.engine import open_store
from aimaq.store.reextract_queue import enqueue, queued
from aimaq.store.schema import DocumentRow, FactEvidence, PairRow, SourceRow

KK = ("Жамбыл облысында биыл 12 жаңа кәсіпорын іске қосылды. Жобалар аясында 870 жаңа жұмыс орны ашылды.\n"
      "Облыс әкімінің айтуынша, келесі жылы тағы 5 кәсіпорын ашылады.")
RU = ("В Жамбылской области в этом году запущено 12 новых предприятий. В рамках проектов создано 870 новых "
      "рабочих мест.\nПо словам акима области, в следующем году откроются еще 5 предприятий.")
FILES = {
    "kk": (" date 2024-03-01 Жамбыл облысында жаңа кәсіпорындар ашылды\n", KK),
    "ru": (" date 2024-03-01 В Жамбылской области открыли новые предприятия\n", RU),
}


def _version_1(items: Iterable[RawDocument | Unreadable]) -> Iterator[Document | Unreadable | Failure]:
    """What the version-1 pipeline gave: the text without the title, no main region."""
    for item in items:
        if isinstance(item, Unreadable):
            yield item
            continue
        for out in extract_stream([replace(item, title=None)]):
            yield replace(out, title=" ".join((item.title or "").split()) or None, main_region=None,
                          schema_version=1) if isinstance(out, Document) else out


@pytest.fixture()
def v1_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    import aimaq.ingest.workers as workers

    folder = tmp_path / "in"
    folder.mkdir()
    for name, (header, body) in FILES.items():
        (folder / f"{name}.txt").write_text(header + body + "\n", encoding="utf-8")
    (tmp_path / "mirror").mkdir()
    (tmp_path / "mirror" / "kk.txt").write_bytes((folder / "kk.txt").read_bytes())  # a second source
    db = str(tmp_path / "d.db")
    with monkeypatch.context() as m:
        m.setattr(workers, "extract_stream", _version_1)
        ingest([str(folder), str(tmp_path / "mirror")], engine=open_store(db))
    return db


def _documents(db: str) -> list[tuple[str, str, int, str | None, str]]:
    with open_store(db).connect() as conn:
        return [tuple(r) for r in conn.execute(select(DocumentRow.id, DocumentRow.lang, DocumentRow.schema_version,
                                                      DocumentRow.main_region, DocumentRow.text)
                                               .order_by(DocumentRow.lang))]


def _count(db: str, what) -> int:
    with open_store(db).connect() as conn:
        return conn.execute(select(func.count()).select_from(what)).scalar_one()


def test_store_reextract_moves_version_1_documents_to_version_2(v1_store: str, capsys: pytest.CaptureFixture) -> None:
    before = _documents(v1_store)
    assert [(lang, version, main) for _, lang, version, main, _ in before] == [("kk", 1, None), ("ru", 1, None)]
    assert all(not text.startswith("Жамбыл облысында жаңа") for *_, text in before)
    assert _count(v1_store, PairRow) == 1 and _count(v1_store, SourceRow) == 3

    assert main(["reextract", "--db", v1_store]) == 0
    assert "2 documents extracted again (2 with a new id), 0 left" in capsys.readouterr().err
    after = _documents(v1_store)
    assert [(lang, version, main) for _, lang, version, main, _ in after] == [("kk", 2, "KZ-31"), ("ru", 2, "KZ-31")]
    assert after[0][4].startswith("Жамбыл облысында жаңа кәсіпорындар ашылды\n\nЖамбыл облысында биыл")
    assert {i for i, *_ in after}.isdisjoint({i for i, *_ in before})
    assert _count(v1_store, PairRow) == 1 and _count(v1_store, SourceRow) == 3  # the mirror is kept
    with open_store(v1_store).connect() as conn:
        langs = conn.execute(select(FactEvidence.lang)).scalars().all()
    assert sorted(set(langs)) == ["kk", "ru"]

    assert main(["reextract", "--db", v1_store]) == 0  # nothing of version 1 is left
    assert "0 documents extracted again" in capsys.readouterr().err


def test_store_reextract_finishes_what_a_killed_run_left(v1_store: str, capsys: pytest.CaptureFixture) -> None:
    engine = open_store(v1_store)
    kk_id = _documents(v1_store)[0][0]
    assert enqueue(engine, kk_id) and delete_document(engine, kk_id)  # killed after the deletion
    assert [lang for _, lang, *_ in _documents(v1_store)] == ["ru"] and len(queued(engine)) == 1

    assert main(["reextract", "--db", v1_store, "-v"]) == 0
    err = capsys.readouterr().err
    assert f"{kk_id} -> " in err and "2 documents extracted again" in err
    assert [(lang, version) for _, lang, version, *_ in _documents(v1_store)] == [("kk", 2), ("ru", 2)]
    assert queued(engine) == [] and _count(v1_store, PairRow) == 1 and _count(v1_store, SourceRow) == 3


def test_store_reextract_unknown_id_is_an_error_line(v1_store: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["reextract", "--db", v1_store, "0" * 32]) == 1
    assert f"aimaq: error: {'0' * 32}: no such document" in capsys.readouterr().err


def test_store_migration_0005_turns_old_pair_scores_into_probabilities(tmp_path: Path) -> None:
    """Old weighted-sum scores (0.45 to about 2) map into (0, 1) keeping their order; 0.45 becomes 0.5."""
    from alembic import command
    from sqlalchemy import text

    from aimaq.store.engine import _alembic_config, make_engine, migrate
    from aimaq.store.url import resolve_url

    path = tmp_path / "old.db"
    engine = make_engine(resolve_url(str(path)))
    config = _alembic_config()
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        config.attributes["connection"] = conn
        command.upgrade(config, "0004")
    with sqlite3.connect(path) as raw:  # foreign keys off: pairs of documents this test does not need
        raw.executemany("INSERT INTO pairs (kk_id, ru_id, score, sentences, run_id) VALUES (?, ?, ?, '[]', 1)",
                        [("k1", "r1", 0.45), ("k2", "r2", 0.75), ("k3", "r3", 1.8)])
    migrate(engine)
    with engine.connect() as conn:
        scores = [s for (s,) in conn.execute(text("SELECT score FROM pairs ORDER BY kk_id"))]
    assert abs(scores[0] - 0.5) < 1e-9 and 0.5 < scores[1] < scores[2] < 1.0
