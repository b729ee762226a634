"""JSON Lines: one document a line, read line by line; a bad line is one Unreadable and the rest goes on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from aimaq.errors import DocumentReadError
from aimaq.records import RawDocument, Unreadable
from aimaq.settings import Settings
from aimaq.stages.readers.common import normalise_date, too_large
from aimaq.stages.readers.html import extract_html
from aimaq.stages.readers.sniff import looks_like_html_text

_CHUNK = 1 << 16


def iter_jsonl(stream: BinaryIO, path: str, settings: Settings) -> Iterator[RawDocument | Unreadable]:
    """Documents of a JSONL stream; ``source`` is ``path#N`` with N the 1-based line number."""
    for number, line, size in _lines(stream, settings.max_document_bytes):
        source = f"{path}#{number}"
        try:
            if line is None:
                raise too_large(size, settings.max_document_bytes)
            if line.strip():
                yield _record(line, source, settings)
        except DocumentReadError as failure:
            yield Unreadable(source, failure.reason)


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes, size); bytes is None for a line longer than ``limit``, which is skipped unread."""
    number = 0
    while True:
        line = stream.readline(limit + 2)
        if not line:
            return
        number += 1
        size = len(line.rstrip(b"\r\n"))
        if size <= limit:
            yield number, line, size
            continue
        while not line.endswith(b"\n"):
            line = stream.readline(_CHUNK)
            if not line:
                break
            size += len(line.rstrip(b"\r\n"))
        yield number, None, size


def _record(line: bytes, source: str, settings: Settings) -> RawDocument:
    try:
        record = json.loads(line.rstrip(b"\r\n").decode("utf-8"))
    except UnicodeDecodeError as err:
        raise DocumentReadError(f"invalid UTF-8 at byte {err.start} of the line") from None
    except json.JSONDecodeError as err:
        raise DocumentReadError(f"broken JSON ({err.msg}, column {err.colno})") from None
    if not isinstance(record, dict):
        raise DocumentReadError(f"not a JSON object but {type(record).__name__}")
    text = record.get(settings.jsonl_text_field)
    if not isinstance(text, str) or not text.strip():
        raise DocumentReadError(f"no text in field '{settings.jsonl_text_field}'")
    title = _string(record.get(settings.jsonl_title_field))
    date = normalise_date(record.get(settings.jsonl_date_field))
    url = _string(record.get(settings.jsonl_url_field))
    if looks_like_html_text(text):
        page = extract_html(text, url=url)
        text, title, date = page.text, title or page.title, date or page.date
    return RawDocument(source=source, text=text, title=title, date=date, url=url, format="jsonl")


def _string(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
