"""What each dashboard page shows, built as one record from the read queries (the API serves the same
records as JSON): the map's classes, a region's page, a fact with its evidence in its document(s)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from aimaq.resources import load_json
from aimaq.store.engine import Engine
from aimaq.store.filters import Filters
from aimaq.store.listings import (
    DocumentDetail,
    DocumentItem,
    EntityItem,
    get_document,
    get_fact,
    list_documents,
    list_entities,
    list_facts,
)
from aimaq.store.query import FactItem
from aimaq.web.indicators import INDICATORS, RegionItem, YearValue, region_table, region_years
from aimaq.web.side_by_side import Piece, aligned_rows, pieces

PALETTE = ("#e3f1ec", "#b3dccf", "#74bfa9", "#33917c", "#0c5f52")  # light to dark, one per class
NO_DATA = "#e4e4e4"
DARK_CLASSES = 2  # the darkest classes get white labels


@dataclass(frozen=True)
class Tile:
    region: RegionItem
    col: int
    row: int
    short: dict[str, str]
    value: float
    fill: str
    dark: bool


@dataclass(frozen=True)
class MapView:
    indicator: str
    tiles: list[Tile]
    legend: list[tuple[str, float, float]]  # (colour, smallest, largest value in the class)
    columns: int
    rows: int


def breaks(values: Sequence[float], classes: int = len(PALETTE)) -> list[float]:
    """Upper bounds of quantile classes over the non-zero values (fewer when values repeat)."""
    ordered = sorted(v for v in values if v > 0)
    if not ordered:
        return []
    bounds = [ordered[min(len(ordered) - 1, math.ceil(i * len(ordered) / classes) - 1)]
              for i in range(1, classes + 1)]
    return sorted(set(bounds))


def colour(value: float, bounds: Sequence[float]) -> tuple[str, int]:
    """The fill for ``value`` and its class index (-1: no data), darkest for the top class."""
    if value <= 0 or not bounds:
        return NO_DATA, -1
    cls = next((i for i, b in enumerate(bounds) if value <= b), len(bounds) - 1)
    shift = len(PALETTE) - len(bounds)
    return PALETTE[cls + shift], cls + shift


def map_view(engine: Engine, indicator: str) -> MapView:
    layout = load_json("web/tiles.json")
    regions = {r.code: r for r in region_table(engine)}
    bounds = breaks([r.value(indicator) for r in regions.values()])
    tiles = []
    members: dict[int, list[float]] = {}
    for t in layout["tiles"]:
        region = regions[t["code"]]
        value = region.value(indicator)
        fill, cls = colour(value, bounds)
        if cls >= 0:
            members.setdefault(cls, []).append(value)
        tiles.append(Tile(region, t["col"], t["row"], t["short"], value, fill, cls >= len(PALETTE) - DARK_CLASSES))
    legend = [(PALETTE[cls], min(values), max(values)) for cls, values in sorted(members.items())]
    return MapView(indicator, tiles, legend, layout["columns"], layout["rows"])


@dataclass(frozen=True)
class RegionDetail:
    region: RegionItem
    by_year: dict[str, list[YearValue]]  # indicator -> years, oldest first
    people: list[EntityItem]
    organisations: list[EntityItem]
    facts: list[FactItem]  # the latest
    documents: list[DocumentItem]  # the latest


def region_detail(engine: Engine, code: str, shown: int = 10) -> RegionDetail | None:
    region = next((r for r in region_table(engine) if r.code == code), None)
    if region is None:
        return None
    where = Filters(region=code)
    return RegionDetail(
        region, region_years(engine, code).by_year,
        list_entities(engine, Filters(region=code, kind="PER"), limit=shown).items,
        list_entities(engine, Filters(region=code, kind="ORG"), limit=shown).items,
        list_facts(engine, where, limit=shown).items, list_documents(engine, where, limit=2 * shown).items,
    )


# ---- a document, alone or beside its translation -------------------------------------------------------

@dataclass(frozen=True)
class SentenceView:
    idx: int
    lang: str
    mark: str  # '', 'evidence' or 'aligned'
    pieces: list[Piece]


Marks = dict[int, tuple[tuple[int, int] | None, str]]  # sentence index -> (evidence span or None, mark)


def sentence_views(doc: DocumentDetail, marks: Marks) -> list[SentenceView]:
    out = []
    for s in doc.sentences:
        span, mark = marks.get(s.idx, (None, ""))
        cut = pieces(s.text, s.start, s.end, span or (s.start, s.end), mark) if mark else [Piece(s.text, "")]
        out.append(SentenceView(s.idx, s.lang, mark, cut))
    return out


@dataclass(frozen=True)
class Reading:
    """One document (``left`` only) or a kk/ru pair (Kazakh left) with the sentences to highlight."""

    left: DocumentDetail
    right: DocumentDetail | None
    left_sentences: list[SentenceView]
    right_sentences: list[SentenceView]
    rows: list[tuple[list[SentenceView], list[SentenceView]]]  # aligned rows; empty without a pair


def reading(engine: Engine, doc: DocumentDetail, marks: dict[str, Marks]) -> Reading:
    """``doc`` beside its translation when it has one; ``marks`` per document id. A marked sentence with
    no mark on the other side marks its aligned sentences there as 'aligned'."""
    partner = get_document(engine, doc.document.partner) if doc.document.partner else None
    if partner is None:
        return Reading(doc, None, sentence_views(doc, marks.get(doc.document.id, {})), [], [])
    left, right = (doc, partner) if doc.document.lang == "kk" or partner.document.lang != "kk" else (partner, doc)
    lm, rm = dict(marks.get(left.document.id, {})), dict(marks.get(right.document.id, {}))
    for i, j in left.alignment:
        if i in lm and lm[i][1] == "evidence" and j not in rm:
            rm[j] = (None, "aligned")
        if j in rm and rm[j][1] == "evidence" and i not in lm:
            lm[i] = (None, "aligned")
    lv, rv = sentence_views(left, lm), sentence_views(right, rm)
    rows = [([lv[i] for i in row.left], [rv[j] for j in row.right])
            for row in aligned_rows(len(lv), len(rv), left.alignment)]
    return Reading(left, right, lv, rv, rows)


@dataclass(frozen=True)
class FactView:
    fact: FactItem
    reading: Reading | None  # None when the evidence document is gone


def fact_view(engine: Engine, fact_id: int) -> FactView | None:
    fact = get_fact(engine, fact_id)
    if fact is None:
        return None
    marks: dict[str, Marks] = {}
    for e in fact.evidence:
        marks.setdefault(e.doc_id, {})[e.sentence] = ((e.start, e.end), "evidence")
    doc = get_document(engine, fact.evidence[0].doc_id) if fact.evidence else None
    return FactView(fact, reading(engine, doc, marks) if doc else None)


def document_view(engine: Engine, doc_id: str, sentence: int | None = None) -> Reading | None:
    doc = get_document(engine, doc_id)
    if doc is None:
        return None
    marks: dict[str, Marks] = {doc_id: {sentence: (None, "evidence")}} if sentence is not None else {}
    return reading(engine, doc, marks)


__all__ = ["INDICATORS", "FactView", "MapView", "Reading", "RegionDetail", "document_view", "fact_view",
           "map_view", "region_detail"]
