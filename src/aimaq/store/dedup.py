"""Near-duplicate clusters: re-posts of one release (a changed date line, an added source line, a reworded
sentence) form one cluster with one representative, so that their facts are counted once.

Each document gets a datasketch MinHash over its normalised word 3-shingles. The signature is cut into
LSH bands (the banding datasketch's ``MinHashLSH`` chooses for the threshold) and each band's hash is
stored in ``lsh_keys``, so candidates are found with one indexed query and the index persists across runs
and processes; those that share the most bands come first, and a band key shared by more than ``BUCKET``
stored documents proposes its first ``BUCKET`` by id (the cost of a lookup does not grow with the store).
Candidates are confirmed on the exact Jaccard similarity of their shingle sets (stored hashed in
``shingle_sets``, so that a candidate's text is read only when its words are similar enough), and on their
figures: a re-post keeps the numbers of the release, while two releases written from one template (a weekly
report) share most words but not their numbers.
Clusters are the connected components of the confirmed pairs, which does not depend on the order in
which documents arrive; the representative is the earliest-dated member, then the longest, then the
smallest id.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import numpy as np
from datasketch import MinHash
from sqlalchemy import Connection, bindparam, delete, func, insert, select, union_all, update
from sqlalchemy.sql import Select

from aimaq.store.id_lists import PARAM, ids_value, in_ids
from aimaq.store.recent import Recent
from aimaq.store.schema import Cluster, DocumentRow, LshKey, ShingleSet
from aimaq.text.fold import fold_letters

SHINGLE = 3  # words per shingle
THRESHOLD = 0.5  # Jaccard similarity of shingle sets from which two documents are near-duplicates
FIGURES_THRESHOLD = 0.5  # Jaccard similarity of the sets of numbers, when both documents state some
NUM_PERM = 64
BANDS, ROWS = 14, 4  # = MinHashLSH(threshold=0.5, num_perm=64).b, .r (checked by a test)
SEED = 1
SCHEME = "affine32"  # datasketch's hashing of a signature (its default since 2.0); stored band keys depend on it
MAX_CANDIDATES = 200
BUCKET = 100  # documents read per band key: a key held by more proposes its first BUCKET by id
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


def shingle_hashes(shingle_set: Iterable[str]) -> bytes:
    """A shingle set as sorted signed 64-bit hashes (little-endian), as ``shingle_sets`` stores it. Two sets'
    Jaccard similarity is that of their hashes unless two different shingles share a 64-bit hash."""
    values = sorted({int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little",
                                    signed=True) for s in shingle_set})
    return np.array(values, dtype="<i8").tobytes()


def hashed_jaccard(a: bytes, b: bytes) -> float:
    """``jaccard`` of two shingle sets given as ``shingle_hashes``."""
    x, y = np.frombuffer(a, dtype="<i8"), np.frombuffer(b, dtype="<i8")
    if not x.size and not y.size:
        return 1.0
    shared = np.intersect1d(x, y, assume_unique=True).size
    return shared / (x.size + y.size - shared)


def hashed_jaccards(a: bytes, others: Sequence[bytes]) -> list[float]:
    """``hashed_jaccard`` of one set with each of many, in one pass over all of them."""
    x = np.frombuffer(a, dtype="<i8")
    if not others or not x.size:
        return [hashed_jaccard(a, b) for b in others]
    every = np.frombuffer(b"".join(others), dtype="<i8")
    at = np.searchsorted(x, every)
    np.minimum(at, x.size - 1, out=at)
    found = x[at] == every
    sizes = np.fromiter(map(len, others), dtype=np.int64, count=len(others)) // 8
    hits = np.concatenate(([0], np.cumsum(found)))  # hits[n]: shared hashes among the first n hashes of ``every``
    ends = np.cumsum(sizes)
    shared = hits[ends] - hits[ends - sizes]
    return (shared / (x.size + sizes - shared)).tolist()


@cache
def _permutations() -> np.ndarray:
    """The MinHash permutations of ``SEED`` (drawn once: every document's signature uses the same ones)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def band_keys(shingle_set: frozenset[str]) -> list[int]:
    """The LSH band keys of a shingle set: signed 64-bit hashes of (band number, band of the signature)."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
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


@dataclass
class Pending:
    """The documents placed so far in one transaction as no near-duplicate, their rows not written yet (one
    statement per table at ``flush``): each one's band keys and shingle hashes, which placing the next documents
    must see, and which band keys each pending document holds."""

    docs: dict[str, tuple[list[int], bytes]] = field(default_factory=dict)  # doc id -> (band keys, shingle hashes)
    bands: defaultdict[int, list[str]] = field(default_factory=lambda: defaultdict(list))  # band key -> doc ids

    def add(self, doc_id: str, keys: list[int], hashes: bytes) -> None:
        """A document that is its own cluster."""
        self.docs[doc_id] = (keys, hashes)
        for k in keys:
            self.bands[k].append(doc_id)

    def sharing(self, keys: list[int], doc_id: str) -> Counter[str]:
        """The pending documents sharing band keys with a document, and how many keys each shares."""
        return Counter(other for k in keys for other in self.bands.get(k, ()) if other != doc_id)

    def flush(self, conn: Connection) -> None:
        """Write the pending documents' LSH keys, shingle hashes and clusters (each its own)."""
        if not self.docs:
            return
        lsh = [{"key": k, "doc_id": d} for d, (keys, _) in self.docs.items() for k in keys]
        if lsh:
            conn.execute(_INSERT_KEY, lsh)
        conn.execute(_INSERT_HASHES, [{"doc_id": d, "hashes": h} for d, (_, h) in self.docs.items()])
        conn.execute(_INSERT_CLUSTER, [{"id": d, "representative_id": d, "size": 1} for d in self.docs])
        self.docs, self.bands = {}, defaultdict(list)


def place(conn: Connection, doc_id: str, text: str, cache: ShingleCache | None = None,
          keys: list[int] | None = None, hashes: bytes | None = None, pending: Pending | None = None) -> Placement:
    """Index a stored document's LSH keys (``band_keys``, if not given) and shingle hashes (``shingle_hashes``,
    if not given) and put it in its cluster (merging clusters it bridges).

    ``pending``: where a document that is no near-duplicate leaves its rows, for the caller to ``flush`` (the
    documents placed after it see them); without it they are written at once."""
    cache = cache or ShingleCache()
    own = cache.get(doc_id, text)
    keys = band_keys(own) if keys is None else keys
    hashes = shingle_hashes(own) if hashes is None else hashes
    waiting = Pending() if pending is None else pending
    stored = _stored_sharing(conn, keys, doc_id)
    candidates = _most_shared([*stored, *waiting.sharing(keys, doc_id).items()])
    similar = _confirmed(conn, text, own, hashes, sorted(candidates), cache, waiting)
    if not similar:
        waiting.add(doc_id, keys, hashes)
        if pending is None:
            waiting.flush(conn)
        return Placement(doc_id, doc_id, False)
    waiting.flush(conn)  # the clusters below are read from the store
    conn.execute(_INSERT_KEY, [{"key": k, "doc_id": doc_id} for k in keys])
    conn.execute(_INSERT_HASHES, {"doc_id": doc_id, "hashes": hashes})
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


def _most_shared(sharing: Iterable[tuple[str, int]]) -> list[str]:
    """The ``MAX_CANDIDATES`` documents sharing the most band keys, ties by id: the store's query orders its
    own rows so, and among the store's first ``MAX_CANDIDATES`` and the pending documents these are the
    first of all."""
    return [d for d, _ in sorted(sharing, key=lambda row: (-row[1], row[0]))[:MAX_CANDIDATES]]


@cache
def _sharing_bands(keys: int) -> Select:
    """Other documents sharing any of ``keys`` band keys (bound as ``k0``, ``k1``...), those sharing the most
    first (at most ``MAX_CANDIDATES``). Each key proposes at most ``BUCKET`` documents, the first by id (one
    bounded range of the index): a band key shared by thousands of documents (releases written from one
    template) would otherwise make each lookup read them all, a cost that grows with the store. The members of
    a large bucket are mostly near-duplicates of each other already in one cluster, and joining any of them
    joins the cluster."""
    per_key = []
    for n in range(keys):
        bucket = (select(LshKey.doc_id)
                  .where(LshKey.key == bindparam(f"k{n}"), LshKey.doc_id != bindparam("doc_id"))
                  .order_by(LshKey.doc_id).limit(bindparam("bucket")).subquery())
        per_key.append(select(bucket.c.doc_id))
    found = (union_all(*per_key) if keys > 1 else per_key[0]).subquery()
    shared = func.count().label("shared")
    return (select(found.c.doc_id, shared)
            .group_by(found.c.doc_id).order_by(shared.desc(), found.c.doc_id).limit(MAX_CANDIDATES))


def _stored_sharing(conn: Connection, keys: list[int], doc_id: str) -> list[tuple[str, int]]:
    """The stored documents sharing band keys with a document, and how many each shares (``_sharing_bands``)."""
    if not keys:
        return []
    params: dict[str, object] = {f"k{n}": k for n, k in enumerate(keys)} | {"doc_id": doc_id, "bucket": BUCKET}
    return list(conn.execute(_sharing_bands(len(keys)), params).tuples().all())


# the statements of placing a document that is no near-duplicate, built once (settling places every document)
_INSERT_KEY, _INSERT_HASHES, _INSERT_CLUSTER = insert(LshKey), insert(ShingleSet), insert(Cluster)


@cache
def _hashes_of(dialect: str) -> Select:
    """The shingle hashes of the documents listed in one parameter (``aimaq.store.id_lists``)."""
    return select(ShingleSet.doc_id, ShingleSet.hashes).where(in_ids(ShingleSet.doc_id, dialect))


def _confirmed(conn: Connection, text: str, own: frozenset[str], hashes: bytes, candidates: Sequence[str],
               cache: ShingleCache, waiting: Pending) -> list[str]:
    """The candidates that are near-duplicates of the text: those whose shingle hashes (stored, or ``waiting``
    to be) are too far from the text's are set aside unread; the text of the others (and of any stored without
    hashes) is checked."""
    if not candidates:
        return []
    asked = [c for c in candidates if c not in waiting.docs]
    dialect = conn.dialect.name
    stored = dict(conn.execute(_hashes_of(dialect), {PARAM: ids_value(asked, dialect)}).tuples().all()) if asked else {}
    stored |= {c: waiting.docs[c][1] for c in candidates if c in waiting.docs}
    near = dict(zip(stored, hashed_jaccards(hashes, list(stored.values())), strict=True))
    check = [c for c in candidates if c not in stored or near[c] >= THRESHOLD]
    if not check:
        return []
    rows = conn.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(check))).all()
    return [doc_id for doc_id, other in rows if near_duplicates(text, other, own, cache.get(doc_id, other))]


def representative(members: Sequence[tuple[str, date | None, int]]) -> str:
    """Earliest date (undated last), then the longest text, then the smallest id."""
    def rank(m: tuple[str, date | None, int]) -> tuple:
        doc_id, day, length = m
        return (day is None, day or date.max, -length, doc_id)

    return min(members, key=rank)[0]
