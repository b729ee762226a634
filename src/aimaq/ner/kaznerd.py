"""The KazNERD validation split (``../shared/data/kaznerd``) and our deterministic train / dev / test parts.

KazNERD repeats most sentences in variants that differ only in how numbers and names are written
(``AID247110`` '... он төрт адамды ...', ``BID247110`` '... 14 адамды ...'). Variants share the number
after the letter prefix, so the split is made by that number: ``sha1(number) mod 100`` below
``TRAIN_BELOW`` is train, below ``DEV_BELOW`` is dev (tuning), the rest is test (held out, scored
once for the reported figures). No variant of a test sentence is ever trained on.
The released model is trained on train + dev with the settings chosen on dev.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from aimaq.ner.conll import read_sentences

Part = Literal["train", "dev", "test"]
DEFAULT_DIR = Path(__file__).resolve().parents[4] / "shared" / "data" / "kaznerd"
ID_FILE = Path("with_sentID") / "IOB2_valid2.txt"
TRAIN_BELOW = 70
DEV_BELOW = 85


@dataclass(frozen=True)
class TaggedSentence:
    id: str  # KazNERD sentence id, e.g. 'AID247110'
    tokens: tuple[str, ...]
    tags: tuple[str, ...]  # KazNERD IOB2 tags


def bucket(sentence_id: str) -> int:
    """0-99 from the sentence number ('AID247110' and 'BID247110' share it)."""
    group = sentence_id.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return int(hashlib.sha1(group.encode("ascii")).hexdigest(), 16) % 100


def part_of(sentence_id: str) -> Part:
    """The part a sentence id falls in (all variants of one sentence fall in the same part)."""
    bucket_ = bucket(sentence_id)
    if bucket_ < TRAIN_BELOW:
        return "train"
    return "dev" if bucket_ < DEV_BELOW else "test"


def read(directory: Path = DEFAULT_DIR) -> Iterator[TaggedSentence]:
    """Every sentence of ``with_sentID/IOB2_valid2.txt`` (the id pseudo-token removed)."""
    with open(directory / ID_FILE, encoding="utf-8") as fh:
        for rows in read_sentences(fh):
            head, *rest = rows
            yield TaggedSentence(head[0], tuple(r[0] for r in rest), tuple(r[-1] for r in rest))


def load(parts: tuple[Part, ...], directory: Path = DEFAULT_DIR) -> list[TaggedSentence]:
    """The sentences of the given parts, in file order."""
    return [s for s in read(directory) if part_of(s.id) in parts]
