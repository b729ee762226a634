"""REGIONS stage: the regions and cities each sentence names, and the document's main region.

The matcher itself (a trie of every inflected name in ``data/regions.json``) is ``aimaq.ner.region_matcher``;
this stage runs it sentence by sentence and counts what it found. Entry point: ``run(cleaned, segmented)
-> Regions``.
"""

from __future__ import annotations

from collections.abc import Sequence

from aimaq.ner.region_matcher import find_regions, region_counts
from aimaq.records import Cleaned, Mention, RegionCount, Regions, Segmented


def run(cleaned: Cleaned, segmented: Segmented) -> Regions:
    """The stage as the pipeline calls it: region mentions (offsets into the cleaned text) and counts."""
    text = cleaned.text
    found: list[Mention] = []
    for s in segmented.sentences:
        found.extend(
            Mention(m.type, m.start + s.start, m.end + s.start, m.text, m.norm, m.role)
            for m in find_regions(text[s.start : s.end], s.lang)
        )
    return Regions(tuple(found), region_counts(found))


def main_region(counts: Sequence[RegionCount], mentions: Sequence[Mention]) -> str | None:
    """The most mentioned region; ties go to the one mentioned first."""
    if not counts:
        return None
    first: dict[str | None, int] = {}
    for m in mentions:
        first.setdefault(m.norm, m.start)
    top = max(c.count for c in counts)
    return min((c.code for c in counts if c.count == top), key=lambda code: first.get(code, 0))
