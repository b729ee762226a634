"""Stores for the web tests: the hand-checked corpus ingested once per test process (each web test module
asks for it; the first ingests), and throw-away copies of it for tests that write."""

from __future__ import annotations

import atexit
import shutil
import sqlite3
import tempfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"


@cache
def _workdir() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="aimaq-web-tests-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


@cache
def corpus_store() -> str:
    """An SQLite store holding tests/corpus/*.txt (26 releases, 4 kk/ru pairs, 2 re-posts)."""
    from aimaq.ingest.run import ingest

    path = _workdir() / "corpus.db"
    report = ingest(sorted(str(p) for p in CORPUS.glob("*.txt")), str(path))
    assert report.errors == (), report.errors
    return str(path)


def store_copy(name: str) -> str:
    """A private copy of the corpus store (SQLite backup, so the copy is consistent)."""
    target = _workdir() / f"{name}.db"
    with sqlite3.connect(corpus_store()) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return str(target)
