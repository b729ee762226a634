"""The `aimaq` command: parse arguments, call one library function, print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import fields
from typing import TextIO

from aimaq import __version__
from aimaq.settings import SETTINGS_HELP, Settings


def _add_settings(parser: argparse.ArgumentParser) -> None:
    """One option per setting, from the single settings declaration."""
    for f in fields(Settings):
        flag = "--" + f.name.replace("_", "-")
        if isinstance(f.default, bool):
            parser.add_argument(flag, action="store_true", default=None, help=SETTINGS_HELP[f.name])
        else:
            parser.add_argument(flag, type=type(f.default), default=None, metavar="N" if isinstance(f.default, int)
                                else "NAME", help=f"{SETTINGS_HELP[f.name]} (default: {f.default})")


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(**{f.name: getattr(args, f.name, None) for f in fields(Settings)})


def _progress(stream: TextIO, enabled: bool):
    if not enabled or not stream.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", file=stream, dynamic_ncols=True)


def cmd_extract(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from aimaq.export import summary, to_json_line
    from aimaq.pipeline import Failure, extract_stream
    from aimaq.records import ReadError
    from aimaq.stages.read import iter_documents

    out, err = out or sys.stdout, err or sys.stderr
    settings = _settings(args)
    bar = _progress(err, not args.no_progress)
    failed = done = 0
    for item in extract_stream(iter_documents(args.paths, settings)):
        if bar is not None:
            bar.update(1)
        if isinstance(item, (Failure, ReadError)):
            failed += 1
            message = f"aimaq: error: {item}"
            (bar.write(message, file=err) if bar is not None else print(message, file=err))
            continue
        done += 1
        print(to_json_line(item, args.debug) if args.jsonl else summary(item) + "\n", file=out)
    if bar is not None:
        bar.close()
    if failed or not args.jsonl:
        print(f"aimaq: {done} document(s) extracted, {failed} error(s)", file=err)
    return 1 if failed else 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.task == "amounts":
        from aimaq.evaluate.amounts import main as eval_amounts

        return eval_amounts([] if args.data is None else ["--data", args.data]) or 0
    print(f"aimaq: error: unknown evaluation {args.task!r}", file=sys.stderr)
    return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aimaq", description="Kazakh and Russian regional press releases to normalised, source-linked facts."
    )
    parser.add_argument("--version", action="version", version=f"aimaq {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract documents (text, HTML, JSONL, WARC, gzip, directories)")
    ex.add_argument("paths", nargs="+", help="files or directories")
    ex.add_argument("--jsonl", action="store_true", help="one JSON record per document (the schema) on stdout")
    ex.add_argument("--debug", action="store_true", help="with --jsonl: add removed lines and deciding rules")
    ex.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    _add_settings(ex)
    ex.set_defaults(func=cmd_extract)

    ev = sub.add_parser("eval", help="measure extraction quality on the shared corpora")
    ev.add_argument("task", choices=["amounts"], help="what to evaluate")
    ev.add_argument("--data", default=None, help="folder of the shared corpora (default: ../shared/data)")
    ev.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("aimaq: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
