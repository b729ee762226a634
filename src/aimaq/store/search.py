"""Search over both languages: query words reduced to lemma keys (``aimaq.store.search_keys``) matched against the
documents' keys with SQLite FTS5 (bm25) or PostgreSQL full-text search (``documents.search_vector``, ``simple``
configuration, ts_rank).

Every query word must match (any of its possible keys). Re-posts collapse to their cluster's representative.
The translation partner of each hit follows it (``via='pair'``), so a Kazakh query also finds the Russian
version of a release, when the partner passes the same filters (region, dates, fact type, entity); a
language filter applies after that.

Speed (bench/bench_search.py): a query matching more than ``RANK_ALL`` documents ranks only the
``RANK_POOL`` newest matches that pass the filters, so the cost of ranking does not grow with the corpus
(see ``_ranked``); newest is the order of storing on SQLite and the document's date on PostgreSQL. A region
or date filter also narrows the matches inside the full-text index through tags (``aimaq.store.tags``): the
``tags`` column of FTS5 on SQLite, tag lexemes in ``search_vector`` on PostgreSQL
(``aimaq.store.search_vector``), where the matches are read newest first a window of months at a time
(``aimaq.store.search_pg``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine, column, func, literal_column, or_, select, table, text
from sqlalchemy.sql import Select

from aimaq.store import search_keys as search_keys
from aimaq.store import search_pg, tags
from aimaq.store.filters import NO_FILTERS, Filters, document_filter
from aimaq.store.schema import DocumentRow, PairRow, SentenceRow
from aimaq.store.search_pg import MAX_CHUNK  # matches filtered at a time, at most (also on SQLite)
from aimaq.store.search_pg import tsquery as tsquery

FTS = table("documents_fts", column("doc_id"), column("keys"))
OVERFETCH = 3  # with a language filter, fetch this many times the limit before the partners are added
FIRST_CHUNK = 100  # matches read at first from the ranking, four times more each further time (see _ranked)
RANK_ALL = 1_000  # queries matching up to this many documents rank them all
RANK_POOL = 100  # beyond, the best of this many newest matches passing the filters (see _ranked)


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


def fts5_match(alternatives: Sequence[tuple[str, ...]], regions: Sequence[str] = (),
               months: Sequence[str] | None = None) -> str:
    """The FTS5 query: the words in ``keys``; a region and the months of a date range in ``tags``."""
    parts = [f"keys : ({fts5_query(alternatives)})"]
    parts += [f'tags : ("{tag}")' for tag in regions]
    if months is not None:
        parts.append("tags : (" + " OR ".join(f'"{m}"' for m in months) + ")")
    return " AND ".join(parts)


def _months(conn: Any, f: Filters) -> list[str] | None:
    """The month tags of the date filter (None: no date filter, or too many months to list)."""
    if not (f.since or f.until):
        return None
    def bound(agg: Any) -> date | None:  # one aggregate per query: SQLite answers it from the date index
        return conn.execute(select(agg(DocumentRow.date))).scalar()

    since, until = f.since or bound(func.min), f.until or bound(func.max)
    if since is None or until is None:
        return None
    return tags.month_tags(since, until) if since <= until else []


def _match_expression(conn: Any, alternatives: list[tuple[str, ...]], f: Filters) -> str | None:
    """The FTS5 query for the words and the filters' tags (None when the date range is empty)."""
    regions = search_pg.region_tags(f)
    months = _months(conn, f)
    if months == []:
        return None
    return fts5_match(alternatives, regions, months)


def _matches(expr: str, newest_first: bool = False) -> Select:
    """(doc_id, score) of every FTS5 match of ``expr`` (``_match_expression``; higher score is better), best
    first, or newest first (most recently stored), scored as they are read."""
    match = text("documents_fts MATCH :q").bindparams(q=expr)
    if newest_first:
        score = -func.bm25(literal_column("documents_fts"), 0.0, 1.0, 0.0)  # as the rank: keys only
        return (select(FTS.c.doc_id, score.label("score")).where(match)
                .order_by(literal_column("rowid").desc()))
    # FTS5's rank column is bm25 over keys (lower is better); ORDER BY rank is sorted inside FTS5
    return select(FTS.c.doc_id, (-literal_column("rank")).label("score")).where(match).order_by(
        literal_column("rank"))


def _count(conn: Any, expr: str) -> int:
    """How many documents match the FTS5 query ``expr``, without ranking them (FTS5 reads the posting lists)."""
    match = text("documents_fts MATCH :q").bindparams(q=expr)
    return conn.execute(select(func.count()).select_from(FTS).where(match)).scalar_one()


def _passed(conn: Any, ids: Sequence[str], f: Filters) -> set[str]:
    """Which of the documents ``ids`` pass the filters."""
    return set(conn.execute(document_filter(select(DocumentRow.id).where(DocumentRow.id.in_(list(ids))), f))
               .scalars()) if ids else set()


def _passing(conn: Any, chunk: Sequence[Any], f: Filters) -> list[tuple[str, float]]:
    """The rows of a chunk of matches whose documents pass the filters, best first."""
    scores = {doc_id: float(score) for doc_id, score in chunk}
    return sorted(((i, scores[i]) for i in _passed(conn, list(scores), f)), key=lambda x: (-x[1], x[0]))


def _ranked(engine: Engine, alternatives: list[tuple[str, ...]], f: Filters, limit: int) -> list[tuple[str, float]]:
    """The ``limit`` best matches that pass the filters.

    Up to ``RANK_ALL`` matches (of the words, and of the filters' tags), every match is ranked (bm25 on SQLite,
    ts_rank on PostgreSQL). A query matching more (a frequent word over a large corpus) ranks only the
    ``RANK_POOL`` newest matches that pass the filters: ranking every match would cost time in proportion to
    the corpus. PostgreSQL reads the matches newest first by document date (``aimaq.store.search_pg``).
    SQLite reads the matches best first (or, capped, most recently stored first) in growing chunks
    (``FIRST_CHUNK``, then four times more each time), and the filters run on one chunk at a time (indexed
    lookups by id) until ``limit`` (or the pool) have passed.
    """
    if engine.dialect.name == "postgresql":
        return search_pg.ranked(engine, alternatives, f, limit, RANK_ALL, RANK_POOL)
    with engine.connect() as conn:
        expr = _match_expression(conn, alternatives, f)
        if expr is None:
            return []
        capped = _count(conn, expr) > RANK_ALL
        want = max(RANK_POOL, limit) if capped else limit
        out: list[tuple[str, float]] = []
        size = max(FIRST_CHUNK, want * 2)
        result = conn.execute(_matches(expr, newest_first=capped), execution_options={"stream_results": True})
        while len(out) < want:
            chunk = result.fetchmany(size)
            if not chunk:
                break
            out.extend(_passing(conn, chunk, f))
            size = min(size * 4, MAX_CHUNK)
        result.close()
    if capped:
        out.sort(key=lambda x: (-x[1], x[0]))
    return out[:limit]


def _partners(engine: Engine, ids: Sequence[str], f: Filters) -> dict[str, tuple[str, list[list[int]]]]:
    """For each hit id with a translation that passes the filters (but the language): (partner id, alignment
    as [[hit_i, partner_j], ...])."""
    with engine.connect() as conn:
        rows = conn.execute(select(PairRow.kk_id, PairRow.ru_id, PairRow.sentences).where(
            or_(PairRow.kk_id.in_(ids), PairRow.ru_id.in_(ids)))).all()
        others = {doc_id for row in rows for doc_id in row[:2]} - set(ids)
        passed = set(conn.execute(document_filter(select(DocumentRow.id).where(DocumentRow.id.in_(others)), f))
                     .scalars()) if others else set()
    allowed = set(ids) | passed
    out: dict[str, tuple[str, list[list[int]]]] = {}
    for kk_id, ru_id, links in rows:
        if kk_id not in allowed or ru_id not in allowed:
            continue
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


def search(engine: Engine, query: str, filters: Filters = NO_FILTERS, limit: int = 20) -> list[Hit]:
    """The best documents for ``query`` (each followed by its translation), at most ``limit``."""
    alternatives = search_keys.query_keys(query)
    if not alternatives or limit <= 0:
        return []
    fetch = limit * OVERFETCH if filters.lang else limit
    passing = replace(filters, lang=None)  # the language applies once translations have joined the hits
    ranked = _ranked(engine, alternatives, passing, fetch)
    partners = _partners(engine, [doc_id for doc_id, _ in ranked], passing)
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
