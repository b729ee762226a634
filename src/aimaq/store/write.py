"""Writing one extracted document and everything found in it: the only place that inserts document rows."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, insert, select, text

from aimaq.records import Document, Fact, Mention, RawDocument
from aimaq.store import search_keys, search_vector
from aimaq.store.schema import (
    AmountRow,
    DocumentRow,
    Entity,
    FactEvidence,
    FactRow,
    MentionRow,
    RegionRow,
    SentenceRow,
    SourceRow,
)
from aimaq.store.tags import document_tags
from aimaq.text.fold import fold_letters
from aimaq.text.names import person_key
from aimaq.text.tokens import sentence_before

ENTITY_TYPES = ("PER", "ORG")
MAX_ENTITY_ID = 300
_WORD = re.compile(r"[^\W_]+")
FTS_INSERT = "INSERT INTO documents_fts (doc_id, keys, tags) VALUES (:d, :k, :t)"  # SQLite's full-text row


def raw_hash(raw: RawDocument) -> str:
    """Hash of what a reader produced: the same file read again has the same hash."""
    return hashlib.sha256(raw.text.encode("utf-8")).hexdigest()


def parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def entity_id(m: Mention) -> str | None:
    """The canonical id of a person or organisation mention; spelling-independent across kk and ru."""
    name = m.norm or m.text
    if m.type == "PER":
        key = person_key(name)
    elif m.type == "ORG":
        key = " ".join(_WORD.findall(fold_letters(name)))
    else:
        return None
    return f"{m.type}:{key}"[:MAX_ENTITY_ID] if key else None


def sentence_index(doc: Document, offset: int) -> int:
    """The index of the sentence holding ``offset`` (the last one starting at or before it)."""
    return max(0, sentence_before(doc.sentences, offset))


@dataclass(frozen=True)
class DocumentRows:
    """The rows ``write_document`` writes for one new document, computed without a database (its facts' ids
    are the database's: ``evidence[i]`` is the evidence row of ``facts[i]``, without its ``fact_id``)."""

    document: dict[str, Any]  # the documents row, without PostgreSQL's search_vector (see ``keys``, ``tags``)
    keys: str  # the document's search keys (``document['search_keys']``)
    tags: str  # its filter tags (``aimaq.store.tags.document_tags``): FTS5's tags column, search_vector's tags
    source: dict[str, Any]  # its sources row
    sentences: list[dict[str, Any]]
    entities: dict[str, dict[str, Any]]  # entity id -> entities row, for every entity its mentions name
    mentions: list[dict[str, Any]]
    regions: list[dict[str, Any]]
    amounts: list[dict[str, Any]]
    facts: list[dict[str, Any]]
    evidence: list[dict[str, Any]]


def document_rows(doc: Document, raw: RawDocument, run_id: int) -> DocumentRows:
    """The rows of a new document (``write_document`` writes them): search keys, tags and every table's rows."""
    sentence_keys = [search_keys.text_keys(doc.text[s.start : s.end], s.lang) for s in doc.sentences]
    # from version 2 the title is the text's first paragraph, so its sentence keys hold it already
    title_keys = search_keys.text_keys(doc.title or "", doc.lang) if doc.schema_version < 2 else []
    all_keys = search_keys.joined(title_keys + [k for ks in sentence_keys for k in ks])
    digest = raw_hash(raw)
    day = parse_date(doc.date)
    tags = document_tags([r.code for r in doc.regions], day)
    row = dict(
        id=doc.id, lang=doc.lang, date=day, title=doc.title, text=doc.text, raw_text=raw.text,
        raw_hash=digest, source=doc.source, url=raw.url, format=raw.format, cluster_id=doc.id,
        search_keys=all_keys, schema_version=doc.schema_version, run_id=run_id, main_region=doc.main_region,
    )
    sentences = [
        {"doc_id": doc.id, "idx": i, "start": s.start, "end": s.end, "lang": s.lang,
         "search_keys": search_keys.joined(ks)}
        for i, (s, ks) in enumerate(zip(doc.sentences, sentence_keys, strict=True))
    ]
    ids = [entity_id(m) for m in doc.mentions]
    wanted = {i: m for i, m in zip(ids, doc.mentions, strict=True) if i}
    mentions = [
        {"doc_id": doc.id, "idx": i, "type": m.type, "start": m.start, "end": m.end, "text": m.text,
         "norm": m.norm, "role": m.role, "entity_id": ids[i]}
        for i, m in enumerate(doc.mentions)
    ]
    facts, evidence = fact_rows(doc, range(len(doc.facts)))
    return DocumentRows(
        document=row, keys=all_keys, tags=tags,
        source={"doc_id": doc.id, "source": doc.source, "raw_hash": digest, "run_id": run_id},
        sentences=sentences,
        entities={i: {"id": i, "type": m.type, "name": m.norm or m.text} for i, m in wanted.items()},
        mentions=mentions,
        regions=[{"doc_id": doc.id, "code": r.code, "count": r.count} for r in doc.regions],
        amounts=_amount_rows(doc), facts=facts, evidence=evidence,
    )


def write_document(conn: Connection, doc: Document, raw: RawDocument, run_id: int) -> None:
    """Insert a new document (not yet stored) with its sentences, mentions, regions, amounts and facts."""
    write_documents(conn, [(doc, raw)], run_id)


def write_documents(conn: Connection, items: Sequence[tuple[Document, RawDocument]], run_id: int) -> None:
    """Insert new documents (not yet stored, distinct ids) with their rows: one statement per table for all of
    them, rows in the order of the documents (facts get their ids from the database, in that order)."""
    batch = [document_rows(doc, raw, run_id) for doc, raw in items]
    if not batch:
        return
    if conn.dialect.name == "postgresql":  # the full-text column: keys and filter tags
        conn.execute(insert(search_vector.DOCUMENTS).values(search_vector=search_vector.VECTOR_PARAMETERS),
                     [{**r.document, **search_vector.parameters(r.keys, r.tags)} for r in batch])
    else:
        conn.execute(insert(DocumentRow), [r.document for r in batch])
    conn.execute(insert(SourceRow), [r.source for r in batch])
    entities = {i: row for r in batch for i, row in r.entities.items()}
    if entities:
        have = set(conn.execute(select(Entity.id).where(Entity.id.in_(list(entities)))).scalars())
        missing = [row for i, row in entities.items() if i not in have]
        if missing:
            conn.execute(insert(Entity), missing)
    for model, rows in ((SentenceRow, [x for r in batch for x in r.sentences]),
                        (MentionRow, [x for r in batch for x in r.mentions]),
                        (RegionRow, [x for r in batch for x in r.regions]),
                        (AmountRow, [x for r in batch for x in r.amounts])):
        if rows:
            conn.execute(insert(model), rows)
    _insert_facts(conn, [x for r in batch for x in r.facts], [x for r in batch for x in r.evidence])
    if conn.dialect.name == "sqlite":
        conn.execute(text(FTS_INSERT), [{"d": r.document["id"], "k": r.keys, "t": r.tags} for r in batch])


def add_source(conn: Connection, doc_id: str, source: str, digest: str, run_id: int) -> bool:
    """Record that ``doc_id`` was read from ``source``; False when that was already known."""
    known = conn.execute(
        select(SourceRow.id).where(SourceRow.doc_id == doc_id, SourceRow.source == source)
    ).first()
    if known:
        return False
    conn.execute(insert(SourceRow).values(doc_id=doc_id, source=source, raw_hash=digest, run_id=run_id))
    return True


def _amount_rows(doc: Document) -> list[dict[str, Any]]:
    return [
        {"doc_id": doc.id, "idx": i, "kind": a.kind, "value": a.value, "value_max": a.value_max,
         "qualifier": a.qualifier, "currency": a.currency, "unit": a.unit, "text": a.text, "start": a.start,
         "end": a.end, "rule": a.rule}
        for i, a in enumerate(doc.amounts)
    ]


def fact_values(f: Fact, day: date | None) -> dict[str, object]:
    return {
        "type": f.type, "value": f.value, "value_before": f.value_before, "currency": f.currency, "unit": f.unit,
        "region": f.region, "period_start": f.period.start if f.period else None,
        "period_end": f.period.end if f.period else None, "subject": f.subject, "date": day, "rule": f.rule,
    }


def fact_rows(doc: Document, indexes: Sequence[int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The facts rows of ``doc`` at ``indexes`` and, in the same order, their evidence rows without ``fact_id``."""
    day = parse_date(doc.date)
    rows = [{"origin_doc_id": doc.id, "origin_idx": i, **fact_values(doc.facts[i], day)} for i in indexes]
    evidence = []
    for i in indexes:
        span = doc.facts[i].evidence
        evidence.append({"doc_id": doc.id, "sentence_idx": sentence_index(doc, span.start), "lang": doc.lang,
                         "start": span.start, "end": span.end})
    return rows, evidence


def _insert_facts(conn: Connection, rows: list[dict[str, Any]], evidence: list[dict[str, Any]]) -> None:
    if not rows:
        return
    # Each new row's id is found by its unique (document, index), not by the order of the rows returned: asking
    # for that order makes SQLAlchemy insert one row per statement on SQLite, which cannot promise it.
    returned = conn.execute(insert(FactRow).returning(FactRow.id, FactRow.origin_doc_id, FactRow.origin_idx), rows)
    ids = {(doc_id, idx): fact_id for fact_id, doc_id, idx in returned}
    conn.execute(insert(FactEvidence), [{"fact_id": ids[row["origin_doc_id"], row["origin_idx"]], **ev}
                                        for row, ev in zip(rows, evidence, strict=True)])
