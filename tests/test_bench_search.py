"""bench/bench_search.py on a tiny store: the table it returns names what was built and measured."""

from __future__ import annotations

import re
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def bench(bench_search):
    return bench_search


def test_bench_search_light_documents_slice_back_to_their_text(bench) -> None:
    from aimaq.synth import Options, generate

    records = list(generate(Options(docs=6, seed=3)))
    for i, rec in enumerate(records):
        doc = bench.light_document(rec, i)
        assert " ".join(doc.text[s.start : s.end] for s in doc.sentences) == rec["text"].replace("\n", " ")
        assert [f.type for f in doc.facts] == [t["type"] for t in rec["truth"]]


def test_bench_search_run_reports_every_query_and_filter(bench, tmp_path: Path) -> None:
    table = bench.run(sizes=(40,), base=3, repeat=1, workdir=tmp_path)
    rows = [line for line in table.splitlines() if re.match(r"\| [\d,]+ \| ", line)]
    assert len(rows) == len(bench.QUERIES) * len(bench.FILTERS)
    assert "The first 3 documents are extracted by the full pipeline" in table
    assert re.search(r"- 3\d documents \(3 fully extracted", table)  # a re-post may clean to its original


def test_bench_search_runs_on_postgresql(bench, tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("pg_config") is None and not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        probe = subprocess.run(["bash", str(bench.throwaway_pg.PG_START), str(tmp_path / "probe")], capture_output=True, text=True)
        subprocess.run(["bash", str(bench.throwaway_pg.PG_START), "--stop", str(tmp_path / "probe")], capture_output=True)
        if probe.returncode == 3:
            pytest.skip(probe.stderr.strip())
    table = bench.run(sizes=(30,), base=2, repeat=1, postgres=True)  # in /tmp: the server user must reach it
    assert table.startswith("## Search latency (PostgreSQL)")
    rows = [line for line in table.splitlines() if re.match(r"\| [\d,]+ \| ", line)]
    assert len(rows) == len(bench.QUERIES) * len(bench.FILTERS)
    assert all(int(row.split("|")[4]) > 0 for row in rows if "`предприятий`" in row and "| none |" in row)
