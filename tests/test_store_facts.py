"""`aimaq facts`: stored facts by region, type and date as CSV or JSON lines, each with its evidence sentence."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from aimaq.cli import main
from aimaq.ingest.run import ingest
from aimaq.store.query import safe_cell
from aimaq.web.app import create_app

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
FILES = ["001_kk_aktobe_investment.txt", "002_ru_aktobe_investment.txt", "009_ru_kostanay_hearings.txt",
         "010_ru_kostanay_hearings_repost.txt"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("facts") / "f.db")
    ingest([str(CORPUS / f) for f in FILES], path)
    return path


def _csv(capsys: pytest.CaptureFixture, *args: str) -> list[dict[str, str]]:
    assert main(["facts", *args]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def _expected(name: str) -> list[dict]:
    return json.loads((CORPUS / "expected" / name.replace(".txt", ".json")).read_text(encoding="utf-8"))["facts"]


def test_store_facts_csv_carries_the_evidence_sentence(db: str, capsys: pytest.CaptureFixture) -> None:
    rows = _csv(capsys, "--db", db, "--region", "KZ-15")
    assert rows and all(r["region"] == "KZ-15" and r["evidence"] for r in rows)
    found = 0
    for fact in _expected(FILES[0]):
        same = [r for r in rows if r["type"] == fact["type"] and r["value"] == str(fact["value"])]
        found += any(fact["evidence_contains"] in r["evidence_kk"] for r in same)
    assert found >= 4  # most of the analyst's facts of 001, each with its Kazakh sentence


def test_store_facts_csv_merges_a_release_and_its_translation(db: str, capsys: pytest.CaptureFixture) -> None:
    rows = _csv(capsys, "--db", db, "--type", "enterprises", "--region", "KZ-15")
    merged = [r for r in rows if r["value"] == "118" and r["value_before"] == "57"]
    assert len(merged) == 1 and merged[0]["langs"] == "kk+ru"
    assert "57-ден 118-ге дейін" in merged[0]["evidence_kk"] and "с 57 до 118" in merged[0]["evidence_ru"]


@pytest.mark.parametrize(
    ("args", "regions", "dates"),
    [
        (["--since", "2023-01-01"], {"KZ-15"}, {"2023-04-12"}),
        (["--until", "2022-12-31"], {"KZ-39"}, {"2022-06-15"}),
        (["--region", "KZ-39", "--type", "events"], {"KZ-39"}, {"2022-06-15"}),
    ],
)
def test_store_facts_filters(db: str, capsys: pytest.CaptureFixture, args: list[str], regions: set[str],
                             dates: set[str]) -> None:
    rows = _csv(capsys, "--db", db, *args)
    assert rows and {r["region"] for r in rows} == regions and {r["date"] for r in rows} == dates


def test_store_facts_a_repost_counts_once(db: str, capsys: pytest.CaptureFixture) -> None:
    once = _csv(capsys, "--db", db, "--region", "KZ-39")
    every = _csv(capsys, "--db", db, "--region", "KZ-39", "--all")
    assert len(every) == 2 * len(once) > 0
    assert all("010_" not in r["sources"] for r in once)


def test_store_facts_jsonl_evidence_slices_the_document(db: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["facts", "--db", db, "--format", "jsonl", "--type", "investment"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and {r["type"] for r in records} == {"investment"}
    source = {Path(p).name: Path(p).read_text(encoding="utf-8") for p in (CORPUS / f for f in FILES)}
    for r in records:
        for e in r["evidence"]:
            assert e["text"] and e["text"].split()[0] in source[Path(e["source"]).name]
            assert e["end"] > e["start"] and e["lang"] in ("kk", "ru")
    assert any(r["value"] == 412500000000 and r["currency"] == "KZT" for r in records)


def test_store_facts_jsonl_record_is_the_api_record(db: str, capsys: pytest.CaptureFixture) -> None:
    """A fact read with `aimaq facts` and from /api/facts/{id} is the same record, field for field."""
    assert main(["facts", "--db", db, "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    client = TestClient(create_app(db, token=None))
    assert records and all(client.get(f"/api/facts/{r['id']}").json() == r for r in records)
    assert any(r["rule"] and r["evidence"][0]["title"] is not None for r in records)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+7 701", "'+7 701"), ("-1", "'-1"), ("@x", "'@x"), ("Ақтөбе", "Ақтөбе"), (12, 12)],
)
def test_store_facts_csv_cells_cannot_run_as_formulas(cell, expected) -> None:
    assert safe_cell(cell) == expected
