"""Region indicators as the map and a region's page show them: every region of the 2022 division with its
names beside the totals the store counts (``aimaq.store.region_totals``), and a region's totals by year."""

from __future__ import annotations

from dataclasses import dataclass, field

from aimaq.serialize import number
from aimaq.store.engine import Engine
from aimaq.store.region_totals import INDICATORS, RegionTotals, region_totals, yearly_totals
from aimaq.web.i18n import region_names

__all__ = ["INDICATORS", "RegionItem", "RegionYears", "YearValue", "region_table", "region_years"]


@dataclass(frozen=True)
class RegionItem:
    code: str
    names: dict[str, str]  # kk, ru, en
    investment: int | float  # tenge
    jobs: int | float
    projects: int | float
    documents: int
    facts: int

    def value(self, indicator: str) -> float:
        return float(getattr(self, indicator))


@dataclass(frozen=True)
class YearValue:
    year: int
    value: int | float


@dataclass(frozen=True)
class RegionYears:
    code: str
    by_year: dict[str, list[YearValue]] = field(default_factory=dict)  # indicator -> years, oldest first


def region_table(engine: Engine) -> list[RegionItem]:
    """All 20 regions of the 2022 division with their totals (zeros where nothing was reported)."""
    totals = region_totals(engine)
    rows = []
    for code, names in region_names().items():
        t = totals.get(code, RegionTotals())
        rows.append(RegionItem(code, dict(names), t.investment, t.jobs, t.projects, t.documents, t.facts))
    return rows


def region_years(engine: Engine, code: str) -> RegionYears:
    """Each indicator of region ``code`` per year (years with nothing reported are left out)."""
    return RegionYears(code, {name: [YearValue(y, number(v)) for y, v in sorted(years.items())]
                              for name, years in yearly_totals(engine, code).items()})
