"""Helpers shared by the sub-commands: settings flags and the progress bar."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, TextIO

from aimaq.settings import SETTINGS_HELP, Settings

if TYPE_CHECKING:
    from aimaq.records import Document


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


@dataclass
class Extraction:
    """The documents of ``args.paths`` extracted one by one: each failure is reported on ``err`` as
    `aimaq: error: SOURCE: reason` and counted in ``failed``; a progress bar runs on a terminal."""

    args: argparse.Namespace
    err: TextIO
    failed: int = 0

    def __iter__(self) -> Iterator[Document]:
        from aimaq.pipeline import Failure, extract_stream
        from aimaq.records import Unreadable
        from aimaq.stages.read import iter_documents

        bar = progress(self.err, not self.args.no_progress)
        try:
            for item in extract_stream(iter_documents(self.args.paths, settings_from(self.args))):
                if bar is not None:
                    bar.update(1)
                if isinstance(item, (Failure, Unreadable)):
                    self.failed += 1
                    message = f"aimaq: error: {item}"
                    (bar.write(message, file=self.err) if bar is not None else print(message, file=self.err))
                    continue
                yield item
        finally:
            if bar is not None:
                bar.close()
