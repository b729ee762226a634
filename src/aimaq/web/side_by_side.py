"""A Kazakh document and its Russian translation side by side: the sentence alignment stored with the pair
turned into rows (each row: the sentences of one side that align with the sentences of the other), and a
sentence cut into pieces so that the evidence of a fact can be highlighted inside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    left: tuple[int, ...]  # sentence indexes of the left document
    right: tuple[int, ...]


def _components(links: Sequence[Sequence[int]]) -> list[tuple[set[int], set[int]]]:
    """Groups of sentences joined by links (a 1-2 or 2-1 alignment is one group)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        parent[find(("l", i))] = find(("r", j))
    groups: dict[tuple[str, int], tuple[set[int], set[int]]] = {}
    for node in list(parent):
        left, right = groups.setdefault(find(node), (set(), set()))
        (left if node[0] == "l" else right).add(node[1])
    return sorted(groups.values(), key=lambda g: (min(g[0]), min(g[1])))


def aligned_rows(n_left: int, n_right: int, links: Sequence[Sequence[int]]) -> list[Row]:
    """Rows covering every sentence of both documents once, in reading order; unaligned sentences get
    rows of their own (one row per gap, holding the gap's sentences of both sides)."""
    links = [(i, j) for i, j in links if 0 <= i < n_left and 0 <= j < n_right]
    linked_left, linked_right = {i for i, _ in links}, {j for _, j in links}
    rows: list[Row] = []
    next_left = next_right = 0

    def gap(upto_left: int, upto_right: int) -> None:
        left = tuple(i for i in range(next_left, upto_left) if i not in linked_left)
        right = tuple(j for j in range(next_right, upto_right) if j not in linked_right)
        if left or right:
            rows.append(Row(left, right))

    for left, right in _components(links):
        gap(min(left), min(right))
        rows.append(Row(tuple(sorted(left)), tuple(sorted(right))))
        next_left, next_right = max(next_left, min(left)), max(next_right, min(right))
    gap(n_left, n_right)
    return rows


@dataclass(frozen=True)
class Piece:
    text: str
    mark: str  # '' (plain), 'evidence' (the span stating the fact) or 'aligned' (its translation)


def pieces(text: str, start: int, end: int, span: tuple[int, int] | None, mark: str) -> list[Piece]:
    """The sentence ``text`` (at ``start``..``end`` in its document) cut around ``span`` (document offsets),
    the part inside the span marked with ``mark``; without a span the whole sentence is plain."""
    if span is None or span[1] <= start or span[0] >= end:
        return [Piece(text, "")]
    lo, hi = max(span[0], start) - start, min(span[1], end) - start
    parts = [Piece(text[:lo], ""), Piece(text[lo:hi], mark), Piece(text[hi:], "")]
    return [p for p in parts if p.text]
