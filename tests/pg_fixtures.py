"""A throwaway PostgreSQL server and empty databases on it, as pytest fixtures for tests/ and soak/."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database: $AIMAQ_TEST_PG_URL, or a throwaway server on
    loopback from scripts/pg_start.sh (which installs the Debian package when it can). Skips, saying why,
    when no server can be had."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'aimaq[postgres]')")
    given = os.environ.get("AIMAQ_TEST_PG_URL")
    if given:
        yield given
        return
    folder = tempfile.mkdtemp(prefix="aimaq-pg-", dir="/tmp")  # must be searchable by the `postgres` user
    script = str(ROOT / "scripts" / "pg_start.sh")
    try:
        started = subprocess.run(["bash", script, folder], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"PostgreSQL unavailable: {exc}")
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        reason = (started.stderr.strip().splitlines() or ["pg_start.sh failed"])[-1]
        pytest.skip(f"PostgreSQL unavailable: {reason}")
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", script, "--stop", folder], capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_database(pg_server: str) -> Callable[[str], str]:
    """``pg_database(name)``: the URL of an empty database of that name on the test server (dropped first)."""
    from sqlalchemy import create_engine, text

    from aimaq.store.url import resolve_url

    def create(name: str) -> str:
        admin = create_engine(resolve_url(pg_server), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return pg_server.rsplit("/", 1)[0] + "/" + name

    return create
