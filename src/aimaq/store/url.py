"""Where the store lives: ``--db`` as an SQLAlchemy URL or a plain file path, defaulting to ``AIMAQ_DB``
(``aimaq.settings.StoreSettings``).

``sqlite:///corpus.db`` and ``postgresql://user@host/db`` are taken as they are; anything without a
``scheme://`` is a path to an SQLite file. Without ``--db`` the ``AIMAQ_DB`` environment variable decides,
and without that the file ``aimaq.db`` in the working directory.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from aimaq.settings import StoreSettings, env_name, help_of

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")


def resolve_url(db: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """An SQLAlchemy URL for ``db`` (URL or path), else ``$AIMAQ_DB``, else ``./aimaq.db``."""
    given = db or StoreSettings.from_env(environ).db or StoreSettings().db
    if _SCHEME.match(given):
        return _plain_postgres(given)
    return "sqlite:///" + str(Path(given).expanduser().resolve())


def _plain_postgres(url: str) -> str:
    """``postgresql://`` and ``postgres://`` use psycopg 3 (the ``postgres`` extra), not psycopg2."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases and for in-memory SQLite)."""
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    path = path.split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def redact(url: str) -> str:
    """The URL with any password replaced by '***' (for messages and run reports)."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)

DB_HELP = (f"{help_of(StoreSettings, 'db')} "
           f"(default: ${env_name('db')}, else ./{StoreSettings().db})")
