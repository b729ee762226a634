"""READ stage: paths in, RawDocuments (or one Unreadable per unreadable thing) out, lazily.

Files are dispatched on their name, then on their first bytes:
plain text (any common Cyrillic encoding), HTML, JSONL, WARC, and gzip of any of them.
Sizes are checked before reading; containers (JSONL, WARC, gzip) are streamed record by record.
The path ``-`` is standard input, sniffed the same way (JSONL streamed line by line, else one text or
HTML document). A URL is refused with a one-line reason: aimaq does not fetch pages.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import BinaryIO, cast

from aimaq.errors import DocumentReadError
from aimaq.records import RawDocument, Unreadable
from aimaq.settings import Settings
from aimaq.stages.readers.common import over_limit, too_large
from aimaq.stages.readers.gz import open_gzip, open_gzip_raw
from aimaq.stages.readers.html import extract_html
from aimaq.stages.readers.jsonl import iter_jsonl
from aimaq.stages.readers.plain_text import text_document
from aimaq.stages.readers.sniff import (
    binary_kind,
    kind_from_name,
    looks_like_html_bytes,
    looks_like_warc,
)
from aimaq.stages.readers.walk import FileRef, walk
from aimaq.stages.readers.warc import iter_warc

Item = RawDocument | Unreadable
STDIN = "-"
STDIN_SOURCE = "<stdin>"
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)
NO_URLS = ("a URL: aimaq does not fetch pages; save the page and give the file, "
           "or pipe it in: curl -sL URL | aimaq extract -")


def iter_documents(paths: Iterable[str], settings: Settings | None = None,
                   stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Every document under ``paths``, in order; what cannot be read becomes one Unreadable.

    ``-`` reads ``stdin`` (standard input by default); a directory with no document in it is one Unreadable.
    """
    settings = settings or Settings()
    for given in paths:
        if given == STDIN:
            yield from _read_stdin(stdin or sys.stdin.buffer, settings)
            continue
        if _URL.match(given):
            yield Unreadable(given, NO_URLS)
            continue
        found = False
        for ref in walk(given, settings.follow_symlinks):
            found = True
            if isinstance(ref, Unreadable):
                yield ref
            else:
                yield from _read_file(ref, settings)
        if not found:
            yield Unreadable(given, "no documents in this directory")


def count_documents(paths: Iterable[str], settings: Settings | None = None) -> int | None:
    """How many items ``iter_documents(paths)`` will give, from the file names alone (a directory listing, no
    file opened); None when an input may hold any number of documents (standard input, JSONL, WARC, .jsonl.gz).
    A progress bar then knows its total."""
    settings = settings or Settings()
    total = 0
    for given in paths:
        if given == STDIN:
            return None
        if _URL.match(given):
            total += 1
            continue
        found = 0
        for ref in walk(given, settings.follow_symlinks):
            found += 1
            if isinstance(ref, Unreadable):
                continue
            kind = kind_from_name(ref.path)
            if kind in ("warc", "jsonl") or (kind == "gzip" and kind_from_name(ref.path[:-3]) in ("warc", "jsonl")):
                return None
        total += found or 1  # a folder with no document in it is one Unreadable
    return total


def _read_stdin(stream: BinaryIO, settings: Settings) -> Iterator[Item]:
    """Standard input: JSON Lines when its first line is a JSON object (streamed), else one document."""
    try:
        head = stream.readline(settings.max_document_bytes + 1)
        if not head.strip():
            head += stream.read(settings.max_document_bytes + 1 - len(head))
        if head.lstrip().startswith(b"{") and head.rstrip().endswith(b"}"):
            yield from iter_jsonl(cast(BinaryIO, _Prepend(head, stream)), STDIN_SOURCE, settings)
            return
        data = head + stream.read(settings.max_document_bytes + 1 - len(head))
        if len(data) > settings.max_document_bytes:
            raise too_large(len(data), settings.max_document_bytes)
        if not data.strip():
            raise DocumentReadError("empty input")
        yield from _single(data, FileRef(STDIN_SOURCE, STDIN_SOURCE), False)
    except DocumentReadError as failure:
        yield Unreadable(STDIN_SOURCE, failure.reason)
    except OSError as err:
        yield Unreadable(STDIN_SOURCE, f"cannot read: {err.strerror or err}")


class _Prepend:
    """A binary stream with its first line, already read, put back in front (the JSONL reader only calls ``readline``)."""

    def __init__(self, first: bytes, rest: BinaryIO) -> None:
        self._first, self._rest = first, rest

    def readline(self, limit: int = -1) -> bytes:
        if self._first:
            line, self._first = self._first, b""
            return line
        return self._rest.readline(limit)


def _read_file(ref: FileRef, settings: Settings) -> Iterator[Item]:
    try:
        yield from _dispatch(ref, settings)
    except DocumentReadError as failure:
        yield Unreadable(ref.source, failure.reason)
    except PermissionError:
        yield Unreadable(ref.source, "permission denied")
    except FileNotFoundError:
        reason = "broken symlink" if os.path.islink(ref.path) else "no such file or directory"
        yield Unreadable(ref.source, reason)
    except OSError as err:
        yield Unreadable(ref.source, f"cannot read: {err.strerror or err}")
    except Exception as err:  # a library crash on one file must not end the batch
        yield Unreadable(ref.source, f"unexpected error ({type(err).__name__}: {err})")


def _dispatch(ref: FileRef, settings: Settings) -> Iterator[Item]:
    st = os.stat(ref.path)
    if not stat.S_ISREG(st.st_mode):
        raise DocumentReadError("not a regular file")
    if st.st_size == 0:
        raise DocumentReadError("empty file")
    kind = kind_from_name(ref.path)
    if kind == "warc":
        yield from _read_warc(ref, settings)
    elif kind == "gzip":
        yield from _read_gzip(ref, settings)
    elif kind == "jsonl":
        with open(ref.path, "rb") as stream:
            yield from iter_jsonl(stream, ref.source, settings)
    else:
        if st.st_size > settings.max_document_bytes:
            raise too_large(st.st_size, settings.max_document_bytes)
        with open(ref.path, "rb") as stream:
            data = stream.read(settings.max_document_bytes + 1)
        yield from _single(data, ref, kind == "html")


def _read_warc(ref: FileRef, settings: Settings) -> Iterator[Item]:
    with open(ref.path, "rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    if gzipped:
        with open_gzip_raw(ref.path, limit=None) as raw:
            yield from iter_warc(raw, ref.source, settings)
    else:
        with open(ref.path, "rb") as stream:
            yield from iter_warc(stream, ref.source, settings)


def _read_gzip(ref: FileRef, settings: Settings) -> Iterator[Item]:
    """``x.jsonl.gz``, ``x.html.gz``, ``x.txt.gz`` ...: inflated as a stream, dispatched on the inner name."""
    inner = kind_from_name(ref.path[:-3])
    with open_gzip(ref.path, settings.max_decompressed_bytes) as stream:
        if inner == "jsonl":
            yield from iter_jsonl(stream, ref.source, settings)
            return
        data = stream.read(settings.max_document_bytes + 1)
        if len(data) > settings.max_document_bytes:
            raise over_limit(settings.max_document_bytes)
    if not data:
        raise DocumentReadError("empty file")
    yield from _single(data, ref, inner == "html")


def _single(data: bytes, ref: FileRef, html: bool) -> Iterator[Item]:
    """One document from the whole content of a file."""
    if looks_like_warc(data[:8]):
        raise DocumentReadError("WARC content in a file not named .warc or .warc.gz")
    kind = binary_kind(data[:1024])
    if kind:
        raise DocumentReadError(f"binary file ({kind})")
    if html or looks_like_html_bytes(data[:4096]):
        page = extract_html(data)
        yield RawDocument(ref.source, page.text, page.title, page.date, None, "html")
    else:
        yield text_document(ref.source, data)
