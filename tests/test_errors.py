"""The error catalogue: every exception aimaq defines is in aimaq.errors, named ...Error, documented."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

from aimaq import errors

SRC = Path(errors.__file__).resolve().parent
CATALOGUE = [c for _, c in inspect.getmembers(errors, inspect.isclass) if c.__module__ == errors.__name__]


@pytest.mark.parametrize("error", CATALOGUE, ids=lambda c: c.__name__)
def test_errors_each_is_an_aimaq_error_with_a_docstring(error: type) -> None:
    assert issubclass(error, errors.AimaqError) and error.__name__.endswith("Error")
    assert error.__doc__ and len(error.__doc__.split()) >= 8


def _classes_outside_the_catalogue() -> list[tuple[str, str, list[str]]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name == "errors.py" and path.parent == SRC:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases]
                found.append((str(path.relative_to(SRC)), node.name, bases))
    return found


def test_errors_no_exception_class_outside_the_catalogue() -> None:
    """A private subclass of a catalogue error may stay with the code that raises it; nothing else."""
    names = {c.__name__ for c in CATALOGUE}
    strays = [(path, name) for path, name, bases in _classes_outside_the_catalogue()
              if any(b.endswith(("Error", "Exception")) for b in bases)
              and not (name.startswith("_") and set(bases) <= names)]
    assert strays == []


def test_errors_no_record_or_other_class_is_named_error() -> None:
    named = [(path, name) for path, name, _ in _classes_outside_the_catalogue()
             if name.lstrip("_").endswith("Error") and not name.startswith("_")]
    assert named == []
