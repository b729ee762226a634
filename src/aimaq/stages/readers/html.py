"""HTML pages to main text with trafilatura: paragraphs one per line, title and date from the page."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from typing import Any

import lxml.html

from aimaq.errors import DocumentReadError
from aimaq.stages.readers.common import normalise_date

# Page dates only from what the page states (meta, og:, <time>), not guessed from free text or URLs.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Menus and footers, dropped before extraction: trafilatura's fallbacks for short pages keep them.
_PRUNE = ["//nav", "//footer", "//*[@role='navigation']", "//*[@role='contentinfo']"]

HTML_DEPTH_LIMIT = 255  # libxml2 drops what is nested deeper (without XML_PARSE_HUGE)


@cache
def _trafilatura() -> Any:
    """trafilatura, imported with the first page (its import costs a third of a second, which a run over
    plain text need not pay), with its loggers quieted after the import, which sets htmldate's level."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    return trafilatura


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    date: str | None


def extract_html(markup: str | bytes, url: str | None = None) -> Extracted:
    """Main text, title and date of a page; DocumentReadError when the page holds no text."""
    doc = _trafilatura().bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        prune_xpath=_PRUNE,
        date_extraction_params=_DATE_PARAMS,
    )
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        raise DocumentReadError(_why_empty(markup))
    title = (getattr(doc, "title", None) or "").strip() or None
    return Extracted(text=_drop_title_line(text, title), title=title, date=normalise_date(getattr(doc, "date", None)))


def _drop_title_line(text: str, title: str | None) -> str:
    """The page heading repeats the title; the body starts after it."""
    first, sep, rest = text.partition("\n")
    if title and sep and first.strip() == title:
        return rest.lstrip("\n")
    return text


def _why_empty(markup: str | bytes) -> str:
    """Why a page gave no text: libxml2 drops everything nested deeper than its limit (256 elements)."""
    parser = lxml.html.HTMLParser()
    try:
        lxml.html.fromstring(markup.encode("utf-8") if isinstance(markup, str) else markup, parser=parser)
    except Exception:  # lxml refuses some input outright (empty, only comments ...)
        return "no main text found in HTML"
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        return f"HTML nested deeper than {HTML_DEPTH_LIMIT} elements (the parser's limit): its text is lost"
    return "no main text found in HTML"

