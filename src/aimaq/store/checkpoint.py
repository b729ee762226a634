"""Checkpoints of an SQLite store's write-ahead log made by a thread of their own while an ingest runs.

In WAL mode a commit appends the pages it changed to the log, and the commit that takes the log past
``WAL_AUTOCHECKPOINT`` pages copies it back into the database and syncs the file, while the ingest waits. Into a
large store a batch changes pages all over its indexes, and that copy and sync took about a tenth of the ingest
time (1 000 documents into a store of 100 000). During an ingest a thread makes a passive checkpoint after each
settled batch instead (it never blocks the writer, nor readers), so the copy and the sync overlap the next
batch's extraction; the commits' own checkpoint stays as the limit if the thread falls behind. A checkpoint
that cannot run now (another process holds the log) is left to the next one: the log stays the authority.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager

from sqlalchemy import Engine

from aimaq.store.url import sqlite_path

WAL_AUTOCHECKPOINT = 10_000  # pages (40 MB at 4 KB): the log's size at which a commit checkpoints it itself


class _Checkpointer(threading.Thread):
    """Makes a passive checkpoint whenever one is asked for (``ask``); one asked for before ``stop`` is made."""

    def __init__(self, path: str) -> None:
        super().__init__(name="aimaq-wal-checkpoint", daemon=True)
        self.path = path
        self._wake = threading.Event()
        self._asked = self._stopping = False

    def ask(self) -> None:
        self._asked = True
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        self.join()

    def run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._asked:
                self._asked = False
                self._checkpoint()
            if self._stopping:
                return

    def _checkpoint(self) -> None:
        try:
            with closing(sqlite3.connect(self.path)) as conn:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.Error:
            pass  # the next request, or a commit's own checkpoint, copies the log


@contextmanager
def background_checkpoints(engine: Engine) -> Iterator[Callable[[], None]]:
    """A function that asks for a checkpoint of the store's log (after each settled batch); it does nothing
    for PostgreSQL and for an in-memory SQLite store. The thread ends with the block, after the checkpoint
    last asked for."""
    path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None:
        yield lambda: None
        return
    worker = _Checkpointer(str(path))
    worker.start()
    try:
        yield worker.ask
    finally:
        worker.stop()
