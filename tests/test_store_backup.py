"""`aimaq backup` / `aimaq restore`: a store written by ingest, backed up and restored into another store,
holds exactly the same rows in every table (SQLite always; PostgreSQL when scripts/pg_start.sh gives a
server). A backup taken while a writer holds an open transaction has only what was committed; a restore
refuses files that are not backups and leaves the target as it was."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import MetaData, select

from aimaq.cli import main
from aimaq.ingest.run import ingest
from aimaq.store.engine import open_store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
FILES = ["001_kk_aktobe_investment.txt", "002_ru_aktobe_investment.txt", "009_ru_kostanay_hearings.txt",
         "010_ru_kostanay_hearings_repost.txt"]


def sqlite_rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (and the schema itself), sorted, read with plain sqlite3."""
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
        rows["<schema>"] = sorted(conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall(), key=repr)
    return rows


def engine_rows(engine) -> dict[str, list[tuple]]:  # type: ignore[no-untyped-def]
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        return {name: sorted((tuple(r) for r in conn.execute(select(table))), key=repr)
                for name, table in meta.tables.items()}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("backup") / "live.db"
    report = ingest([str(CORPUS / f) for f in FILES], engine=open_store(str(path)), batch_size=2)
    assert report.new == 4 and report.facts > 0 and report.pairs == 1
    return path


def test_store_backup_sqlite_round_trip_keeps_every_row(store: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture) -> None:
    out, target = tmp_path / "store.bak", tmp_path / "restored.db"
    assert main(["backup", "--db", str(store), str(out)]) == 0
    assert main(["restore", "--db", str(target), str(out)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("aimaq: backup: sqlite:///") and err[1].startswith("aimaq: restore: sqlite:///")
    before, after = sqlite_rows(store), sqlite_rows(target)
    assert sum(len(v) for v in before.values()) > 100 and len(before["documents"]) == 4
    assert after == before


def test_store_backup_sqlite_restore_replaces_a_live_store(store: Path, tmp_path: Path) -> None:
    out, other = tmp_path / "store.bak", tmp_path / "other.db"
    ingest([str(CORPUS / "007_ru_pavlodar_jobs.txt")], engine=open_store(str(other)))
    reader = open_store(str(other))  # an open reader across the restore
    assert main(["backup", "--db", str(store), str(out)]) == 0
    assert main(["restore", "--db", str(other), str(out)]) == 0
    assert engine_rows(reader) == engine_rows(open_store(str(store)))
    reader.dispose()


def test_store_backup_sqlite_has_only_committed_rows(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "during_write.bak"
    writer = sqlite3.connect(store, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM facts")  # uncommitted while the backup runs
        assert main(["backup", "--db", str(store), str(out)]) == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert sqlite_rows(out) == sqlite_rows(store)


@pytest.mark.parametrize("content, reason", [
    (b"not a database at all", "not an SQLite backup"),
    (b"", "not an SQLite backup"),
    ("plain_sqlite", "an SQLite database, but not an aimaq store"),
])
def test_store_backup_restore_refuses_what_is_not_a_backup(store: Path, tmp_path: Path, content, reason: str,
                                                            capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "bad.bak"
    if content == "plain_sqlite":
        with closing(sqlite3.connect(bad)) as conn:
            conn.execute("CREATE TABLE t (x)")
            conn.commit()
    else:
        bad.write_bytes(content)
    target = tmp_path / "target.db"
    assert main(["backup", "--db", str(store), str(target)]) == 0
    before = sqlite_rows(target)
    capsys.readouterr()
    assert main(["restore", "--db", str(target), str(bad)]) == 1
    assert capsys.readouterr().err == f"aimaq: error: {bad}: {reason}\n"
    assert sqlite_rows(target) == before


@pytest.mark.parametrize("argv, reason", [
    (["backup", "--db", "{missing}", "{tmp}/x.bak"], "no store at"),
    (["backup", "--db", "{store}", "{tmp}/no/such/dir/x.bak"], "no such directory"),
    (["restore", "--db", "{tmp}/r.db", "{tmp}/absent.bak"], "no backup at"),
])
def test_store_backup_errors_are_one_line(store: Path, tmp_path: Path, argv: list[str], reason: str,
                                          capsys: pytest.CaptureFixture) -> None:
    filled = [a.format(missing=tmp_path / "missing.db", tmp=tmp_path, store=store) for a in argv]
    assert main(filled) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith("aimaq: error: ") and reason in err[0]
    assert not list(tmp_path.glob(".*.tmp"))


def test_store_backup_postgresql_round_trip_keeps_every_row(pg_database: Callable[[str], str],
                                                            tmp_path: Path) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    source, target = pg_database("aimaq_backup_src"), pg_database("aimaq_backup_dst")
    ingest([str(CORPUS / f) for f in FILES], source, batch_size=2)
    ingest([str(CORPUS / "007_ru_pavlodar_jobs.txt")], target)  # restore replaces what is there
    out = tmp_path / "pg.dump"
    assert main(["backup", "--db", source, str(out)]) == 0
    assert out.read_bytes()[:5] == b"PGDMP"
    assert main(["restore", "--db", target, str(out)]) == 0
    before, after = engine_rows(open_store(source)), engine_rows(open_store(target))
    assert len(before["documents"]) == 4 and sum(len(v) for v in before.values()) > 100
    assert after == before
