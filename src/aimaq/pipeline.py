"""Builds and runs the extraction stages on one document.

A stage is one function: its parameters are annotated with the records it reads (``RawDocument``, or a
record an earlier stage gives, all in ``aimaq.records``) and its return annotation names the one record
it gives. ``Stage.of`` reads those annotations, so what a stage needs is what its code reads, not a list
written beside it. ``Pipeline`` checks, when it is built, that every stage comes after the stages that
give what it reads, and that the stages give everything a ``Document`` is made of; a wrong order is
refused with ``PipelineError`` before any document is read.

``default_pipeline()`` is the pipeline ``extract`` and ``extract_stream`` use: clean, lang, segment,
regions, entities, mentions, amounts, facts, each the ``run`` function of its module in ``aimaq.stages``.
``Pipeline.without`` turns stages off (each then gives its empty record, so the stages after it still run,
on nothing); ``Pipeline.in_language`` states the language instead of detecting it.
"""

from __future__ import annotations

import hashlib
import inspect
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache

from aimaq.errors import PipelineError
from aimaq.records import (
    Amounts,
    Cleaned,
    Document,
    Entities,
    Facts,
    Lang,
    Language,
    Mentions,
    RawDocument,
    Regions,
    Segmented,
    Unreadable,
)
from aimaq.stages.mentions import merge_mentions

__all__ = [
    "OPTIONAL",
    "Failure",
    "Pipeline",
    "Stage",
    "default_pipeline",
    "document_id",
    "extract",
    "extract_stream",
    "extract_text",
    "merge_mentions",
]


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline: ``run(*needs) -> gives``, each a record type."""

    name: str
    run: Callable[..., object]
    needs: tuple[type, ...]
    gives: type

    @classmethod
    def of(cls, name: str, run: Callable[..., object]) -> Stage:
        """The stage ``run``, its inputs and output read from its annotations."""
        try:
            hints = typing.get_type_hints(run)
        except NameError as exc:
            raise PipelineError(f"stage {name!r}: an annotation cannot be resolved ({exc})") from exc
        needs = []
        for param in inspect.signature(run).parameters:
            if not isinstance(hints.get(param), type):
                raise PipelineError(f"stage {name!r}: parameter {param!r} is not annotated with a record type")
            needs.append(hints[param])
        gives = hints.get("return")
        if not isinstance(gives, type):
            raise PipelineError(f"stage {name!r}: the return value is not annotated with a record type")
        return cls(name, run, tuple(needs), gives)


def _document(
    raw: RawDocument,
    cleaned: Cleaned,
    language: Language,
    segmented: Segmented,
    mentions: Mentions,
    regions: Regions,
    amounts: Amounts,
    facts: Facts,
) -> Document:
    """The document the stages' records make up."""
    return Document(
        id=document_id(cleaned.text),
        source=raw.source,
        lang=language.lang,
        date=raw.date,
        title=" ".join(raw.title.split()) if raw.title else None,
        text=cleaned.text,
        sentences=segmented.sentences,
        mentions=mentions.mentions,
        regions=regions.counts,
        amounts=amounts.amounts,
        facts=facts.facts,
        main_region=regions.main,
        removed=cleaned.removed,
    )


_DOCUMENT = Stage.of("document", _document)

# What a stage that is turned off gives: its record with nothing found. The stages not named here (clean,
# lang, segment) give what every later stage reads, and cannot be turned off.
OPTIONAL: dict[type, object] = {
    Regions: Regions((), ()),
    Entities: Entities(()),
    Mentions: Mentions(()),
    Amounts: Amounts((), ()),
    Facts: Facts(()),
}


class Pipeline:
    """Stages in the order they run; building one checks that order."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        have: dict[type, str] = {RawDocument: "the reader"}
        for stage in (*stages, _DOCUMENT):
            missing = [t.__name__ for t in stage.needs if t not in have]
            if missing:
                raise PipelineError(f"stage {stage.name!r} needs {', '.join(missing)} before it")
            if stage.gives in have:
                raise PipelineError(f"stage {stage.name!r} gives {stage.gives.__name__}, which {have[stage.gives]} gives")
            have[stage.gives] = f"stage {stage.name!r}"
        self.stages = tuple(stages)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(stage.name for stage in self.stages)

    def without(self, *names: str) -> Pipeline:
        """This pipeline with the named stages off: each gives its empty record (``OPTIONAL``)."""
        unknown = sorted(set(names) - set(self.names))
        if unknown:
            raise PipelineError(f"no stage {', '.join(map(repr, unknown))}; the stages are {', '.join(self.names)}")
        stages = []
        for stage in self.stages:
            if stage.name in names:
                if stage.gives not in OPTIONAL:
                    can = ", ".join(s.name for s in self.stages if s.gives in OPTIONAL)
                    raise PipelineError(f"stage {stage.name!r} cannot be turned off (these can: {can})")
                stage = Stage(stage.name, _constant(OPTIONAL[stage.gives]), (), stage.gives)
            stages.append(stage)
        return Pipeline(stages)

    def in_language(self, lang: Lang) -> Pipeline:
        """This pipeline with the language stated, not detected: the document's and every sentence's."""
        stages = []
        for stage in self.stages:
            if stage.gives is Language:
                stage = Stage(stage.name, _constant(Language(lang)), (), Language)
            elif stage.gives is Segmented:
                stage = Stage(stage.name, _sentences_in(stage.run, lang), stage.needs, Segmented)
            stages.append(stage)
        return Pipeline(stages)

    def __call__(self, raw: RawDocument) -> Document:
        found: dict[type, object] = {RawDocument: raw}
        for stage in (*self.stages, _DOCUMENT):
            record = stage.run(*(found[t] for t in stage.needs))
            if not isinstance(record, stage.gives):
                raise PipelineError(f"stage {stage.name!r} gave {type(record).__name__}, not {stage.gives.__name__}")
            found[stage.gives] = record
        return typing.cast(Document, found[Document])


def _constant(record: object) -> Callable[[], object]:
    return lambda: record


def _sentences_in(segment: Callable[..., object], lang: Lang) -> Callable[..., Segmented]:
    def run(*records: object) -> Segmented:
        found = typing.cast(Segmented, segment(*records))
        return Segmented(tuple(replace(s, lang=lang) for s in found.sentences))

    return run


@cache
def default_pipeline() -> Pipeline:
    """The stages ``extract`` runs, in order; built (and checked) once, on first use.

    The stage modules are imported here rather than at the top, so that importing ``aimaq.pipeline``
    loads no tagger.
    """
    from aimaq.stages import amounts, clean, entities, facts, lang, mentions, regions, segment

    return Pipeline([
        Stage.of("clean", clean.run),
        Stage.of("lang", lang.run),
        Stage.of("segment", segment.run),
        Stage.of("regions", regions.run),
        Stage.of("entities", entities.run),
        Stage.of("mentions", mentions.run),
        Stage.of("amounts", amounts.run),
        Stage.of("facts", facts.run),
    ])


def document_id(text: str) -> str:
    """Stable id: a hex digest of the cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Failure:
    """A document that was read but could not be extracted."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def extract(raw: RawDocument) -> Document:
    """Extract one document with the default pipeline."""
    return default_pipeline()(raw)


def extract_text(text: str, source: str = "<text>", date: str | None = None, title: str | None = None) -> Document:
    """Convenience: extract a document given as a string."""
    return extract(RawDocument(source=source, text=text, title=title, date=date))


def extract_stream(
    items: Iterable[RawDocument | Unreadable], pipeline: Pipeline | None = None
) -> Iterator[Document | Unreadable | Failure]:
    """Extract documents one by one; read errors pass through, a crash in one document becomes a Failure."""
    pipe = pipeline or default_pipeline()
    for item in items:
        if isinstance(item, Unreadable):
            yield item
            continue
        try:
            yield pipe(item)
        except Exception as exc:  # one bad document must not stop the batch
            yield Failure(item.source, f"extraction failed: {type(exc).__name__}: {exc}")
