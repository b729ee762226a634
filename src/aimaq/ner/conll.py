"""CoNLL-style column files: a token per line, columns split on whitespace, blank lines between sentences."""

from __future__ import annotations

from collections.abc import Iterable, Iterator


def read_sentences(lines: Iterable[str]) -> Iterator[list[list[str]]]:
    """Sentences as lists of rows (each row: the line's columns); '-DOCSTART-' lines are skipped."""
    rows: list[list[str]] = []
    for line in lines:
        cols = line.split()
        if cols and cols[0] == "-DOCSTART-":
            continue
        if cols:
            rows.append(cols)
        elif rows:
            yield rows
            rows = []
    if rows:
        yield rows


def format_sentence(tokens: Iterable[str], tags: Iterable[str]) -> str:
    """``token<TAB>tag`` lines, ending with a blank line."""
    return "".join(f"{tok}\t{tag}\n" for tok, tag in zip(tokens, tags, strict=True)) + "\n"
