"""The store's tables as files: one file per table, in Parquet, JSON lines or CSV.

Tables are read in primary-key order, in chunks, so a large store is streamed and never held in memory.
Parquet columns get the types of the store's columns (text, 64-bit integers, doubles, dates, UTC
timestamps) with their nullability, so a round trip gives back the stored values. JSON lines write dates as
ISO strings; CSV writes a header row and neutralises text cells a spreadsheet would run as formulas
(a leading ``= + - @`` gets a quote, as ``aimaq facts --format csv`` does).

Facts are counted once by default, as ``aimaq facts`` and the API count them: ``facts`` holds no fact merged
into its translation's fact (``merged_into`` set) and no fact stated only in a re-post, and
``fact_evidence`` holds the evidence of those facts only (a merged fact's sentences are its survivor's);
``all_facts=True`` writes every stored fact, the merged ones with ``merged_into`` set. A column holding a list
(``pairs.sentences``, the aligned ``[kk, ru]`` sentence indices) is a list in Parquet and JSON lines, JSON
text in CSV.

Parquet needs pyarrow (a dependency of aimaq; a missing install is an ``ExportError`` saying what to run).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol, TextIO

from sqlalchemy import BigInteger, Date, DateTime, Engine, Float, Integer, Table, select
from sqlalchemy.sql import Select

from aimaq.errors import ExportError
from aimaq.store.filters import NO_FILTERS, fact_filter
from aimaq.store.query import safe_cell
from aimaq.store.schema import TABLES as STORE_TABLES
from aimaq.store.schema import FactEvidence, FactRow

TABLES = ("documents", "document_regions", "sentences", "mentions", "amounts", "facts", "fact_evidence",
          "entities", "pairs", "clusters")
FORMATS = ("parquet", "jsonl", "csv")
SUFFIX = {"parquet": ".parquet", "jsonl": ".jsonl", "csv": ".csv"}
CHUNK = 5000  # rows read and written at a time
LIST_COLUMNS = {("pairs", "sentences")}  # JSON lists of [int, int] in the store: lists of lists in Parquet/JSONL


@dataclass(frozen=True)
class Exported:
    table: str
    path: Path
    rows: int


class _Writer(Protocol):
    def write(self, rows: Sequence[dict[str, Any]]) -> None: ...

    def close(self) -> None: ...


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _lists(table: Table) -> list[str]:
    return [c.name for c in table.columns if (table.name, c.name) in LIST_COLUMNS]


def _decoded(rows: Sequence[dict[str, Any]], lists: Sequence[str]) -> Sequence[dict[str, Any]]:
    """``rows`` with the JSON text of each list column decoded."""
    if not lists:
        return rows
    return [{**row, **{name: None if row[name] is None else json.loads(row[name]) for name in lists}} for row in rows]


class _JsonlWriter:
    def __init__(self, path: Path, table: Table) -> None:
        self.stream: TextIO = path.open("w", encoding="utf-8")
        self.lists = _lists(table)

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        for row in _decoded(rows, self.lists):
            self.stream.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.stream.close()


class _CsvWriter:
    def __init__(self, path: Path, table: Table) -> None:
        self.stream: TextIO = path.open("w", encoding="utf-8", newline="")
        self.writer = csv.DictWriter(self.stream, fieldnames=[c.name for c in table.columns], lineterminator="\n")
        self.writer.writeheader()

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        self.writer.writerows({k: safe_cell(_plain(v)) for k, v in row.items()} for row in rows)

    def close(self) -> None:
        self.stream.close()


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:  # third-party pyarrow, needed for Parquet only
        raise ExportError("Parquet needs pyarrow: pip install 'pyarrow>=14' (or use --format jsonl|csv)") from exc
    return pyarrow


def arrow_schema(table: Table) -> Any:
    """The pyarrow schema of a store table: its column names, types and nullability."""
    pa = _pyarrow()

    def arrow_type(column: Any) -> Any:
        sql_type = column.type
        if (table.name, column.name) in LIST_COLUMNS:
            return pa.list_(pa.list_(pa.int64()))
        if isinstance(sql_type, (Integer, BigInteger)):
            return pa.int64()
        if isinstance(sql_type, Float):
            return pa.float64()
        if isinstance(sql_type, DateTime):
            return pa.timestamp("us", tz="UTC")
        if isinstance(sql_type, Date):
            return pa.date32()
        return pa.string()

    return pa.schema([pa.field(c.name, arrow_type(c), nullable=bool(c.nullable)) for c in table.columns])


class _ParquetWriter:
    def __init__(self, path: Path, table: Table) -> None:
        self.pa = _pyarrow()
        self.schema = arrow_schema(table)
        self.lists = _lists(table)
        self.writer = self.pa.parquet.ParquetWriter(str(path), self.schema)

    def write(self, rows: Sequence[dict[str, Any]]) -> None:
        self.writer.write_table(self.pa.Table.from_pylist(list(_decoded(rows, self.lists)), schema=self.schema))

    def close(self) -> None:
        self.writer.close()  # a table without rows still gets a file with its schema


WRITERS: dict[str, Callable[[Path, Table], _Writer]] = {
    "parquet": _ParquetWriter, "jsonl": _JsonlWriter, "csv": _CsvWriter,
}


def selected(name: str, all_facts: bool = False) -> Select:
    """The rows of table ``name`` to export: facts counted once (and their evidence) unless ``all_facts``."""
    table = STORE_TABLES[name]
    stmt = select(table)
    if all_facts:
        return stmt
    if name == "facts":
        return fact_filter(stmt, NO_FILTERS)
    if name == "fact_evidence":
        return stmt.where(FactEvidence.fact_id.in_(fact_filter(select(FactRow.id), NO_FILTERS)))
    return stmt


def _rows(engine: Engine, table: Table, stmt: Select, chunk: int) -> Iterator[list[dict[str, Any]]]:
    order = list(table.primary_key.columns) or list(table.columns)
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=chunk).execute(stmt.order_by(*order))
        for part in result.mappings().partitions(chunk):
            yield [dict(row) for row in part]


def export_table(engine: Engine, name: str, path: Path, fmt: str, chunk: int = CHUNK,
                 all_facts: bool = False) -> Exported:
    """Write one store table to ``path`` in format ``fmt`` (facts counted once unless ``all_facts``); what
    was written."""
    table = STORE_TABLES[name]
    writer = WRITERS[fmt](path, table)
    count = 0
    try:
        for rows in _rows(engine, table, selected(name, all_facts), chunk):
            writer.write(rows)
            count += len(rows)
    finally:
        writer.close()
    return Exported(name, path, count)


def export_store(engine: Engine, out_dir: Path, fmt: str = "parquet", tables: Sequence[str] = TABLES,
                 chunk: int = CHUNK, all_facts: bool = False) -> list[Exported]:
    """Write each of ``tables`` to ``out_dir/<table>.<fmt>`` (the folder is created; facts counted once
    unless ``all_facts``); what was written."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    unknown = [t for t in tables if t not in STORE_TABLES or t not in TABLES]
    if unknown:
        raise ExportError(f"unknown table {unknown[0]!r} (choose from {', '.join(TABLES)})")
    if fmt == "parquet":
        _pyarrow()
    out_dir.mkdir(parents=True, exist_ok=True)
    return [export_table(engine, name, out_dir / f"{name}{SUFFIX[fmt]}", fmt, chunk, all_facts) for name in tables]
