"""Reading stored documents back as ``Document`` records (for pairing new documents with stored ones), or as
the ``RawDocument`` their reader gave (for extracting one again)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import Connection, Engine, select

from aimaq.records import Amount, Document, Fact, Mention, Period, RawDocument, RegionCount, Sentence, Span
from aimaq.store.schema import (
    AmountRow,
    DocumentRow,
    FactEvidence,
    FactRow,
    MentionRow,
    RegionRow,
    SentenceRow,
)


def _by_doc(rows: Sequence) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[row.doc_id].append(row)
    return grouped


def _facts(conn: Connection, ids: Sequence[str]) -> dict[str, list[Fact]]:
    rows = conn.execute(
        select(FactEvidence.doc_id, FactEvidence.start.label("ev_start"), FactEvidence.end.label("ev_end"),
               FactRow.__table__)
        .join(FactRow.__table__, FactRow.id == FactEvidence.fact_id)
        .where(FactEvidence.doc_id.in_(ids))
        .order_by(FactEvidence.doc_id, FactEvidence.start, FactRow.id)
    ).all()
    out: dict[str, list[Fact]] = defaultdict(list)
    for f in rows:
        period = Period(f.period_start, f.period_end) if (f.period_start or f.period_end) else None
        out[f.doc_id].append(Fact(f.type, f.value, f.value_before, f.currency, f.unit, f.region, period,
                                  f.subject, Span(f.ev_start, f.ev_end), f.rule))
    return out


def load_documents(conn: Connection, ids: Sequence[str], facts: bool = True) -> list[Document]:
    """The stored documents with these ids (in the order given; unknown ids are left out); without their facts
    if not ``facts`` (pairing reads none, and they are a third of the reading)."""
    if not ids:
        return []
    docs = {d.id: d for d in conn.execute(select(DocumentRow.__table__).where(DocumentRow.id.in_(ids))).all()}
    sentences = _by_doc(conn.execute(select(SentenceRow.__table__).where(SentenceRow.doc_id.in_(ids))
                                     .order_by(SentenceRow.idx)).all())
    mentions = _by_doc(conn.execute(select(MentionRow.__table__).where(MentionRow.doc_id.in_(ids))
                                    .order_by(MentionRow.idx)).all())
    amounts = _by_doc(conn.execute(select(AmountRow.__table__).where(AmountRow.doc_id.in_(ids))
                                   .order_by(AmountRow.idx)).all())
    regions = _by_doc(conn.execute(select(RegionRow.__table__).where(RegionRow.doc_id.in_(ids))).all())
    typed = _facts(conn, ids) if facts else {}
    out = []
    for doc_id in ids:
        d = docs.get(doc_id)
        if d is None:
            continue
        out.append(Document(
            id=d.id, source=d.source, lang=d.lang, date=d.date.isoformat() if d.date else None, title=d.title,
            text=d.text,
            sentences=tuple(Sentence(s.start, s.end, s.lang) for s in sentences[doc_id]),
            mentions=tuple(Mention(m.type, m.start, m.end, m.text, m.norm, m.role) for m in mentions[doc_id]),
            regions=tuple(sorted((RegionCount(r.code, r.count) for r in regions[doc_id]),
                                 key=lambda r: (-r.count, r.code))),
            amounts=tuple(Amount(a.kind, a.value, a.value_max, a.qualifier, a.currency, a.unit, a.text, a.start,
                                 a.end, a.rule) for a in amounts[doc_id]),
            facts=tuple(typed.get(doc_id, ())),
            main_region=d.main_region,
            schema_version=d.schema_version,
        ))
    return out


def load_raw(engine: Engine, doc_id: str) -> RawDocument | None:
    """The document as its reader gave it, rebuilt from the store; None when there is no such document."""
    with engine.connect() as conn:
        row = conn.execute(select(DocumentRow.source, DocumentRow.raw_text, DocumentRow.title, DocumentRow.date,
                                  DocumentRow.url, DocumentRow.format).where(DocumentRow.id == doc_id)).first()
    if row is None:
        return None
    source, raw_text, title, day, url, fmt = row
    return RawDocument(source=source, text=raw_text, title=title, date=day.isoformat() if day else None,
                       url=url, format=fmt)
