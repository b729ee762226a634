"""Bytes to text: BOMs, strict UTF-8, then charset-normalizer over the encodings Kazakh and Russian
sites have used (cp1251, KOI8-R, KZ-1048, UTF-16 ...).

A file that is mostly valid UTF-8 with a few broken sequences is an error, never a silent re-decode
as a single-byte code page: that would turn every Cyrillic letter into mojibake.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from aimaq.errors import DocumentReadError
from aimaq.stages.readers.sniff import binary_kind

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Candidates for text without a BOM that is not UTF-8.
SINGLE_BYTE_CANDIDATES = (
    "cp1251", "koi8_r", "kz1048", "cp866", "mac_cyrillic", "iso8859_5", "cp1252",
    "utf_16", "utf_16_le", "utf_16_be",
)  # fmt: skip
WIDE_CANDIDATES = ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be")

# A well-formed multi-byte UTF-8 sequence (2, 3 or 4 bytes).
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
MOSTLY_UTF8 = 0.5  # share of non-ASCII bytes inside valid UTF-8 sequences above which a file "is" UTF-8


def decode_bytes(data: bytes) -> str:
    """Decode a whole text document; raise DocumentReadError naming what is wrong."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding)
    kind = binary_kind(data[:1024])
    if kind:
        raise DocumentReadError(f"binary file ({kind})")
    if b"\x00" in data:
        return _decode_wide(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        cut_short = err.reason == "unexpected end of data" and err.end == len(data)
        if cut_short or _mostly_utf8(data):
            raise DocumentReadError(f"invalid UTF-8 at byte {err.start}") from None
    text = _detect(data, SINGLE_BYTE_CANDIDATES)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise DocumentReadError("binary file (control bytes)")
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        name = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        raise DocumentReadError(f"invalid {name} at byte {err.start}") from None


def _mostly_utf8(data: bytes) -> bool:
    high = len(_HIGH.findall(data))
    in_sequences = sum(len(m) for m in _UTF8_SEQ.findall(data))
    return high > 0 and in_sequences / high >= MOSTLY_UTF8


def _decode_wide(data: bytes) -> str:
    """Text with NUL bytes: UTF-16/32 without a BOM, or a binary file."""
    try:
        text = _detect(data, WIDE_CANDIDATES)
    except DocumentReadError:
        raise DocumentReadError("binary file (NUL bytes)") from None
    if _CONTROL.search(text):
        raise DocumentReadError("binary file (NUL bytes)")
    return text


def _detect(data: bytes, candidates: tuple[str, ...]) -> str:
    best = charset_normalizer.from_bytes(data, cp_isolation=list(candidates)).best()
    if best is None:
        raise DocumentReadError("unknown text encoding")
    return str(best)
