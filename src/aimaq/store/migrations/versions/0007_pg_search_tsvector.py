"""PostgreSQL search with the filters inside the full-text index: the stored tsvector ``documents.search_vector``
(search keys, and each document's regions and month as the lexemes ``#kz15``, ``#m202405``; see
``aimaq.store.search_vector``) with a GIN index, which replaces the GIN index over
``to_tsvector('simple', search_keys)``; the column is kept in the row (storage MAIN: not moved out to the
TOAST table), since search reads it for every match it ranks. And an index in the order of search's
newest-first reading (date, newest first, undated last; then id), so that a frequent word reads the newest
matches without sorting them all. SQLite has had the same tags in ``documents_fts`` since 0002: nothing to
do there.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-10
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TAGS_SQL = (  # aimaq.store.tags.document_tags, each tag marked '#'
    "ARRAY(SELECT '#' || lower(replace(r.code, '-', '')) FROM document_regions r WHERE r.doc_id = d.id) "
    "|| CASE WHEN d.date IS NULL THEN '{}'::text[] ELSE ARRAY['#m' || to_char(d.date, 'YYYYMM')] END"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("ALTER TABLE documents ADD COLUMN search_vector tsvector")
    op.execute("ALTER TABLE documents ALTER COLUMN search_vector SET STORAGE MAIN")
    op.execute(f"UPDATE documents d SET search_vector = to_tsvector('simple', d.search_keys) "
               f"|| array_to_tsvector({TAGS_SQL})")
    op.execute("ALTER TABLE documents ALTER COLUMN search_vector SET NOT NULL")
    op.execute("CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)")
    op.execute("DROP INDEX IF EXISTS ix_documents_search")
    op.execute("CREATE INDEX ix_documents_newest ON documents (date DESC NULLS LAST, id)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE INDEX ix_documents_search ON documents USING gin (to_tsvector('simple', search_keys))")
    op.execute("DROP INDEX ix_documents_newest")
    op.execute("DROP INDEX ix_documents_search_vector")
    op.execute("ALTER TABLE documents DROP COLUMN search_vector")
