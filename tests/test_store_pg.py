"""The same store on a real PostgreSQL server, started on loopback by scripts/pg_start.sh (which installs the
Debian package when it can). Set AIMAQ_TEST_PG_URL to use a running server instead. Every test here skips,
saying why, when no server can be had."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from aimaq.ingest.run import ingest
from aimaq.store import search as search_module
from aimaq.store.engine import open_store
from aimaq.store.filters import Filters
from aimaq.store.query import query_facts
from aimaq.store.search import search

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'aimaq[postgres]')")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
FILES = ["001_kk_aktobe_investment.txt", "002_ru_aktobe_investment.txt", "025_kk_abai_tourism.txt",
         "026_kk_abai_tourism_repost.txt"]


@pytest.fixture(scope="module")
def pg(pg_database: Callable[[str], str]):
    url = pg_database("aimaq_test_store")
    report = ingest([str(CORPUS / f) for f in FILES], url, batch_size=3)
    return open_store(url), report


def _count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_store_pg_ingest_is_idempotent(pg) -> None:
    engine, report = pg
    assert (report.new, report.duplicates, len(report.errors)) == (4, 1, 0)
    tables = ("documents", "facts", "fact_evidence", "pairs", "clusters", "sources", "lsh_keys")
    before = {t: _count(engine, t) for t in tables}
    again = ingest([str(CORPUS / f) for f in FILES], engine=engine)
    assert (again.new, again.unchanged) == (0, 4)
    assert {t: _count(engine, t) for t in tables} == before


def test_store_pg_search_uses_the_same_lemma_keys(pg) -> None:
    engine, _ = pg
    hits = search(engine, "инвестициялар")
    names = [Path(h.source).name[:3] for h in hits]
    # the kk release and its translation hold the same keys, so their ranks tie (the order is then by id)
    assert sorted(names[:2]) == ["001", "002"] and "026" not in names
    assert [Path(h.source).name[:3] for h in search(engine, "кәсіпорындар", Filters(lang="ru"))] == ["002"]
    assert [Path(h.source).name[:3] for h in search(engine, "туризм", Filters(duplicates=True))] in (
        ["025", "026"], ["026", "025"])
    assert search(engine, "инвестиция", Filters(region="KZ-15", lang="kk"))[0].lang == "kk"


@pytest.mark.parametrize("filters", [Filters(), Filters(region="KZ-15"), Filters(duplicates=True),
                                     Filters(lang="ru")])
def test_store_pg_search_capped_ranking_gives_the_same_hits(pg, monkeypatch: pytest.MonkeyPatch,
                                                             filters: Filters) -> None:
    """A frequent word takes the newest-first path (only a pool of matches is ranked); with a pool that holds
    every match, the hits and their order are those of ranking everything."""
    engine, _ = pg
    queries = ("облыс", "инвестиция", "туризм")
    full = {q: [(h.doc_id, h.via) for h in search(engine, q, filters)] for q in queries}
    assert any(full.values())
    monkeypatch.setattr(search_module, "RANK_ALL", 0)
    monkeypatch.setattr(search_module, "RANK_POOL", 100)
    assert {q: [(h.doc_id, h.via) for h in search(engine, q, filters)] for q in queries} == full


def test_store_pg_facts_count_a_cluster_once_and_merge_translations(pg) -> None:
    engine, _ = pg
    listed, everything = list(query_facts(engine)), list(query_facts(engine, Filters(duplicates=True)))
    assert 0 < len(listed) < len(everything)
    merged = [f for f in listed if f.type == "enterprises" and f.value == 118 and f.value_before == 57]
    assert len(merged) == 1 and [e.lang for e in merged[0].evidence] == ["kk", "ru"]


def test_store_pg_migrations_build_exactly_the_models(pg) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from aimaq.store import search_vector
    from aimaq.store.schema import Base

    def ours(obj, name, type_, reflected, compare_to) -> bool:  # the full-text column is not in the models
        return not ((type_ == "index" and name in (search_vector.INDEX, search_vector.NEWEST_INDEX))
                    or name == "alembic_version"
                    or (type_ == "column" and name == search_vector.NAME))

    engine, _ = pg
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": ours, "compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []


def test_store_pg_sigkill_then_rerun_equals_a_clean_run(pg_database: Callable[[str], str], tmp_path: Path) -> None:
    from test_store_crash import crash_and_compare, make_corpus

    files = make_corpus(tmp_path / "corpus", releases=45)
    crash_and_compare(tmp_path / "corpus", files, pg_database("aimaq_test_clean"),
                      pg_database("aimaq_test_crash"))
