"""Search over both languages: query words reduced to lemma keys (``aimaq.store.keys``) matched against the
documents' keys with SQLite FTS5 (bm25) or PostgreSQL full-text search (``simple`` configuration, ts_rank).

Every query word must match (any of its possible keys). Re-posts collapse to their cluster's representative.
The translation partner of each hit follows it (``via='pair'``), so a Kazakh query also finds the Russian
version of a release; a language filter applies after that.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, column, exists, func, literal_column, or_, select, table, text
from sqlalchemy.sql import Select

from aimaq.records import Mention
from aimaq.store import keys as search_keys
from aimaq.store.schema import (
    Cluster,
    DocumentRow,
    FactEvidence,
    FactRow,
    MentionRow,
    PairRow,
    RegionRow,
    SentenceRow,
)
from aimaq.store.write import entity_id

FTS = table("documents_fts", column("doc_id"), column("keys"))
PG_CONFIG = literal_column("'simple'::regconfig")
OVERFETCH = 3  # with a language filter, fetch this many times the limit before the partners are added
RANK_DEPTH = 200  # filters run on this many best matches first (see _ranked)


@dataclass(frozen=True)
class Filters:
    region: str | None = None  # ISO 3166-2:KZ code the document speaks of
    since: date | None = None
    until: date | None = None
    lang: str | None = None
    type: str | None = None  # a fact type the document states
    entity: str | None = None  # a person or organisation name, any spelling or case form
    duplicates: bool = False  # also list re-posts, not only each cluster's representative


@dataclass(frozen=True)
class Hit:
    doc_id: str
    source: str
    lang: str
    date: str | None
    title: str | None
    score: float  # higher is better
    snippet: str  # the first sentence with a query word (for a partner: the sentence aligned with it)
    via: str  # 'match' or 'pair'
    partner: str | None  # the hit this pair partner belongs to

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


def fts5_query(alternatives: Sequence[tuple[str, ...]]) -> str:
    """``("a" OR "b") AND ("c")``: every word, any of its keys."""
    return " AND ".join("(" + " OR ".join(f'"{k}"' for k in alts) + ")" for alts in alternatives)


def tsquery(alternatives: Sequence[tuple[str, ...]]) -> str:
    """``(a | b) & c`` for PostgreSQL ``to_tsquery`` (keys are letters and digits only)."""
    return " & ".join("(" + " | ".join(alts) + ")" for alts in alternatives)


def _filtered(stmt: Select, f: Filters) -> Select:
    """All filters but the language, which applies once translations have joined the hits."""
    d = DocumentRow
    if f.since:
        stmt = stmt.where(d.date >= f.since)
    if f.until:
        stmt = stmt.where(d.date <= f.until)
    if f.region:
        stmt = stmt.where(exists().where(RegionRow.doc_id == d.id, RegionRow.code == f.region))
    if f.type:
        stmt = stmt.where(exists().where(FactEvidence.doc_id == d.id, FactEvidence.fact_id == FactRow.id,
                                         FactRow.type == f.type))
    if f.entity:
        ids = [entity_id(Mention(kind, 0, 0, f.entity, f.entity)) for kind in ("PER", "ORG")]
        stmt = stmt.where(exists().where(MentionRow.doc_id == d.id, MentionRow.entity_id.in_([i for i in ids if i])))
    if not f.duplicates:
        stmt = stmt.where(exists().where(Cluster.representative_id == d.id))
    return stmt


def _matches(engine: Engine, alternatives: list[tuple[str, ...]]) -> tuple[Any, Any]:
    """(document id column, score column) of the full-text matches, best first; a selectable to refine."""
    if engine.dialect.name == "sqlite":
        score = -func.bm25(literal_column("documents_fts"))
        stmt = (select(FTS.c.doc_id.label("doc_id"), score.label("score"))
                .where(text("documents_fts MATCH :q").bindparams(q=fts5_query(alternatives))))
    else:
        tsv = func.to_tsvector(PG_CONFIG, DocumentRow.search_keys)
        tsq = func.to_tsquery(PG_CONFIG, tsquery(alternatives))
        stmt = select(DocumentRow.id.label("doc_id"), func.ts_rank(tsv, tsq).label("score")).where(tsv.op("@@")(tsq))
    return stmt, literal_column("score")


def _ranked(engine: Engine, alternatives: list[tuple[str, ...]], f: Filters, limit: int) -> list[tuple[str, float]]:
    """The ``limit`` best matches that pass the filters.

    Ranking every match of a frequent word is the cost of a query, so the filters first run on the
    ``RANK_DEPTH`` best matches only, and on all of them when that leaves fewer than ``limit``.
    """
    matches, score = _matches(engine, alternatives)
    depth = max(RANK_DEPTH, limit * 10)
    with engine.connect() as conn:
        for cap in (depth, None):
            inner = matches.order_by(score.desc()).limit(cap).subquery()
            stmt = (select(DocumentRow.id, inner.c.score).join(inner, inner.c.doc_id == DocumentRow.id))
            stmt = _filtered(stmt, f).order_by(inner.c.score.desc(), DocumentRow.id).limit(limit)
            rows = [(doc_id, float(s)) for doc_id, s in conn.execute(stmt)]
            if len(rows) >= limit or cap is None:
                return rows
            total = conn.execute(select(func.count()).select_from(matches.limit(cap + 1).subquery())).scalar_one()
            if total <= cap:
                return rows
    return rows


def _partners(engine: Engine, ids: Sequence[str]) -> dict[str, tuple[str, list[list[int]]]]:
    """For each hit id with a translation: (partner id, alignment as [[hit_i, partner_j], ...])."""
    with engine.connect() as conn:
        rows = conn.execute(select(PairRow.kk_id, PairRow.ru_id, PairRow.sentences).where(
            or_(PairRow.kk_id.in_(ids), PairRow.ru_id.in_(ids)))).all()
    out: dict[str, tuple[str, list[list[int]]]] = {}
    for kk_id, ru_id, links in rows:
        alignment = json.loads(links)
        out[kk_id] = (ru_id, alignment)
        out[ru_id] = (kk_id, [[j, i] for i, j in alignment])
    return out


@dataclass(frozen=True)
class _Found:
    docs: dict[str, Any]  # id -> row (source, lang, date, title, text)
    first: dict[str, int]  # id -> index of the first sentence holding a query key
    spans: dict[tuple[str, int], tuple[int, int]]  # (id, sentence index) -> (start, end)

    def sentence(self, doc_id: str, idx: int | None) -> str:
        body = self.docs[doc_id].text
        start, end = self.spans.get((doc_id, idx), (0, 200)) if idx is not None else (0, 200)
        return " ".join(body[start:end].split())


def _found(engine: Engine, ids: Sequence[str], wanted: set[str]) -> _Found:
    with engine.connect() as conn:
        docs = {r.id: r for r in conn.execute(select(
            DocumentRow.id, DocumentRow.source, DocumentRow.lang, DocumentRow.date, DocumentRow.title,
            DocumentRow.text).where(DocumentRow.id.in_(ids)))}
        sents = conn.execute(select(SentenceRow.doc_id, SentenceRow.idx, SentenceRow.start, SentenceRow.end,
                                    SentenceRow.search_keys)
                             .where(SentenceRow.doc_id.in_(ids)).order_by(SentenceRow.doc_id, SentenceRow.idx)).all()
    first: dict[str, int] = {}
    spans = {}
    for doc_id, idx, start, end, keys in sents:
        spans[(doc_id, idx)] = (start, end)
        if doc_id not in first and wanted & set(keys.split()):
            first[doc_id] = idx
    return _Found(docs, first, spans)


def search(engine: Engine, query: str, filters: Filters = Filters(), limit: int = 20) -> list[Hit]:
    """The best documents for ``query`` (each followed by its translation), at most ``limit``."""
    alternatives = search_keys.query_keys(query)
    if not alternatives or limit <= 0:
        return []
    fetch = limit * OVERFETCH if filters.lang else limit
    ranked = _ranked(engine, alternatives, filters, fetch)
    partners = _partners(engine, [doc_id for doc_id, _ in ranked])
    direct = dict(ranked)
    order: list[tuple[str, float, str | None]] = []  # (id, score, the hit it is the translation of)
    seen: set[str] = set()
    for doc_id, score in ranked:
        partner = partners.get(doc_id, (None,))[0]
        for item in (doc_id, partner):
            if item and item not in seen:
                seen.add(item)
                order.append((item, direct.get(item, score), None if item in direct else doc_id))
    found = _found(engine, list(seen), {k for alts in alternatives for k in alts})
    return _hits(order, found, partners, filters.lang)[:limit]


def _hits(order: list[tuple[str, float, str | None]], found: _Found,
          partners: dict[str, tuple[str, list[list[int]]]], lang: str | None) -> list[Hit]:
    hits = []
    for doc_id, score, partner_of in order:
        d = found.docs[doc_id]
        if lang and d.lang != lang:
            continue
        idx = found.first.get(doc_id)
        if partner_of is not None:
            aligned = [j for i, j in partners[partner_of][1] if i == found.first.get(partner_of)]
            idx = aligned[0] if aligned else idx
        snippet = found.sentence(doc_id, idx)
        hits.append(Hit(doc_id, d.source, d.lang, d.date.isoformat() if d.date else None, d.title, round(score, 4),
                        snippet, "pair" if partner_of else "match", partner_of))
    return hits
