"""Helpers of the amounts tests: amounts and changes of a text read in one language, and a short view."""

from __future__ import annotations

from aimaq.records import Amount, Change
from aimaq.stages.amounts import explain_amounts, find_amounts, find_changes


def amounts_of(text: str, lang: str) -> list[Amount]:
    """The amounts of ``text``, each checked to slice back to its own text."""
    found = find_amounts(text, lang=lang)  # type: ignore[arg-type]
    for a in found:
        assert text[a.start : a.end] == a.text
    return found


def changes_of(text: str, lang: str) -> list[Change]:
    """The changes one scan of ``text`` decided (no sentences: the whole text read in ``lang``)."""
    return find_changes(text, explain_amounts(text, lang=lang))  # type: ignore[arg-type]


def view(found: list[Amount]) -> list[tuple[str, float, str, str | None]]:
    return [(a.kind, a.value, a.qualifier, a.unit) for a in found]
