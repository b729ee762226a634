"""What a file is: by its name first, then by its first bytes."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["text", "html", "jsonl", "warc", "gzip"]

# Leading bytes of formats that are never a text document.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE2) document"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x1f\x8b", "gzip data"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"\x00\x00\x01\x00", "ICO image"),
)
_RIFF_KINDS = {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}

_HTML_HEAD = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAGS = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|br|article|section|h[1-6])\b[^>]*>", re.I)

_EXTENSIONS: tuple[tuple[str, Kind], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".gz", "gzip"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
)


def kind_from_name(name: str) -> Kind | None:
    """The format a file name announces, or None when only the content can tell."""
    lower = name.lower()
    for ext, kind in _EXTENSIONS:
        if lower.endswith(ext):
            return kind
    return None


def binary_kind(head: bytes) -> str | None:
    """A short name for a binary format recognised from the leading bytes, else None."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(b"MZ") and b"PE\x00\x00" in head[:1024]:
        return "Windows executable"
    if head.startswith(b"BZh") and head[4:10] == b"1AY&SY":
        return "bzip2 archive"
    if head.startswith(b"RIFF") and head[8:12] in _RIFF_KINDS:
        return _RIFF_KINDS[head[8:12]]
    if head[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    return None


def looks_like_html_bytes(head: bytes) -> bool:
    """True when the bytes open like an HTML page (``<html``, ``<!doctype html``, after a BOM or XML header)."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return bool(_HTML_HEAD.match(head[:4096]))


def looks_like_html_text(text: str) -> bool:
    """True when a string (e.g. a JSONL text field) is markup rather than plain text."""
    return bool(_HTML_TAGS.search(text[:4096]))


def looks_like_warc(head: bytes) -> bool:
    return head.startswith(b"WARC/")
