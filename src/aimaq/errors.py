"""The catalogue of aimaq's own exceptions: every error the library raises on purpose, in one place.

Each is an ``AimaqError``; the docstring says when it is raised and what the user then sees. The CLI
prints the message after ``aimaq: error:`` and exits with status 1 (an unreadable input goes on to the
next one first); the web app answers with a status code and the message, never a traceback.

Some also keep the built-in type they were before (``ValueError``, ``LookupError``, ``RuntimeError``)
so that a caller catching that type still catches them. Records are never named ``...Error``: the
record of an input that could not be read is ``aimaq.records.Unreadable``.

This module imports nothing from aimaq, so every layer may raise and catch these.
"""

from __future__ import annotations


class AimaqError(Exception):
    """The base of every exception aimaq raises on purpose; catch it to handle any of them."""


class DocumentReadError(AimaqError):
    """Raised by a reader when a file, document or container record cannot be read (empty, binary, broken
    encoding, broken JSON or WARC, too large ...). The read stage turns it into one
    ``aimaq.records.Unreadable(source, reason)`` and the batch goes on; the user sees one line
    ``aimaq: error: SOURCE: reason`` (and the line in the ingest report), and the exit status is 1 at the end.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class PipelineError(AimaqError, ValueError):
    """Raised when a ``Pipeline`` is built with a stage before a stage it needs, with two stages giving one
    record, or with a stage whose reads are not annotated with record types (``aimaq.pipeline``): a
    programming error, refused when the pipeline is built rather than halfway through a corpus."""


class TaggerMissingError(AimaqError, LookupError):
    """Raised by ``aimaq.ner.tagger(lang)`` for a language without a token tagger; ``aimaq tag`` and
    ``aimaq eval ner`` print ``aimaq: error: tag: no tagger for language ...`` and exit 1."""


class StoreError(AimaqError):
    """Raised when the store cannot be opened or used: no database at the path, no such directory, an
    unsupported URL, a missing database driver, a failed backup or restore (``aimaq.store``). The commands
    that use the store print ``aimaq: error: [DB or FILE:] message`` and exit 1."""


class ExportError(AimaqError):
    """Raised by ``aimaq.store.dataset_export`` for an unknown table or format, or Parquet without
    pyarrow; ``aimaq export`` prints ``aimaq: error: OUT: message`` and exits 1."""


class ParallelError(AimaqError, RuntimeError):
    """Raised when the extraction backend of ``aimaq ingest`` cannot start: fewer than one worker, Dask
    not installed, the Dask scheduler unreachable (``aimaq.ingest.workers``). ``aimaq ingest`` prints
    ``aimaq: error: SCHEDULER or workers: message`` and exits 1."""


class CursorError(AimaqError, ValueError):
    """Raised when a pagination cursor was not made by this server, or was made for another listing
    (``aimaq.web.cursor``). The API answers 400 ``invalid cursor``; a dashboard page shows its first page."""


class BodyTooLargeError(AimaqError):
    """Raised from the request's ``receive`` when a streamed request body passes the upload limit
    (``aimaq.web.limits.BodyLimit``); the client gets 413 ``request body larger than N bytes``."""


class BrowserMissingError(AimaqError, RuntimeError):
    """Raised by ``aimaq.web.devtools`` when Chromium, chromedriver or selenium is not installed; the
    browser tests skip with this message and ``scripts/screenshots.py`` prints it and exits 1."""


class UsageError(AimaqError, ValueError):
    """Raised when a command line or an API request asks for something that does not exist or cannot run
    (an unknown region, fact type or language, a bad date or limit, no input at all); the CLI prints
    `aimaq: error: <message>` and exits with status 2, the API answers 422 with the same message."""
