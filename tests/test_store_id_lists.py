"""A list of ids bound as one parameter selects exactly the listed rows, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Column, MetaData, String, Table, insert, select

from aimaq.store.engine import make_engine
from aimaq.store.id_lists import PARAM, ids_value, in_ids

IDS = ["a1", "b'2", 'c"3', "ақ4", "д 5", "e,6"]  # quotes, Kazakh and Russian letters, a space, a comma


def _check(url: str) -> None:
    meta = MetaData()
    docs = Table("docs", meta, Column("id", String, primary_key=True))
    engine = make_engine(url)
    meta.create_all(engine)
    dialect = engine.dialect.name
    statement = select(docs.c.id).where(in_ids(docs.c.id, dialect))  # built once, run with any list
    with engine.begin() as conn:
        conn.execute(insert(docs), [{"id": i} for i in IDS])
        for asked in (IDS[:1], IDS[1:4], ["ақ4", "absent", "e,6", "ақ4"], [], ["absent"]):
            got = conn.execute(statement, {PARAM: ids_value(asked, dialect)}).scalars().all()
            assert sorted(got) == sorted(set(asked) & set(IDS))
    engine.dispose()


def test_store_id_lists_select_the_listed_ids_on_sqlite(tmp_path) -> None:
    _check(f"sqlite:///{tmp_path / 'ids.db'}")


def test_store_id_lists_select_the_listed_ids_on_postgresql(pg_database: Callable[[str], str]) -> None:
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'aimaq[postgres]')")
    _check(pg_database("aimaq_test_id_lists"))
