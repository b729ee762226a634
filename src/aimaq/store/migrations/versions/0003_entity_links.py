"""Organisations linked across a kk/ru pair: ``entities.canonical_id`` names the entity a group of
spellings and translations is counted under (the smallest id of the group; null for an entity alone).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("canonical_id", sa.String(300), nullable=True))
    op.create_index("ix_entities_canonical_id", "entities", ["canonical_id"])


def downgrade() -> None:
    op.drop_index("ix_entities_canonical_id", table_name="entities")
    with op.batch_alter_table("entities") as batch:
        batch.drop_column("canonical_id")
