"""Near-duplicate candidates confirmed without reading their text: every document's word 3-shingles, hashed,
in ``shingle_sets`` (``aimaq.store.dedup``). ``lsh_keys`` and ``pairing_keys`` get an index on ``doc_id``, so
that deleting a document does not read every key of the store.

The shingle hashes of the documents stored before are computed here from their texts.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CHUNK = 500


def upgrade() -> None:
    op.create_table(
        "shingle_sets",
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("hashes", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_lsh_keys_doc_id", "lsh_keys", ["doc_id"])
    op.create_index("ix_pairing_keys_doc_id", "pairing_keys", ["doc_id"])
    _hash_stored()


def _hash_stored() -> None:
    from aimaq.store.dedup import shingle_hashes, shingles

    conn = op.get_bind()
    ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM documents ORDER BY id"))]
    table = sa.table("shingle_sets", sa.column("doc_id"), sa.column("hashes"))
    for start in range(0, len(ids), CHUNK):
        rows = conn.execute(sa.text("SELECT id, text FROM documents WHERE id IN :ids ORDER BY id")
                            .bindparams(sa.bindparam("ids", expanding=True)), {"ids": ids[start : start + CHUNK]})
        values = [{"doc_id": doc_id, "hashes": shingle_hashes(shingles(text))} for doc_id, text in rows]
        if values:
            conn.execute(sa.insert(table), values)


def downgrade() -> None:
    op.drop_index("ix_pairing_keys_doc_id", table_name="pairing_keys")
    op.drop_index("ix_lsh_keys_doc_id", table_name="lsh_keys")
    op.drop_table("shingle_sets")
