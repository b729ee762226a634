"""Canonical entities across languages: organisations a kk/ru pair names in aligned sentences are one.

A person's entity id already folds the kk and ru spellings (``aimaq.text.names.person_key``). An
organisation's name is translated, so its kk and ru entities differ; when a stored pair links their
mentions (``aimaq.corpus.entity_links``), both entities join one group. A group is counted under its
smallest id, written to every member's ``canonical_id``, so the groups and their ids come out the
same whatever order the documents were ingested in. A link stays when its pair is later replaced:
it records that two names translate each other, which the next pair does not undo.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Select, func, or_, select, update
from sqlalchemy.orm import aliased

from aimaq.corpus.entity_links import link_mentions
from aimaq.records import Document
from aimaq.store.schema import Entity
from aimaq.store.write import entity_id


def canonical_of(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """Each stored id's canonical id (itself when it stands alone)."""
    wanted = list(set(ids))
    if not wanted:
        return {}
    rows = conn.execute(select(Entity.id, func.coalesce(Entity.canonical_id, Entity.id)).where(Entity.id.in_(wanted)))
    return dict(rows.tuples().all())


def group_members(conn: Connection, ids: Sequence[str]) -> list[str]:
    """Every stored entity id in the groups of ``ids``."""
    return sorted(conn.execute(members_of(ids)).scalars())


def members_of(ids: Sequence[str]) -> Select:
    """A query of every entity id in the groups of ``ids``, for use inside another statement."""
    root = func.coalesce(Entity.canonical_id, Entity.id)
    inner = aliased(Entity)
    roots = select(func.coalesce(inner.canonical_id, inner.id)).where(inner.id.in_(list(ids)))
    return select(Entity.id).where(root.in_(roots))


def join(conn: Connection, a: str, b: str) -> bool:
    """Put entities ``a`` and ``b`` (both stored) in one group; False when they already are."""
    roots = canonical_of(conn, (a, b))
    if len(roots) < 2 or roots[a] == roots[b]:
        return False
    old = (roots[a], roots[b])
    target = min(old)
    conn.execute(update(Entity).where(or_(Entity.id.in_(old), Entity.canonical_id.in_(old)))
                 .values(canonical_id=target))
    return True


def entity_votes(kk: Document, ru: Document, sentences: Sequence[tuple[int, int]]) -> list[tuple[str, str]]:
    """(kk entity id, ru entity id) pairs the mention links support: each kk entity with the ru entity
    most of its linked mentions meet (ties to the smaller id)."""
    votes: dict[str, Counter[str]] = {}
    for link in link_mentions(kk, ru, sentences):
        a, b = entity_id(kk.mentions[link.kk]), entity_id(ru.mentions[link.ru])
        if a and b and a != b:
            votes.setdefault(a, Counter())[b] += 1
    return sorted((a, min(c, key=lambda b: (-c[b], b))) for a, c in votes.items())


def link_pair(conn: Connection, kk: Document, ru: Document, sentences: Sequence[tuple[int, int]]) -> int:
    """Join the organisations a stored pair names in both languages; the number of groups joined."""
    return sum(join(conn, a, b) for a, b in entity_votes(kk, ru, sentences))
