"""Facts out of the store by the filters of ``aimaq.store.filters`` (region, type, dates, ...), as records, CSV
or JSON lines, each with its evidence sentences.

A fact counts once per near-duplicate cluster: by default only facts stated in a cluster's representative
are listed (``Filters(duplicates=True)`` lists the re-posts' facts too). A fact merged across a kk/ru pair is one
row with both evidence sentences.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TextIO

from sqlalchemy import Connection, Engine, select

from aimaq.serialize import number
from aimaq.store.filters import NO_FILTERS, Filters, fact_filter
from aimaq.store.schema import DocumentRow, FactEvidence, FactRow

CHUNK = 500  # facts whose evidence is fetched per query
# the one column set of a fact as CSV: `aimaq facts --format csv` and the API's CSV/XLSX downloads
CSV_COLUMNS = ("id", "type", "value", "value_before", "currency", "unit", "region", "period_start", "period_end",
               "subject", "date", "rule", "langs", "evidence", "evidence_kk", "evidence_ru", "sources", "documents")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class EvidenceItem:
    """A sentence that states a fact."""

    doc_id: str
    lang: str
    sentence: int  # index into the document's sentences
    start: int  # offsets into the document's cleaned text
    end: int
    text: str
    title: str | None
    source: str


@dataclass(frozen=True)
class FactItem:
    """A stored fact with its evidence, as `aimaq facts` writes it and the API serves it."""

    id: int
    type: str
    value: int | float | None
    value_before: int | float | None
    currency: str | None
    unit: str | None
    region: str | None
    period_start: str | None
    period_end: str | None
    subject: str | None
    date: str | None
    rule: str
    evidence: list[EvidenceItem]  # Kazakh first


def _evidence(conn: Connection, fact_ids: Sequence[int]) -> dict[int, list[EvidenceItem]]:
    """The evidence sentences of each fact, Kazakh first."""
    rows = conn.execute(
        select(FactEvidence.__table__, DocumentRow.source, DocumentRow.title, DocumentRow.text)
        .join(DocumentRow, DocumentRow.id == FactEvidence.doc_id).where(FactEvidence.fact_id.in_(list(fact_ids)))
    ).all()
    out: dict[int, list[EvidenceItem]] = defaultdict(list)
    for r in rows:
        out[r.fact_id].append(EvidenceItem(r.doc_id, r.lang, r.sentence_idx, r.start, r.end,
                                           " ".join(r.text[r.start:r.end].split()), r.title, r.source))
    for items in out.values():
        items.sort(key=lambda e: (e.lang != "kk", e.lang, e.doc_id))
    return out


def fact_items(conn: Connection, rows: Sequence[Any]) -> list[FactItem]:
    """Fact table rows as records, each with its evidence."""
    found = _evidence(conn, [r.id for r in rows])
    return [FactItem(
        id=r.id, type=r.type, value=number(r.value), value_before=number(r.value_before), currency=r.currency,
        unit=r.unit, region=r.region, period_start=r.period_start, period_end=r.period_end, subject=r.subject,
        date=r.date.isoformat() if r.date else None, rule=r.rule, evidence=found.get(r.id, []),
    ) for r in rows]


def query_facts(engine: Engine, f: Filters = NO_FILTERS) -> Iterator[FactItem]:
    """The facts passing the filters, oldest first, each with its evidence."""
    with engine.connect() as conn:
        rows = conn.execute(fact_filter(select(FactRow.__table__), f).order_by(FactRow.date, FactRow.id)).all()
        for i in range(0, len(rows), CHUNK):
            yield from fact_items(conn, rows[i : i + CHUNK])


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet will not run as a formula (leading = + - @ neutralised with a quote)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _by_lang(f: FactItem, lang: str) -> str:
    return next((e.text for e in f.evidence if e.lang == lang), "")


def csv_row(f: FactItem) -> dict[str, Any]:
    """A fact as one flat row of ``CSV_COLUMNS``, cells made safe."""
    row = {
        "id": f.id, "type": f.type, "value": f.value, "value_before": f.value_before,
        "currency": f.currency, "unit": f.unit, "region": f.region, "period_start": f.period_start,
        "period_end": f.period_end, "subject": f.subject, "date": f.date, "rule": f.rule,
        "langs": "+".join(e.lang for e in f.evidence), "evidence": f.evidence[0].text if f.evidence else "",
        "evidence_kk": _by_lang(f, "kk"), "evidence_ru": _by_lang(f, "ru"),
        "sources": " | ".join(e.source for e in f.evidence), "documents": " ".join(e.doc_id for e in f.evidence),
    }
    return {k: safe_cell(v) for k, v in row.items()}


def write_csv(facts: Iterable[FactItem], out: TextIO) -> int:
    """CSV with a header row; the number of facts written."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for f in facts:
        writer.writerow(csv_row(f))
        count += 1
    return count


def write_jsonl(facts: Iterable[FactItem], out: TextIO) -> int:
    count = 0
    for f in facts:
        out.write(json.dumps(asdict(f), ensure_ascii=False) + "\n")
        count += 1
    return count
