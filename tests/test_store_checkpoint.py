"""An ingest into SQLite copies the write-ahead log into the database from a thread of its own after each
batch (``aimaq.store.checkpoint``), rather than in the commit that fills the log."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from aimaq.store.checkpoint import background_checkpoints
from aimaq.store.engine import open_store


def _fill(engine, rows: int) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS filler (x BLOB)")
        conn.exec_driver_sql("INSERT INTO filler (x) SELECT randomblob(1000) FROM "
                             f"(WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) "
                             "SELECT i FROM n)")


def test_store_checkpoint_asked_for_copies_the_log_into_the_database(tmp_path: Path) -> None:
    engine = open_store(str(tmp_path / "c.db"))
    _fill(engine, 3000)  # 3 MB: under the commits' own checkpoint limit, so it stays in the log
    before = (tmp_path / "c.db").stat().st_size
    with background_checkpoints(engine) as checkpoint:
        checkpoint()
    assert (tmp_path / "c.db").stat().st_size > before + 2_000_000
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM filler").scalar() == 3000


def test_store_checkpoint_not_asked_for_leaves_the_log_alone(tmp_path: Path) -> None:
    engine = open_store(str(tmp_path / "c.db"))
    _fill(engine, 3000)
    before = (tmp_path / "c.db").stat().st_size
    with background_checkpoints(engine):
        pass
    assert (tmp_path / "c.db").stat().st_size == before


@pytest.mark.parametrize("memory", [True, False])
def test_store_checkpoint_thread_only_for_a_store_file(tmp_path: Path, memory: bool) -> None:
    engine = open_store("sqlite://" if memory else str(tmp_path / "c.db"))
    with background_checkpoints(engine) as checkpoint:
        checkpoint()
        running = {t.name for t in threading.enumerate()}
    assert ("aimaq-wal-checkpoint" in running) is not memory
    assert "aimaq-wal-checkpoint" not in {t.name for t in threading.enumerate()}
