"""Region indicators counted in the store: totals per region for the map, and per year for a region's charts.

An indicator is a sum of the facts of one type stated for the region (investment: in tenge only, other
currencies are not added to it), or a count of documents about the region. Facts count once per logical
fact (a kk/ru pair's shared fact once, re-posts not at all). A fact's year is the end of its period, else
its start, else the year its document was published.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, exists, func, or_, select
from sqlalchemy.sql import Select

from aimaq.serialize import number
from aimaq.store.schema import Cluster, DocumentRow, FactEvidence, FactRow, RegionRow

INDICATORS = ("investment", "jobs", "projects", "documents")
SUMMED = {"investment": "KZT", "jobs": None, "projects": None}  # fact type -> the only currency added up


@dataclass(frozen=True)
class RegionTotals:
    """One region's indicators over all time (zeros where nothing was reported)."""

    investment: int | float = 0  # tenge
    jobs: int | float = 0
    projects: int | float = 0
    documents: int = 0
    facts: int = 0


def _counted_facts(*columns: Any) -> Select:
    """A select over the facts that count: not merged into a translation's fact, stated in a representative."""
    stmt = select(*columns).where(FactRow.merged_into.is_(None), FactRow.region.is_not(None))
    return stmt.where(exists().where(FactEvidence.fact_id == FactRow.id,
                                     Cluster.representative_id == FactEvidence.doc_id))


def _summed_types() -> ColumnElement[bool]:
    return or_(*[and_(FactRow.type == kind, FactRow.currency == cur) if cur else FactRow.type == kind
                 for kind, cur in SUMMED.items()])


def region_totals(engine: Engine) -> dict[str, RegionTotals]:
    """The totals of each region that has a fact or a document (ISO code -> totals)."""
    sums: dict[str, dict[str, float]] = defaultdict(dict)
    with engine.connect() as conn:
        for code, kind, total in conn.execute(_counted_facts(FactRow.region, FactRow.type, func.sum(FactRow.value))
                                              .where(_summed_types()).group_by(FactRow.region, FactRow.type)):
            sums[code][kind] = float(total or 0)
        facts = dict(conn.execute(_counted_facts(FactRow.region, func.count()).group_by(FactRow.region)).all())
        docs = dict(conn.execute(
            select(RegionRow.code, func.count(func.distinct(RegionRow.doc_id)))
            .where(exists().where(Cluster.representative_id == RegionRow.doc_id)).group_by(RegionRow.code)).all())
    return {code: RegionTotals(number(sums[code].get("investment", 0)), number(sums[code].get("jobs", 0)),
                               number(sums[code].get("projects", 0)), int(docs.get(code, 0)), int(facts.get(code, 0)))
            for code in set(sums) | set(facts) | set(docs)}


def fact_year(period_start: str | None, period_end: str | None, day: date | None) -> int | None:
    for text in (period_end, period_start):
        if text and text[:4].isdigit():
            return int(text[:4])
    return day.year if day else None


def yearly_totals(engine: Engine, code: str) -> dict[str, dict[int, float]]:
    """Each indicator of region ``code`` per year (indicator -> year -> total; years with nothing reported
    are left out)."""
    totals: dict[str, dict[int, float]] = {name: defaultdict(float) for name in INDICATORS}
    with engine.connect() as conn:
        rows = conn.execute(_counted_facts(FactRow.type, FactRow.value, FactRow.period_start, FactRow.period_end,
                                           FactRow.date).where(FactRow.region == code, _summed_types())).all()
        dates = conn.execute(select(DocumentRow.date).join(RegionRow, RegionRow.doc_id == DocumentRow.id).where(
            RegionRow.code == code, DocumentRow.date.is_not(None),
            exists().where(Cluster.representative_id == DocumentRow.id))).scalars().all()
    for kind, value, start, end, day in rows:
        year = fact_year(start, end, day)
        if year is not None and value is not None:
            totals[kind][year] += float(value)
    for day in dates:
        if day is not None:  # the query leaves undated documents out
            totals["documents"][day.year] += 1
    return totals
