"""Filters inside the full-text index: on PostgreSQL a region or date filter is part of the tsquery over
``documents.search_vector`` (the plans of the statements search runs read its GIN index, never the whole
table), and the hits are those of filtering after matching, in the same order (on SQLite: without the tags;
on PostgreSQL: a ranking worked out from every document). PostgreSQL reads a frequent word's matches newest
first through month tags (``aimaq.store.search_pg``), never over the whole corpus."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, insert, select, text, update

from aimaq.records import Document, RawDocument, RegionCount, Sentence
from aimaq.store import search as search_module
from aimaq.store import search_keys, search_pg, search_vector, tags
from aimaq.store.engine import open_store
from aimaq.store.filters import Filters, document_filter
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
    "years": Filters(since=date(2020, 3, 1), until=date(2023, 5, 31)),  # too many months for one window's tags
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


def _gin_scans(engine: Engine, statement: str, parameters: Any) -> list[tuple[str, int]]:
    """(index condition, rows returned) of each scan of the GIN index in the plan of a statement, run."""
    with engine.connect() as conn:
        plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters).scalar_one()
    nodes, scans = [plan[0]["Plan"]], []
    while nodes:
        node = nodes.pop()
        nodes += node.get("Plans", [])
        assert node["Node Type"] != "Seq Scan", plan
        if node.get("Index Name") == search_vector.INDEX:
            scans.append((node["Index Cond"], node["Actual Rows"]))
    return scans


@pytest.mark.parametrize("capped", [False, True], ids=["rank all", "newest first"])
@pytest.mark.parametrize(("fname", "months"), [("region", None), ("dates", {"m202201", "m202202", "m202203"})])
def test_store_search_pg_plan_filters_narrow_inside_the_gin_index(pg: Engine, monkeypatch: pytest.MonkeyPatch,
                                                                  capped: bool, fname: str,
                                                                  months: set[str] | None) -> None:
    """Every statement that reads matches reads them from the GIN index, with the region's tag, or some of the
    date filter's months (and no other) in its condition."""
    if capped:
        monkeypatch.setattr(search_module, "RANK_ALL", 0)
    sent = _statements(pg, lambda: search(pg, "alpha7", FILTERS[fname]))
    assert sent
    for statement, parameters in sent:
        scans = _gin_scans(pg, statement, parameters)
        assert scans, statement
        for cond, _ in scans:
            if months is None:
                assert "'#kz15'" in cond, cond
            else:
                assert set(re.findall(r"#(m\d{6})", cond)) <= months and "#m2022" in cond, cond


@pytest.mark.parametrize(("filters", "rank_all"), [(Filters(), 100), (FILTERS["region"], 20), (FILTERS["since"], 100)],
                         ids=["none", "region", "since"])
def test_store_search_pg_plan_a_frequent_word_is_read_through_the_newest_months(
        pg: Engine, monkeypatch: pytest.MonkeyPatch, filters: Filters, rank_all: int) -> None:
    """'common' is in every document: capped, it is asked of the GIN index only with month tags (it intersects
    the word with the newest months), which return hardly more than RANK_ALL + 1 matches, not all of them
    (the newest month is a short one here: the matches per day, not per month, size the next window)."""
    monkeypatch.setattr(search_module, "RANK_ALL", rank_all)
    monkeypatch.setattr(search_module, "RANK_POOL", 5)  # fewer than RANK_ALL, as in use
    sent = _statements(pg, lambda: search(pg, "common", filters, limit=5))
    scans = [scan for statement, parameters in sent for scan in _gin_scans(pg, statement, parameters)]
    assert scans and all("'#m20" in cond for cond, _ in scans), scans
    assert rank_all < sum(rows for _, rows in scans) <= 2 * (rank_all + 1), scans


def _hits(engine: Engine, query: str, filters: Filters) -> list[tuple[Any, ...]]:
    return [(h.doc_id, h.via, h.partner, h.score) for h in search(engine, query, filters, limit=DOCS)]


@pytest.mark.parametrize("capped", [False, True], ids=["rank all", "newest first"])
def test_store_search_pg_plan_tags_keep_the_hits_of_filtering_after_matching(
        sqlite: Engine, monkeypatch: pytest.MonkeyPatch, capped: bool) -> None:
    """SQLite: every match is ranked, on each path (the count of matches decides the path: with the tags it is
    smaller, so a query may no longer be capped, which is not what this compares)."""
    monkeypatch.setattr(search_module, "RANK_ALL", 0 if capped else DOCS)
    monkeypatch.setattr(search_module, "RANK_POOL", DOCS)
    cases = [(q, name, f) for q in QUERIES for name, f in FILTERS.items()]
    cases += [(q, name + ", ru", replace(f, lang="ru")) for q in QUERIES[:2] for name, f in FILTERS.items()]
    tagged = {(q, name): _hits(sqlite, q, f) for q, name, f in cases}
    assert all(tagged[(q, "region")] for q in QUERIES)
    plain_fts5 = search_module.fts5_match
    monkeypatch.setattr(search_module, "fts5_match", lambda alternatives, regions=(), months=None:
                        plain_fts5(alternatives))  # the words alone
    assert {(q, name): _hits(sqlite, q, f) for q, name, f in cases} == tagged


def _newest(row: tuple[str, date | None, float]) -> tuple[bool, int, str]:
    return row[1] is None, -row[1].toordinal() if row[1] else 0, row[0]


def _matches(engine: Engine, query: str, f: Filters) -> list[tuple[str, date | None, float]]:
    """(id, date, ts_rank) of the matches of a query, worked out from every document: a document matches when
    it holds the words, names the filter's region (when that is a tag) and is dated in a month of the date
    filter."""
    words = search_module.tsquery(search_keys.query_keys(query))
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT d.id, d.date, ts_rank(d.search_vector, q), d.search_vector @@ q, EXISTS (SELECT 1 FROM "
            "document_regions r WHERE r.doc_id = d.id AND r.code = :region) FROM documents d, "
            "to_tsquery('simple', :words) q"), {"words": words, "region": f.region or ""}).all()
    tagged = bool(f.region and search_keys.KEY.match(tags.region_tag(f.region)))
    first = tags.month_tag(f.since) if f.since else ""
    last = tags.month_tag(f.until) if f.until else "m9"

    def in_months(day: date | None) -> bool:
        return not (f.since or f.until) or (day is not None and first <= tags.month_tag(day) <= last)

    return [(doc_id, day, float(score)) for doc_id, day, score, has_words, in_region in rows
            if has_words and (in_region or not tagged) and in_months(day)]


def _brute_force(engine: Engine, query: str, f: Filters, limit: int, rank_all: int,
                 rank_pool: int) -> list[tuple[str, float]]:
    """What search ranks, worked out from every document: every match (``_matches``) that passes the filters
    when at most ``rank_all`` match, else the ``max(rank_pool, limit)`` newest."""
    matches = _matches(engine, query, f)
    with engine.connect() as conn:
        passing = set(conn.execute(document_filter(select(DocumentRow.id), f)).scalars())
    kept = [m for m in matches if m[0] in passing]
    if len(matches) > rank_all:
        kept = sorted(kept, key=_newest)[:max(rank_pool, limit)]
    return sorted(((doc_id, score) for doc_id, _, score in kept), key=lambda x: (-x[1], x[0]))[:limit]


@pytest.mark.parametrize("batch", [1, 7, 64])
def test_store_search_pg_plan_reads_every_match_newest_first(pg: Engine, batch: int) -> None:
    """Read a batch at a time, the matches come newest first (dates that tie by id, undated last), each once; and
    the count of matches is theirs."""
    for query in ("common", "alpha7", "beta2 alpha3", "word0", "absent"):
        for name, f in FILTERS.items():
            expected = [doc_id for doc_id, _, _ in sorted(_matches(pg, query, f), key=_newest)]
            with pg.connect() as conn:
                reader = search_pg.newest(conn, search_keys.query_keys(query), f, batch)
                assert reader is not None
                assert reader.count_beyond(len(expected) - 1) or not expected, (query, name)
                read: list[str] = []
                while ids := reader.read(batch):
                    assert len(ids) <= batch
                    read += ids
                assert (read, reader.count_beyond(len(read))) == (expected, False), (query, name)


@pytest.mark.parametrize(("rank_all", "rank_pool", "limit"),
                         [(DOCS, 100, 20), (DOCS, 2, 3), (40, 5, 20), (120, 30, 10), (0, 3, 5), (0, 4, 30),
                          (0, DOCS, DOCS)])
def test_store_search_pg_plan_ranks_what_brute_force_ranks(pg: Engine, monkeypatch: pytest.MonkeyPatch,
                                                           rank_all: int, rank_pool: int, limit: int) -> None:
    """The ranking of every query and filter, ranked all or capped (the newest read a window at a time, with
    reads past the first rows of a window, and windows of dates that tie), is the brute force's."""
    monkeypatch.setattr(search_module, "RANK_ALL", rank_all)
    monkeypatch.setattr(search_module, "RANK_POOL", rank_pool)
    for query in (*QUERIES, "word77", "word0", "common alpha3", "absent"):
        for name, f in FILTERS.items():
            expected = _brute_force(pg, query, f, limit, rank_all, rank_pool)
            assert search_module._ranked(pg, search_keys.query_keys(query), f, limit) == expected, (query, name)


def test_store_search_pg_plan_undated_documents_come_last(pg: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Undated documents (no month tag) are found: a rare word's match ranks, and a capped query reaches them
    once every dated match is in the pool, not before."""
    undated = {_document(i).id for i in range(0, DOCS, 11)}
    assert [h.doc_id for h in search(pg, "word0") if h.via == "match"] == [_document(0).id]
    monkeypatch.setattr(search_module, "RANK_ALL", 0)
    ids = {doc_id for doc_id, _ in search_module._ranked(pg, [("alpha0",)], Filters(duplicates=True), DOCS)}
    assert len(ids) == DOCS // 20 and ids & undated
    monkeypatch.setattr(search_module, "RANK_POOL", 20)
    ids = {doc_id for doc_id, _ in search_module._ranked(pg, [("alpha0",)], Filters(duplicates=True), 20)}
    assert len(ids) == 20 and not ids & undated


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
