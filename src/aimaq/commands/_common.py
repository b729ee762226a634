"""Helpers shared by the sub-commands: settings flags and the progress bar."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TextIO

from aimaq import choices
from aimaq.errors import UsageError
from aimaq.settings import SETTINGS_HELP, Settings

if TYPE_CHECKING:
    from aimaq.records import Document


def add_inputs(parser: argparse.ArgumentParser, what: str) -> None:
    """The documents a command reads: paths (``-`` for standard input) and/or ``--input-file LIST``."""
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help=f"{what}; '-' reads standard input (text, HTML or JSONL, sniffed)")
    parser.add_argument("--input-file", metavar="LIST",
                        help="read the paths from LIST, one a line ('#' comments and blank lines skipped)")


def input_paths(args: argparse.Namespace) -> list[str]:
    """The paths given on the command line, then those listed in ``--input-file``; at least one."""
    paths = list(args.paths)
    if args.input_file:
        try:
            with open(args.input_file, encoding="utf-8") as listing:
                lines = [line.strip() for line in listing]
        except OSError as err:
            raise UsageError(f"{args.input_file}: cannot read the list of paths: {err.strerror or err}") from None
        except UnicodeDecodeError:
            raise UsageError(f"{args.input_file}: the list of paths is not UTF-8 text") from None
        paths += [line for line in lines if line and not line.startswith("#")]
    if not paths:
        raise UsageError("no input: give paths, '-' for standard input, or --input-file LIST")
    return paths


def checked(convert: Callable[[str], Any]) -> Callable[[str], Any]:
    """An argparse ``type`` from a ``choices`` check: its message (what is valid) becomes argparse's, exit 2."""

    def run(value: str) -> Any:
        try:
            return convert(value)
        except UsageError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    run.__name__ = convert.__name__
    return run


def add_filters(parser: argparse.ArgumentParser, what: str) -> None:
    """The filters every read command shares, each checked by ``aimaq.choices``."""
    parser.add_argument("--region", type=checked(choices.region_code), metavar="REGION",
                        help=f"only {what} about this region: KZ-xx or a name in kk, ru or en (`aimaq regions`)")
    parser.add_argument("--type", type=checked(choices.fact_type), metavar="FACT_TYPE",
                        help=f"only {what} with a fact of this type (`aimaq types`)")
    parser.add_argument("--since", type=checked(choices.iso_date), metavar="YYYY-MM-DD",
                        help="documents dated on or after")
    parser.add_argument("--until", type=checked(choices.iso_date), metavar="YYYY-MM-DD",
                        help="documents dated on or before")


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


NARROW = 80  # columns of the bar on a terminal that reports none (0 columns: a serial console, some CI ptys)


def _columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 0


def progress(stream: TextIO, enabled: bool, unit: str = "doc", total: int | None = None):
    """A tqdm bar on `stream` when it is a terminal and the user did not turn it off; else None.

    With ``total`` (the inputs were files that could be listed first) it shows the share done and an ETA;
    without, a plain counter with a rate. On a terminal that reports 0 columns it is drawn 80 wide rather than
    not at all."""
    if not enabled or not stream.isatty():
        return None
    from tqdm import tqdm

    wide = _columns(stream) > 0
    return tqdm(total=total, unit=unit, file=stream, dynamic_ncols=wide, ncols=None if wide else NARROW,
                mininterval=0.2)


def input_total(args: argparse.Namespace) -> int | None:
    """The number of documents the command's inputs will give when each is a file listed beforehand, else None
    (``--no-progress`` or stderr not a terminal: not counted at all)."""
    from aimaq.stages.read import count_documents

    return count_documents(input_paths(args), settings_from(args))


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

        wanted = not self.args.no_progress and self.err.isatty()
        bar = progress(self.err, wanted, total=input_total(self.args) if wanted else None)
        try:
            for item in extract_stream(iter_documents(input_paths(self.args), settings_from(self.args))):
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
