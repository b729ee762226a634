"""The `aimaq` command: parse arguments, call one library function, print.

Each sub-command lives in its own module under aimaq.commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from aimaq import __version__
from aimaq.commands import register_all
from aimaq.errors import UsageError
from aimaq.settings import one_blas_thread


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aimaq", description="Kazakh and Russian regional press releases to normalised, source-linked facts."
    )
    parser.add_argument("--version", action="version", version=f"aimaq {__version__}")
    register_all(parser.add_subparsers(dest="command", required=True))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    one_blas_thread()  # see aimaq.settings.BLAS_THREADS
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"aimaq: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("aimaq: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
