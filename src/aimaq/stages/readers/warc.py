"""WARC files (plain or gzip), streamed with warcio: response/resource records holding HTML or plain text.

A record that is broken or cut short is one Unreadable; records already yielded stay yielded, and reading
stops there, since nothing after a broken record can be trusted to start at a record boundary.

A Content-Length that lies (the record is not followed by its blank lines) is only seen when warcio moves to
the next record, so each document is held back until then; the lying record becomes the error, and
warcio's multi-line warning on stderr is swallowed (our one error line says it).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any, BinaryIO

from aimaq.errors import DocumentReadError
from aimaq.records import RawDocument, Unreadable
from aimaq.settings import Settings
from aimaq.stages.readers.common import normalise_date, over_limit, too_large
from aimaq.stages.readers.decode import decode_bytes
from aimaq.stages.readers.html import extract_html
from aimaq.stages.readers.sniff import looks_like_html_bytes


class _FatalReadError(DocumentReadError):
    """A failure after which the rest of the file cannot be read."""


def iter_warc(
    stream: BinaryIO | io.RawIOBase, path: str, settings: Settings
) -> Iterator[RawDocument | Unreadable]:
    """Documents of a WARC stream (an open file, or a raw stream such as a guarded gzip); ``source`` is
    ``path#N`` with N the 1-based index of the record."""
    from warcio.archiveiterator import ArchiveIterator  # here: warcio takes a tenth of a second to import

    archive = ArchiveIterator(stream)
    records = iter(archive)
    number, held = 0, None  # held: the previous record's document, yielded once its end proved sound
    while True:
        number += 1
        source = f"{path}#{number}"
        step, failure = _next_record(records)
        if archive.err_count:
            yield Unreadable(f"{path}#{number - 1}", LYING_LENGTH)
            return
        if held is not None:
            yield held
            held = None
        if failure is not None:
            yield Unreadable(source, failure)
            return
        if step is None:
            return
        try:
            held = _document(step, source, settings)
        except _FatalReadError as fatal:
            yield Unreadable(source, fatal.reason)
            return
        except DocumentReadError as bad:
            yield Unreadable(source, bad.reason)


LYING_LENGTH = "WARC Content-Length does not match the record (no blank line after it); rest of file skipped"


def _next_record(records: Iterator[Any]) -> tuple[Any, str | None]:
    """(the next record or None at the end, None) or (None, why the file cannot be read further)."""
    with contextlib.redirect_stderr(io.StringIO()):  # warcio warns about lying lengths on stderr
        try:
            return next(records), None
        except StopIteration:
            return None, None
        except DocumentReadError as failure:
            return None, failure.reason
        except Exception as err:  # warcio raises assorted errors on damaged input
            return None, f"broken WARC record ({type(err).__name__}: {err})"


def _document(record: Any, source: str, settings: Settings) -> RawDocument | None:
    """The record as a document; None for records that carry no page (requests, images, redirects ...)."""
    kind = _payload_kind(record)
    if kind is None:
        return None
    if record.length and record.length > settings.max_document_bytes:
        if record.length > settings.max_decompressed_bytes:
            raise _FatalReadError(too_large(record.length, settings.max_decompressed_bytes).reason)
        raise too_large(record.length, settings.max_document_bytes)
    payload = _payload(record, settings.max_document_bytes)
    if kind == "sniff":
        kind = "html" if looks_like_html_bytes(payload) else "text"
    url = record.rec_headers.get_header("WARC-Target-URI")
    warc_date = normalise_date(record.rec_headers.get_header("WARC-Date"))
    if kind == "html":
        page = extract_html(payload, url=url)
        return RawDocument(source, page.text, page.title, page.date or warc_date, url, "warc")
    text = decode_bytes(payload)
    if not text.strip():
        raise DocumentReadError("no text")
    return RawDocument(source, text, None, warc_date, url, "warc")


def _payload_kind(record: Any) -> str | None:
    """'html', 'text', 'sniff' (no content type stated) or None (not a document)."""
    if record.rec_type == "response":
        headers = record.http_headers
        if headers is None:
            return None
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = headers.get_header("Content-Type")
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
    else:
        return None
    content_type = (content_type or "").lower()
    if not content_type or content_type.startswith("application/octet-stream"):
        return "sniff"
    if "html" in content_type:
        return "html"
    if content_type.startswith("text/plain"):
        return "text"
    return None


def _payload(record: Any, limit: int) -> bytes:
    try:
        payload = record.content_stream().read(limit + 1)
    except DocumentReadError as failure:  # the file itself is broken (truncated gzip ...)
        raise _FatalReadError(failure.reason) from None
    if len(payload) > limit:
        raise over_limit(limit)
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise _FatalReadError(f"truncated WARC record: {missing} of {record.length} bytes missing")
    if not payload.strip():
        raise DocumentReadError("empty record")
    return payload
