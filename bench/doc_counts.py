"""What one extracted document yielded, as the benchmarks count it (bench/speed.py, bench/real_side.py). A module of
its own, with no imports beyond the standard library, so that a timed fresh process (real_side.py) loads nothing
else with it."""

from __future__ import annotations

from collections import Counter
from typing import Any


def counts(doc: Any) -> Counter:
    """Entity mentions by type, money amounts, all amounts, facts."""
    found = Counter(m.type for m in doc.mentions if m.type in ("PER", "LOC", "ORG"))
    found["money"] = sum(a.kind == "money" for a in doc.amounts)
    found["amounts"] = len(doc.amounts)
    found["facts"] = len(doc.facts)
    return found
