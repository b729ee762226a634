"""`aimaq eval TASK [ARGS]`: run one evaluation module's `main(ARGS)` (see aimaq.evaluate)."""

from __future__ import annotations

import argparse
import importlib
import sys

# task name -> module under aimaq.evaluate with `main(argv) -> int`
TASKS = {
    "amounts": "aimaq.evaluate.amounts",
    "golden": "aimaq.evaluate.golden",
    "ner": "aimaq.evaluate.ner",
    "ner-ru": "aimaq.evaluate.ner_ru",
    "pairing": "aimaq.evaluate.pairing",
    "text": "aimaq.evaluate.text",
}


def run(args: argparse.Namespace) -> int:
    try:
        module = importlib.import_module(TASKS[args.task])
    except ModuleNotFoundError as exc:
        print(f"aimaq: error: evaluation {args.task!r} is not available ({exc})", file=sys.stderr)
        return 2
    return module.main(args.rest) or 0


def register(sub: argparse._SubParsersAction) -> None:
    ev = sub.add_parser("eval", help="measure extraction quality (amounts, golden, ner, pairing); `aimaq eval TASK -h`")
    ev.add_argument("task", choices=sorted(TASKS), help="what to evaluate")
    ev.add_argument("rest", nargs=argparse.REMAINDER, help="arguments of the evaluation")
    ev.set_defaults(func=run)
