"""The `aimaq` command: parse arguments, call one library function, print.

Each sub-command lives in its own module under aimaq.commands.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from aimaq import __version__
from aimaq.commands import register_all


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aimaq", description="Kazakh and Russian regional press releases to normalised, source-linked facts."
    )
    parser.add_argument("--version", action="version", version=f"aimaq {__version__}")
    register_all(parser.add_subparsers(dest="command", required=True))
    return parser


# One BLAS thread per process: the neural taggers run on small matrices, where extra threads only fight
# over cores (ten times slower on a busy 2-core machine); parallel work goes through processes instead.
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def main(argv: Sequence[str] | None = None) -> int:
    for name in BLAS_THREADS:
        os.environ.setdefault(name, "1")
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
