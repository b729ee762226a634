"""`aimaq export`: one file per store table; reading the Parquet files back gives the stored rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from aimaq.cli import main
from aimaq.errors import ExportError
from aimaq.ingest.run import ingest
from aimaq.store.dataset_export import TABLES, export_store
from aimaq.store.engine import open_store
from aimaq.store.schema import TABLES as STORE_TABLES

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
FILES = ["001_kk_aktobe_investment.txt", "002_ru_aktobe_investment.txt", "025_kk_abai_tourism.txt",
         "026_kk_abai_tourism_repost.txt"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("export") / "e.db")
    ingest([str(CORPUS / f) for f in FILES], path)
    return path


def _stored(db: str, name: str) -> list[dict]:
    table = STORE_TABLES[name]
    with open_store(db).connect() as conn:
        return [dict(r) for r in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()]


def _as_lists(rows: list[dict]) -> list[dict]:
    return [{**r, "sentences": json.loads(r["sentences"])} if "sentences" in r else r for r in rows]


@pytest.mark.parametrize("name", TABLES)
def test_store_export_parquet_round_trip_gives_the_stored_rows(db: str, tmp_path: Path, name: str) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    written = {e.table: e for e in export_store(open_store(db), tmp_path, "parquet", tables=[name], chunk=7,
                                                all_facts=True)}
    stored = _as_lists(_stored(db, name))
    assert written[name].rows == len(stored)
    assert pq.read_table(tmp_path / f"{name}.parquet").to_pylist() == stored


def test_store_export_the_store_has_rows_in_every_table(db: str) -> None:
    assert {name: len(_stored(db, name)) > 0 for name in TABLES} == dict.fromkeys(TABLES, True)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_store_export_text_formats_write_every_row(db: str, tmp_path: Path, fmt: str) -> None:
    export_store(open_store(db), tmp_path, fmt, all_facts=True)
    for name in TABLES:
        path = tmp_path / f"{name}.{fmt}"
        with path.open(encoding="utf-8", newline="") as stream:
            rows = [json.loads(line) for line in stream] if fmt == "jsonl" else list(csv.DictReader(stream))
        stored = _stored(db, name)
        assert len(rows) == len(stored)
        assert [str(r[c]) for r in rows for c in ("id", "doc_id") if c in r][:5] == \
               [str(r[c]) for r in stored for c in ("id", "doc_id") if c in r][:5]


def test_store_export_command_writes_the_folder(db: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    assert main(["export", "--db", db, "--format", "jsonl", "--tables", "facts,pairs", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["facts.jsonl", "pairs.jsonl"]
    assert "2 tables" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "tables", "message"), [("xml", TABLES, "unknown format"),
                                                         ("jsonl", ["lsh_keys"], "unknown table")])
def test_store_export_refuses_unknown_formats_and_tables(db: str, tmp_path: Path, fmt: str, tables, message) -> None:
    with pytest.raises(ExportError, match=message):
        export_store(open_store(db), tmp_path, fmt, tables)


def test_store_export_command_without_a_store_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["export", "--db", str(tmp_path / "none.db"), str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err.startswith("aimaq: error: ")


def test_store_export_facts_are_counted_once_by_default(db: str, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from aimaq.store.query import query_facts

    export_store(open_store(db), tmp_path, "parquet", tables=["facts", "fact_evidence"])
    facts = pq.read_table(tmp_path / "facts.parquet").to_pylist()
    counted = sorted(f.id for f in query_facts(open_store(db)))
    stored = _stored(db, "facts")
    assert any(f["merged_into"] is not None for f in stored) and len(stored) > len(counted)
    assert sorted(f["id"] for f in facts) == counted
    assert all(f["merged_into"] is None for f in facts)
    evidence = pq.read_table(tmp_path / "fact_evidence.parquet").to_pylist()
    assert {e["fact_id"] for e in evidence} == set(counted)
    assert main(["export", "--db", db, "--tables", "facts", "--all-facts", str(tmp_path / "all")]) == 0
    assert len(pq.read_table(tmp_path / "all" / "facts.parquet")) == len(stored)


def test_store_export_list_columns_are_lists(db: str, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    export_store(open_store(db), tmp_path, "parquet", tables=["pairs"])
    pa = pytest.importorskip("pyarrow")
    column = pq.read_table(tmp_path / "pairs.parquet").schema.field("sentences")
    assert pa.types.is_list(column.type) and pa.types.is_list(column.type.value_type)
    assert column.type.value_type.value_type == pa.int64()
    export_store(open_store(db), tmp_path, "jsonl", tables=["pairs"])
    pair = json.loads((tmp_path / "pairs.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert pair["sentences"][0] == [0, 0]
