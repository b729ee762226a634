"""Helpers shared by the sub-commands: settings flags and the progress bar."""

from __future__ import annotations

import argparse
from dataclasses import fields
from typing import TextIO

from aimaq.settings import SETTINGS_HELP, Settings


def add_settings(parser: argparse.ArgumentParser) -> None:
    """One option per setting, from the single settings declaration."""
    for f in fields(Settings):
        flag = "--" + f.name.replace("_", "-")
        if isinstance(f.default, bool):
            parser.add_argument(flag, action="store_true", default=None, help=SETTINGS_HELP[f.name])
        else:
            parser.add_argument(flag, type=type(f.default), default=None, metavar="N" if isinstance(f.default, int)
                                else "NAME", help=f"{SETTINGS_HELP[f.name]} (default: {f.default})")


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from the environment, overridden by the flags given on the command line."""
    return Settings.from_env(**{f.name: getattr(args, f.name, None) for f in fields(Settings)})


def progress(stream: TextIO, enabled: bool, unit: str = "doc"):
    """A tqdm bar on `stream` when it is a terminal and the user did not turn it off; else None."""
    if not enabled or not stream.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit=unit, file=stream, dynamic_ncols=True)
