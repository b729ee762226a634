"""Read queries the web app needs, over the store's models: documents, facts with their evidence, amounts,
people and organisations, translation pairs. Each listing takes ``Filters`` and a cursor and returns a
``Page`` of frozen records that the API serves as JSON, CSV or XLSX and the pages render.

A release and its re-posts count once: listings show cluster representatives only unless
``duplicates`` is set, as ``aimaq facts`` and ``aimaq search`` do.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, exists, func, or_, select
from sqlalchemy.sql import Select

from aimaq.serialize import number
from aimaq.store.filters import NO_FILTERS, Filters, document_filter, fact_filter
from aimaq.store.query import FactItem, fact_items
from aimaq.store.schema import (
    AmountRow,
    Cluster,
    DocumentRow,
    FactEvidence,
    FactRow,
    MentionRow,
    PairRow,
    RegionRow,
    SentenceRow,
    SourceRow,
)
from aimaq.web import cursor as pager
from aimaq.web.cursor import Page

NO_DATE = date(1, 1, 1)  # undated rows sort last in newest-first listings


@dataclass(frozen=True)
class DocumentItem:
    id: str
    lang: str
    date: str | None
    title: str | None
    source: str
    url: str | None
    regions: list[str]  # most mentioned first
    facts: int  # facts whose evidence is in this document
    partner: str | None  # the translation's document id
    cluster_id: str
    cluster_size: int
    duplicate: bool  # a re-post: its cluster's representative is another document


@dataclass(frozen=True)
class AmountItem:
    doc_id: str
    idx: int
    lang: str
    date: str | None
    kind: str
    value: int | float
    value_max: int | float | None
    qualifier: str
    currency: str | None
    unit: str | None
    text: str
    start: int
    end: int
    rule: str


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def paged(conn: Connection, stmt: Select, keys: list[tuple[Any, bool]], types: Sequence[Any],
           cursor: str | None, limit: int) -> tuple[list[Any], str | None]:
    """Rows of ``stmt`` after ``cursor`` in the order of ``keys``; the rows and the next cursor."""
    if cursor:
        stmt = stmt.where(pager.after(keys, pager.decode(cursor, types)))
    labels = [f"_k{i}" for i in range(len(keys))]
    stmt = stmt.add_columns(*[col.label(name) for (col, _), name in zip(keys, labels, strict=True)])
    rows = conn.execute(stmt.order_by(*pager.order(keys)).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = pager.encode([getattr(rows[-1], name) for name in labels]) if more and rows else None
    return rows, next_cursor


# ---- documents ---------------------------------------------------------------------------------------

def _document_items(conn: Connection, rows: Sequence[Any]) -> list[DocumentItem]:
    ids = [r.id for r in rows]
    regions: dict[str, list[str]] = defaultdict(list)
    for doc_id, code in conn.execute(select(RegionRow.doc_id, RegionRow.code).where(RegionRow.doc_id.in_(ids))
                                     .order_by(RegionRow.doc_id, RegionRow.count.desc(), RegionRow.code)):
        regions[doc_id].append(code)
    facts = dict(conn.execute(select(FactEvidence.doc_id, func.count()).where(FactEvidence.doc_id.in_(ids))
                              .group_by(FactEvidence.doc_id)).all())
    partners: dict[str, str] = {}
    for kk_id, ru_id in conn.execute(select(PairRow.kk_id, PairRow.ru_id).where(
            or_(PairRow.kk_id.in_(ids), PairRow.ru_id.in_(ids)))):
        partners[kk_id], partners[ru_id] = ru_id, kk_id
    clusters = {c.id: c for c in conn.execute(select(Cluster.__table__).where(
        Cluster.id.in_({r.cluster_id for r in rows})))}
    return [DocumentItem(
        id=r.id, lang=r.lang, date=iso(r.date), title=r.title, source=r.source, url=r.url,
        regions=regions.get(r.id, []), facts=facts.get(r.id, 0), partner=partners.get(r.id),
        cluster_id=r.cluster_id, cluster_size=clusters[r.cluster_id].size if r.cluster_id in clusters else 1,
        duplicate=r.cluster_id in clusters and clusters[r.cluster_id].representative_id != r.id,
    ) for r in rows]


_DOC_COLUMNS = (DocumentRow.id, DocumentRow.lang, DocumentRow.date, DocumentRow.title, DocumentRow.source,
                DocumentRow.url, DocumentRow.cluster_id)


def list_documents(engine: Engine, f: Filters = NO_FILTERS, cursor: str | None = None,
                   limit: int = pager.DEFAULT_LIMIT) -> Page[DocumentItem]:
    """Documents, newest first (undated last)."""
    keys = [(func.coalesce(DocumentRow.date, NO_DATE), True), (DocumentRow.id, False)]
    with engine.connect() as conn:
        rows, nxt = paged(conn, document_filter(select(*_DOC_COLUMNS), f), keys,
                           (date.fromisoformat, str), cursor, limit)
        return Page(_document_items(conn, rows), nxt)


def get_documents(engine: Engine, ids: Sequence[str]) -> dict[str, DocumentItem]:
    with engine.connect() as conn:
        rows = conn.execute(select(*_DOC_COLUMNS).where(DocumentRow.id.in_(list(ids)))).all()
        return {d.id: d for d in _document_items(conn, rows)}


# ---- facts -------------------------------------------------------------------------------------------

def list_facts(engine: Engine, f: Filters = NO_FILTERS, cursor: str | None = None,
               limit: int = pager.DEFAULT_LIMIT) -> Page[FactItem]:
    """Facts (one per logical fact: a kk/ru pair's shared fact once), newest first."""
    keys = [(func.coalesce(FactRow.date, NO_DATE), True), (FactRow.id, False)]
    with engine.connect() as conn:
        rows, nxt = paged(conn, fact_filter(select(FactRow.__table__), f), keys, (date.fromisoformat, int),
                           cursor, limit)
        return Page(fact_items(conn, rows), nxt)


def get_fact(engine: Engine, fact_id: int) -> FactItem | None:
    """The fact with this id; a fact merged into its translation's fact gives that fact."""
    with engine.connect() as conn:
        row = conn.execute(select(FactRow.__table__).where(FactRow.id == fact_id)).first()
        if row is not None and row.merged_into is not None:
            row = conn.execute(select(FactRow.__table__).where(FactRow.id == row.merged_into)).first()
        return fact_items(conn, [row])[0] if row is not None else None


# ---- amounts -----------------------------------------------------------------------------------------

def list_amounts(engine: Engine, f: Filters = NO_FILTERS, cursor: str | None = None,
                 limit: int = pager.DEFAULT_LIMIT) -> Page[AmountItem]:
    """Every amount read (money, counts, percentages), newest document first, in text order."""
    stmt = document_filter(select(AmountRow.__table__, DocumentRow.lang, DocumentRow.date)
                           .join(DocumentRow, DocumentRow.id == AmountRow.doc_id), f)
    if f.doc:
        stmt = stmt.where(AmountRow.doc_id == f.doc)
    if f.kind:
        stmt = stmt.where(AmountRow.kind == f.kind)
    keys = [(func.coalesce(DocumentRow.date, NO_DATE), True), (AmountRow.doc_id, False), (AmountRow.idx, False)]
    with engine.connect() as conn:
        rows, nxt = paged(conn, stmt, keys, (date.fromisoformat, str, int), cursor, limit)
    return Page([AmountItem(r.doc_id, r.idx, r.lang, iso(r.date), r.kind, number(r.value), number(r.value_max),
                            r.qualifier, r.currency, r.unit, r.text, r.start, r.end, r.rule) for r in rows], nxt)


# ---- one document ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SentenceItem:
    idx: int
    start: int
    end: int
    lang: str
    text: str


@dataclass(frozen=True)
class MentionItem:
    type: str
    start: int
    end: int
    text: str
    norm: str | None
    role: str | None
    entity_id: str | None


@dataclass(frozen=True)
class DocumentDetail:
    document: DocumentItem
    text: str
    sentences: list[SentenceItem]
    mentions: list[MentionItem]
    facts: list[FactItem]  # facts with evidence in this document
    alignment: list[list[int]]  # [[this document's sentence, the partner's sentence], ...]
    sources: list[str]


def _alignment(conn: Connection, doc_id: str) -> list[list[int]]:
    row = conn.execute(select(PairRow.kk_id, PairRow.sentences).where(
        or_(PairRow.kk_id == doc_id, PairRow.ru_id == doc_id))).first()
    if row is None:
        return []
    links = json.loads(row.sentences)
    return [[i, j] for i, j in links] if row.kk_id == doc_id else [[j, i] for i, j in links]


def get_document(engine: Engine, doc_id: str) -> DocumentDetail | None:
    """A document with its sentences, mentions, facts, sentence alignment with its translation and sources."""
    with engine.connect() as conn:
        row = conn.execute(select(*_DOC_COLUMNS, DocumentRow.text).where(DocumentRow.id == doc_id)).first()
        if row is None:
            return None
        sentences = [SentenceItem(s.idx, s.start, s.end, s.lang, row.text[s.start:s.end]) for s in conn.execute(
            select(SentenceRow.__table__).where(SentenceRow.doc_id == doc_id).order_by(SentenceRow.idx))]
        mentions = [MentionItem(m.type, m.start, m.end, m.text, m.norm, m.role, m.entity_id) for m in conn.execute(
            select(MentionRow.__table__).where(MentionRow.doc_id == doc_id).order_by(MentionRow.idx))]
        fact_rows = conn.execute(select(FactRow.__table__).where(FactRow.merged_into.is_(None), exists().where(
            FactEvidence.fact_id == FactRow.id, FactEvidence.doc_id == doc_id)).order_by(FactRow.id)).all()
        sources = list(conn.execute(select(SourceRow.source).where(SourceRow.doc_id == doc_id)
                                    .order_by(SourceRow.id)).scalars())
        return DocumentDetail(_document_items(conn, [row])[0], row.text, sentences, mentions,
                              fact_items(conn, fact_rows), _alignment(conn, doc_id), sources)
