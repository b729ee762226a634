"""Small pieces shared by the readers: size limits as failures, size formatting, date normalisation."""

from __future__ import annotations

import datetime as dt
import re

from aimaq.errors import DocumentReadError

KB = 1024
MB = 1024 * 1024


def format_size(n: int) -> str:
    """'50.0 MB', '2.0 KB', '900 B' (binary units, as the settings use)."""
    if n >= MB:
        return f"{n / MB:.1f} MB"
    if n >= KB:
        return f"{n / KB:.1f} KB"
    return f"{n} B"


def too_large(size: int, limit: int) -> DocumentReadError:
    return DocumentReadError(f"too large: {format_size(size)} > {format_size(limit)} limit")


_ISO = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_]|[+-]\d\d|Z)")
_DMY = re.compile(r"\s*(\d{1,2})[./](\d{1,2})[./](\d{4})(?:$|\D)")


def normalise_date(value: object) -> str | None:
    """A YYYY-MM-DD string for the dates pages and feeds state, or None when there is none."""
    if not isinstance(value, str):
        return None
    m = _ISO.match(value)
    if m:
        year, month, day = m.groups()
    else:
        m = _DMY.match(value)
        if not m:
            return None
        day, month, year = m.groups()
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def over_limit(limit: int) -> DocumentReadError:
    """For streams whose full size is unknown: they passed the limit while being read."""
    return DocumentReadError(f"too large: over the {format_size(limit)} limit")
