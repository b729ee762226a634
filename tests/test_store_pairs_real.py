"""The store pairs real kk/ru releases (../shared/data/real-releases, third-party text read from ../shared)
when they arrive a few at a time: a release's translation is then a stored document, found through the
anchor index (``aimaq.store.pair_candidates``), dated within three days or on one side only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aimaq.ingest.run import ingest
from aimaq.store.engine import open_store

RELEASES = Path(__file__).resolve().parents[2] / "shared" / "data" / "real-releases"


@pytest.mark.parametrize("batch", [1, 3])  # one a batch: every pair is found through the store
def test_store_pairs_real_releases_ingested_a_few_at_a_time(tmp_path: Path, batch: int) -> None:
    if not RELEASES.is_dir():
        pytest.skip("../shared/data/real-releases is not beside the project")
    listed = {(p["kk"], p["ru"]) for listing in sorted(RELEASES.glob("pairs-*.json"))
              for p in json.loads(listing.read_text(encoding="utf-8"))}
    engine = open_store(str(tmp_path / "real.db"))
    report = ingest(sorted(str(p) for p in RELEASES.glob("*.txt")), engine=engine, batch_size=batch)
    with engine.connect() as conn:
        stored = {(Path(kk).name, Path(ru).name) for kk, ru in conn.exec_driver_sql(
            "SELECT k.source, r.source FROM pairs p JOIN documents k ON k.id = p.kk_id "
            "JOIN documents r ON r.id = p.ru_id")}
    assert len(listed) == 10 and stored == listed
    assert report.pairs == len(listed) and not report.errors


def _stored_pairs(engine) -> set[tuple[str, str]]:
    with engine.connect() as conn:
        return {(Path(kk).name, Path(ru).name) for kk, ru in conn.exec_driver_sql(
            "SELECT k.source, r.source FROM pairs p JOIN documents k ON k.id = p.kk_id "
            "JOIN documents r ON r.id = p.ru_id")}


def test_store_pairs_real_releases_stored_without_summaries(tmp_path: Path) -> None:
    """Stored candidates are scored on their summaries (``pairing_summaries``, one per settled kk or ru
    document); those of a store written before summaries were kept have none and are read from their text:
    both find the listed pairs."""
    if not RELEASES.is_dir():
        pytest.skip("../shared/data/real-releases is not beside the project")
    files = sorted(str(p) for p in RELEASES.glob("*.txt"))
    with_summaries, without = open_store(str(tmp_path / "with.db")), open_store(str(tmp_path / "without.db"))
    for engine in (with_summaries, without):
        ingest(files[::2], engine=engine, batch_size=5)
    with with_summaries.connect() as conn:
        settled = conn.exec_driver_sql("SELECT count(*) FROM documents WHERE lang IN ('kk', 'ru')").scalar()
        assert conn.exec_driver_sql("SELECT count(*) FROM pairing_summaries").scalar() == settled > 0
    with without.connect() as conn, conn.begin():
        conn.exec_driver_sql("DELETE FROM pairing_summaries")
    for engine in (with_summaries, without):
        ingest(files[1::2], engine=engine, batch_size=5)
    listed = {(p["kk"], p["ru"]) for listing in sorted(RELEASES.glob("pairs-*.json"))
              for p in json.loads(listing.read_text(encoding="utf-8"))}
    assert _stored_pairs(with_summaries) == _stored_pairs(without) == listed
