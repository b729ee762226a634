"""MENTIONS stage: the region matcher's and the entity taggers' mentions merged into one list.

Entry point: ``run(regions, entities) -> Mentions``.
"""

from __future__ import annotations

from collections.abc import Sequence

from aimaq.records import Entities, Mention, Mentions, Regions


def run(regions: Regions, entities: Entities) -> Mentions:
    """The stage as the pipeline calls it."""
    return Mentions(merge_mentions(regions.mentions, entities.mentions))


def merge_mentions(regions: Sequence[Mention], entities: Sequence[Mention]) -> tuple[Mention, ...]:
    """Region mentions win over entity LOC and PER mentions they overlap; other entity mentions are kept.

    The region matcher checks its context ('Абай облысы' is a region, a bare 'Абай' is not), so a name
    tagger's PER over a matched region ('Абай' in 'Абай облысында') is the tagger's mistake.
    """
    kept = list(regions)
    for m in entities:
        overlaps = any(r.start < m.end and m.start < r.end for r in regions)
        if m.type in ("LOC", "PER") and overlaps:
            continue
        kept.append(m)
    return tuple(sorted(kept, key=lambda m: (m.start, -m.end, m.type)))
