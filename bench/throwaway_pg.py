"""A throwaway PostgreSQL server for the benchmarks (scripts/pg_start.sh, which installs the Debian package
when it can), and empty databases on it. The tests have their own pytest fixtures (tests/pg_fixtures.py)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

PG_START = Path(__file__).resolve().parents[1] / "scripts" / "pg_start.sh"


class NoServer(RuntimeError):
    """scripts/pg_start.sh could not start a server; the message says why."""


@contextmanager
def server(folder: Path) -> Iterator[str]:
    """A server with its data in ``folder``/pg, stopped on exit; yields the maintenance database's URL."""
    folder.chmod(0o755)  # as root the script runs the server as `postgres`, who must reach the folder
    data = str(folder / "pg")
    started = subprocess.run(["bash", str(PG_START), data], capture_output=True, text=True, timeout=300,
                             check=False)
    if started.returncode != 0:
        raise NoServer((started.stderr.strip().splitlines() or [f"pg_start.sh exit {started.returncode}"])[-1])
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(["bash", str(PG_START), "--stop", data], capture_output=True, timeout=120, check=False)


def database(url: str, name: str) -> str:
    """A new empty database called ``name`` on the server at ``url``; its URL."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.rsplit("/", 1)[0] + "/" + name
