"""razdel's tokens (what natasha's segmenter gives its taggers), the same tokens for less work.

razdel cuts a text into atoms (runs of Russian letters, of Latin letters, of digits; single punctuation marks and
other characters) and decides at each boundary between two atoms whether they join into one token. A boundary
with whitespace never joins, so every token lies inside one whitespace-free chunk; the rules that decide a
boundary inside a chunk read that boundary's atoms and at most one atom further on either side ('cho-|to' reads
'cho', '-', 'to'), and of an atom beyond the chunk only its type. The tokens of a chunk therefore depend on the
chunk and the types of its neighbours' nearest atoms alone. A release repeats its words (and a stream of
releases repeats them across documents), so each (type before, chunk, type after) is cut by razdel itself once
and remembered (``CACHED`` chunks), and its tokens are placed at the chunk's offset.
"""

from __future__ import annotations

import re
from functools import lru_cache

from razdel import tokenize as razdel_tokenize
from razdel.segmenters.tokenize import ATOM

CACHED = 1 << 13  # chunks remembered, each twice (their atom types, their cuts): about 5 MiB when full
_CHUNK = re.compile(r"\S+")
# one atom of each type, standing for a neighbouring chunk's nearest atom (checked by a test)
STAND_INS = {"RU": "ж", "LAT": "z", "INT": "0", "PUNCT": ",", "OTHER": "©"}


def atom_type(char: str) -> str:
    """The type of the atom a non-space character belongs to (RU, LAT, INT, PUNCT, OTHER)."""
    match = ATOM.match(char)
    assert match is not None and match.lastgroup is not None  # ATOM matches any non-space character
    return match.lastgroup


@lru_cache(maxsize=CACHED)
def _ends(chunk: str) -> tuple[str, str, bool]:
    """The types of a chunk's first and last atoms (those of its first and last characters), and whether it is
    one atom (a run of letters of one script or of digits, a single character): one token whatever its
    neighbours."""
    match = ATOM.match(chunk)
    assert match is not None and match.lastgroup is not None
    return match.lastgroup, atom_type(chunk[-1]), match.end() == len(chunk)


@lru_cache(maxsize=CACHED)
def chunk_tokens(before: str, chunk: str, after: str) -> tuple[tuple[int, int], ...]:
    """(start, stop) in ``chunk`` of its tokens, between chunks whose nearest atoms have the types ``before``
    and ``after`` ('' where there is none)."""
    head = f"{STAND_INS[before]} " if before else ""
    tail = f" {STAND_INS[after]}" if after else ""
    tokens = list(razdel_tokenize(head + chunk + tail))
    tokens = tokens[1 if head else 0 : len(tokens) - 1 if tail else None]
    return tuple((t.start - len(head), t.stop - len(head)) for t in tokens)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """(start, stop, text) of each token, as ``razdel.tokenize(text)`` gives them."""
    chunks = [(m.start(), m.group()) for m in _CHUNK.finditer(text)]
    ends = [_ends(chunk) for _, chunk in chunks]
    out = []
    for n, (offset, chunk) in enumerate(chunks):
        if ends[n][2]:
            out.append((offset, offset + len(chunk), chunk))
            continue
        before = ends[n - 1][1] if n else ""
        after = ends[n + 1][0] if n + 1 < len(chunks) else ""
        for start, stop in chunk_tokens(before, chunk, after):
            out.append((offset + start, offset + stop, chunk[start:stop]))
    return out
