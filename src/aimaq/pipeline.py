"""Builds and runs the extraction stages on one document.

Each stage declares the fields it needs and the fields it adds; ``Pipeline`` refuses an order in which a
stage would run before what it needs, when it is built rather than halfway through a corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from aimaq.records import Document, Mention, RawDocument, ReadError, RegionCount, Sentence


@dataclass
class State:
    """What the stages have found so far for one document (mutable while the pipeline runs)."""

    raw: RawDocument
    values: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[State], dict[str, Any]]


class PipelineError(ValueError):
    """A pipeline was built with a stage before what it needs."""


def _clean(state: State) -> dict[str, Any]:
    from aimaq.stages.clean import clean

    cleaned = clean(state.raw.text)
    return {"text": cleaned.text, "removed": cleaned.removed}


def _lang(state: State) -> dict[str, Any]:
    from aimaq.stages.lang import detect_language

    return {"lang": detect_language(state["text"])}


def _segment(state: State) -> dict[str, Any]:
    from aimaq.stages.lang import detect_sentence_language
    from aimaq.stages.segment import split_sentences

    text, lang = state["text"], state["lang"]
    sentences = tuple(
        Sentence(s.start, s.end, detect_sentence_language(text[s.start : s.end], lang)) for s in split_sentences(text)
    )
    return {"sentences": sentences}


def _regions(state: State) -> dict[str, Any]:
    from aimaq.ner.regions import find_regions, region_counts

    found: list[Mention] = []
    text = state["text"]
    for s in state["sentences"]:
        found.extend(
            Mention(m.type, m.start + s.start, m.end + s.start, m.text, m.norm, m.role)
            for m in find_regions(text[s.start : s.end], s.lang)
        )
    return {"region_mentions": tuple(found), "regions": region_counts(found)}


def _entities(state: State) -> dict[str, Any]:
    from aimaq.stages.entities import find_entities

    return {"entity_mentions": tuple(find_entities(state["text"], state["sentences"]))}


def _amounts(state: State) -> dict[str, Any]:
    from aimaq.stages.amounts import explain_amounts, find_changes, phrases_of

    decisions = explain_amounts(state["text"], state["sentences"], lang=state["lang"])
    amounts = tuple(p.amount for p in phrases_of(decisions))
    return {"amounts": amounts, "changes": tuple(find_changes(state["text"], decisions))}


def _facts(state: State) -> dict[str, Any]:
    from aimaq.stages.facts import FactInput, find_facts

    inp = FactInput(
        text=state["text"],
        date=state.raw.date,
        sentences=state["sentences"],
        amounts=state["amounts"],
        changes=state["changes"],
        mentions=state["mentions"],
        main_region=main_region(state["regions"], state["region_mentions"]),
    )
    return {"facts": tuple(find_facts(inp))}


def _mentions(state: State) -> dict[str, Any]:
    return {"mentions": merge_mentions(state["region_mentions"], state["entity_mentions"])}


STAGES: tuple[Stage, ...] = (
    Stage("clean", (), ("text", "removed"), _clean),
    Stage("lang", ("text",), ("lang",), _lang),
    Stage("segment", ("text", "lang"), ("sentences",), _segment),
    Stage("regions", ("text", "sentences"), ("region_mentions", "regions"), _regions),
    Stage("entities", ("text", "sentences"), ("entity_mentions",), _entities),
    Stage("mentions", ("region_mentions", "entity_mentions"), ("mentions",), _mentions),
    Stage("amounts", ("text", "sentences", "lang"), ("amounts", "changes"), _amounts),
    Stage("facts", ("text", "sentences", "amounts", "changes", "mentions", "regions"), ("facts",), _facts),
)


def main_region(counts: Sequence[RegionCount], mentions: Sequence[Mention]) -> str | None:
    """The most mentioned region; ties go to the one mentioned first."""
    if not counts:
        return None
    first = {}
    for m in mentions:
        first.setdefault(m.norm, m.start)
    top = max(c.count for c in counts)
    return min((c.code for c in counts if c.count == top), key=lambda code: first.get(code, 0))


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


def document_id(text: str) -> str:
    """Stable id: a hex digest of the cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class Pipeline:
    def __init__(self, stages: Sequence[Stage] = STAGES) -> None:
        have: set[str] = set()
        for stage in stages:
            missing = [name for name in stage.requires if name not in have]
            if missing:
                raise PipelineError(f"stage {stage.name!r} needs {', '.join(missing)} before it")
            have.update(stage.assigns)
        self.stages = tuple(stages)

    def run_state(self, raw: RawDocument) -> State:
        state = State(raw)
        for stage in self.stages:
            state.values.update(stage.run(state))
        return state

    def __call__(self, raw: RawDocument) -> Document:
        state = self.run_state(raw)
        v = state.values
        return Document(
            id=document_id(v["text"]),
            source=raw.source,
            lang=v["lang"],
            date=raw.date,
            title=" ".join(raw.title.split()) if raw.title else None,
            text=v["text"],
            sentences=v["sentences"],
            mentions=v["mentions"],
            regions=v["regions"],
            amounts=v["amounts"],
            facts=v["facts"],
            removed=v["removed"],
        )


@dataclass(frozen=True)
class Failure:
    """A document that was read but could not be extracted."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def extract(raw: RawDocument) -> Document:
    """Extract one document with the default pipeline."""
    return _default()(raw)


def extract_text(text: str, source: str = "<text>", date: str | None = None, title: str | None = None) -> Document:
    """Convenience: extract a document given as a string."""
    return extract(RawDocument(source=source, text=text, title=title, date=date))


def extract_stream(
    items: Iterable[RawDocument | ReadError], pipeline: Pipeline | None = None
) -> Iterator[Document | ReadError | Failure]:
    """Extract documents one by one; read errors pass through, a crash in one document becomes a Failure."""
    pipe = pipeline or _default()
    for item in items:
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            yield pipe(item)
        except Exception as exc:  # one bad document must not stop the batch
            yield Failure(item.source, f"extraction failed: {type(exc).__name__}: {exc}")


_PIPELINE: list[Pipeline] = []


def _default() -> Pipeline:
    if not _PIPELINE:
        _PIPELINE.append(Pipeline())
    return _PIPELINE[0]

