"""The web app's pieces without a store: interface strings and number formats, the tile layout,
aligned rows of a kk/ru pair, highlighting inside a sentence, map classes, safe CSV and XLSX cells."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aimaq.resources import load_json
from aimaq.store.query import EvidenceItem, FactItem
from aimaq.web.downloads import to_csv, to_xlsx
from aimaq.web.i18n import LANGS, NBSP, Translator, pick_lang, region_names, strings
from aimaq.web.side_by_side import aligned_rows, pieces
from aimaq.web.views import PALETTE, breaks, colour


def test_web_units_every_locale_has_every_string() -> None:
    keys = {lang: set(strings(lang)) for lang in LANGS}
    assert keys["kk"] == keys["ru"] == keys["en"]
    assert all(strings(lang)[k].strip() for lang in LANGS for k in keys[lang])
    fact_types = set(load_json("fact_types.json")["types"])
    assert {f"type.{t}" for t in fact_types} <= keys["en"]


def test_web_units_tiles_place_each_region_once() -> None:
    layout = load_json("web/tiles.json")
    tiles = layout["tiles"]
    assert sorted(t["code"] for t in tiles) == sorted(region_names())
    assert len({(t["col"], t["row"]) for t in tiles}) == len(tiles)
    assert all(0 <= t["col"] < layout["columns"] and 0 <= t["row"] < layout["rows"] for t in tiles)
    assert all(set(t["short"]) == set(LANGS) for t in tiles)


@pytest.mark.parametrize(("query", "cookie", "accept", "lang"), [
    ("kk", "ru", "en", "kk"), (None, "ru", "kk", "ru"), ("xx", None, "ru-RU,ru;q=0.9,en;q=0.8", "ru"),
    (None, None, "de-DE,kk;q=0.5", "kk"), (None, None, None, "en"), (None, "<script>", "", "en"),
])
def test_web_units_pick_interface_language(query: str | None, cookie: str | None, accept: str | None,
                                           lang: str) -> None:
    assert pick_lang(query, cookie, accept) == lang


@pytest.mark.parametrize(("lang", "value", "currency", "unit", "kind", "text"), [
    ("en", 412_500_000_000, "KZT", None, "investment", "412.5 bn KZT"),
    ("ru", 412_500_000_000, "KZT", None, "investment", "412,5 млрд ₸"),
    ("kk", 1_350_000_000_000, "KZT", None, "investment", "1,4 трлн ₸"),
    ("kk", 240_000_000, "USD", None, "investment", "240 млн USD"),
    ("kk", 3200, None, "орын", "jobs", "3 200 орын"),
    ("ru", 18, None, None, "share", "18 %"),
    ("en", 7.25, None, None, "projects", "7.25"),
    ("en", 8500, "KZT", None, "funding", "8 500 KZT"),
])
def test_web_units_amounts_read_as_people_write_them(lang: str, value: float, currency: str | None,
                                                     unit: str | None, kind: str, text: str) -> None:
    assert Translator(lang).amount(value, currency, unit, kind) == text.replace(" ", NBSP)


@st.composite
def alignments(draw: st.DrawFn) -> tuple[int, int, list[tuple[int, int]]]:
    n_left, n_right = draw(st.integers(0, 12)), draw(st.integers(0, 12))
    if not n_left or not n_right:
        return n_left, n_right, []
    links = draw(st.lists(st.tuples(st.integers(0, n_left - 1), st.integers(0, n_right - 1)), max_size=15))
    return n_left, n_right, links


@given(alignments())
def test_web_units_aligned_rows_show_every_sentence_once(case: tuple[int, int, list[tuple[int, int]]]) -> None:
    n_left, n_right, links = case
    rows = aligned_rows(n_left, n_right, links)
    assert sorted(i for r in rows for i in r.left) == list(range(n_left))
    assert sorted(j for r in rows for j in r.right) == list(range(n_right))
    assert all(r.left or r.right for r in rows)
    for i, j in links:  # linked sentences share a row
        assert any(i in r.left and j in r.right for r in rows)


@given(st.integers(0, 10), st.integers(0, 10))
def test_web_units_monotone_alignment_keeps_reading_order(n_left: int, n_right: int) -> None:
    links = [(k, k) for k in range(min(n_left, n_right))]
    rows = aligned_rows(n_left, n_right, links)
    left = [i for r in rows for i in r.left]
    right = [j for r in rows for j in r.right]
    assert left == sorted(left) and right == sorted(right)


def test_web_units_one_to_two_alignment_is_one_row() -> None:
    rows = aligned_rows(3, 4, [(0, 0), (1, 1), (1, 2), (2, 3)])
    assert [(r.left, r.right) for r in rows] == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]


@pytest.mark.parametrize(("span", "marked"), [((10, 13), "b c"), ((12, 20), "c d"), ((0, 100), "a b c d"), ((30, 40), None),
                                              (None, None)])
def test_web_units_pieces_mark_the_span_inside_the_sentence(span: tuple[int, int] | None, marked: str | None) -> None:
    text = "a b c d"  # the sentence sits at 8..15 in its document
    cut = pieces(text, 8, 15, span, "evidence")
    assert "".join(p.text for p in cut) == text
    assert [p.text for p in cut if p.mark] == ([marked] if marked else [])


@given(st.lists(st.floats(0, 1e13, allow_nan=False), max_size=25))
def test_web_units_map_classes_grow_with_the_value(values: list[float]) -> None:
    bounds = breaks(values)
    assert len(bounds) <= len(PALETTE) and bounds == sorted(bounds)
    ranked = sorted(v for v in values if v > 0)
    classes = [PALETTE.index(colour(v, bounds)[0]) for v in ranked]
    assert classes == sorted(classes)
    assert all(colour(v, bounds)[1] == -1 for v in values if v <= 0)


def _fact(subject: str) -> FactItem:
    ev = EvidenceItem("d" * 32, "ru", 0, 0, 10, "=1+1 сказано", None, "src.txt")
    return FactItem(1, "investment", 5, None, "KZT", None, "KZ-15", None, None, subject, "2024-01-01",
                    "rule", [ev])


@pytest.mark.parametrize("payload", ["=HYPERLINK(\"http://x\")", "+1+2", "-3+cmd|' /C calc'!A0", "@SUM(A1)",
                                     "\t=1"])
def test_web_units_exports_neutralise_formulas(payload: str) -> None:
    row = next(csv.DictReader(io.StringIO(to_csv(FactItem, [_fact(payload)]))))
    assert row["subject"] == "'" + payload and row["evidence_ru"] == "'=1+1 сказано"
    assert row["value"] == "5"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(to_xlsx(FactItem, [_fact(payload)])), read_only=True).active
    head, values = list(sheet.iter_rows(values_only=True))
    cell = dict(zip(head, values, strict=True))
    assert cell["subject"] == "'" + payload
    assert cell["value"] == 5
