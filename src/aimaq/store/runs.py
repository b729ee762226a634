"""Ingest-run rows: one per ``aimaq ingest`` call, delete or synthetic load, with what it counted."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from sqlalchemy import Connection, insert

from aimaq.store.schema import IngestRun


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def insert_run(conn: Connection, paths: list[str], status: str = "running") -> int:
    """A new ingest run row with nothing counted yet (finished at once unless it is running); its id."""
    now = utc_now()
    return conn.execute(insert(IngestRun).values(
        started_at=now, finished_at=None if status == "running" else now, status=status,
        paths=json.dumps(paths, ensure_ascii=False),
        read=0, new=0, unchanged=0, duplicates=0, pairs=0, facts=0, errors=0,
    ).returning(IngestRun.id)).scalar_one()
