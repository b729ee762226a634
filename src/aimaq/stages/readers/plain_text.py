"""Plain-text documents and the crawled-dump header convention.

A dump file may open with `` date YYYY-MM-DD Title`` (leading space optional). With more lines after
it, the rest of that line is the title; when the whole document is that one line, there is no title and
the text after the date is the body.
"""

from __future__ import annotations

import re

from aimaq.errors import DocumentReadError
from aimaq.records import RawDocument
from aimaq.stages.readers.common import normalise_date
from aimaq.stages.readers.decode import decode_bytes

_HEADER = re.compile(r"\A\ufeff?[ \t]?date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+([^\n]*))?[ \t]*(?:\r?\n|\Z)")


def split_header(text: str) -> tuple[str | None, str | None, str]:
    """(title, date, body) of a text; title and date are None when there is no header."""
    m = _HEADER.match(text)
    if not m:
        return None, None, text
    date = normalise_date(m.group(1))
    rest_of_line = (m.group(2) or "").strip()
    body = text[m.end() :]
    if body.strip():
        return rest_of_line or None, date, body
    return None, date, rest_of_line


def text_document(source: str, data: bytes) -> RawDocument:
    """A RawDocument from the bytes of a plain-text file."""
    title, date, body = split_header(decode_bytes(data))
    if not body.strip():
        raise DocumentReadError("no text")
    return RawDocument(source=source, text=body, title=title, date=date, format="text")
