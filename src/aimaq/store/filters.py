"""The one set of filters every read of the store takes (`aimaq facts`, `aimaq search`, the API and the pages),
and the clauses that apply it to documents and to facts.

A release and its re-posts count once: documents and facts are kept only from cluster representatives
unless ``duplicates`` is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Exists, exists
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select

from aimaq.records import Mention
from aimaq.store import entity_groups
from aimaq.store.schema import Cluster, DocumentRow, FactEvidence, FactRow, MentionRow, RegionRow
from aimaq.store.write import entity_id


@dataclass(frozen=True, kw_only=True)
class Filters:
    """What a read keeps; a field left empty keeps everything."""

    region: str | None = None  # ISO 3166-2:KZ code the document speaks of (a fact: the fact's region)
    since: date | None = None  # publication date, inclusive
    until: date | None = None
    lang: str | None = None  # kk | ru: the document's language (a fact: the language of an evidence sentence)
    type: str | None = None  # a fact type (a document: one it states)
    entity: str | None = None  # a person (any spelling, any case form) or an organisation (its name as listed;
    # its translation in the paired language finds the same documents) the document names
    doc: str | None = None  # one document's facts, amounts or named entities
    kind: str | None = None  # amount kind (money, count, percent) or entity type (PER, ORG)
    duplicates: bool = False  # also re-posts, not only each cluster's representative


NO_FILTERS = Filters()


def named(entity: str) -> Select:
    """The ids of the stored entities (with their translations) that the name ``entity`` stands for (a
    subquery that never correlates with the statement it is used in)."""
    ids = [entity_id(Mention(kind, 0, 0, entity, entity)) for kind in ("PER", "ORG")]
    return entity_groups.members_of([i for i in ids if i]).correlate(None)


def _naming(doc_id: Any, entity: str) -> Exists:
    """Whether document ``doc_id`` names ``entity`` (mentions aliased: a listing of mentions can use it too)."""
    m = aliased(MentionRow)
    return exists().where(m.doc_id == doc_id, m.entity_id.in_(named(entity)))


def document_filter(stmt: Select, f: Filters) -> Select:
    """``stmt`` (over ``DocumentRow``) kept to the documents passing ``f``: date range, language, region,
    stated fact type, named entity and, unless ``f.duplicates``, cluster representatives only
    (``doc`` and ``kind`` are left to the listings that have them)."""
    d = DocumentRow
    if f.since:
        stmt = stmt.where(d.date >= f.since)
    if f.until:
        stmt = stmt.where(d.date <= f.until)
    if f.lang:
        stmt = stmt.where(d.lang == f.lang)
    if f.region:
        stmt = stmt.where(exists().where(RegionRow.doc_id == d.id, RegionRow.code == f.region))
    if f.type:
        stmt = stmt.where(exists().where(FactEvidence.doc_id == d.id, FactEvidence.fact_id == FactRow.id,
                                         FactRow.type == f.type))
    if f.entity:
        stmt = stmt.where(_naming(d.id, f.entity))
    if not f.duplicates:
        stmt = stmt.where(exists().where(Cluster.representative_id == d.id))
    return stmt


def fact_filter(stmt: Select, f: Filters) -> Select:
    """``stmt`` (over ``FactRow``) kept to the facts passing ``f``, one per logical fact (a fact merged into
    its translation's fact is left out): the fact's region, type and date; an evidence sentence in language
    ``f.lang``, in document ``f.doc``, in a document naming ``f.entity``; unless ``f.duplicates``, stated in
    a cluster's representative."""
    stmt = stmt.where(FactRow.merged_into.is_(None))
    if f.region:
        stmt = stmt.where(FactRow.region == f.region)
    if f.type:
        stmt = stmt.where(FactRow.type == f.type)
    if f.since:
        stmt = stmt.where(FactRow.date >= f.since)
    if f.until:
        stmt = stmt.where(FactRow.date <= f.until)
    stated = FactEvidence.fact_id == FactRow.id
    if f.lang:
        stmt = stmt.where(exists().where(stated, FactEvidence.lang == f.lang))
    if f.doc:
        stmt = stmt.where(exists().where(stated, FactEvidence.doc_id == f.doc))
    if f.entity:
        stmt = stmt.where(exists().where(stated, _naming(FactEvidence.doc_id, f.entity)))
    if not f.duplicates:
        stmt = stmt.where(exists().where(stated, Cluster.representative_id == FactEvidence.doc_id))
    return stmt
