"""Ingest speed: the synthetic corpus as one JSONL file into a fresh SQLite store and, when
scripts/pg_start.sh can start a server, into PostgreSQL. Ingest extracts every document, so its docs/s
include extraction."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import throwaway_pg

from aimaq.ingest.run import ingest
from corpus import write_jsonl


def _ingest(path: Path, db: str) -> tuple[int, float]:
    t0 = time.perf_counter()
    report = ingest([str(path)], db)
    return report.read, time.perf_counter() - t0


def _postgres(path: Path, folder: Path) -> tuple[int, float] | str:
    """(docs, seconds) into a throwaway PostgreSQL, or why there was none."""
    try:
        with throwaway_pg.server(folder) as url:
            return _ingest(path, url)
    except Exception as exc:  # no server, a missing driver or a refused connection is a result to report
        return f"{type(exc).__name__}: {exc}"


def measure(docs: int, postgres: bool = True) -> dict[str, tuple[int, float] | str]:
    """{'SQLite': (docs, seconds), 'PostgreSQL': (docs, seconds) or the reason it was not measured}."""
    with tempfile.TemporaryDirectory(prefix="aimaq-bench-") as tmp:
        folder = Path(tmp)
        path = write_jsonl(folder / "synth.jsonl", docs)
        out: dict[str, tuple[int, float] | str] = {"SQLite": _ingest(path, str(folder / "bench.db"))}
        out["PostgreSQL"] = _postgres(path, folder) if postgres else "skipped (--no-postgres)"
    return out
