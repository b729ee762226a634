"""People and organisations with how often they are named, and the kk/ru translation pairs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, exists, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Subquery

from aimaq.store.filters import NO_FILTERS, Filters, document_filter
from aimaq.store.schema import DocumentRow, Entity, MentionRow, PairRow, RegionRow
from aimaq.web import cursor as pager
from aimaq.web.cursor import Page
from aimaq.web.queries import NO_DATE, iso, paged

ENTITY_TYPES = ("PER", "ORG")


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
                  limit: int = pager.DEFAULT_LIMIT) -> Page[EntityItem]:
    """People (PER) and organisations (ORG), those named in the most documents first."""
    counts = _mention_counts(f)
    stmt = select(Entity.id, Entity.type, Entity.name, counts.c.mentions, counts.c.documents).join(
        counts, counts.c.entity_id == Entity.id)
    if f.kind:
        stmt = stmt.where(Entity.type == f.kind)
    keys = [(counts.c.documents, True), (counts.c.mentions, True), (Entity.id, False)]
    with engine.connect() as conn:
        rows, nxt = paged(conn, stmt, keys, (int, int, str), cursor, limit)
    return Page([EntityItem(r.id, r.type, r.name, r.mentions, r.documents) for r in rows], nxt)


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
               limit: int = pager.DEFAULT_LIMIT) -> Page[PairItem]:
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
    return Page([PairItem(r.kk_id, r.ru_id, round(r.score, 4), iso(r.date), r.kk_title, r.ru_title,
                          len(json.loads(r.sentences))) for r in rows], nxt)
