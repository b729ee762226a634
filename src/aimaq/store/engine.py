"""Opening the store: an engine for the URL, SQLite tuned for one writer and many readers, schema migrated.

SQLite runs in WAL mode (readers never wait for the writer) with a busy timeout; a connection opened with
``execution_options(write=True)`` begins its transactions with ``BEGIN IMMEDIATE`` so that two writers
queue up instead of failing half-way. Migrations (Alembic, shipped in ``migrations/``) run on open when
the database is behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from aimaq.errors import StoreError
from aimaq.store.checkpoint import WAL_AUTOCHECKPOINT
from aimaq.store.url import resolve_url, sqlite_path

# Engine is re-exported: the code above the store names the type without importing sqlalchemy
__all__ = ["Engine", "StoreError", "current_revision", "head_revision", "make_engine", "migrate", "open_store"]

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 60_000
MIGRATION_LOCK_KEY = 0x61696D6172  # PostgreSQL advisory lock held while the schema is upgraded


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's begin event emits BEGIN itself
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT}")  # an ingest checkpoints before (checkpoint.py)
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    immediate = conn.get_execution_options().get("write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (already resolved); SQLite gets WAL, foreign keys and a busy timeout."""
    scheme = url.split(":", 1)[0]
    try:
        engine = create_engine(url, future=True)
    except ModuleNotFoundError as exc:  # a third-party driver (psycopg: the optional postgres extra)
        raise StoreError(f"no driver for {scheme} ({exc.name}); "
                         "for PostgreSQL: pip install 'aimaq[postgres]'") from exc
    except (NoSuchModuleError, ArgumentError):
        raise StoreError(f"unknown database scheme {scheme!r} (give an SQLite file path, sqlite:///FILE "
                         "or postgresql://user@host/db)") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _alembic_config() -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head() or ""


def _revision(conn: Any) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _revision(conn)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (no-op when it is there).

    The check runs without a lock; an upgrade takes the write lock and checks again, so two processes
    opening a new store at once create it once.
    """
    head = head_revision()
    if current_revision(engine) == head:
        return
    from alembic import command

    config = _alembic_config()
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
        if _revision(conn) == head:
            return
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def open_store(db: str | None = None, create: bool = True) -> Engine:
    """The migrated store at ``db`` (URL or path; default ``$AIMAQ_DB`` or ./aimaq.db).

    With ``create=False`` a missing SQLite file is an error instead of a new empty store.
    """
    url = resolve_url(db)
    path = sqlite_path(url)
    if path is not None and not create and not path.exists():
        raise StoreError(f"no store at {path} (run `aimaq ingest` first, or give --db)")
    if path is not None and not path.parent.is_dir():
        raise StoreError(f"no such directory: {path.parent}")
    engine = make_engine(url)
    try:
        migrate(engine)
    except StoreError:
        raise
    except Exception as exc:
        engine.dispose()
        raise StoreError(f"cannot open the store: {type(exc).__name__}: {exc}") from exc
    return engine
