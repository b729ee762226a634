"""Expanding the caller's paths into files: directories recursively, in sorted order, hidden entries
skipped, symlinked directories followed only when asked and never twice (no symlink loops)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from aimaq.records import Unreadable


@dataclass(frozen=True)
class FileRef:
    source: str  # the path as given, joined with the path inside a directory
    path: str  # what to open


def walk(given: str, follow_symlinks: bool) -> Iterator[FileRef | Unreadable]:
    """Files under one path as the caller gave it."""
    try:
        st = os.stat(given)
    except FileNotFoundError:
        reason = "broken symlink" if os.path.islink(given) else "no such file or directory"
        yield Unreadable(given, reason)
        return
    except PermissionError:
        yield Unreadable(given, "permission denied")
        return
    if not os.path.isdir(given):
        yield FileRef(given, given)
        return
    yield from _walk_dir(given, given, follow_symlinks, {(st.st_dev, st.st_ino)})


def _walk_dir(
    path: str, source: str, follow_symlinks: bool, seen: set[tuple[int, int]]
) -> Iterator[FileRef | Unreadable]:
    try:
        with os.scandir(path) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except PermissionError:
        yield Unreadable(source, "permission denied")
        return
    except OSError as err:
        yield Unreadable(source, f"cannot list directory: {err.strerror or err}")
        return
    for entry in entries:
        child = os.path.join(source, entry.name)
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
        except OSError:
            is_dir = False
        if not is_dir:
            yield FileRef(child, entry.path)
            continue
        if entry.is_symlink() and not follow_symlinks:
            continue
        try:
            st = entry.stat(follow_symlinks=True)
        except OSError as err:
            yield Unreadable(child, f"cannot read directory: {err.strerror or err}")
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            yield Unreadable(child, "symlink loop or duplicate: directory already read")
            continue
        seen.add(key)
        yield from _walk_dir(entry.path, child, follow_symlinks, seen)
