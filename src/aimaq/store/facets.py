"""Facet counts (region, language, fact type, year) over the documents a search found, or over every document
passing the filters when there is no query; and the bilingual search (``aimaq.store.search``) cut into
pages with the facets of all its hits, as the search page and ``/api/search`` show it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.sql import Select

from aimaq.store import keyset
from aimaq.store.filters import NO_FILTERS, Filters, document_filter
from aimaq.store.keyset import DEFAULT_LIMIT, Page
from aimaq.store.schema import DocumentRow, FactEvidence, FactRow, RegionRow
from aimaq.store.search import Hit, search

SEARCH_CAP = 1000  # hits fetched for one query (pages and facets are cut from these)


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class Facets:
    region: list[FacetCount]
    lang: list[FacetCount]
    type: list[FacetCount]
    year: list[FacetCount]


def _counts(pairs: Sequence[tuple[object, int]]) -> list[FacetCount]:
    return sorted((FacetCount(str(v), int(n)) for v, n in pairs if v is not None), key=lambda c: (-c.count, c.value))


def facets(engine: Engine, ids: Select | Sequence[str]) -> Facets:
    """Counts of documents per region, language, fact type and year among ``ids`` (a list or a select)."""
    wanted = ids if isinstance(ids, Select) else list(ids)
    with engine.connect() as conn:
        regions = conn.execute(select(RegionRow.code, func.count(func.distinct(RegionRow.doc_id)))
                               .where(RegionRow.doc_id.in_(wanted)).group_by(RegionRow.code)).all()
        langs = conn.execute(select(DocumentRow.lang, func.count()).where(DocumentRow.id.in_(wanted))
                             .group_by(DocumentRow.lang)).all()
        types = conn.execute(select(FactRow.type, func.count(func.distinct(FactEvidence.doc_id)))
                             .join(FactEvidence, FactEvidence.fact_id == FactRow.id)
                             .where(FactEvidence.doc_id.in_(wanted)).group_by(FactRow.type)).all()
        dates = conn.execute(select(DocumentRow.date).where(DocumentRow.id.in_(wanted),
                                                            DocumentRow.date.is_not(None))).scalars().all()
    years = Counter(d.year for d in dates if d is not None)  # the query leaves undated documents out
    return Facets(_counts(regions), _counts(langs), _counts(types),
                  sorted((FacetCount(str(y), n) for y, n in years.items()), key=lambda c: c.value, reverse=True))


@dataclass(frozen=True)
class SearchResult:
    page: Page[Hit]
    total: int  # hits found (at most SEARCH_CAP)
    facets: Facets


def search_with_facets(engine: Engine, query: str, f: Filters = NO_FILTERS, cursor: str | None = None,
                       limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Documents matching ``query`` in either language (each followed by its translation), a page of them
    (the cursor holds the offset into the hits)."""
    offset = max(0, keyset.decode(cursor, (int,))[0]) if cursor else 0
    hits = search(engine, query, f, SEARCH_CAP)
    page = hits[offset:offset + limit]
    more = offset + limit < len(hits)
    return SearchResult(Page(page, keyset.encode([offset + limit]) if more else None), len(hits),
                        facets(engine, [h.doc_id for h in hits]))


def browse_facets(engine: Engine, f: Filters) -> Facets:
    """Facets over every document the filters let through (the search page without a query)."""
    return facets(engine, document_filter(select(DocumentRow.id), f))
