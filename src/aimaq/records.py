"""Frozen records that flow between the stages.

Every extracted item keeps code-point offsets (``start``, ``end``; end exclusive) into the
cleaned text of its document, so any figure can be traced back to its characters. That text opens with
the title as its first paragraph (schema version 2), so a title's figures, places and people are text too.

``Document.to_dict()`` is the JSON record of the contract (``data/schema/document.schema.json``), the one
``aimaq extract`` writes a line of; ``Document.evidence(fact)`` and ``Document.text_of(item)`` give the
characters a fact or any item with offsets comes from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, overload

Lang = Literal["kk", "ru", "en", "other"]
MentionType = Literal["PER", "ORG", "LOC", "ROLE", "PROGRAMME", "EVENT"]
AmountKind = Literal["money", "count", "percent"]
Qualifier = Literal["exact", "approx", "more_than", "less_than", "up_to"]

SCHEMA_VERSION = 2  # 2: the title opens the text; main_region


@dataclass(frozen=True)
class RawDocument:
    """One document as a reader found it, before cleaning."""

    source: str  # path or URL as given, plus '#N' for the Nth record of a container
    text: str  # body text (HTML already reduced to its main text)
    title: str | None = None
    date: str | None = None  # YYYY-MM-DD when the input states one
    url: str | None = None
    format: str = "text"  # text | html | jsonl | warc


@dataclass(frozen=True)
class Unreadable:
    """A file, document or container record that could not be read, with the reason; the batch goes on.

    Readers raise ``aimaq.errors.DocumentReadError``; the read stage turns it into this record.
    """

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner dropped, with the rule that dropped it."""

    text: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    lang: Lang


@dataclass(frozen=True)
class Mention:
    type: MentionType
    start: int
    end: int
    text: str  # exactly text[start:end]
    norm: str | None = None  # nominative lemma, or ISO code for regions
    role: str | None = None  # for PER: the post as stated in the text


@dataclass(frozen=True)
class Amount:
    kind: AmountKind
    value: float
    value_max: float | None
    qualifier: Qualifier
    currency: str | None
    unit: str | None
    text: str  # exactly text[start:end]
    start: int
    end: int
    rule: str = ""  # name of the rule that produced it (for `explain`), not part of the schema


@dataclass(frozen=True)
class Change:
    """'с 41 до 143 проектов' / '41-ден 143-ке дейін': two amounts of one quantity, before and after.

    ``before`` and ``after`` are amounts of the same document; their offsets identify them there."""

    before: Amount
    after: Amount
    start: int  # span of the whole change phrase
    end: int


@dataclass(frozen=True)
class RegionCount:
    code: str  # ISO 3166-2:KZ
    count: int


@dataclass(frozen=True)
class Period:
    start: str | None  # YYYY or YYYY-MM or YYYY-MM-DD
    end: str | None


@dataclass(frozen=True)
class Fact:
    type: str
    value: float | None
    value_before: float | None
    currency: str | None
    unit: str | None
    region: str | None
    period: Period | None
    subject: str | None
    evidence: Span  # the first sentence that states it
    rule: str = ""  # the rule that typed it (for `explain`), not part of the schema
    restatements: tuple[Span, ...] = ()  # later sentences stating the same figure for the same thing


# --------------------------------------------------------------------------- what each stage gives
# One record per stage of ``aimaq.pipeline``: a stage's entry point takes the records it reads as typed
# parameters and returns its own, so the pipeline can check the order of the stages when it is built.


@dataclass(frozen=True)
class Cleaned:
    """CLEAN: the cleaned text (all offsets point into it) and the boilerplate lines dropped from it.

    ``title`` is the title's paragraph at the start of the text (None when the input has no title);
    ``dateline`` is where the release says where it was filed ('АСТАНА. KAZINFORM –'), which is text
    but names no region the release speaks of."""

    text: str
    removed: tuple[RemovedLine, ...] = ()
    title: Span | None = None
    dateline: Span | None = None


@dataclass(frozen=True)
class Language:
    """LANG: the language of the whole document."""

    lang: Lang


@dataclass(frozen=True)
class Segmented:
    """SEGMENT: the sentences, each with its own language."""

    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Regions:
    """REGIONS: LOC mentions of regions and cities (``norm`` is the ISO code), how often each is named,
    and the main region: the one the release is about (None for a national or foreign story)."""

    mentions: tuple[Mention, ...]
    counts: tuple[RegionCount, ...]
    main: str | None = None


@dataclass(frozen=True)
class Entities:
    """ENTITIES: people, posts, organisations, programmes and places the taggers and rules found."""

    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Mentions:
    """MENTIONS: region and entity mentions merged into the document's one list."""

    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class Amounts:
    """AMOUNTS: money, counts and percentages, and the changes (before/after pairs) among them."""

    amounts: tuple[Amount, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Facts:
    """FACTS: the typed facts, in text order."""

    facts: tuple[Fact, ...]


class Offsets(Protocol):
    """Anything with offsets into a document's text: a Span, Sentence, Mention, Amount or Change."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class Document:
    id: str
    source: str
    lang: Lang
    date: str | None
    title: str | None
    text: str
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    regions: tuple[RegionCount, ...] = ()
    amounts: tuple[Amount, ...] = ()
    facts: tuple[Fact, ...] = ()
    main_region: str | None = None
    removed: tuple[RemovedLine, ...] = field(default=(), compare=False)
    schema_version: int = SCHEMA_VERSION

    def text_of(self, item: Offsets) -> str:
        """The characters of ``item`` (anything with ``start`` and ``end``): ``text[start:end]``."""
        return self.text[item.start : item.end]

    def evidence(self, fact: Fact) -> str:
        """The sentence that states ``fact``, stripped of the spaces around it."""
        return self.text_of(fact.evidence).strip()

    def to_dict(self, debug: bool = False) -> dict[str, Any]:
        """The JSON record of the contract; ``debug`` adds the removed boilerplate and the deciding rules."""
        record: dict[str, Any] = {
            "schema_version": self.schema_version,
            "id": self.id,
            "source": self.source,
            "lang": self.lang,
            "date": self.date,
            "title": self.title,
            "text": self.text,
            "sentences": [{"start": s.start, "end": s.end, "lang": s.lang} for s in self.sentences],
            "mentions": [_mention(m) for m in self.mentions],
            "regions": [{"code": r.code, "count": r.count} for r in self.regions],
            "main_region": self.main_region,
            "amounts": [_amount(a) for a in self.amounts],
            "facts": [_fact(f) for f in self.facts],
        }
        if debug:
            record["debug"] = {
                "removed": [{"text": r.text, "reason": r.reason} for r in self.removed],
                "amount_rules": [a.rule for a in self.amounts],
                "fact_rules": [f.rule for f in self.facts],
            }
        return record

    def to_json(self, debug: bool = False) -> str:
        """``to_dict()`` as one compact JSON line: a line of ``aimaq extract``'s JSONL."""
        return json.dumps(self.to_dict(debug), ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- the JSON record's parts


@overload
def number(x: float) -> float | int: ...
@overload
def number(x: None) -> None: ...
@overload
def number(x: float | None) -> float | int | None: ...
def number(x: float | None) -> float | int | None:
    """Integral values as ints (7800000000, not 7.8e9), others as floats."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() and abs(x) < 2**63 else float(x)


def _mention(m: Mention) -> dict[str, Any]:
    return {"type": m.type, "start": m.start, "end": m.end, "text": m.text, "norm": m.norm, "role": m.role}


def _amount(a: Amount) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "value": number(a.value),
        "value_max": number(a.value_max),
        "qualifier": a.qualifier,
        "currency": a.currency,
        "unit": a.unit,
        "text": a.text,
        "start": a.start,
        "end": a.end,
    }


def _fact(f: Fact) -> dict[str, Any]:
    return {
        "type": f.type,
        "value": number(f.value),
        "value_before": number(f.value_before),
        "currency": f.currency,
        "unit": f.unit,
        "region": f.region,
        "period": {"start": f.period.start, "end": f.period.end} if f.period else None,
        "subject": f.subject,
        "evidence": {
            "start": f.evidence.start,
            "end": f.evidence.end,
            "restatements": [{"start": r.start, "end": r.end} for r in f.restatements],
        },
    }
