"""kk <-> ru translation pairs in the store, and the facts they share merged into one.

Pairing itself lives in ``aimaq.corpus.pairing`` (``pair_documents``). New documents are paired with each other
and with the stored representatives that share the most anchors with them, dated within ``DATE_DAYS`` days
(``aimaq.store.pair_candidates``; representatives only, so a re-post does not take the place of the release
it copies). A fact stated in both versions (same type, value, value before and region)
becomes one fact with two evidence rows, one per language; the Kazakh fact is kept, the Russian one is
marked as merged into it.

Pairs follow the representative: when a re-post becomes its cluster's representative (an earlier date,
a longer text), the pair of the document it replaces is dropped (its facts split again) and the partner
left alone is paired anew, together with the new representative (``drop_demoted``, then ``pair_new``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, delete, exists, insert, or_, select, update
from sqlalchemy.orm import aliased

from aimaq.corpus.index import Keys, document_keys
from aimaq.corpus.pairing import Verified, pair_documents
from aimaq.records import Document
from aimaq.store import entity_groups as entities
from aimaq.store import pair_candidates, pair_summaries
from aimaq.store.load import load_documents
from aimaq.store.recent import Recent
from aimaq.store.schema import Cluster, FactEvidence, FactRow, PairRow


def pairer() -> Callable[..., list[Any]]:
    """The pairing function ingest and deletion use: ``pair_documents`` (tests put a stand-in here)."""
    return pair_documents


def pairs_holding(conn: Connection, doc_ids: Sequence[str]) -> Sequence[Any]:
    """The stored pairs that hold any of these documents."""
    return conn.execute(select(PairRow.kk_id, PairRow.ru_id, PairRow.score).where(
        or_(PairRow.kk_id.in_(doc_ids), PairRow.ru_id.in_(doc_ids)))).all()


class PairingCache:
    """What one ingest run keeps between its batches: the pairing keys of recent documents (their own batch's,
    and those of stored candidates read in full, the ``KEYS`` used last; the light keys made from summaries are
    not kept) and verifications made ahead of time by the workers (``aimaq.corpus.pairing.Verified``)."""

    KEYS = 1000  # ten batches of 100: a stored candidate is a recent document when releases come in date order

    def __init__(self) -> None:
        self._keys: Recent[Keys] = Recent(self.KEYS)
        self.verified: Verified = {}

    def keys(self, doc: Document) -> Keys:
        # one id, one cleaned text: the keys of any copy
        return self._keys.get_or_make(doc.id, lambda: document_keys(doc))

    def rest(self) -> None:
        """Between two batches: drop the verifications and what verifying made of the held keys (the prepared
        sentences, the largest part of them), so that what a run keeps stays small."""
        self.verified.clear()
        self._keys.update(Keys.at_rest)

    def add(self, keys: Keys) -> None:
        """Keys computed elsewhere (by the worker that extracted the document)."""
        self._keys.put(keys.doc.id, keys)

    def stored_keys(self, conn: Connection, ids: Sequence[str]) -> list[Keys]:
        """The keys of stored documents: held ones, else ``light`` ones made from their summaries, else (a
        document stored before summaries were kept) keyed from the stored document."""
        held = {i: k for i in ids if (k := self._keys.get(i)) is not None}
        light = pair_summaries.light_keys(conn, [i for i in ids if i not in held])
        rest = {d.id: self.keys(d) for d in self.documents(conn, [i for i in ids if i not in held and i not in light])}
        found = held | light | rest
        return [found[i] for i in ids if i in found]

    def complete(self, conn: Connection, light: Sequence[Keys]) -> list[Keys]:
        """The full keys of documents given ``light`` keys (read from the store, kept among the recent ones);
        a document deleted meanwhile keeps its light keys."""
        docs = {d.id: d for d in self.documents(conn, [k.doc.id for k in light])}
        return [self.keys(docs[k.doc.id]) if k.doc.id in docs else k for k in light]

    def documents(self, conn: Connection, ids: Sequence[str]) -> list[Document]:
        """The stored documents with these ids: from the cache when it holds their keys, else from the store
        (without their facts, which pairing does not read)."""
        held = {i: k.doc for i in ids if (k := self._keys.get(i)) is not None and not k.light}
        loaded = {d.id: d for d in load_documents(conn, [i for i in ids if i not in held], facts=False)}
        return [held.get(i) or loaded[i] for i in ids if i in held or i in loaded]


@dataclass(frozen=True)
class PairOutcome:
    pairs: int = 0  # pairs added less pairs replaced
    merged: int = 0  # facts merged into their translation's fact, less those split again


def pair_new(conn: Connection, new: Sequence[Document], run_id: int, pair_documents: Callable[..., list[Any]],
             cache: PairingCache | None = None) -> PairOutcome:
    """Pair the new documents (each a cluster representative), merge the facts each pair shares and link
    the organisations it names in both languages (``aimaq.store.entity_groups``).

    Stored documents take part too, paired or not: a new document whose translation score beats a stored
    pair takes its place (that pair's facts are split again), so a release that arrives before its true
    translation does not keep a weaker partner. The stored candidates come from the anchor index
    (``aimaq.store.pair_candidates``).
    """
    cache = cache or PairingCache()
    new = [d for d in new if d.lang in ("kk", "ru")]
    if not new:
        return PairOutcome()
    docs, found = _with_stored(conn, new, pair_documents, cache)
    new_ids = {d.id for d in new}
    by_id = {d.id: d for d in docs}
    partners = sorted({i for p in found for i in (p.kk_id, p.ru_id)} - new_ids)  # stored: their documents in full
    by_id |= {d.id: d for d in cache.documents(conn, partners)}
    pairs = merged = 0
    for pair in sorted(found, key=lambda p: (-p.score, p.kk_id, p.ru_id)):
        if not ({pair.kk_id, pair.ru_id} & new_ids):
            continue
        current = pairs_holding(conn, [pair.kk_id, pair.ru_id])
        if any(c.score >= pair.score for c in current):
            continue
        for old in current:
            merged -= split_facts(conn, old.kk_id, old.ru_id)
            conn.execute(delete(PairRow).where(PairRow.kk_id == old.kk_id))
            pairs -= 1
        links = [list(link) for link in pair.sentences]
        conn.execute(insert(PairRow).values(kk_id=pair.kk_id, ru_id=pair.ru_id, score=float(pair.score),
                                            sentences=json.dumps(links), run_id=run_id))
        merged += merge_facts(conn, pair.kk_id, pair.ru_id, {(i, j) for i, j in links})
        entities.link_pair(conn, by_id[pair.kk_id], by_id[pair.ru_id], pair.sentences)
        pairs += 1
    return PairOutcome(pairs, merged)


def _with_stored(conn: Connection, new: Sequence[Document], pair_documents: Callable[..., list[Any]],
                 cache: PairingCache) -> tuple[list[Document], list[Any]]:
    """The new kk/ru documents with their stored candidates, and the pairs that pairing finds among them
    holding a new document (their verifications kept in ``cache``)."""
    stored = cache.stored_keys(conn, pair_candidates.candidates(conn, [cache.keys(d) for d in new]))
    by_id = {k.doc.id: k for k in stored}

    def keys(doc: Document) -> Keys:
        return by_id.get(doc.id) or cache.keys(doc)

    docs = list(new) + [k.doc for k in stored]
    return docs, pair_documents(docs, focus={d.id for d in new}, verified=cache.verified, keys=keys,
                                complete=lambda light: cache.complete(conn, light))


def _single_facts(conn: Connection, doc_id: str) -> Sequence[Any]:
    """The facts stated only in ``doc_id`` (not merged with a translation), in document order."""
    return conn.execute(_SINGLE_FACTS, {"doc_id": doc_id}).all()


_OTHER = aliased(FactEvidence)
_SINGLE_FACTS = (  # built once: settling runs it twice a pair
    select(FactRow.__table__, FactEvidence.sentence_idx)
    .join(FactEvidence, FactEvidence.fact_id == FactRow.id)
    .where(FactEvidence.doc_id == bindparam("doc_id"),
           ~exists().where(_OTHER.fact_id == FactRow.id, _OTHER.doc_id != bindparam("doc_id")))
    .order_by(FactEvidence.start, FactRow.id)
)


def _key(f: Any) -> tuple:
    return (f.type, f.value, f.value_before, f.region)


def merge_facts(conn: Connection, kk_id: str, ru_id: str, alignment: set[tuple[int, int]]) -> int:
    """Merge each Russian fact into the Kazakh fact with the same key, aligned sentences first; the count.

    The Russian fact row stays, marked ``merged_into``, so that the merge can be undone.
    """
    ru_facts = _single_facts(conn, ru_id)
    used: set[int] = set()
    moves = []  # (Russian fact, the Kazakh fact it merges into)
    for kf in _single_facts(conn, kk_id):
        same = [rf for rf in ru_facts if rf.id not in used and _key(rf) == _key(kf)]
        if not same:
            continue
        aligned = [rf for rf in same if (kf.sentence_idx, rf.sentence_idx) in alignment]
        rf = (aligned or same)[0]
        used.add(rf.id)
        moves.append({"ru_fact": rf.id, "kk_fact": kf.id})
    if moves:  # each Russian fact moves once: the rows are distinct, one statement each for all of them
        conn.execute(_MOVE_EVIDENCE, moves)
        conn.execute(_MARK_MERGED, moves)
    return len(moves)


_MOVE_EVIDENCE = (update(FactEvidence).where(FactEvidence.fact_id == bindparam("ru_fact"))
                  .values(fact_id=bindparam("kk_fact")))
_MARK_MERGED = update(FactRow).where(FactRow.id == bindparam("ru_fact")).values(merged_into=bindparam("kk_fact"))


def split_facts(conn: Connection, kk_id: str, ru_id: str) -> int:
    """Undo ``merge_facts`` for a pair: each merged fact gets its own evidence back; the count."""
    rows = conn.execute(select(FactRow.id, FactRow.merged_into, FactRow.origin_doc_id).where(
        FactRow.merged_into.is_not(None), FactRow.origin_doc_id.in_((kk_id, ru_id)))).all()
    for fact_id, into, origin in rows:
        conn.execute(update(FactEvidence).where(FactEvidence.fact_id == into, FactEvidence.doc_id == origin)
                     .values(fact_id=fact_id))
        conn.execute(update(FactRow).where(FactRow.id == fact_id).values(merged_into=None))
    return len(rows)


def drop_demoted(conn: Connection, demoted: Sequence[str]) -> tuple[PairOutcome, list[str]]:
    """Drop the pairs of documents that are no longer their cluster's representative, splitting their facts.

    Returns what was undone (as negative counts) and the partners left unpaired that are still
    representatives, which the caller pairs again.
    """
    if not demoted:
        return PairOutcome(), []
    gone = set(demoted)
    dropped = pairs_holding(conn, sorted(gone))
    merged = 0
    for old in dropped:
        merged += split_facts(conn, old.kk_id, old.ru_id)
        conn.execute(delete(PairRow).where(PairRow.kk_id == old.kk_id))
    partners = sorted({doc_id for old in dropped for doc_id in (old.kk_id, old.ru_id)} - gone)
    still = set(conn.execute(select(Cluster.representative_id).where(Cluster.representative_id.in_(partners)))
                .scalars()) if partners else set()
    return PairOutcome(-len(dropped), -merged), [doc_id for doc_id in partners if doc_id in still]


def verify_ahead(engine: Engine, new: Sequence[Document]) -> tuple[Verified, list[Keys]]:
    """Verify, ahead of settling, the likely pairs of a batch's new documents among themselves and with the
    settled documents (run by the worker that extracted them, while other batches are settled): the costly
    part of pairing, which depends on the two documents only (``aimaq.corpus.pairing.Verified``). Also the
    new documents' keys, which settling needs too."""
    cache = PairingCache()
    new = [d for d in new if d.lang in ("kk", "ru")]
    if not new:
        return cache.verified, []
    with engine.connect() as conn:
        _with_stored(conn, new, pair_documents, cache)
    return cache.verified, [cache.keys(d) for d in new]
