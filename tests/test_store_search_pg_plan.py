"""Filters inside the full-text index: on PostgreSQL a region or date filter is part of the tsquery over
``documents.search_vector`` (the plans of the statements search runs read its GIN index, never the whole
table), and on both backends the hits are those of filtering after matching, in the same order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, text, update

from aimaq.records import Document, RawDocument, RegionCount, Sentence
from aimaq.store import search as search_module
from aimaq.store import search_vector
from aimaq.store.engine import open_store
from aimaq.store.filters import Filters
from aimaq.store.runs import insert_run
from aimaq.store.schema import Cluster, DocumentRow, PairRow
from aimaq.store.search import search
from aimaq.store.write import write_document

DOCS = 3000
FILLER = " ".join(f"filler{k}" for k in range(60))  # wider rows: a table of some pages, as a real one
QUERIES = ("common", "alpha7", "alpha7 beta1", "beta2")
FILTERS = {
    "region": Filters(region="KZ-15"),
    "dates": Filters(since=date(2022, 1, 1), until=date(2022, 3, 31)),
    "region+dates": Filters(region="KZ-15", since=date(2022, 1, 1), until=date(2022, 3, 31)),
    "since": Filters(since=date(2024, 6, 10)),
    "until": Filters(until=date(2020, 2, 3)),
    "region+lang": Filters(region="KZ-12", lang="kk"),
    "second region": Filters(region="KZ-47"),
    "duplicates": Filters(region="KZ-15", duplicates=True),
    "not a tag": Filters(region="KZ 15?"),
}


def _document(i: int) -> Document:
    """Document ``i``: words of several frequencies, a region (two for some, none for some) and a date (none
    for some)."""
    words = ["common"] * (1 + i % 4) + [f"alpha{i % 20}", f"beta{i % 3}", f"word{i}"]
    text = " ".join(words) + " " + FILLER + "."
    regions = () if i % 13 == 0 else (RegionCount(f"KZ-{11 + i % 17}", 1),)
    if i % 7 == 0:
        regions += (RegionCount("KZ-47", 1),)
    day = None if i % 11 == 0 else (date(2020, 1, 1) + timedelta(days=i * 7 % 1800)).isoformat()
    return Document(id=f"{i:032x}", source=f"synthetic/{i}", lang="kk" if i % 2 else "ru", date=day,
                    title=None, text=text, sentences=(Sentence(0, len(text), "kk" if i % 2 else "ru"),),
                    regions=regions)


def build(engine: Engine, docs: int = DOCS) -> Engine:
    """``docs`` documents; every tenth is a re-post in the cluster of the one before; pairs of neighbours."""
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        run_id = insert_run(conn, ["synthetic"], status="done")
        clusters: dict[str, int] = {}
        for i in range(docs):
            doc = _document(i)
            write_document(conn, doc, RawDocument(doc.source, doc.text, None, doc.date, None, "txt"), run_id)
            cluster = _document(i - 1).id if i % 10 == 9 else doc.id
            conn.execute(update(DocumentRow).where(DocumentRow.id == doc.id).values(cluster_id=cluster))
            clusters[cluster] = clusters.get(cluster, 0) + 1
        conn.execute(insert(Cluster), [{"id": c, "representative_id": c, "size": n} for c, n in clusters.items()])
        conn.execute(insert(PairRow), [{"kk_id": _document(i).id, "ru_id": _document(i - 1).id, "score": 0.9,
                                        "sentences": "[[0, 0]]", "run_id": run_id} for i in range(1, docs, 6)])
    if engine.dialect.name == "postgresql":  # planner statistics, as autovacuum keeps them
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")
    return engine


@pytest.fixture(scope="module")
def pg(pg_database: Callable[[str], str]) -> Iterator[Engine]:
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'aimaq[postgres]')")
    engine = build(open_store(pg_database("aimaq_test_search_tags")))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = build(open_store(str(tmp_path_factory.mktemp("tags") / "tags.db")))
    yield engine
    engine.dispose()


def _statements(engine: Engine, run: Callable[[], Any]) -> list[tuple[str, Any]]:
    """The full-text statements (with their parameters) that ``run`` sends to the server."""
    sent: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if search_vector.NAME in statement and "@@" in statement:
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return sent


@pytest.mark.parametrize("capped", [False, True], ids=["rank all", "newest first"])
@pytest.mark.parametrize(("fname", "tag"), [("region", "'#kz15'"), ("dates", "'#m202202'")])
def test_store_search_pg_plan_filters_narrow_inside_the_gin_index(pg: Engine, monkeypatch: pytest.MonkeyPatch,
                                                                  capped: bool, fname: str, tag: str) -> None:
    if capped:
        monkeypatch.setattr(search_module, "RANK_ALL", 0)
    sent = _statements(pg, lambda: search(pg, "alpha7", FILTERS[fname]))
    assert len(sent) >= 2  # how many match, then the matches
    with pg.connect() as conn:
        for statement, parameters in sent:
            plan = "\n".join(conn.exec_driver_sql("EXPLAIN " + statement, parameters).scalars())
            assert f"Bitmap Index Scan on {search_vector.INDEX}" in plan, plan
            cond = next(line for line in plan.splitlines() if "Index Cond" in line and search_vector.NAME in line)
            assert tag in cond, plan
            assert "Seq Scan on documents" not in plan, plan


def _hits(engine: Engine, query: str, filters: Filters) -> list[tuple[Any, ...]]:
    return [(h.doc_id, h.via, h.partner, h.score) for h in search(engine, query, filters, limit=DOCS)]


@pytest.mark.parametrize("capped", [False, True], ids=["rank all", "newest first"])
@pytest.mark.parametrize("backend", ["sqlite", "pg"])
def test_store_search_pg_plan_tags_keep_the_hits_of_filtering_after_matching(
        request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, backend: str, capped: bool) -> None:
    """Every match is ranked, on each path (the count of matches decides the path: with the tags it is
    smaller, so a query may no longer be capped, which is not what this compares)."""
    engine: Engine = request.getfixturevalue(backend)
    monkeypatch.setattr(search_module, "RANK_ALL", 0 if capped else DOCS)
    monkeypatch.setattr(search_module, "RANK_POOL", DOCS)
    cases = [(q, name, f) for q in QUERIES for name, f in FILTERS.items()]
    cases += [(q, name + ", ru", replace(f, lang="ru")) for q in QUERIES[:2] for name, f in FILTERS.items()]
    tagged = {(q, name): _hits(engine, q, f) for q, name, f in cases}
    assert all(tagged[(q, "region")] for q in QUERIES)
    plain_fts5 = search_module.fts5_match
    monkeypatch.setattr(search_module, "fts5_match", lambda alternatives, regions=(), months=None:
                        plain_fts5(alternatives))  # SQLite: the words alone
    monkeypatch.setattr(search_vector, "tag_query", lambda regions=(), months=None: None)  # PostgreSQL
    assert {(q, name): _hits(engine, q, f) for q, name, f in cases} == tagged


def test_store_search_pg_plan_migration_fills_the_column_as_writing_does(pg_database: Callable[[str], str]) -> None:
    """Migration 0007 gives the documents of an older store the search_vector that ``write_document`` gives a
    new one (downgraded to 0006 and upgraded again, every document's vector is the same)."""
    from alembic import command

    from aimaq.store.engine import _alembic_config

    engine = build(open_store(pg_database("aimaq_test_search_migration")), docs=120)
    query = text("SELECT id, search_vector::text FROM documents ORDER BY id")

    def vectors() -> list[tuple[str, str]]:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(query)]

    written = vectors()
    assert any("'#kz15'" in v and "'#m2020" in v for _, v in written)
    config = _alembic_config()
    has_column = text("SELECT count(*) FROM information_schema.columns WHERE table_name = 'documents' "
                      f"AND column_name = '{search_vector.NAME}'")
    for step, target, column in ((command.downgrade, "0006", 0), (command.upgrade, "head", 1)):
        with engine.connect() as conn, conn.begin():
            config.attributes["connection"] = conn
            step(config, target)
            assert conn.execute(has_column).scalar_one() == column
    assert vectors() == written
    engine.dispose()
