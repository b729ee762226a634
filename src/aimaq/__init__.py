"""aimaq: kk/ru regional-development press releases to source-linked, normalised facts.

The Python API (docs/python.md)::

    import aimaq
    doc = aimaq.extract("Шымкентте 2023 жылы 300 жұмыс орны ашылды.")
    for fact in doc.facts:
        print(fact.type, fact.value, fact.region, doc.evidence(fact))

``extract`` reads one text, ``extract_many`` a stream of them; each gives a ``Document`` (``aimaq.records``)
whose ``to_dict()`` / ``to_json()`` is the JSON record ``aimaq extract`` writes. Importing ``aimaq`` loads
no tagger: the pipeline is imported, built and checked on the first call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, get_args

from aimaq.records import Amount, Document, Fact, Lang, Mention, RawDocument, Sentence, Span

if TYPE_CHECKING:
    from aimaq.pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "Amount",
    "Document",
    "Fact",
    "Mention",
    "RawDocument",
    "Sentence",
    "Span",
    "__version__",
    "extract",
    "extract_many",
    "stage_names",
]

Item = str | Mapping[str, Any] | RawDocument


def extract(
    text: str,
    *,
    title: str | None = None,
    date: str | None = None,
    lang: Lang | None = None,
    disable: Iterable[str] = (),
) -> Document:
    """The document ``text`` makes: its sentences, mentions, regions, amounts and typed facts.

    ``date`` is the release's date (YYYY-MM-DD), which dates facts that name no year; ``lang`` ('kk',
    'ru') states the language instead of detecting it; ``disable`` names stages to skip (``stage_names()``
    lists them), whose records the document then has empty.
    """
    return _pipeline(lang, tuple(disable))(RawDocument(source="<text>", text=text, title=title, date=date))


def extract_many(
    items: Iterable[Item], *, lang: Lang | None = None, disable: Iterable[str] = ()
) -> Iterator[Document]:
    """The documents of ``items``, one by one as they are read (a generator: nothing is held).

    An item is a text, a ``RawDocument``, or a dict with ``text`` and any of ``title``, ``date``, ``url``,
    ``source``, ``lang`` (which states that item's language). A document that fails raises its error.
    """
    pipelines: dict[Lang | None, Pipeline] = {}
    off = tuple(disable)
    for n, item in enumerate(items, 1):
        raw, item_lang = _raw(item, n)
        key = item_lang or lang
        if key not in pipelines:
            pipelines[key] = _pipeline(key, off)
        yield pipelines[key](raw)


def stage_names() -> tuple[str, ...]:
    """The stages ``extract`` runs, in order; ``disable`` may name regions, entities, mentions, amounts and facts."""
    from aimaq.pipeline import default_pipeline

    return default_pipeline().names


def __dir__() -> list[str]:
    """``dir(aimaq)`` is the API."""
    return sorted(__all__)


def _pipeline(lang: Lang | None, disable: tuple[str, ...]) -> Pipeline:
    from aimaq.pipeline import default_pipeline

    if lang is not None and lang not in get_args(Lang):
        raise ValueError(f"lang must be one of {', '.join(get_args(Lang))}, not {lang!r}")
    pipeline = default_pipeline()
    if disable:
        pipeline = pipeline.without(*disable)
    return pipeline.in_language(lang) if lang else pipeline


def _raw(item: Item, n: int) -> tuple[RawDocument, Lang | None]:
    if isinstance(item, RawDocument):
        return item, None
    if isinstance(item, str):
        return RawDocument(source=f"<text #{n}>", text=item), None
    if isinstance(item, Mapping):
        if not isinstance(item.get("text"), str):
            raise TypeError(f"item {n}: a dict needs its 'text' as a string")
        url = item.get("url")
        raw = RawDocument(source=item.get("source") or url or f"<text #{n}>", text=item["text"],
                          title=item.get("title"), date=item.get("date"), url=url)
        return raw, item.get("lang")
    raise TypeError(f"item {n}: expected a str, a dict or a RawDocument, not {type(item).__name__}")
