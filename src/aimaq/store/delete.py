"""Deleting one stored document (the API's DELETE /api/documents/{id}, and re-extraction).

What goes: the document's rows (sources, sentences, mentions, regions, amounts, LSH keys, search index),
its facts and their evidence. A translation pair it belongs to is dropped after its shared facts are split
again (``pairs.split_facts``), so the partner keeps its own facts. A cluster it belonged to keeps its other
members, with a new representative. What the deletion leaves without a pair (the partner, the cluster's
new representative) is paired anew among the stored documents, as ingest would, under an ingest run of
its own (paths ``["delete:ID"]``), all in the one transaction. Canonical entities stay: a link between two
names records that they translate each other.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, delete, func, insert, or_, select, text, update

from aimaq.store import translation_pairs as pairs
from aimaq.store.dedup import representative
from aimaq.store.load import load_documents
from aimaq.store.runs import insert_run
from aimaq.store.schema import (
    AmountRow,
    Cluster,
    DocumentRow,
    FactEvidence,
    FactRow,
    IngestRun,
    LshKey,
    MentionRow,
    PairingKey,
    PairingSummary,
    PairRow,
    RegionRow,
    SentenceRow,
    ShingleSet,
    SourceRow,
    Unsettled,
)


def _unpair(conn: Connection, doc_id: str) -> list[str]:
    """Drop the pair holding ``doc_id`` (its facts split again); the partner left alone."""
    partners = []
    for kk_id, ru_id in conn.execute(select(PairRow.kk_id, PairRow.ru_id).where(
            or_(PairRow.kk_id == doc_id, PairRow.ru_id == doc_id))).all():
        pairs.split_facts(conn, kk_id, ru_id)
        conn.execute(delete(PairRow).where(PairRow.kk_id == kk_id))
        partners.append(ru_id if kk_id == doc_id else kk_id)
    return partners


def _recluster(conn: Connection, doc_id: str, cluster_id: str) -> str | None:
    """Take ``doc_id`` out of its cluster; the others stay together under the smallest id left. The
    cluster's representative now (None when no member is left)."""
    conn.execute(delete(Cluster).where(Cluster.id == cluster_id))
    members = conn.execute(select(DocumentRow.id, DocumentRow.date, func.length(DocumentRow.text)).where(
        DocumentRow.cluster_id == cluster_id, DocumentRow.id != doc_id)).all()
    if not members:
        return None
    new_id = min(m[0] for m in members)
    chosen = representative([tuple(m) for m in members])
    conn.execute(update(DocumentRow).where(DocumentRow.id.in_([m[0] for m in members])).values(cluster_id=new_id))
    conn.execute(insert(Cluster).values(id=new_id, representative_id=chosen, size=len(members)))
    return chosen


def _pair_again(conn: Connection, doc_id: str, alone: list[str]) -> None:
    """Pair the unpaired representatives among ``alone`` anew, under an ingest run named for the deletion."""
    pair_documents = pairs.pairer()
    reps = set(conn.execute(select(Cluster.representative_id).where(Cluster.representative_id.in_(alone))).scalars())
    paired = {doc for row in pairs.pairs_holding(conn, alone) for doc in (row.kk_id, row.ru_id)}
    wanted = sorted(reps - paired)
    if not wanted:
        return
    run_id = insert_run(conn, [f"delete:{doc_id}"], status="done")
    outcome = pairs.pair_new(conn, load_documents(conn, wanted), run_id, pair_documents)
    conn.execute(update(IngestRun).where(IngestRun.id == run_id).values(pairs=outcome.pairs))


def delete_document(engine: Engine, doc_id: str) -> bool:
    """Delete the document ``doc_id`` and what hangs on it; False when there is no such document."""
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        cluster_id = conn.execute(select(DocumentRow.cluster_id).where(DocumentRow.id == doc_id)).scalar()
        if cluster_id is None:
            return False
        alone = _unpair(conn, doc_id)
        own = select(FactRow.id).where(FactRow.origin_doc_id == doc_id)
        conn.execute(delete(FactEvidence).where(or_(FactEvidence.doc_id == doc_id, FactEvidence.fact_id.in_(own))))
        conn.execute(update(FactRow).where(FactRow.merged_into.in_(own)).values(merged_into=None))
        conn.execute(delete(FactRow).where(FactRow.origin_doc_id == doc_id))
        for model in (AmountRow, MentionRow, RegionRow, SentenceRow, SourceRow, LshKey, ShingleSet, PairingKey,
                      PairingSummary, Unsettled):
            conn.execute(delete(model).where(model.doc_id == doc_id))
        if conn.dialect.name == "sqlite":
            conn.execute(text("DELETE FROM documents_fts WHERE doc_id = :d"), {"d": doc_id})
        successor = _recluster(conn, doc_id, cluster_id)
        conn.execute(delete(DocumentRow).where(DocumentRow.id == doc_id))
        _pair_again(conn, doc_id, [*alone, *([successor] if successor else [])])
    return True
