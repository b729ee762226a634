"""Output contract version 2: ``documents.main_region`` (the region a release is about), and the queue
``reextract_queue`` that ``aimaq reextract`` keeps a document in while it replaces the stored version.

Stored documents of version 1 keep their text (without the title), ids and facts, with a null main
region, until ``aimaq reextract`` extracts them again (their ids change: the text now opens with the title).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("main_region", sa.String(8), nullable=True))
    op.create_index("ix_documents_main_region", "documents", ["main_region"])
    op.create_table(
        "reextract_queue",
        sa.Column("doc_id", sa.String(32), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("raw_text", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("date", sa.Date),
        sa.Column("url", sa.Text),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("sources", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reextract_queue")
    op.drop_index("ix_documents_main_region", table_name="documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("main_region")
