"""The store's tables (SQLAlchemy 2 declarative models). Migrations under ``migrations/`` build exactly these.

A document is keyed by its id (a hash of the cleaned text), so the same content is stored once. A fact is
a logical fact: its evidence rows say which sentences of which documents state it; a fact stated in both
the Kazakh and the Russian version of a release has two. Search keys (lemmas of both languages) sit in
``documents.search_keys``; SQLite indexes them in the FTS5 table ``documents_fts`` (columns doc_id, keys, and
tags: regions and month, see ``aimaq.store.tags``), PostgreSQL in the tsvector column ``documents.search_vector``
(keys and the same tags, GIN-indexed; ``aimaq.store.search_vector``), which like ``documents_fts`` is not
part of these models.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DOC_ID = String(32)


class Base(DeclarativeBase):
    pass


class IngestRun(Base):
    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16))  # running | done | failed (a killed run stays running)
    paths: Mapped[str] = mapped_column(Text)  # JSON list of the paths given
    read: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    pairs: Mapped[int] = mapped_column(Integer, default=0)
    facts: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)


class RunErrorRow(Base):
    """One line of an ingest run's report: a source that could not be read or extracted, and why."""

    __tablename__ = "run_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingest_runs.id"), index=True)
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)


class Cluster(Base):
    """Near-duplicate documents (re-posts of one release); the id is the smallest member id."""

    __tablename__ = "clusters"

    id: Mapped[str] = mapped_column(DOC_ID, primary_key=True)
    representative_id: Mapped[str] = mapped_column(DOC_ID, index=True)
    size: Mapped[int] = mapped_column(Integer)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(DOC_ID, primary_key=True)
    lang: Mapped[str] = mapped_column(String(8), index=True)
    date: Mapped[date | None] = mapped_column(Date, index=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)  # cleaned text: every offset points into it
    raw_text: Mapped[str] = mapped_column(Text)
    raw_hash: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(Text)  # where it was first seen (every source: table sources)
    url: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    cluster_id: Mapped[str] = mapped_column(DOC_ID, index=True)
    search_keys: Mapped[str] = mapped_column(Text)
    schema_version: Mapped[int] = mapped_column(Integer)  # of the extraction: below the current one, `aimaq reextract`
    run_id: Mapped[int] = mapped_column(ForeignKey("ingest_runs.id"))
    main_region: Mapped[str | None] = mapped_column(String(8), index=True)  # null for version 1 and national stories


class ReextractRow(Base):
    """A stored document being extracted again (``aimaq reextract``): what its reader gave and every source it
    was read from, kept here from before the old version is deleted until the new one is written, so that a
    run killed in between finishes the document on the next run."""

    __tablename__ = "reextract_queue"

    doc_id: Mapped[str] = mapped_column(DOC_ID, primary_key=True)  # the old version's id
    source: Mapped[str] = mapped_column(Text)
    raw_text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[date | None] = mapped_column(Date)
    url: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    sources: Mapped[str] = mapped_column(Text)  # JSON [[source, raw hash], ...] of the old version


class SourceRow(Base):
    """Every place a document was read from (the same release re-crawled or given twice)."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("doc_id", "source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    source: Mapped[str] = mapped_column(Text)
    raw_hash: Mapped[str] = mapped_column(String(64), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingest_runs.id"))


class SentenceRow(Base):
    __tablename__ = "sentences"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    search_keys: Mapped[str] = mapped_column(Text)


class Entity(Base):
    """A canonical person or organisation; the id folds spelling ('PER:' + person_key).

    ``canonical_id``: the entity this one is counted under once a kk/ru pair showed that both name the
    same organisation (``aimaq.store.entity_groups``); null while it stands alone.
    """

    __tablename__ = "entities"

    id: Mapped[str] = mapped_column(String(300), primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(Text)
    canonical_id: Mapped[str | None] = mapped_column(String(300), index=True)


class MentionRow(Base):
    __tablename__ = "mentions"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    norm: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    entity_id: Mapped[str | None] = mapped_column(ForeignKey("entities.id"), index=True)


class RegionRow(Base):
    __tablename__ = "document_regions"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(8), primary_key=True, index=True)
    count: Mapped[int] = mapped_column(Integer)


class AmountRow(Base):
    __tablename__ = "amounts"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[float] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str] = mapped_column(String(16))
    currency: Mapped[str | None] = mapped_column(String(8))
    unit: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    rule: Mapped[str] = mapped_column(Text)


class FactRow(Base):
    __tablename__ = "facts"
    __table_args__ = (UniqueConstraint("origin_doc_id", "origin_idx"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    origin_doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"))  # the document it was first read in
    origin_idx: Mapped[int] = mapped_column(Integer)  # its index in that document's facts
    type: Mapped[str] = mapped_column(String(32), index=True)
    value: Mapped[float | None] = mapped_column(Float)
    value_before: Mapped[float | None] = mapped_column(Float)
    currency: Mapped[str | None] = mapped_column(String(8))
    unit: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(String(8), index=True)
    period_start: Mapped[str | None] = mapped_column(String(10))
    period_end: Mapped[str | None] = mapped_column(String(10))
    subject: Mapped[str | None] = mapped_column(Text)
    date: Mapped[date | None] = mapped_column(Date, index=True)  # the date of the origin document
    rule: Mapped[str] = mapped_column(Text)
    # set when this fact is the translation of another: its evidence then sits on that fact
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("facts.id"), index=True)


class FactEvidence(Base):
    """One sentence stating a fact; a fact merged across a kk/ru pair has one row per language."""

    __tablename__ = "fact_evidence"

    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id"), primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True, index=True)
    sentence_idx: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class PairRow(Base):
    """A Kazakh document and its Russian translation, with the sentence alignment (JSON [[kk_i, ru_j], ...])."""

    __tablename__ = "pairs"

    kk_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    ru_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), unique=True)
    score: Mapped[float] = mapped_column(Float)
    sentences: Mapped[str] = mapped_column(Text)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingest_runs.id"))


class LshKey(Base):
    """One MinHash LSH band key of a document: documents sharing a key are near-duplicate candidates."""

    __tablename__ = "lsh_keys"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)


class ShingleSet(Base):
    """A document's word 3-shingles, hashed (``aimaq.store.dedup.shingle_hashes``): near-duplicate candidates are
    confirmed on them without reading and shingling the candidate's text again."""

    __tablename__ = "shingle_sets"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    hashes: Mapped[bytes] = mapped_column(LargeBinary)



class PairingSummary(Base):
    """The document-level pairing keys of a settled kk or ru document, summarised (``aimaq.corpus.index.summary``,
    JSON compressed with zlib): a stored candidate is scored without reading and keying its text, which only the
    few that are aligned need (``aimaq.store.pair_summaries``)."""

    __tablename__ = "pairing_summaries"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PairingKey(Base):
    """One pairing anchor of a settled kk or ru document (a number, a name, a date or a region, hashed;
    ``aimaq.corpus.pairing_keys``): kk and ru documents sharing anchors, dated near each other, are candidate
    translations (``aimaq.store.pair_candidates``)."""

    __tablename__ = "pairing_keys"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    lang: Mapped[str] = mapped_column(String(8))
    day: Mapped[date | None] = mapped_column(Date)


class Unsettled(Base):
    """A document whose rows are written but that is not yet placed in its cluster nor paired
    (``aimaq.store.settle``): a worker wrote it, the ingest settles it in reading order."""

    __tablename__ = "unsettled"

    doc_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingest_runs.id"))
    batch: Mapped[int] = mapped_column(Integer)  # the run's batch that wrote it


Index("ix_facts_type_region_date", FactRow.type, FactRow.region, FactRow.date)
Index("ix_pairing_keys_lookup", PairingKey.key, PairingKey.lang, PairingKey.day)
Index("ix_pairing_keys_doc_id", PairingKey.doc_id)  # a deleted document's keys
Index("ix_lsh_keys_doc_id", LshKey.doc_id)

TABLES = Base.metadata.tables
