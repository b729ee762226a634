"""Helpers shared by the sub-commands: settings flags and the progress bar."""

from __future__ import annotations

import argparse
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
