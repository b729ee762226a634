"""Backups of the store: SQLite through the online backup API (consistent while ingests and readers run),
PostgreSQL through ``pg_dump``/``pg_restore`` in custom format.

A backup is written next to its target under a temporary name and renamed into place, so a failed or
killed backup never leaves a half-written file under the name asked for. A restore checks that its input
is a backup of this kind of store first, copies it over the target (SQLite: page by page, under the
target's write lock, so open readers see the old or the new store, never a mix) and migrates the result
to the current schema.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from aimaq.errors import StoreError
from aimaq.store.engine import open_store
from aimaq.store.url import redact, resolve_url, sqlite_path

PAGES_PER_STEP = 1024  # SQLite backup step: other connections may write between steps
PG_TOOLS_TIMEOUT_S = 3600


@dataclass(frozen=True)
class BackupInfo:
    """What a backup or restore moved."""

    db: str  # the store URL, password redacted
    file: str
    kind: str  # 'sqlite' or 'postgresql'
    bytes: int

    def summary(self, verb: str) -> str:
        return f"aimaq: {verb}: {self.db} {'->' if verb == 'backup' else '<-'} {self.file} ({self.bytes} bytes)"


def backup(db: str | None, out: str | Path) -> BackupInfo:
    """Write a backup of the store at ``db`` (URL or path) to ``out``."""
    url = resolve_url(db)
    out = Path(out)
    if not out.parent.is_dir():
        raise StoreError(f"no such directory: {out.parent}")
    path = sqlite_path(url)
    if url.startswith("sqlite"):
        if path is None or not path.exists():
            raise StoreError(f"no store at {path or url}")
        _atomic(out, lambda tmp: _sqlite_copy(path, tmp))
        return BackupInfo(redact(url), str(out), "sqlite", out.stat().st_size)
    if url.startswith("postgresql"):
        _atomic(out, lambda tmp: _pg_tool(["pg_dump", "--format=custom", "--no-owner", "--file", str(tmp),
                                           _libpq(url)]))
        return BackupInfo(redact(url), str(out), "postgresql", out.stat().st_size)
    raise StoreError(f"cannot back up {redact(url)}: only SQLite and PostgreSQL stores")


def restore(db: str | None, source: str | Path) -> BackupInfo:
    """Replace the store at ``db`` with the backup ``source``, then migrate it to the current schema."""
    url = resolve_url(db)
    source = Path(source)
    if not source.is_file():
        raise StoreError(f"no backup at {source}")
    if url.startswith("sqlite"):
        path = sqlite_path(url)
        if path is None:
            raise StoreError("cannot restore into an in-memory SQLite store")
        if not path.parent.is_dir():
            raise StoreError(f"no such directory: {path.parent}")
        _check_sqlite_backup(source)
        _sqlite_copy(source, path)
        kind = "sqlite"
    elif url.startswith("postgresql"):
        _check_pg_backup(source)
        _pg_tool(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                  "--dbname", _libpq(url), str(source)])
        kind = "postgresql"
    else:
        raise StoreError(f"cannot restore {redact(url)}: only SQLite and PostgreSQL stores")
    open_store(url).dispose()  # a backup from an older version is brought to the current schema
    return BackupInfo(redact(url), str(source), kind, source.stat().st_size)


def _atomic(out: Path, write: Callable[[Path], object]) -> None:
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Page-by-page copy with SQLite's online backup API; the target is replaced as one transaction."""
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src, \
                closing(sqlite3.connect(str(target))) as dst:
            src.execute("PRAGMA busy_timeout=60000")
            dst.execute("PRAGMA busy_timeout=60000")
            src.backup(dst, pages=PAGES_PER_STEP)
    except sqlite3.Error as exc:
        raise StoreError(f"SQLite backup failed: {exc}") from exc


def _check_sqlite_backup(source: Path) -> None:
    """The file is an SQLite database holding an aimaq store (it has Alembic's version table)."""
    with open(source, "rb") as stream:
        if stream.read(16) != b"SQLite format 3\x00":
            raise StoreError("not an SQLite backup")
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as conn:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        raise StoreError(f"unreadable SQLite backup ({exc})") from exc
    if ok != "ok":
        raise StoreError(f"damaged SQLite backup ({ok})")
    if "alembic_version" not in tables or "documents" not in tables:
        raise StoreError("an SQLite database, but not an aimaq store")


def _check_pg_backup(source: Path) -> None:
    with open(source, "rb") as stream:
        if stream.read(5) != b"PGDMP":
            raise StoreError("not a pg_dump custom-format backup")


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as libpq takes it (no driver suffix)."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def _pg_tool(argv: list[str]) -> None:
    if shutil.which(argv[0]) is None:
        raise StoreError(f"{argv[0]} is not installed (it comes with the PostgreSQL client tools)")
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=PG_TOOLS_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise StoreError(f"{argv[0]} took longer than {PG_TOOLS_TIMEOUT_S} s") from exc
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        raise StoreError(f"{argv[0]} failed: {redact(last)}")
