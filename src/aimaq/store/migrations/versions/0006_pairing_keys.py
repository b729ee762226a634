"""Parallel writers: the pairing anchors of every kk and ru document in ``pairing_keys`` (candidate
translations are looked up through an index, ``aimaq.store.pair_candidates``), and the queue ``unsettled`` of
documents written by a worker but not yet placed in a cluster nor paired (``aimaq.store.settle``).

The anchors of the documents stored before are computed here from the stored documents.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CHUNK = 200


def upgrade() -> None:
    op.create_table(
        "pairing_keys",
        sa.Column("key", sa.BigInteger, primary_key=True),
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("day", sa.Date),
    )
    op.create_index("ix_pairing_keys_lookup", "pairing_keys", ["key", "lang", "day"])
    op.create_table(
        "unsettled",
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), nullable=False),
        sa.Column("batch", sa.Integer, nullable=False),
    )
    _index_stored()


def _index_stored() -> None:
    from aimaq.corpus.index import document_keys
    from aimaq.store.load import load_documents
    from aimaq.store.pair_candidates import write_keys

    conn = op.get_bind()
    ids = [row[0] for row in conn.execute(sa.text(
        "SELECT id FROM documents WHERE lang IN ('kk', 'ru') ORDER BY id"))]
    for start in range(0, len(ids), CHUNK):
        for doc in load_documents(conn, ids[start : start + CHUNK]):
            write_keys(conn, document_keys(doc))


def downgrade() -> None:
    op.drop_table("unsettled")
    op.drop_index("ix_pairing_keys_lookup", table_name="pairing_keys")
    op.drop_table("pairing_keys")
