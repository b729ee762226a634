"""Stored candidate translations: the representatives of the other language that share the most anchors with a
new document, dated within ``DATE_DAYS`` days of it or undated, found by range scans of the anchor index."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, update

from aimaq.corpus.index import document_keys
from aimaq.corpus.pairing_features import DATE_DAYS
from aimaq.records import Document, RawDocument, Sentence
from aimaq.store import pair_candidates
from aimaq.store.engine import open_store
from aimaq.store.runs import insert_run
from aimaq.store.schema import Cluster, DocumentRow
from aimaq.store.write import write_document

DAY = date(2024, 3, 10)


def _document(n: int, lang: Any, names: str, day: date | None) -> Document:
    text = f"{names} 2024 жылы 412,5 млрд теңге бөлді."
    return Document(id=f"{n:032x}", source=f"test/{n}", lang=lang, date=day.isoformat() if day else None,
                    title=None, text=text, sentences=(Sentence(0, len(text), lang),))


def _store(tmp_path: Path, docs: list[Document], representatives: set[str]) -> Engine:
    engine = open_store(str(tmp_path / "c.db"))
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        run_id = insert_run(conn, ["test"], status="done")
        for doc in docs:
            write_document(conn, doc, RawDocument(doc.source, doc.text, None, doc.date, None, "txt"), run_id)
            pair_candidates.write_keys(conn, document_keys(doc))
        first = docs[0].id  # the documents that are no representative are re-posts of the first
        conn.execute(insert(Cluster), [{"id": d.id, "representative_id": d.id, "size": 1} for d in docs
                                       if d.id in representatives])
        conn.execute(update(DocumentRow).where(DocumentRow.id.not_in(representatives)).values(cluster_id=first))
    return engine


def test_store_pair_candidates_near_in_date_or_undated_most_anchors_first(tmp_path: Path) -> None:
    stored = [
        _document(1, "ru", "Аскар Жумабеков Павлодар", DAY),  # every name
        _document(2, "ru", "Аскар", DAY + timedelta(days=DATE_DAYS)),  # one name, the last day in reach
        _document(3, "ru", "Аскар Жумабеков Павлодар", DAY + timedelta(days=DATE_DAYS + 1)),  # too late
        _document(4, "ru", "Аскар Жумабеков", None),  # undated: any day
        _document(5, "kk", "Аскар Жумабеков Павлодар", DAY),  # the same language
        _document(6, "ru", "Аскар Жумабеков Павлодар", DAY),  # a re-post, not a representative
    ]
    engine = _store(tmp_path, stored, {d.id for d in stored} - {stored[5].id})
    new = document_keys(_document(9, "kk", "Асқар Жұмабеков Павлодар", DAY))
    undated = document_keys(_document(10, "kk", "Асқар Жұмабеков Павлодар", None))
    with engine.connect() as conn:
        assert pair_candidates.candidates(conn, [new]) == [stored[0].id, stored[3].id, stored[1].id]
        assert pair_candidates.candidates(conn, [undated]) == [stored[0].id, stored[2].id, stored[3].id,
                                                               stored[1].id]
        assert pair_candidates.candidates(conn, [new], per_document=1) == [stored[0].id]


def test_store_pair_candidates_read_the_days_in_reach_through_the_index(tmp_path: Path) -> None:
    engine = _store(tmp_path, [_document(1, "ru", "Аскар", DAY)], {_document(1, "ru", "", DAY).id})
    near = pair_candidates._NEAR.compile(engine)
    with engine.connect() as conn:
        plan = " ".join(row[-1] for row in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + str(near).replace("__[POSTCOMPILE_keys]", "?"),
            (1, "kk", DAY, DAY, 1, "kk", 10, 0)))
    # a range of days of each anchor, and the undated rows: a frequent anchor's other days are not read
    assert "ix_pairing_keys_lookup (key=? AND lang=? AND day>? AND day<?)" in plan
    assert "ix_pairing_keys_lookup (key=? AND lang=? AND day=?)" in plan  # day IS NULL
    assert "(key=? AND lang=?)" not in plan
