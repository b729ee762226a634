"""Stored documents read back as the records extraction gave: pairing reads stored candidates this way, and
without their facts when it asks so."""

from __future__ import annotations

from dataclasses import replace

import pytest

from aimaq.pipeline import extract
from aimaq.records import RawDocument
from aimaq.store.engine import open_store
from aimaq.store.load import load_documents
from aimaq.store.runs import insert_run
from aimaq.store.write import write_documents


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, samples_dir):
    raws = [RawDocument(str(p), p.read_text(encoding="utf-8"), None, None, None, "text")
            for p in sorted(samples_dir.glob("*.txt"))]
    docs = [extract(raw) for raw in raws]
    engine = open_store(str(tmp_path_factory.mktemp("load") / "load.db"))
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        write_documents(conn, list(zip(docs, raws, strict=True)), insert_run(conn, ["samples"], status="done"))
    yield engine, docs
    engine.dispose()


def test_store_load_gives_back_the_extracted_documents(stored) -> None:
    engine, docs = stored
    with engine.connect() as conn:
        loaded = load_documents(conn, [d.id for d in reversed(docs)] + ["no-such-id"])
    assert [d.id for d in loaded] == [d.id for d in reversed(docs)]  # the order asked, unknown ids left out
    for doc, back in zip(reversed(docs), loaded, strict=True):
        assert back.facts and back == doc


def test_store_load_without_facts_leaves_only_the_facts_out(stored) -> None:
    engine, docs = stored
    with engine.connect() as conn:
        loaded = load_documents(conn, [d.id for d in docs], facts=False)
    assert loaded == [replace(d, facts=()) for d in docs]
