"""Near-duplicate clusters: re-posts of one release (a changed date line, an added source line, a reworded
sentence) form one cluster with one representative, so that their facts are counted once.

Each document gets a datasketch MinHash over its normalised word 3-shingles. The signature is cut into
LSH bands (the banding datasketch's ``MinHashLSH`` chooses for the threshold) and each band's hash is
stored in ``lsh_keys``, so candidates are found with one indexed query and the index persists across runs
and processes. Candidates are confirmed on the exact Jaccard similarity of their shingle sets, and on
their figures: a re-post keeps the numbers of the release, while two releases written from one template
(a weekly report) share most words but not their numbers.
Clusters are the connected components of the confirmed pairs, which does not depend on the order in
which documents arrive; the representative is the earliest-dated member, then the longest, then the
smallest id.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from datasketch import MinHash
from sqlalchemy import Connection, delete, func, insert, select, update

from aimaq.store.recent import Recent
from aimaq.store.schema import Cluster, DocumentRow, LshKey
from aimaq.text.fold import fold_letters

SHINGLE = 3  # words per shingle
THRESHOLD = 0.5  # Jaccard similarity of shingle sets from which two documents are near-duplicates
FIGURES_THRESHOLD = 0.5  # Jaccard similarity of the sets of numbers, when both documents state some
NUM_PERM = 64
BANDS, ROWS = 14, 4  # = MinHashLSH(threshold=0.5, num_perm=64).b, .r (checked by a test)
SEED = 1
MAX_CANDIDATES = 200
_WORD = re.compile(r"[^\W_]+")
_DIGITS = re.compile(r"\d+")


def shingles(text: str) -> frozenset[str]:
    """Word 3-grams of the lower-cased, folded text, punctuation and spacing ignored."""
    words = _WORD.findall(fold_letters(text))
    if len(words) < SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def figures(text: str) -> frozenset[str]:
    """The digit runs of a text ('46,8 млрд' -> {'46', '8'})."""
    return frozenset(_DIGITS.findall(text))


def near_duplicates(a: str, b: str, a_shingles: frozenset[str] | None = None,
                    b_shingles: frozenset[str] | None = None) -> bool:
    """Texts similar enough in words and, when both state numbers, in numbers (shingle sets given or computed)."""
    if jaccard(shingles(a) if a_shingles is None else a_shingles,
               shingles(b) if b_shingles is None else b_shingles) < THRESHOLD:
        return False
    fa, fb = figures(a), figures(b)
    return not (fa and fb) or jaccard(fa, fb) >= FIGURES_THRESHOLD


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def band_keys(shingle_set: frozenset[str]) -> list[int]:
    """The LSH band keys of a shingle set: signed 64-bit hashes of (band number, band of the signature)."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    values = mh.hashvalues
    keys = []
    for band in range(BANDS):
        chunk = band.to_bytes(2, "big") + values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return sorted(set(keys))


@dataclass(frozen=True)
class Placement:
    cluster_id: str
    representative_id: str
    duplicate: bool  # the document joined documents already stored
    demoted: tuple[str, ...] = ()  # representatives of the joined clusters that no longer are one


class ShingleCache:
    """The shingle sets of the documents placed last (``SIZE``), so that a candidate is not shingled again."""

    SIZE = 1000

    def __init__(self) -> None:
        self._sets: Recent[frozenset[str]] = Recent(self.SIZE)

    def put(self, doc_id: str, shingle_set: frozenset[str]) -> None:
        """A shingle set computed elsewhere (by the worker that extracted the document)."""
        self._sets.put(doc_id, shingle_set)

    def get(self, doc_id: str, text: str) -> frozenset[str]:
        return self._sets.get_or_make(doc_id, lambda: shingles(text))


def place(conn: Connection, doc_id: str, text: str, cache: ShingleCache | None = None,
          keys: list[int] | None = None) -> Placement:
    """Index a stored document's LSH keys (``band_keys``, if not given) and put it in its cluster (merging
    clusters it bridges)."""
    cache = cache or ShingleCache()
    own = cache.get(doc_id, text)
    keys = band_keys(own) if keys is None else keys
    rows = conn.execute(
        select(LshKey.doc_id).where(LshKey.key.in_(keys), LshKey.doc_id != doc_id).distinct().limit(MAX_CANDIDATES)
    ).scalars().all()
    conn.execute(insert(LshKey), [{"key": k, "doc_id": doc_id} for k in keys])
    similar = _confirmed(conn, text, own, sorted(rows), cache)
    if not similar:
        conn.execute(insert(Cluster).values(id=doc_id, representative_id=doc_id, size=1))
        return Placement(doc_id, doc_id, False)
    old = set(conn.execute(select(DocumentRow.cluster_id).where(DocumentRow.id.in_(similar))).scalars())
    members = conn.execute(
        select(DocumentRow.id, DocumentRow.date, func.length(DocumentRow.text)).where(
            (DocumentRow.cluster_id.in_(old)) | (DocumentRow.id == doc_id)
        )
    ).all()
    cluster_id = min(m[0] for m in members)
    rep = representative([(m[0], m[1], m[2]) for m in members])
    old_reps = set(conn.execute(select(Cluster.representative_id).where(Cluster.id.in_(old))).scalars())
    conn.execute(delete(Cluster).where(Cluster.id.in_(old)))
    conn.execute(update(DocumentRow).where(DocumentRow.id.in_([m[0] for m in members])).values(cluster_id=cluster_id))
    conn.execute(insert(Cluster).values(id=cluster_id, representative_id=rep, size=len(members)))
    return Placement(cluster_id, rep, True, tuple(sorted(old_reps - {rep})))


def _confirmed(conn: Connection, text: str, own: frozenset[str], candidates: Sequence[str],
               cache: ShingleCache) -> list[str]:
    if not candidates:
        return []
    rows = conn.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(candidates))).all()
    return [doc_id for doc_id, other in rows if near_duplicates(text, other, own, cache.get(doc_id, other))]


def representative(members: Sequence[tuple[str, date | None, int]]) -> str:
    """Earliest date (undated last), then the longest text, then the smallest id."""
    def rank(m: tuple[str, date | None, int]) -> tuple:
        doc_id, day, length = m
        return (day is None, day or date.max, -length, doc_id)

    return min(members, key=rank)[0]
