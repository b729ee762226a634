"""Translation-pair scores become probabilities (the fitted pair decision of ``aimaq.corpus.pairing``).

Pairs stored before held the old weighted sum (about 0.45 to 2); a new pair replaces a stored one only
when its score is higher, so old scores would block re-pairing. Each old score ``s`` is mapped to
``1 / (1 + exp(-8 (s - 0.45)))``: the old threshold 0.45 becomes 0.5, the decision's own threshold, and
the order of the stored pairs is kept.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import math

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

OLD_THRESHOLD, SLOPE = 0.45, 8.0


def upgrade() -> None:
    conn = op.get_bind()
    pairs = sa.table("pairs", sa.column("kk_id", sa.String), sa.column("ru_id", sa.String), sa.column("score", sa.Float))
    rows = conn.execute(sa.select(pairs.c.kk_id, pairs.c.ru_id, pairs.c.score)).all()
    for kk_id, ru_id, score in rows:
        probability = 1.0 / (1.0 + math.exp(-SLOPE * (float(score) - OLD_THRESHOLD)))
        conn.execute(sa.update(pairs).where(pairs.c.kk_id == kk_id, pairs.c.ru_id == ru_id)
                     .values(score=probability))


def downgrade() -> None:
    conn = op.get_bind()
    pairs = sa.table("pairs", sa.column("kk_id", sa.String), sa.column("ru_id", sa.String), sa.column("score", sa.Float))
    rows = conn.execute(sa.select(pairs.c.kk_id, pairs.c.ru_id, pairs.c.score)).all()
    for kk_id, ru_id, score in rows:
        p = min(max(float(score), 1e-9), 1 - 1e-9)
        conn.execute(sa.update(pairs).where(pairs.c.kk_id == kk_id, pairs.c.ru_id == ru_id)
                     .values(score=OLD_THRESHOLD + math.log(p / (1 - p)) / SLOPE))
