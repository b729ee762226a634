"""The first store: documents, sentences, mentions, amounts, facts with evidence, entities, pairs,
near-duplicate clusters, LSH keys, ingest runs; full-text search per dialect.

Revision ID: 0001
Revises:
Create Date: 2025-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

DOC_ID = sa.String(32)
TZ = sa.DateTime(timezone=True)


def _runs() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("paths", sa.Text, nullable=False),
        *[sa.Column(name, sa.Integer, nullable=False)
          for name in ("read", "new", "unchanged", "duplicates", "pairs", "facts", "errors")],
    )
    op.create_table(
        "run_errors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), nullable=False, index=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )


def _documents() -> None:
    op.create_table(
        "clusters",
        sa.Column("id", DOC_ID, primary_key=True),
        sa.Column("representative_id", DOC_ID, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", DOC_ID, primary_key=True),
        sa.Column("lang", sa.String(8), nullable=False, index=True),
        sa.Column("date", sa.Date, nullable=True, index=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("raw_text", sa.Text, nullable=False),
        sa.Column("raw_hash", sa.String(64), nullable=False, index=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("cluster_id", DOC_ID, nullable=False, index=True),
        sa.Column("search_keys", sa.Text, nullable=False),
        sa.Column("schema_version", sa.Integer, nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", DOC_ID, sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("raw_hash", sa.String(64), nullable=False, index=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), nullable=False),
        sa.UniqueConstraint("doc_id", "source"),
    )
    op.create_table(
        "sentences",
        sa.Column("doc_id", DOC_ID, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("search_keys", sa.Text, nullable=False),
    )
    op.create_table(
        "lsh_keys",
        sa.Column("key", sa.BigInteger, primary_key=True),
        sa.Column("doc_id", DOC_ID, sa.ForeignKey("documents.id"), primary_key=True),
    )


def _mentions() -> None:
    op.create_table(
        "entities",
        sa.Column("id", sa.String(300), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("doc_id", DOC_ID, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("norm", sa.Text, nullable=True),
        sa.Column("role", sa.Text, nullable=True),
        sa.Column("entity_id", sa.String(300), sa.ForeignKey("entities.id"), nullable=True, index=True),
    )
    op.create_table(
        "document_regions",
        sa.Column("doc_id", DOC_ID, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("code", sa.String(8), primary_key=True, index=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_table(
        "amounts",
        sa.Column("doc_id", DOC_ID, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("idx", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("value_max", sa.Float, nullable=True),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("currency", sa.String(8), nullable=True),
        sa.Column("unit", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
    )


def _facts() -> None:
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("origin_doc_id", DOC_ID, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("origin_idx", sa.Integer, nullable=False),
        sa.Column("type", sa.String(32), nullable=False, index=True),
        sa.Column("value", sa.Float, nullable=True),
        sa.Column("value_before", sa.Float, nullable=True),
        sa.Column("currency", sa.String(8), nullable=True),
        sa.Column("unit", sa.Text, nullable=True),
        sa.Column("region", sa.String(8), nullable=True, index=True),
        sa.Column("period_start", sa.String(10), nullable=True),
        sa.Column("period_end", sa.String(10), nullable=True),
        sa.Column("subject", sa.Text, nullable=True),
        sa.Column("date", sa.Date, nullable=True, index=True),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("merged_into", sa.Integer, sa.ForeignKey("facts.id"), nullable=True, index=True),
        sa.UniqueConstraint("origin_doc_id", "origin_idx"),
    )
    op.create_index("ix_facts_type_region_date", "facts", ["type", "region", "date"])
    op.create_table(
        "fact_evidence",
        sa.Column("fact_id", sa.Integer, sa.ForeignKey("facts.id"), primary_key=True),
        sa.Column("doc_id", DOC_ID, sa.ForeignKey("documents.id"), primary_key=True, index=True),
        sa.Column("sentence_idx", sa.Integer, nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_table(
        "pairs",
        sa.Column("kk_id", DOC_ID, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("ru_id", DOC_ID, sa.ForeignKey("documents.id"), nullable=False, unique=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("sentences", sa.Text, nullable=False),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), nullable=False),
    )


def _full_text() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE documents_fts USING fts5("
            "doc_id UNINDEXED, keys, tokenize = 'unicode61 remove_diacritics 0')"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE INDEX ix_documents_search ON documents USING gin (to_tsvector('simple', search_keys))"
        )


def upgrade() -> None:
    _runs()
    _documents()
    _mentions()
    _facts()
    _full_text()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in ("pairs", "fact_evidence", "facts", "amounts", "document_regions", "mentions", "entities",
                  "lsh_keys", "sentences", "sources", "documents", "clusters", "run_errors", "ingest_runs"):
        op.drop_table(table)
