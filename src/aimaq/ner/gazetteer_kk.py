"""Name lists matched over Kazakh token sequences for the NER features: 'gzB=ORG', 'gzI=LOC'.

A name is a sequence of analyser stems (``features_kk.stem_key``), so 'Біріккен Ұлттар Ұйымының'
matches the list entry 'Біріккен Ұлттар Ұйымы'. The longest name starting at a token wins; a match
must start with a word that is not lower-case (the common noun 'даму' is not the fund «Даму»).
Lists: ``data/ner/kk_org_names.txt`` (ORG, hand-written), ``data/ner/kk_places.txt`` (LOC,
hand-written) and ``data/ner/kk_world_places.txt`` (LOC, from CLDR by tools/build_kk_world_places.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from aimaq.resources import load_lines

LISTS = (("ORG", "ner/kk_org_names.txt"), ("LOC", "ner/kk_places.txt"), ("LOC", "ner/kk_world_places.txt"))
Names = dict[str, list[tuple[tuple[str, ...], str]]]  # first key -> (keys, type), longest first


@cache
def names(key_of: Callable[[str], str]) -> Names:
    """The name lists keyed by their first word's key; ``key_of`` maps a word to its stem key."""
    table: dict[str, set[tuple[tuple[str, ...], str]]] = {}
    for kind, path in LISTS:
        for line in load_lines(path):
            keys = tuple(key_of(w) for w in line.split())
            table.setdefault(keys[0], set()).add((keys, kind))
    return {k: sorted(v, key=lambda e: (-len(e[0]), e)) for k, v in table.items()}


def features(tokens: Sequence[str], keys: Sequence[str], table: Names) -> list[list[str]]:
    """Per token: 'gzB=TYPE' on the first word of a listed name, 'gzI=TYPE' on the rest."""
    out: list[list[str]] = [[] for _ in tokens]
    i = 0
    while i < len(tokens):
        found = 0
        if not tokens[i][:1].islower():
            for name, kind in table.get(keys[i], ()):
                n = len(name)
                if n >= found and tuple(keys[i:i + n]) == name:
                    found = n
                    out[i].append("gzB=" + kind)
                    out[i + 1:i + n] = [[*o, "gzI=" + kind] for o in out[i + 1:i + n]]
        i += max(found, 1)
    return out
