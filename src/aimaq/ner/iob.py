"""IOB2 tag sequences: chunks, type mapping (``data/ner/kaznerd_types.json``) and span-level scores.

Chunks follow conlleval / seqeval's default reading: a chunk starts at ``B-X``, or at ``I-X`` after
``O`` or after a chunk of another type, and runs over the ``I-X`` that follow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from aimaq.resources import load_json

TYPES_FILE = "ner/kaznerd_types.json"


@dataclass(frozen=True)
class Chunk:
    """One entity in a tag sequence: tokens ``start`` to ``end`` (exclusive)."""

    type: str
    start: int
    end: int


def chunks(tags: Sequence[str]) -> list[Chunk]:
    """Entities of an IOB2 sequence (an ``I-`` tag without its ``B-`` opens a chunk, as in conlleval)."""
    out: list[Chunk] = []
    kind: str | None = None
    start = 0
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind
        if kind is not None and not continues:
            out.append(Chunk(kind, start, i))
            kind = None
        if prefix in ("B", "I") and not continues:
            kind, start = label, i
    return out


def to_tags(items: Iterable[Chunk], length: int) -> list[str]:
    """An IOB2 sequence of ``length`` tokens holding ``items``."""
    tags = ["O"] * length
    for c in items:
        tags[c.start] = f"B-{c.type}"
        for i in range(c.start + 1, c.end):
            tags[i] = f"I-{c.type}"
    return tags


@cache
def type_map() -> dict[str, str | None]:
    """Source type name (KazNERD's or ours) -> model label; None: read as O."""
    return dict(load_json(TYPES_FILE)["types"])


@cache
def output_types() -> tuple[str, ...]:
    """Labels `aimaq tag` prints: PER, ORG, LOC, ROLE, PROGRAMME."""
    return tuple(load_json(TYPES_FILE)["output"])


@cache
def model_types() -> tuple[str, ...]:
    """Labels the Kazakh model is trained on (the output types plus any kept for internal use)."""
    return tuple(load_json(TYPES_FILE)["model"])


def map_tags(tags: Sequence[str], keep: Iterable[str] | None = None) -> list[str]:
    """Rename each chunk's type through the type map; drop chunks whose new type is None or not in ``keep``.

    Adjacent chunks that map to one type stay apart (the second starts with ``B-``).
    Raises ``KeyError`` for a type the map does not know.
    """
    table = type_map()
    allowed = None if keep is None else frozenset(keep)
    kept = []
    for c in chunks(tags):
        new = table[c.type]
        if new is not None and (allowed is None or new in allowed):
            kept.append(Chunk(new, c.start, c.end))
    return to_tags(kept, len(tags))


@dataclass(frozen=True)
class Counts:
    """Exact-span counts of one type: true positives, predicted and gold chunks."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)


def score(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> dict[str, Counts]:
    """Per-type exact-span counts over sentence pairs, plus the micro total under key ``'ALL'``."""
    out: dict[str, Counts] = {}
    for g, p in zip(gold, pred, strict=True):
        gold_set, pred_set = set(chunks(g)), set(chunks(p))
        for c in gold_set | pred_set:
            hit = Counts(int(c in gold_set and c in pred_set), int(c in pred_set), int(c in gold_set))
            out[c.type] = out.get(c.type, Counts()) + hit
    out["ALL"] = sum(out.values(), Counts())
    return out
