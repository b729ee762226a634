"""The store: `aimaq ingest` of the hand-checked corpus and the shared samples into a temporary SQLite file;
idempotence, bad input, run reports, --db resolution, and migrations that build exactly the models."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from aimaq.cli import main
from aimaq.ingest.collection import INGEST_THRESHOLDS
from aimaq.ingest.run import ingest
from aimaq.pipeline import extract_stream
from aimaq.records import Document
from aimaq.stages.read import iter_documents
from aimaq.store import translation_pairs
from aimaq.store.engine import open_store
from aimaq.store.schema import TABLES, Base, FactEvidence, FactRow, IngestRun, PairRow, RunErrorRow
from aimaq.store.url import redact, resolve_url

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
SAMPLES = ROOT.parent / "shared" / "samples"
COUNTED = ("documents", "sentences", "mentions", "amounts", "facts", "fact_evidence", "sources", "pairs",
           "clusters", "lsh_keys", "entities", "document_regions")


def _files() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    return files + (sorted(SAMPLES.glob("*.txt")) if SAMPLES.is_dir() else [])


def _counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        counts = {t: conn.execute(select(func.count()).select_from(TABLES[t])).scalar_one() for t in COUNTED}
        counts["facts listed"] = conn.execute(select(func.count()).select_from(FactRow).where(
            FactRow.merged_into.is_(None))).scalar_one()
    return counts


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory):
    engine = open_store(str(tmp_path_factory.mktemp("store") / "corpus.db"))
    report = ingest([str(p) for p in _files()], engine=engine, batch_size=7)
    return engine, report


def test_store_ingest_counts_every_document_once(stored) -> None:
    engine, report = stored
    n = len(_files())
    assert (report.read, report.new, report.unchanged, len(report.errors)) == (n, n, 0, 0)
    assert report.duplicates == 2  # 010 re-posts 009, 026 re-posts 025
    counts = _counts(engine)
    assert counts["documents"] == n and counts["sources"] == n
    assert counts["facts listed"] == report.facts
    assert counts["clusters"] == n - 2


def test_store_ingest_twice_adds_nothing(stored) -> None:
    engine, _ = stored
    before = _counts(engine)
    again = ingest([str(p) for p in _files()], engine=engine)
    assert (again.new, again.unchanged, again.facts, again.pairs) == (0, len(_files()), 0, 0)
    assert _counts(engine) == before


def test_store_ingest_records_the_run(stored) -> None:
    engine, report = stored
    with engine.connect() as conn:
        run = conn.execute(select(IngestRun.__table__).where(IngestRun.id == report.run_id)).one()
    assert run.status == "done" and run.finished_at is not None
    assert (run.read, run.new, run.facts) == (report.read, report.new, report.facts)
    assert json.loads(run.paths)[0].endswith("001_kk_aktobe_investment.txt")


def _pair_names(engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT k.source, r.source FROM pairs p JOIN documents k ON k.id = p.kk_id JOIN documents r ON r.id = p.ru_id"
        )).all()
    return {(Path(a).name, Path(b).name) for a, b in rows}


def test_store_ingest_pairs_the_translations(stored) -> None:
    engine, report = stored
    expected = {tuple(p) for p in json.loads((CORPUS / "pairs.json").read_text(encoding="utf-8"))["translations"]}
    found = {p for p in _pair_names(engine) if p[0][:3].isdigit() and (CORPUS / p[0]).exists()}
    assert found == expected
    assert report.pairs == len(_pair_names(engine))


def test_store_ingest_merges_a_fact_stated_in_both_languages(stored) -> None:
    """Release 000 (kk) / 001 (ru): 5 -> 12 enterprises is one fact with a kk and a ru evidence sentence."""
    if not SAMPLES.is_dir():
        pytest.skip("needs ../shared/samples")
    engine, _ = stored
    with engine.connect() as conn:
        facts = conn.execute(select(FactRow.id).where(
            FactRow.type == "enterprises", FactRow.value == 12, FactRow.value_before == 5,
            FactRow.merged_into.is_(None))).scalars().all()
        assert len(facts) == 1
        evidence = conn.execute(text(
            "SELECT e.lang, d.source, substr(d.text, e.start + 1, e.\"end\" - e.start) FROM fact_evidence e "
            "JOIN documents d ON d.id = e.doc_id WHERE e.fact_id = :f ORDER BY e.lang"), {"f": facts[0]}).all()
    assert [(lang, Path(src).name[:3]) for lang, src, _ in evidence] == [("kk", "000"), ("ru", "001")]
    assert "5 кәсіпорын" in evidence[0][2] and "5 предприятий" in evidence[1][2]


def test_store_ingest_every_fact_has_evidence_inside_its_document(stored) -> None:
    engine, _ = stored
    with engine.connect() as conn:
        orphans = conn.execute(select(func.count()).select_from(FactRow).where(
            FactRow.merged_into.is_(None), ~FactRow.id.in_(select(FactEvidence.fact_id)))).scalar_one()
        bad = conn.execute(text(
            "SELECT count(*) FROM fact_evidence e JOIN documents d ON d.id = e.doc_id "
            "WHERE e.start < 0 OR e.\"end\" > length(d.text) OR e.start >= e.\"end\"")).scalar_one()
        pairs = conn.execute(select(func.count()).select_from(PairRow)).scalar_one()
        merged = conn.execute(text(
            "SELECT count(*) FROM (SELECT fact_id FROM fact_evidence GROUP BY fact_id HAVING count(*) = 2)")).scalar_one()
        marked = conn.execute(select(func.count()).select_from(FactRow).where(
            FactRow.merged_into.is_not(None))).scalar_one()
    assert (orphans, bad) == (0, 0)
    assert (merged > 0) == (pairs > 0) and marked == merged


def test_store_ingest_a_pairing_crash_costs_the_pairs_not_the_documents(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def broken(docs: list, **_options: object) -> list:
        calls.append(len(docs))
        raise RuntimeError("model missing")

    monkeypatch.setattr(translation_pairs, "pairer", lambda: broken)
    heard: list[str] = []
    engine = open_store(str(tmp_path / "x.db"))
    files = [str(p) for p in sorted(CORPUS.glob("*.txt"))]
    report = ingest(files, engine=engine, batch_size=5, on_error=heard.append)
    assert (report.new, report.pairs) == (len(files), 0) and len(calls) == 1  # no pairing after the crash
    assert report.errors == (("<pairing>", "pairing failed, no more pairs in this run (RuntimeError: model missing)"),)
    assert heard == ["<pairing>: pairing failed, no more pairs in this run (RuntimeError: model missing)"]
    with engine.connect() as conn:
        run = conn.execute(select(IngestRun.__table__).where(IngestRun.id == report.run_id)).one()
        stored = conn.execute(select(RunErrorRow.source, RunErrorRow.reason)).all()
    assert (run.errors, run.new, run.pairs) == (1, len(files), 0)
    assert [tuple(r) for r in stored] == list(report.errors)


def _write_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    good = folder / "good.txt"
    good.write_text("Павлодар облысында биыл 250 жаңа жұмыс орны ашылды. Бұл туралы облыс әкімдігі хабарлады.\n",
                    encoding="utf-8")
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    binary = folder / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 4)
    return {"good": good, "empty": empty, "binary": binary}


def test_store_ingest_cli_reports_bad_input_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    inputs = _write_inputs(tmp_path / "in")
    db, report_file = tmp_path / "x.db", tmp_path / "run.json"
    status = main(["ingest", "--db", str(db), "--report", str(report_file), "--no-progress", str(tmp_path / "in")])
    err = capsys.readouterr().err.splitlines()
    assert status == 1
    errors = [line for line in err if line.startswith("aimaq: error: ")]
    assert sorted(line.split(": ")[2] for line in errors) == sorted([str(inputs["empty"]), str(inputs["binary"])])
    assert err[-1].startswith("aimaq: ingest: 1 documents read, 1 new, 0 unchanged, 0 repeated, 0 duplicates, 0 pairs, ")
    assert "2 errors" in err[-1]
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert (report["read"], report["new"]) == (1, 1)
    assert sorted(e["source"] for e in report["errors"]) == sorted([str(inputs["empty"]), str(inputs["binary"])])
    assert main(["ingest", "--db", str(db), "--no-progress", str(inputs["good"])]) == 0
    assert "0 new, 1 unchanged" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("given", "env", "expected"),
    [
        ("corpus.db", {}, "sqlite:///{cwd}/corpus.db"),
        (None, {"AIMAQ_DB": "/data/a.db"}, "sqlite:////data/a.db"),
        (None, {}, "sqlite:///{cwd}/aimaq.db"),
        ("sqlite:///rel.db", {"AIMAQ_DB": "/x.db"}, "sqlite:///rel.db"),
        ("postgresql://u:pw@db.local/aimaq", {}, "postgresql+psycopg://u:pw@db.local/aimaq"),
        (None, {"AIMAQ_DB": "postgres://u@h/db"}, "postgresql+psycopg://u@h/db"),
    ],
)
def test_store_url_resolves_paths_urls_and_the_environment(given, env, expected) -> None:
    assert resolve_url(given, env) == expected.format(cwd=Path.cwd().resolve())


def test_store_url_redacts_passwords() -> None:
    assert redact("postgresql+psycopg://u:secret@h:5432/db") == "postgresql+psycopg://u:***@h:5432/db"


def test_store_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = open_store(str(tmp_path / "m.db"))

    def ours(obj, name, type_, reflected, compare_to) -> bool:
        return not (type_ == "table" and (name.startswith("documents_fts") or name == "alembic_version"))

    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_object": ours, "compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_store_ingest_a_copy_read_in_the_same_run_is_repeated_not_unchanged(tmp_path: Path) -> None:
    first = _files()[0]
    copies = [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"]
    for copy in copies:
        copy.write_bytes(first.read_bytes())
    engine = open_store(str(tmp_path / "fresh.db"))
    report = ingest([str(p) for p in copies], engine=engine, batch_size=2)  # one copy in the same batch, one in the next
    assert (report.read, report.new, report.unchanged, report.repeated) == (3, 1, 0, 2)
    assert "1 new, 0 unchanged, 2 repeated" in report.summary()
    again = ingest([str(copies[0])], engine=engine)
    assert (again.new, again.unchanged, again.repeated) == (0, 1, 0)


def _down_and_up(engine, revision: str) -> None:
    """Downgrade the store to ``revision`` and upgrade it to the head again, as an older store is migrated."""
    from alembic import command

    from aimaq.store.engine import _alembic_config

    config = _alembic_config()
    for step, target in ((command.downgrade, revision), (command.upgrade, "head")):
        with engine.connect() as conn, conn.begin():
            config.attributes["connection"] = conn
            step(config, target)


def test_store_ingest_migration_0006_indexes_stored_documents_as_settling_does(tmp_path: Path) -> None:
    """A store from before the anchor index (downgraded to 0005, upgraded again) gets for every stored kk and
    ru document the pairing keys that settling writes."""
    engine = open_store(str(tmp_path / "m.db"))
    ingest(sorted(str(p) for p in CORPUS.glob("*.txt"))[:8], engine=engine)
    query = text("SELECT key, doc_id, lang, day FROM pairing_keys ORDER BY key, doc_id")
    with engine.connect() as conn:
        settled = conn.execute(query).all()
    assert len({row[1] for row in settled}) >= 6
    _down_and_up(engine, "0005")
    with engine.connect() as conn:
        assert conn.execute(query).all() == settled


def test_store_ingest_migration_0008_hashes_the_shingles_of_stored_documents_as_placing_does(tmp_path: Path) -> None:
    """A store from before ``shingle_sets`` (downgraded to 0007, upgraded again) gets for every stored
    document the shingle hashes that placing it in its cluster writes."""
    engine = open_store(str(tmp_path / "m.db"))
    ingest(sorted(str(p) for p in CORPUS.glob("*.txt"))[:8], engine=engine)
    query = text("SELECT doc_id, hashes FROM shingle_sets ORDER BY doc_id")
    with engine.connect() as conn:
        placed = conn.execute(query).all()
        stored = conn.execute(text("SELECT count(*) FROM documents")).scalar()
    assert len(placed) == stored >= 8
    _down_and_up(engine, "0007")
    with engine.connect() as conn:
        assert conn.execute(query).all() == placed


def test_store_ingest_collects_cycles_less_often_and_restores_the_callers_thresholds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = gc.get_threshold()
    gc.set_threshold(900, 12, 11)  # a library user's own thresholds
    try:
        during: list[tuple[int, int, int]] = []
        files = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:3]]
        ingest(files, str(tmp_path / "a.db"), on_item=lambda: during.append(gc.get_threshold()))
        assert during and set(during) == {INGEST_THRESHOLDS}
        assert gc.get_threshold() == (900, 12, 11)

        def broken(docs: list, **_options: object) -> list:
            raise KeyboardInterrupt  # a run stopped mid-way

        monkeypatch.setattr(translation_pairs, "pairer", lambda: broken)
        with pytest.raises(KeyboardInterrupt):
            ingest(files, str(tmp_path / "b.db"))
        assert gc.get_threshold() == (900, 12, 11)
    finally:
        gc.set_threshold(*before)


def test_store_ingest_gives_each_fact_the_evidence_it_was_extracted_with(stored) -> None:
    """A batch's facts are inserted together: each fact row must still get its own evidence span (its document,
    its index there), not a neighbour's; a merged Russian fact's span sits with the Kazakh fact it joined."""
    engine, _ = stored
    extracted = {d.id: d for d in extract_stream(iter_documents([str(p) for p in _files()]))
                 if isinstance(d, Document)}
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT f.origin_doc_id, f.origin_idx, f.type, f.value, e.start, e.\"end\" FROM facts f "
            "JOIN fact_evidence e ON e.fact_id = coalesce(f.merged_into, f.id) AND e.doc_id = f.origin_doc_id")).all()
    stated = {r[0] for r in rows}  # (a re-post's facts are its release's: it stores none of its own)
    assert len(rows) == sum(len(extracted[d].facts) for d in stated) > 50
    for doc_id, idx, kind, value, start, end in rows:
        fact = extracted[doc_id].facts[idx]
        assert (kind, start, end) == (fact.type, fact.evidence.start, fact.evidence.end)
        assert value == pytest.approx(fact.value) if fact.value is not None else value is None


def test_store_ingest_hands_free_memory_back_after_each_batch(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from aimaq.ingest import collection, run

    assert collection.release_free_memory() is (collection._malloc_trim() is not None)
    settled: list[int] = []
    monkeypatch.setattr(run, "release_free_memory", lambda: settled.append(1) or True)
    files = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:5]]
    report = ingest(files, str(tmp_path / "a.db"), batch_size=2)
    assert report.new == 5 and len(settled) == 3  # batches of 2, 2 and 1
