"""Stored translation candidates scored without their text: each kk and ru document's document-level pairing
keys, summarised, in ``pairing_summaries`` (``aimaq.store.pair_summaries``).

Documents stored before get no summary here: pairing reads and keys their text when they are candidates, as
it did before, so the upgrade does not read the whole store.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pairing_summaries",
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pairing_summaries")
