"""The store's listings: documents, facts with their evidence, amounts, people and organisations, translation
pairs, and one document or fact with what belongs to it. Each listing takes ``Filters`` and a cursor and
returns a ``Page`` of frozen records (``aimaq.store.keyset``), which the API serves as JSON, CSV or XLSX and
the pages render.

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
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Subquery

from aimaq.serialize import number
from aimaq.store.filters import NO_FILTERS, Filters, document_filter, fact_filter
from aimaq.store.keyset import DEFAULT_LIMIT, NO_DATE, Page, count_rows, paged
from aimaq.store.query import FactItem, fact_items
from aimaq.store.schema import (
    AmountRow,
    Cluster,
    DocumentRow,
    Entity,
    FactEvidence,
    FactRow,
    MentionRow,
    PairRow,
    RegionRow,
    SentenceRow,
    SourceRow,
)


@dataclass(frozen=True)
class DocumentItem:
    id: str
    lang: str
    date: str | None
    title: str | None
    source: str
    url: str | None
    regions: list[str]  # most mentioned first
    main_region: str | None  # the region the release is about (null: national, or stored before version 2)
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
        regions=regions.get(r.id, []), main_region=r.main_region, facts=facts.get(r.id, 0),
        partner=partners.get(r.id),
        cluster_id=r.cluster_id, cluster_size=clusters[r.cluster_id].size if r.cluster_id in clusters else 1,
        duplicate=r.cluster_id in clusters and clusters[r.cluster_id].representative_id != r.id,
    ) for r in rows]


_DOC_COLUMNS = (DocumentRow.id, DocumentRow.lang, DocumentRow.date, DocumentRow.title, DocumentRow.source,
                DocumentRow.url, DocumentRow.cluster_id, DocumentRow.main_region)


def list_documents(engine: Engine, f: Filters = NO_FILTERS, cursor: str | None = None,
                   limit: int = DEFAULT_LIMIT, count: bool = False) -> Page[DocumentItem]:
    """Documents, newest first (undated last)."""
    keys = [(func.coalesce(DocumentRow.date, NO_DATE), True), (DocumentRow.id, False)]
    with engine.connect() as conn:
        stmt = document_filter(select(*_DOC_COLUMNS), f)
        rows, nxt = paged(conn, stmt, keys, (date.fromisoformat, str), cursor, limit)
        return Page(_document_items(conn, rows), nxt, count_rows(conn, stmt) if count else None)


# ---- facts -------------------------------------------------------------------------------------------

def list_facts(engine: Engine, f: Filters = NO_FILTERS, cursor: str | None = None,
               limit: int = DEFAULT_LIMIT, count: bool = False) -> Page[FactItem]:
    """Facts (one per logical fact: a kk/ru pair's shared fact once), newest first."""
    keys = [(func.coalesce(FactRow.date, NO_DATE), True), (FactRow.id, False)]
    with engine.connect() as conn:
        stmt = fact_filter(select(FactRow.__table__), f)
        rows, nxt = paged(conn, stmt, keys, (date.fromisoformat, int), cursor, limit)
        return Page(fact_items(conn, rows), nxt, count_rows(conn, stmt) if count else None)


def get_fact(engine: Engine, fact_id: int) -> FactItem | None:
    """The fact with this id; a fact merged into its translation's fact gives that fact."""
    with engine.connect() as conn:
        row = conn.execute(select(FactRow.__table__).where(FactRow.id == fact_id)).first()
        if row is not None and row.merged_into is not None:
            row = conn.execute(select(FactRow.__table__).where(FactRow.id == row.merged_into)).first()
        return fact_items(conn, [row])[0] if row is not None else None


# ---- amounts -----------------------------------------------------------------------------------------

def list_amounts(engine: Engine, f: Filters = NO_FILTERS, cursor: str | None = None,
                 limit: int = DEFAULT_LIMIT, count: bool = False) -> Page[AmountItem]:
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
        total = count_rows(conn, stmt) if count else None
    return Page([AmountItem(r.doc_id, r.idx, r.lang, iso(r.date), r.kind, number(r.value), number(r.value_max),
                            r.qualifier, r.currency, r.unit, r.text, r.start, r.end, r.rule) for r in rows], nxt,
                total)


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
        fact_rows = conn.execute(fact_filter(select(FactRow.__table__), Filters(doc=doc_id, duplicates=True))
                                 .order_by(FactRow.id)).all()
        sources = list(conn.execute(select(SourceRow.source).where(SourceRow.doc_id == doc_id)
                                    .order_by(SourceRow.id)).scalars())
        return DocumentDetail(_document_items(conn, [row])[0], row.text, sentences, mentions,
                              fact_items(conn, fact_rows), _alignment(conn, doc_id), sources)


# ---- people and organisations, translation pairs -----------------------------------------------------

@dataclass(frozen=True)
class EntityItem:
    id: str
    type: str  # PER | ORG
    name: str
    mentions: int
    documents: int


def _mention_counts(f: Filters) -> Subquery:
    """Mentions and documents per canonical entity (an organisation and its translation count as one), in the
    documents passing ``f``."""
    canonical = func.coalesce(Entity.canonical_id, Entity.id)
    stmt = (select(canonical.label("entity_id"), func.count().label("mentions"),
                   func.count(func.distinct(MentionRow.doc_id)).label("documents"))
            .join(Entity, Entity.id == MentionRow.entity_id)
            .join(DocumentRow, DocumentRow.id == MentionRow.doc_id))
    stmt = document_filter(stmt, f)
    if f.doc:
        stmt = stmt.where(MentionRow.doc_id == f.doc)
    return stmt.group_by(canonical).subquery()


def list_entities(engine: Engine, f: Filters = NO_FILTERS, cursor: str | None = None,
                  limit: int = DEFAULT_LIMIT, count: bool = False) -> Page[EntityItem]:
    """People (PER) and organisations (ORG), those named in the most documents first."""
    counts = _mention_counts(f)
    stmt = select(Entity.id, Entity.type, Entity.name, counts.c.mentions, counts.c.documents).join(
        counts, counts.c.entity_id == Entity.id)
    if f.kind:
        stmt = stmt.where(Entity.type == f.kind)
    keys = [(counts.c.documents, True), (counts.c.mentions, True), (Entity.id, False)]
    with engine.connect() as conn:
        rows, nxt = paged(conn, stmt, keys, (int, int, str), cursor, limit)
        total = count_rows(conn, stmt) if count else None
    return Page([EntityItem(r.id, r.type, r.name, r.mentions, r.documents) for r in rows], nxt, total)


@dataclass(frozen=True)
class PairItem:
    kk_id: str
    ru_id: str
    score: float
    date: str | None  # the Kazakh version's date
    kk_title: str | None
    ru_title: str | None
    sentences: int  # aligned sentence links


def list_pairs(engine: Engine, f: Filters = NO_FILTERS, cursor: str | None = None,
               limit: int = DEFAULT_LIMIT, count: bool = False) -> Page[PairItem]:
    """Kazakh documents and their Russian translations, newest first."""
    kk, ru = aliased(DocumentRow), aliased(DocumentRow)
    stmt = (select(PairRow.kk_id, PairRow.ru_id, PairRow.score, PairRow.sentences, kk.date, kk.title.label("kk_title"),
                   ru.title.label("ru_title"))
            .join(kk, kk.id == PairRow.kk_id).join(ru, ru.id == PairRow.ru_id))
    if f.region:
        stmt = stmt.where(exists().where(RegionRow.code == f.region,
                                         or_(RegionRow.doc_id == PairRow.kk_id, RegionRow.doc_id == PairRow.ru_id)))
    if f.since:
        stmt = stmt.where(kk.date >= f.since)
    if f.until:
        stmt = stmt.where(kk.date <= f.until)
    keys = [(func.coalesce(kk.date, NO_DATE), True), (PairRow.kk_id, False)]
    with engine.connect() as conn:
        rows, nxt = paged(conn, stmt, keys, (date.fromisoformat, str), cursor, limit)
        total = count_rows(conn, stmt) if count else None
    return Page([PairItem(r.kk_id, r.ru_id, round(r.score, 4), iso(r.date), r.kk_title, r.ru_title,
                          len(json.loads(r.sentences))) for r in rows], nxt, total)
