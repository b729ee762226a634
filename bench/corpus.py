"""The benchmark corpus: synthetic kk/ru releases from `aimaq.synth`, as readers would hand them over."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from aimaq.records import RawDocument
from aimaq.synth import Options, generate


def raw_documents(docs: int, seed: int = 1) -> Iterator[RawDocument]:
    """`docs` synthetic releases (about half kk, half ru) as RawDocument, one at a time."""
    for rec in generate(Options(docs=docs, seed=seed)):
        yield RawDocument(rec["url"], rec["text"], rec["title"], rec["date"], rec["url"], "jsonl")


def write_jsonl(path: Path, docs: int, seed: int = 1) -> Path:
    """The same corpus as a JSONL file (text/title/date/url/lang per line), for the ingest benchmarks."""
    with path.open("w", encoding="utf-8") as out:
        for rec in generate(Options(docs=docs, seed=seed)):
            keep = {k: rec[k] for k in ("text", "title", "date", "url", "lang")}
            out.write(json.dumps(keep, ensure_ascii=False) + "\n")
    return path


def tokens(text: str) -> int:
    """Whitespace tokens: the unit of the tokens/s figures."""
    return len(text.split())
