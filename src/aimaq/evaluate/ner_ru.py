"""Russian NER on factRuEval-2016 devset: our tagger beside plain slovnet (natasha's NewsNERTagger), one run.

    aimaq eval ner-ru [--data ../shared/data/factrueval-2016] [--limit N]

Gold spans follow the evaluation behind slovnet's published figures (natasha/naeval,
``adapt_factru``): a ``Person`` object is one PER span from its first to its last token; an ``Org``
object gives only its ``org_name`` spans as ORG (descriptors such as 'мэрии', 'ОАО' are not part of
the name); ``Location`` *and* ``LocOrg`` objects give their ``loc_name`` spans as LOC (a country or
city standing for its government, 'Москвы' in 'мэрии Москвы', is a place name; LocOrg is LOC);
``Project`` and ``Facility`` are not scored. Overlapping spans keep the first, longest one (naeval's
``filter_overlapping``); spans whose edges do not fall on token edges are dropped.

The systems see tokens only (the ``.tokens`` files, one sentence per block): the sentences of a
document are joined back into text by ``ner_ru_conll.join_document`` and tagged together, as naeval
passes whole documents; plain slovnet gets that same text, so both see identical input. Systems:
- ``slovnet``: NewsNERTagger spans, laid onto the tokens they overlap;
- ``aimaq names``: ``tag_document(sentences, "names")``, the factRuEval/OpenCorpora convention
  (names only, no descriptors) - the one comparable with slovnet;
- ``aimaq``: ``tag_document(sentences)``, our default convention (what `aimaq tag` prints: posts and
  descriptor organisations whole, so the place inside them is not LOC; ROLE and PROGRAMME read as O
  here), shown to make the convention gap visible.

The devset is the only factRuEval data here and our generic name-layer rules (brackets, quoted
names, unions as ORG, hyphens) were written while reading its errors, so these are development
figures, not held-out ones. The ``s`` column is wall time on the machine at hand, natasha loading
excluded; the first of our two runs also fills the word caches.

Scores: *token* level is naeval's (a token counts for type T when it lies inside a T span; P/R/F1
over tokens, summed over the corpus), the level of the published slovnet figures (PER .959,
LOC .915, ORG .825). *Span* level is exact match of chunks.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aimaq.ner.iob import Chunk, Counts, chunks, score, to_tags
from aimaq.ner.natasha_ru import slovnet_spans
from aimaq.ner.tagger_ru_conll import join_document, tag_document
from aimaq.text.tokens import Token

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "factrueval-2016"
TYPES = ("PER", "LOC", "ORG")
PUBLISHED = {"PER": 0.959, "LOC": 0.915, "ORG": 0.825}
_OBJECT_TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
_NAME_SPAN = {"ORG": "org_name", "LOC": "loc_name"}


@dataclass(frozen=True)
class GoldSentence:
    tokens: tuple[Token, ...]
    tags: tuple[str, ...]  # IOB2 over PER / LOC / ORG


def _read_tokens(path: Path) -> list[list[Token]]:
    sentences: list[list[Token]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ", 3)
        if len(parts) < 4:
            if sentences[-1]:
                sentences.append([])
            continue
        start = int(parts[1])
        sentences[-1].append(Token(start, start + int(parts[2]), parts[3]))
    return [s for s in sentences if s]


def _read_spans(path: Path) -> dict[str, tuple[str, int, int]]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if len(parts) >= 4:
            out[parts[0]] = (parts[1], int(parts[2]), int(parts[2]) + int(parts[3]))
    return out


def _gold_spans(book: Path) -> list[tuple[int, int, str]]:
    """naeval's adapt_factru: Person whole, Org -> org_name, Location/LocOrg -> loc_name, first-longest kept."""
    spans = _read_spans(book.with_suffix(".spans"))
    found: list[tuple[int, int, str]] = []
    for line in book.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        kind = _OBJECT_TYPES.get(parts[1]) if len(parts) > 2 else None
        if kind is None:
            continue
        parts_spans = [spans[i] for i in parts[2:] if i in spans]
        if kind == "PER" and parts_spans:
            found.append((min(s[1] for s in parts_spans), max(s[2] for s in parts_spans), kind))
        elif kind != "PER":
            found.extend(_first_longest([(s, e, kind) for t, s, e in parts_spans if t == _NAME_SPAN[kind]]))
    return _first_longest(found)


def _first_longest(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop every span that starts inside the span kept before it (spans sorted by start, longest first)."""
    kept: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or kept[-1][1] <= span[0]:
            kept.append(span)
    return kept


def load_gold(root: Path, limit: int | None = None) -> Iterator[list[GoldSentence]]:
    """The documents (``book_N``, in number order), each as its gold sentences."""
    books = sorted(root.glob("book_*.txt"), key=lambda p: int(p.stem.split("_")[1]))
    for book in books[:limit]:
        sentences = _read_tokens(book.with_suffix(".tokens"))
        starts = {t.start for s in sentences for t in s}
        ends = {t.end for s in sentences for t in s}
        aligned = [g for g in _gold_spans(book) if g[0] in starts and g[1] in ends]
        doc = []
        for toks in sentences:
            found = [_cover(toks, s, e, kind) for s, e, kind in aligned]
            doc.append(GoldSentence(tuple(toks), tuple(to_tags([c for c in found if c is not None], len(toks)))))
        yield doc


def _cover(toks: Sequence[Token], start: int, end: int, kind: str) -> Chunk | None:
    inside = [i for i, t in enumerate(toks) if start <= t.start and t.end <= end]
    return Chunk(kind, inside[0], inside[-1] + 1) if inside else None


def slovnet_document(sentences: list[list[str]]) -> list[list[str]]:
    """Plain slovnet (natasha's NewsNERTagger) on the document text ``tag_document`` sees, laid onto tokens."""
    text, _, offsets = join_document(sentences)
    spans = slovnet_spans(text)
    out = []
    for toks, spans_at in zip(sentences, offsets, strict=True):
        found: list[Chunk] = []
        for span in spans:
            inside = [i for i, (s, e) in enumerate(spans_at) if s < span.end and span.start < e]
            if inside and (not found or found[-1].end <= inside[0]):
                found.append(Chunk(span.type, inside[0], inside[-1] + 1))
        out.append(to_tags(found, len(toks)))
    return out


def _keep(tags: Sequence[str]) -> list[str]:
    return to_tags([c for c in chunks(tags) if c.type in TYPES], len(tags))


def _token_counts(gold: Sequence[Sequence[str]], pred: Sequence[Sequence[str]]) -> dict[str, Counts]:
    """naeval's token-level IO counts per type."""
    out = {t: Counts() for t in TYPES}
    for g_tags, p_tags in zip(gold, pred, strict=True):
        for g, p in zip(g_tags, p_tags, strict=True):
            g_type, p_type = g.partition("-")[2], p.partition("-")[2]
            for t in {g_type, p_type} & set(TYPES):
                out[t] = out[t] + Counts(int(g_type == p_type), int(p_type == t), int(g_type == t))
    return out


SYSTEMS: dict[str, Callable[[list[list[str]]], list[list[str]]]] = {
    "slovnet": slovnet_document,
    "aimaq names": lambda doc: tag_document(doc, "names"),
    "aimaq": tag_document,
}


def report(root: Path, limit: int | None = None) -> str:
    docs = list(load_gold(root, limit))
    gold_tags = [list(g.tags) for doc in docs for g in doc]
    n_tokens = sum(len(g.tokens) for doc in docs for g in doc)
    tag_document([["Загрузка", "моделей", "."]])  # load natasha before the clocks start
    lines = [
        f"factRuEval-2016 devset: {len(docs)} documents, {len(gold_tags)} sentences, {n_tokens} tokens",
        "",
        "| system | level | PER P/R/F1 | LOC P/R/F1 | ORG P/R/F1 | s | sent/s |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, tagger in SYSTEMS.items():
        began = time.perf_counter()
        pred = [_keep(tags) for doc in docs for tags in tagger([[t.text for t in g.tokens] for g in doc])]
        took = time.perf_counter() - began
        for level, counts in (("token", _token_counts(gold_tags, pred)), ("span", score(gold_tags, pred))):
            cells = [_cell(counts.get(t, Counts())) for t in TYPES]
            speed = len(gold_tags) / took if took else 0.0
            lines.append(f"| {name} | {level} | {' | '.join(cells)} | {took:.0f} | {speed:.0f} |")
    published = " / ".join(f"{t} {PUBLISHED[t]:.3f}" for t in TYPES)
    lines += ["", f"published slovnet (token level, F1): {published}"]
    return "\n".join(lines)


def _cell(c: Counts) -> str:
    return f"{c.precision:.3f} / {c.recall:.3f} / **{c.f1:.3f}**"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="aimaq eval ner-ru", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the factrueval-2016 folder")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    args = parser.parse_args(argv)
    root = args.data / "devset"
    if not root.is_dir():
        print(f"aimaq: error: {args.data}: no devset folder (factRuEval-2016)", file=sys.stderr)
        return 2
    print(report(root, args.limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
