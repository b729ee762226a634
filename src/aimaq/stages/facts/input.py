"""What the facts stage reads of one document, as plain values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aimaq.records import Amount, Change, Mention, Sentence


@dataclass(frozen=True)
class FactInput:
    text: str
    date: str | None
    sentences: Sequence[Sentence]
    amounts: Sequence[Amount]
    changes: Sequence[Change]
    mentions: Sequence[Mention]  # region mentions carry an ISO code in ``norm``
    main_region: str | None
