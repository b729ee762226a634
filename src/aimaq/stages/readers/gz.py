"""Streaming gzip with the two failures a crawl throws at us: truncated files and gzip bombs.

``GuardedStream`` inflates chunk by chunk, counts what it produced and stops with a ``DocumentReadError``
as soon as the count passes the limit, so a bomb is never inflated whole. Python's ``EOFError`` for a
truncated member becomes a ``DocumentReadError`` too (warcio would read an ``EOFError`` as a clean end).
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import TYPE_CHECKING

from aimaq.errors import DocumentReadError
from aimaq.stages.readers.common import format_size

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


class GuardedStream(io.RawIOBase):
    """A readable raw stream over a gzip file object, with a cap on inflated bytes (None: no cap)."""

    def __init__(self, inner: gzip.GzipFile, limit: int | None) -> None:
        super().__init__()
        self._inner = inner
        self._limit = limit
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer)
        try:
            chunk = self._inner.read1(len(view))  # read1: what was inflated so far is never lost
        except EOFError:
            raise DocumentReadError("truncated gzip: the stream ends before its end marker") from None
        except (gzip.BadGzipFile, zlib.error) as err:
            raise DocumentReadError(f"corrupt gzip: {err}") from None
        self.inflated += len(chunk)
        if self._limit is not None and self.inflated > self._limit:
            raise DocumentReadError(
                f"gzip bomb: inflates past {format_size(self._limit)} limit (max_decompressed_bytes)"
            )
        view[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self._inner.close()
        super().close()


def open_gzip(path: str, limit: int | None) -> io.BufferedReader:
    """A buffered, guarded reader of the inflated bytes of ``path`` (for ``readline``)."""
    return io.BufferedReader(open_gzip_raw(path, limit))


def open_gzip_raw(path: str, limit: int | None) -> GuardedStream:
    """Unbuffered: each ``read`` returns what one inflate step produced, so data read before a
    truncation is handed out before the error (a buffered ``read(n)`` would drop it)."""
    return GuardedStream(gzip.open(path, "rb"), limit)
