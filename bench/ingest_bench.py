"""Ingest speed: the synthetic corpus as one JSONL file into a fresh SQLite store and, when
scripts/pg_start.sh can start a server, into PostgreSQL. Ingest extracts every document, so its docs/s
include extraction."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

from aimaq.store.ingest import ingest
from corpus import write_jsonl

ROOT = Path(__file__).resolve().parents[1]


def _ingest(path: Path, db: str) -> tuple[int, float]:
    t0 = time.perf_counter()
    report = ingest([str(path)], db)
    return report.read, time.perf_counter() - t0


def _postgres(path: Path, folder: Path) -> tuple[int, float] | str:
    """(docs, seconds) into a throwaway PostgreSQL, or why there was none."""
    script, data = ROOT / "scripts" / "pg_start.sh", folder / "pg"
    if not script.exists():
        return "scripts/pg_start.sh is missing"
    folder.chmod(0o755)  # as root the script runs the server as `postgres`, who must reach DIR
    started = subprocess.run(["bash", str(script), str(data)], capture_output=True, text=True, timeout=300)
    if started.returncode != 0:
        return (started.stderr.strip().splitlines() or [f"exit {started.returncode}"])[-1]
    try:
        return _ingest(path, started.stdout.strip())
    except Exception as exc:  # a missing driver or a refused connection is a result to report
        return f"{type(exc).__name__}: {exc}"
    finally:
        subprocess.run(["bash", str(script), "--stop", str(data)], capture_output=True, timeout=120)


def measure(docs: int, postgres: bool = True) -> dict[str, tuple[int, float] | str]:
    """{'SQLite': (docs, seconds), 'PostgreSQL': (docs, seconds) or the reason it was not measured}."""
    with tempfile.TemporaryDirectory(prefix="aimaq-bench-") as tmp:
        folder = Path(tmp)
        path = write_jsonl(folder / "synth.jsonl", docs)
        out: dict[str, tuple[int, float] | str] = {"SQLite": _ingest(path, str(folder / "bench.db"))}
        out["PostgreSQL"] = _postgres(path, folder) if postgres else "skipped (--no-postgres)"
    return out
