"""Ingest-run rows: one per ``aimaq ingest`` call, delete or synthetic load, with what it counted."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import Connection, Engine, insert, update

from aimaq.store.schema import IngestRun

COUNTERS = ("new", "unchanged", "repeated", "duplicates", "pairs", "facts")  # what a batch adds to its run


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class RunCounts:
    """What an ingest run (or one of its batches) counted: documents read, stored new, stored by an earlier
    run (``unchanged``), copies of a text read earlier in this run (``repeated``: not new, not unchanged; in the
    report only, the run row has no column for it), new documents that re-post another (``duplicates``), pairs,
    facts, and the errors as (source, reason)."""

    read: int = 0
    new: int = 0
    unchanged: int = 0
    repeated: int = 0
    duplicates: int = 0
    pairs: int = 0
    facts: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def add(self, batch: RunCounts) -> None:
        """Count a batch's documents, pairs, facts and errors in (``read`` is counted as items are read)."""
        self.read += batch.read
        for name in COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(batch, name))
        self.errors.extend(batch.errors)


def insert_run(conn: Connection, paths: list[str], status: str = "running") -> int:
    """A new ingest run row with nothing counted yet (finished at once unless it is running); its id."""
    now = utc_now()
    return conn.execute(insert(IngestRun).values(
        started_at=now, finished_at=None if status == "running" else now, status=status,
        paths=json.dumps(paths, ensure_ascii=False),
        read=0, new=0, unchanged=0, duplicates=0, pairs=0, facts=0, errors=0,
    ).returning(IngestRun.id)).scalar_one()


def start_run(engine: Engine, paths: list[str]) -> int:
    """A running ingest run, committed at once; its id."""
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        return insert_run(conn, paths)


def count_run(conn: Connection, run_id: int, counts: RunCounts) -> None:
    """Add what a batch counted to the run's counters (written with the batch that brought them)."""
    row = IngestRun.__table__.c
    conn.execute(update(IngestRun).where(IngestRun.id == run_id).values(
        read=row.read + counts.read, new=row.new + counts.new, unchanged=row.unchanged + counts.unchanged,
        duplicates=row.duplicates + counts.duplicates, pairs=row.pairs + counts.pairs,
        facts=row.facts + counts.facts, errors=row.errors + len(counts.errors),
    ))


def finish_run(engine: Engine, run_id: int, status: str) -> datetime:
    """Mark the run finished ('done' or 'failed'); the time it finished."""
    finished = utc_now()
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        conn.execute(update(IngestRun).where(IngestRun.id == run_id).values(finished_at=finished, status=status))
    return finished
