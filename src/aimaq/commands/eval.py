"""`aimaq eval TASK [ARGS]`: run one evaluation module's `main(ARGS)` (see aimaq.evaluate)."""

from __future__ import annotations

import argparse
from types import ModuleType

# each task is a module under aimaq.evaluate with `main(argv) -> int`
TASKS = ("amounts", "golden", "ner", "ner-ru", "pairing", "text")


def _module(task: str) -> ModuleType:
    """The evaluation module of ``task``, imported when that task runs (each loads its own data)."""
    if task == "amounts":
        from aimaq.evaluate import amounts
        return amounts
    if task == "golden":
        from aimaq.evaluate import golden
        return golden
    if task == "ner":
        from aimaq.evaluate import ner
        return ner
    if task == "ner-ru":
        from aimaq.evaluate import ner_ru
        return ner_ru
    if task == "pairing":
        from aimaq.evaluate import pairing
        return pairing
    from aimaq.evaluate import text
    return text


def run(args: argparse.Namespace) -> int:
    return _module(args.task).main(args.rest) or 0


def register(sub: argparse._SubParsersAction) -> None:
    ev = sub.add_parser("eval", help="measure extraction quality (amounts, golden, ner, pairing); `aimaq eval TASK -h`")
    ev.add_argument("task", choices=sorted(TASKS), help="what to evaluate")
    ev.add_argument("rest", nargs=argparse.REMAINDER, help="arguments of the evaluation")
    ev.set_defaults(func=run)
