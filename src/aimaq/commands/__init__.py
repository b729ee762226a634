"""Sub-commands of `aimaq`: one module each, with `register(subparsers)` adding its parser.

A module here sets `func` on its parser (`parser.set_defaults(func=...)`); the function takes the parsed
arguments and returns the exit status. Modules are found by name, so a new command is a new file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def register_all(sub: argparse._SubParsersAction) -> None:
    """Add every command module's parser, in alphabetical order of module name."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        importlib.import_module(f"{__name__}.{info.name}").register(sub)
