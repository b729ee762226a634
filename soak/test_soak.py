"""`make soak`: crash safety under load, kept out of `make test` (it takes minutes).

* SIGKILL `aimaq ingest` at random moments (start-up and migration included) at least 20 times, re-running
  after each kill, on SQLite and on PostgreSQL (when scripts/pg_start.sh gives a server); the store then
  equals one clean run: document ids, sources, facts with their evidence, pairs, clusters, sentence and
  LSH counts; a further run adds nothing.
* The same with parallel writers: `aimaq ingest --workers 2` on PostgreSQL, the ingest and both its workers
  killed together at random moments (`PARALLEL_KILLS` times); the store equals one clean single-process run.
* Two `aimaq ingest` processes at once, over overlapping halves of a corpus, into one SQLite file: the
  store equals one clean run over the union.

The generated corpus and the snapshot come from tests/test_store_crash.py. Figures are printed (run with -s).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from aimaq.ingest.run import ingest
from aimaq.store.engine import open_store
from test_store_crash import make_corpus, snapshot

TESTS = Path(__file__).resolve().parents[1] / "tests"
KILLS = int(os.environ.get("AIMAQ_SOAK_KILLS", "20"))
PARALLEL_KILLS = int(os.environ.get("AIMAQ_SOAK_PARALLEL_KILLS", "10"))
BATCH = 10
RELEASES = 80
SEED = int(os.environ.get("AIMAQ_SOAK_SEED", "20261123"))
MAX_SECONDS = 300  # per database kind
# The package from this tree, even while someone re-installs the editable package.
ENV = {**os.environ, "PYTHONPATH": str(TESTS.parent / "src")}


def _cmd(db: str, paths: list[Path], workers: int = 1) -> list[str]:
    return [sys.executable, "-m", "aimaq.cli", "ingest", "--db", db, "--batch-size", str(BATCH), "--no-progress",
            "--workers", str(workers), *map(str, paths)]


def _run_killed(db: str, corpus: Path, after: float, workers: int = 1) -> bool:
    """Start an ingest and SIGKILL it, with its workers, ``after`` seconds in; False when it finished first."""
    proc = subprocess.Popen(_cmd(db, [corpus], workers), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV,
                            start_new_session=True)
    try:
        proc.wait(timeout=after)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the ingest and the pool's worker processes
        proc.wait()
        return True
    assert proc.returncode == 0, proc.stderr.read().decode() if proc.stderr else proc.returncode
    return False


def _clean(corpus: Path, db: str) -> tuple[dict, float]:
    clock = time.monotonic()
    done = subprocess.run(_cmd(db, [corpus]), capture_output=True, text=True, env=ENV)
    assert done.returncode == 0, done.stderr
    return snapshot(open_store(db)), time.monotonic() - clock


def kill_until_done(corpus: Path, db_for_round, clean: dict, wall: float, kills_wanted: int = KILLS,  # type: ignore[no-untyped-def]
                    workers: int = 1) -> dict[str, float]:
    """Rounds on fresh stores: kill at random moments until the run finishes by itself, compare, repeat."""
    rng = random.Random(SEED)
    kills = rounds = 0
    started = time.monotonic()
    while kills < kills_wanted:
        assert time.monotonic() - started < MAX_SECONDS, f"only {kills} kills in {MAX_SECONDS} s"
        rounds += 1
        db = db_for_round(rounds)
        while _run_killed(db, corpus, rng.uniform(0.05, 1.0) * wall, workers):
            kills += 1
        engine = open_store(db)
        assert snapshot(engine) == clean, f"round {rounds}: the store differs from a clean run"
        again = ingest([str(corpus)], engine=engine, batch_size=BATCH)
        assert again.new == 0 and not again.errors and snapshot(engine) == clean
        engine.dispose()
    return {"kills": kills, "rounds": rounds, "seconds": round(time.monotonic() - started, 1)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("soak") / "corpus"
    make_corpus(folder, RELEASES, seed=SEED % 1000)
    return folder


def test_soak_sigkill_sqlite(corpus: Path, tmp_path: Path) -> None:
    clean, wall = _clean(corpus, str(tmp_path / "clean.db"))

    def fresh(n: int) -> str:
        path = tmp_path / f"round{n}.db"
        return str(path)

    figures = kill_until_done(corpus, fresh, clean, wall)
    for db in tmp_path.glob("round*.db"):
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    print(f"\nsoak sqlite: {figures['kills']} SIGKILLs survived in {figures['rounds']} rounds "
          f"({figures['seconds']} s; clean run {wall:.1f} s, {len(clean['documents'])} documents, "
          f"{len(clean['facts'])} facts, {len(clean['pairs'])} pairs)")


def test_soak_sigkill_postgresql(corpus: Path, tmp_path: Path, pg_database: Callable[[str], str]) -> None:
    clean, wall = _clean(corpus, pg_database("aimaq_soak_clean"))
    figures = kill_until_done(corpus, lambda n: pg_database(f"aimaq_soak_{n}"), clean, wall)
    print(f"\nsoak postgresql: {figures['kills']} SIGKILLs survived in {figures['rounds']} rounds "
          f"({figures['seconds']} s; clean run {wall:.1f} s)")


def test_soak_sigkill_parallel_writers_postgresql(corpus: Path, tmp_path: Path,
                                                  pg_database: Callable[[str], str]) -> None:
    clean, _ = _clean(corpus, pg_database("aimaq_soak_pclean"))
    clock = time.monotonic()
    done = subprocess.run(_cmd(pg_database("aimaq_soak_pfirst"), [corpus], workers=2), capture_output=True,
                          text=True, env=ENV)
    assert done.returncode == 0, done.stderr
    wall = time.monotonic() - clock
    figures = kill_until_done(corpus, lambda n: pg_database(f"aimaq_soak_p{n}"), clean, wall, PARALLEL_KILLS, workers=2)
    print(f"\nsoak postgresql, 2 writers: {figures['kills']} SIGKILLs survived in {figures['rounds']} rounds "
          f"({figures['seconds']} s; a clean run with 2 workers {wall:.1f} s)")


def test_soak_two_concurrent_ingests_sqlite(corpus: Path, tmp_path: Path) -> None:
    files = sorted(corpus.iterdir())
    third = len(files) // 3
    clean, _ = _clean(corpus, str(tmp_path / "clean.db"))
    db = str(tmp_path / "shared.db")
    procs = [subprocess.Popen(_cmd(db, chosen), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
             for chosen in (files[: 2 * third], files[third:])]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read().decode() if proc.stderr else ""
    shared = open_store(db)
    got = snapshot(shared)
    for key in ("documents", "sources", "facts", "sentences", "lsh"):
        assert got[key] == clean[key], key
    assert got == clean, "pairs or clusters differ from a clean run"
    print(f"\nsoak concurrent: two ingests of {2 * third} and {len(files) - third} files "
          f"({third} shared) give the clean store of {len(files)} files")
