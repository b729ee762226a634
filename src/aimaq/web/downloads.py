"""Table views as CSV and XLSX: one flat row per record, cells that a spreadsheet would run as a formula
(leading = + - @, tab, CR) neutralised with a quote, as ``aimaq facts`` does. A fact has the same columns as
in ``aimaq facts --format csv`` (``aimaq.store.query.CSV_COLUMNS``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, fields
from typing import Any

from aimaq.store.query import CSV_COLUMNS, FactItem, csv_row, safe_cell
from aimaq.web.indicators import RegionItem

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _region_row(r: RegionItem) -> dict[str, Any]:
    row = {k: v for k, v in asdict(r).items() if k != "names"}
    return {"code": r.code, **{f"name_{lang}": r.names.get(lang, "") for lang in ("kk", "ru", "en")}, **row}


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _generic_row(item: Any) -> dict[str, Any]:
    return {k: _plain(v) for k, v in asdict(item).items()}


FLATTEN: dict[type, Callable[[Any], dict[str, Any]]] = {FactItem: csv_row, RegionItem: _region_row}
FACT_COLUMNS = list(CSV_COLUMNS)
REGION_COLUMNS = ["code", "name_kk", "name_ru", "name_en"] + [f.name for f in fields(RegionItem)
                                                             if f.name not in ("code", "names")]


def columns(kind: type) -> list[str]:
    return {FactItem: FACT_COLUMNS, RegionItem: REGION_COLUMNS}.get(kind) or [f.name for f in fields(kind)]


def table(kind: type, items: Sequence[Any]) -> tuple[list[str], list[list[Any]]]:
    """The header and the rows of ``items`` (records of dataclass ``kind``), cells made safe."""
    flatten = FLATTEN.get(kind, _generic_row)
    head = columns(kind)
    rows = []
    for item in items:
        record = flatten(item)
        rows.append([safe_cell(record.get(name)) for name in head])
    return head, rows


def to_csv(kind: type, items: Sequence[Any]) -> str:
    head, rows = table(kind, items)
    out = io.StringIO()
    # CRLF rows (RFC 4180): the writer then quotes any cell holding a CR as well as an LF; with "\n" rows
    # a bare CR inside a cell went out unquoted and began a new row in a spreadsheet (row/formula injection)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(head)
    writer.writerows(rows)
    return out.getvalue()


def to_xlsx(kind: type, items: Sequence[Any], sheet: str = "aimaq") -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    head, rows = table(kind, items)
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet[:31])
    ws.append(head)
    for row in rows:
        ws.append([ILLEGAL_CHARACTERS_RE.sub("", c) if isinstance(c, str) else c for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
