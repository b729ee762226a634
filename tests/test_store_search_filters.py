"""A translation joins the search results only when it passes the same region, date and type filters as the
hit it belongs to (with a stand-in pairer, so only the store's part is tested)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from aimaq.ingest.run import ingest
from aimaq.store import search as search_module
from aimaq.store import tags
from aimaq.store import translation_pairs as pairs
from aimaq.store.engine import open_store
from aimaq.store.filters import Filters
from aimaq.store.search import fts5_match, search

DOCS = {  # name: (date, text); the Russian version is dated two days later and names no region
    "kk": ("2024-05-14", "Түркістан облысында 2024 жылы 9 жаңа кәсіпорын іске қосылды. "
                         "Жобалар аясында 640 жаңа жұмыс орны ашылды."),
    "ru": ("2024-05-16", "В регионе в 2024 году запущено 9 новых предприятий. "
                         "В рамках проектов создано 640 новых рабочих мест."),
}


@dataclass(frozen=True)
class FakePair:
    kk_id: str
    ru_id: str
    score: float
    sentences: tuple[tuple[int, int], ...]


def fake_pairer(docs, **_options):
    kk = [d for d in docs if d.lang == "kk"]
    ru = [d for d in docs if d.lang == "ru"]
    return [FakePair(k.id, r.id, 0.9, ((0, 0), (1, 1))) for k, r in zip(kk, ru, strict=False)]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("filters")
    for name, (day, text) in DOCS.items():
        (folder / f"{name}.txt").write_text(f" date {day} {name}\n{text}\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pairs, "pairer", lambda: fake_pairer)
        engine = open_store(str(folder / "f.db"))
        assert ingest([str(folder)], engine=engine).pairs == 1
    return engine


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), [("kk", "match"), ("ru", "pair")]),
        (Filters(region="KZ-61"), [("kk", "match")]),  # the translation names no region
        (Filters(until=date(2024, 5, 15)), [("kk", "match")]),  # the translation came out later
        (Filters(since=date(2024, 5, 14), until=date(2024, 5, 31)), [("kk", "match"), ("ru", "pair")]),
        (Filters(type="enterprises"), [("kk", "match"), ("ru", "pair")]),
        (Filters(lang="ru"), [("ru", "pair")]),
    ],
)
def test_store_search_filters_apply_to_translations(engine, filters: Filters, expected: list) -> None:
    hits = search(engine, "кәсіпорындар", filters)  # a Kazakh word: only the kk document matches it
    assert [(Path(h.source).stem, h.via) for h in hits] == expected


@pytest.mark.parametrize("filters", [Filters(), Filters(region="KZ-61"), Filters(until=date(2024, 5, 15)),
                                     Filters(since=date(2024, 5, 15))])
def test_store_search_filters_give_the_same_hits_when_ranking_is_capped(engine, monkeypatch: pytest.MonkeyPatch,
                                                                          filters: Filters) -> None:
    full = [(h.doc_id, h.via) for h in search(engine, "жаңа", filters)]
    monkeypatch.setattr(search_module, "RANK_ALL", 0)  # every query takes the newest-first path
    monkeypatch.setattr(search_module, "RANK_POOL", 1)
    assert [(h.doc_id, h.via) for h in search(engine, "жаңа", filters)] == full


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(since=date(2024, 6, 1), until=date(2024, 5, 1)), []),  # an empty range
        (Filters(region="KZ-47"), []),  # a region no document names
        (Filters(region="KZ 61?"), []),  # not a tag (no narrowing in FTS5): the exact filter decides
        (Filters(since=date(1900, 1, 1)), ["kk", "ru"]),  # too many months to list as tags
    ],
)
def test_store_search_filters_edge_cases(engine, filters: Filters, expected: list[str]) -> None:
    assert [Path(h.source).stem for h in search(engine, "кәсіпорындар", filters)] == expected


def test_store_search_filters_fts5_query_puts_filters_in_the_tags_column() -> None:
    assert fts5_match([("а", "б")], ["kz61"], ["m202405", "m202406"]) == \
        'keys : (("а" OR "б")) AND tags : ("kz61") AND tags : ("m202405" OR "m202406")'


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (date(2024, 11, 30), date(2025, 2, 1), ["m202411", "m202412", "m202501", "m202502"]),
        (date(2024, 5, 14), date(2024, 5, 14), ["m202405"]),
        (date(2000, 1, 1), date(2024, 1, 1), None),  # more than MAX_MONTHS
    ],
)
def test_store_search_filters_month_tags(since: date, until: date, expected: list[str] | None) -> None:
    assert tags.month_tags(since, until) == expected
    assert tags.document_tags(["KZ-61", "KZ-79"], since) == f"kz61 kz79 {tags.month_tag(since)}"
