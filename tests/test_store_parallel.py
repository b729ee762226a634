"""Parallel and distributed ingest end with the store a single-process ingest makes: a local process pool
into SQLite, and a real Dask LocalCluster into PostgreSQL with one worker killed mid-run (its batch is run
again elsewhere and written once). The corpus: our hand-written releases, invented ones from
``aimaq.synth`` (translations and re-posts), one file given twice and one that cannot be read."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from aimaq.errors import ParallelError
from aimaq.ingest import workers as workers_module
from aimaq.ingest.run import IngestReport, ingest
from aimaq.ingest.workers import extractor
from aimaq.store.engine import open_store
from aimaq.synth import Options, generate

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
BATCH = 6
HAS_PG = importlib.util.find_spec("psycopg") is not None


def _plain(value: object) -> object:
    """A column value as both SQLite and PostgreSQL give it back (dates as ISO text, floats rounded)."""
    if isinstance(value, float):
        return round(value, 6)
    return value if value is None or isinstance(value, (str, int)) else str(value)


def snapshot(engine: Engine) -> dict[str, list]:
    """What an ingest decides, without row ids and timestamps: documents and their clusters, sources, facts
    with their evidence (a merged fact has two), pairs, clusters, sentences and LSH keys."""
    with engine.connect() as conn:
        rows = lambda sql: sorted((tuple(map(_plain, r)) for r in conn.execute(text(sql))), key=repr)  # noqa: E731
        evidence: dict[int, list[str]] = {}
        for fact_id, doc_id, idx, start in conn.execute(
                text("SELECT fact_id, doc_id, sentence_idx, start FROM fact_evidence")):
            evidence.setdefault(fact_id, []).append(f"{doc_id}:{idx}:{start}")
        facts = [(f.type, _plain(f.value), _plain(f.value_before), f.currency, f.unit, f.region,
                  _plain(f.period_start), _plain(f.period_end), f.subject, _plain(f.date), f.origin_doc_id,
                  f.merged_into is not None,
                  tuple(sorted(evidence.get(f.id, []))))
                 for f in conn.execute(text("SELECT * FROM facts"))]
        return {
            "documents": rows("SELECT id, lang, date, cluster_id FROM documents"),
            "sources": rows("SELECT doc_id, source, raw_hash FROM sources"),
            "facts": sorted(facts, key=repr),
            "pairs": rows("SELECT kk_id, ru_id, score FROM pairs"),
            "clusters": rows("SELECT id, representative_id, size FROM clusters"),
            "sentences": rows("SELECT doc_id, idx, start, \"end\" FROM sentences"),
            "lsh": rows("SELECT key, doc_id FROM lsh_keys"),
        }


def _outcome(report: IngestReport) -> tuple:
    return (report.read, report.new, report.unchanged, report.repeated, report.duplicates, report.pairs, report.facts,
            len(report.errors))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("parallel")
    synth = folder / "synth.jsonl"
    with synth.open("w", encoding="utf-8") as out:
        for record in generate(Options(docs=24, seed=5, pair_share=0.6, repost_share=0.3)):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    texts = sorted(CORPUS.glob("*.txt"))
    # raw texts given again: in the next batch (still being extracted when a pool plans it) and in the same
    copies = [folder / "again_next_batch.txt", folder / "again_same_batch.txt"]
    copies[0].write_bytes(texts[len(texts) - 1 - BATCH // 2].read_bytes())
    copies[1].write_bytes(texts[-1].read_bytes())
    (folder / "broken.jsonl").write_text('{"text": \n', encoding="utf-8")  # one read error
    return [str(f) for f in texts + copies] + [str(synth), str(folder / "broken.jsonl")]


@pytest.fixture(scope="module")
def single(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> tuple[IngestReport, dict]:
    engine = open_store(str(tmp_path_factory.mktemp("single") / "single.db"))
    report = ingest(corpus, engine=engine, batch_size=BATCH)
    return report, snapshot(engine)


def test_store_parallel_corpus_covers_pairs_duplicates_and_errors(single) -> None:
    report, snap = single
    assert report.read == len(list(CORPUS.glob("*.txt"))) + 2 + 24
    assert report.unchanged == 0 and report.repeated >= 2 and len(report.errors) == 1  # a fresh store
    assert report.duplicates >= 2 and report.pairs >= 5 and len(snap["facts"]) > 100


@pytest.mark.parametrize("ahead", [True, False], ids=["verifying-ahead", "settling-verifies"])
def test_store_parallel_pool_equals_a_single_process(corpus: list[str], single, tmp_path: Path, ahead: bool,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Whether the workers verify pairs ahead of settling (on a machine with a core to spare) or settling
    verifies them all (when the workers take every core), the store is the one a single process makes."""
    monkeypatch.setattr(workers_module, "ahead_pays", lambda workers, cores: ahead)
    engine = open_store(str(tmp_path / "pool.db"))
    seen: list[str] = []
    report = ingest(corpus, engine=engine, batch_size=BATCH, workers=2, on_error=seen.append)
    assert _outcome(report) == _outcome(single[0])
    assert snapshot(engine) == single[1]
    assert len(seen) == 1 and "broken.jsonl" in seen[0]
    again = ingest(corpus, engine=engine, batch_size=BATCH, workers=2)
    assert (again.new, again.unchanged) == (0, report.read) and snapshot(engine) == single[1]


@pytest.mark.parametrize("workers", [0, -2])
def test_store_parallel_refuses_fewer_than_one_worker(workers: int) -> None:
    with pytest.raises(ParallelError, match="at least 1"):
        extractor(workers)


def _kill_a_busy_worker(cluster, client, killed: list[str]) -> None:
    """SIGKILL the process of a worker that is extracting a batch right now (once)."""
    if killed:
        return
    busy = [address for address, keys in client.processing().items() if keys]
    for nanny in cluster.workers.values():
        if nanny.worker_address in busy and nanny.process is not None and nanny.process.pid:
            killed.append(nanny.worker_address)
            os.kill(nanny.process.pid, signal.SIGKILL)
            return


@pytest.mark.skipif(not HAS_PG, reason="psycopg is not installed (pip install 'aimaq[postgres]')")
def test_store_parallel_dask_with_a_lost_worker_equals_a_single_process(
        corpus: list[str], single, pg_database: Callable[[str], str]) -> None:
    distributed = pytest.importorskip("distributed", reason="Dask is not installed (pip install 'aimaq[dask]')")
    url = pg_database("aimaq_test_dask")
    killed: list[str] = []
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster, distributed.Client(cluster) as client:
        client.run(lambda: __import__("aimaq.pipeline").pipeline.extract_text("Ақтөбе облысы."))  # warm up
        lock = threading.Lock()

        def on_item() -> None:
            with lock:
                _kill_a_busy_worker(cluster, client, killed)

        report = ingest(corpus, url, batch_size=BATCH, scheduler=cluster.scheduler_address, on_item=on_item)
    assert killed, "no worker was busy when the first results arrived"
    assert _outcome(report) == _outcome(single[0])
    assert snapshot(open_store(url)) == single[1]


def test_store_parallel_cli_refuses_zero_workers(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from aimaq.cli import main

    db = tmp_path / "none.db"
    assert main(["ingest", "--db", str(db), "--no-progress", "--workers", "0", str(CORPUS)]) == 1
    assert capsys.readouterr().err.strip() == "aimaq: error: workers: --workers must be at least 1, not 0"


@pytest.mark.skipif(not HAS_PG, reason="psycopg is not installed (pip install 'aimaq[postgres]')")
def test_store_parallel_a_translation_written_at_the_same_moment_is_paired(
        pg_database: Callable[[str], str], tmp_path: Path) -> None:
    """Batches of one document, two workers writing to PostgreSQL at once: each kk release and its ru
    translation are extracted and written by different workers at the same time, neither sees the other
    while it writes, and settling pairs them as one process does."""
    listed = json.loads((CORPUS / "pairs.json").read_text(encoding="utf-8"))["translations"]
    files = [str(CORPUS / name) for pair in listed for name in pair]
    alone = open_store(str(tmp_path / "alone.db"))
    ingest(files, engine=alone, batch_size=1)
    url = pg_database("aimaq_test_same_moment")
    report = ingest(files, url, batch_size=1, workers=2)
    with open_store(url).connect() as conn:
        stored = {(Path(kk).name, Path(ru).name) for kk, ru in conn.execute(text(
            "SELECT k.source, r.source FROM pairs p JOIN documents k ON k.id = p.kk_id "
            "JOIN documents r ON r.id = p.ru_id"))}
        waiting = conn.execute(text("SELECT count(*) FROM unsettled")).scalar()
    assert stored == {tuple(pair) for pair in listed} and report.pairs == len(listed) and waiting == 0
    assert snapshot(open_store(url)) == snapshot(alone)
