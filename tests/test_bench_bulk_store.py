"""bench/bulk_store.py writes the rows write_document writes: a store built by bench_search's bulk path equals one
built a document at a time, table by table, with the same search results (SQLite, and PostgreSQL when a
server can be had)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from aimaq.store.schema import TABLES
from aimaq.store.search import search

DOCS = 200
SKIPPED_COLUMNS = {"ingest_runs": {"started_at", "finished_at"}}  # the clock at building time


@pytest.fixture(scope="module")
def bench(bench_search):
    return bench_search


@pytest.fixture(scope="module")
def base(bench) -> list:
    """Three extracted documents, the second one dropped: a light document between two full ones."""
    from aimaq.synth import Options, generate

    extracted = bench.base_documents(list(generate(Options(docs=3, seed=bench.SEED))))
    assert all(extracted)
    return [extracted[0], None, extracted[2]]


def _rows(engine: Engine) -> dict[str, list[tuple]]:
    out = {}
    with engine.connect() as conn:
        for name, table in TABLES.items():
            columns = [c.name for c in table.columns if c.name not in SKIPPED_COLUMNS.get(name, ())]
            names = ", ".join(f'"{c}"' for c in columns)
            out[name] = sorted(tuple(r) for r in conn.execute(text(f"SELECT {names} FROM {name}")))
        if engine.dialect.name == "sqlite":  # in storing order: search reads the newest first
            out["documents_fts"] = list(conn.execute(text("SELECT rowid, doc_id, keys, tags FROM documents_fts "
                                                          "ORDER BY rowid")))
            out["documents rowid"] = list(conn.execute(text("SELECT rowid, id FROM documents ORDER BY rowid")))
        else:
            out["search_vector"] = sorted(conn.execute(text("SELECT id, search_vector::text FROM documents")))
            out["facts sequence"] = [conn.execute(text("SELECT last_value FROM facts_id_seq")).scalar_one()]
    return out


def _same_stores(bench, one: Engine, bulk: Engine) -> None:
    expected, got = _rows(one), _rows(bulk)
    assert len(expected["documents"]) > DOCS * 0.9 and len(expected["facts"]) > DOCS
    for name in expected:
        assert got[name] == expected[name], name
    for _label, query in bench.QUERIES:
        for _fname, filters in bench.FILTERS:
            assert search(bulk, query, filters) == search(one, query, filters), (query, filters)


def test_bench_bulk_store_writes_the_rows_write_document_writes(bench, base, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "BULK_EVERY", 60)  # several bulk writes
    one, counts_one = bench.build_store(str(tmp_path / "one.db"), DOCS, base, bulk=False)
    bulk, counts_bulk = bench.build_store(str(tmp_path / "bulk.db"), DOCS, base, bulk=True)
    assert counts_bulk == counts_one
    _same_stores(bench, one, bulk)
    one.dispose()
    bulk.dispose()


def test_bench_bulk_store_refuses_documents_with_mentions(bench, base, tmp_path: Path) -> None:
    from aimaq.store.engine import open_store

    engine = open_store(str(tmp_path / "m.db"))
    raw = bench._raw({"url": "u", "text": base[0].text, "title": None, "date": None}, 0)
    with engine.connect() as conn, pytest.raises(ValueError, match="without mentions"):
        bench.bulk_store.write_documents(conn, [(base[0], raw, base[0].id)], 1)
    engine.dispose()


def test_bench_bulk_store_on_postgresql(bench, base, pg_database: Callable[[str], str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "BULK_EVERY", 60)
    one, counts_one = bench.build_store(pg_database("aimaq_bulk_one"), DOCS, base, bulk=False)
    bulk, counts_bulk = bench.build_store(pg_database("aimaq_bulk_many"), DOCS, base, bulk=True)
    assert counts_bulk == counts_one
    _same_stores(bench, one, bulk)
    one.dispose()
    bulk.dispose()
