"""Faster filtered search: clusters indexed by representative; on SQLite, the full-text table gets a
``tags`` column (regions and month of each document, ``aimaq.store.tags``) and ranks on ``keys`` only.

Revision ID: 0002
Revises: 0001
Create Date: 2025-06-20
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TAGS_SQL = (
    "trim(COALESCE('m' || strftime('%Y%m', d.date), '') || ' ' || COALESCE((SELECT group_concat("
    "lower(replace(r.code, '-', '')), ' ') FROM document_regions r WHERE r.doc_id = d.id), ''))"
)


def upgrade() -> None:
    op.create_index("ix_clusters_representative_id", "clusters", ["representative_id"])
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS documents_fts")
    op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5("
               "doc_id UNINDEXED, keys, tags, tokenize = 'unicode61 remove_diacritics 0')")
    op.execute("INSERT INTO documents_fts (documents_fts, rank) VALUES ('rank', 'bm25(0.0, 1.0, 0.0)')")
    op.execute(f"INSERT INTO documents_fts (doc_id, keys, tags) SELECT d.id, d.search_keys, {TAGS_SQL} "
               "FROM documents d ORDER BY d.rowid")


def downgrade() -> None:
    op.drop_index("ix_clusters_representative_id", table_name="clusters")
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("DROP TABLE IF EXISTS documents_fts")
    op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5("
               "doc_id UNINDEXED, keys, tokenize = 'unicode61 remove_diacritics 0')")
    op.execute("INSERT INTO documents_fts (doc_id, keys) SELECT id, search_keys FROM documents ORDER BY rowid")
