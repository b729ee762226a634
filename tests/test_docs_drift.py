"""Docs that cannot drift: every CLI command, every setting and every AIMAQ_* environment variable read in
src/ is written in README.md or docs/*.md, and the settings table of docs/settings.md is the one
``aimaq.settings.settings_table()`` gives (``tools/settings_doc.py`` rewrites it)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from aimaq.cli import build_parser
from aimaq.settings import documented, env_name, settings_table

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "aimaq"
SETTINGS_DOC = ROOT / "docs" / "settings.md"
BEGIN, END = "<!-- settings table: tools/settings_doc.py -->", "<!-- end of settings table -->"
ENV_VAR = re.compile(r"\bAIMAQ_[A-Z0-9_]*[A-Z0-9]\b")


def _docs() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def _commands(parser: argparse.ArgumentParser, prefix: str = "aimaq") -> list[str]:
    """``aimaq CMD`` for every sub-command, nested ones too, and ``aimaq CMD CHOICE`` for a positional
    argument with fixed choices (``aimaq eval ner``)."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += [f"{prefix} {name}", *_commands(sub, f"{prefix} {name}")]
        elif not action.option_strings and action.choices:
            found += [f"{prefix} {choice}" for choice in action.choices]
    return found


def _env_vars_in_src() -> set[str]:
    return {m for p in SRC.rglob("*.py") for m in ENV_VAR.findall(p.read_text(encoding="utf-8"))}


@pytest.mark.parametrize("command", _commands(build_parser()))
def test_docs_drift_every_command_is_documented(command: str) -> None:
    words = r"\s+".join(map(re.escape, command.split()))
    assert re.search(rf"{words}(?![\w-])", _docs()), f"{command!r} is in no README.md or docs/*.md"


@pytest.mark.parametrize("name", [name for _group, name, _default, _help in documented()])
def test_docs_drift_every_setting_and_its_variable_is_documented(name: str) -> None:
    docs = _docs()
    assert env_name(name) in docs and f".{name}`" in docs


def test_docs_drift_every_variable_read_in_src_is_a_declared_setting_and_documented() -> None:
    declared = {env_name(name) for _group, name, _default, _help in documented()}
    assert _env_vars_in_src() <= declared
    assert {v for v in _env_vars_in_src() if v not in _docs()} == set()


def test_docs_drift_the_settings_table_is_generated_from_settings_py() -> None:
    text = SETTINGS_DOC.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, f"{SETTINGS_DOC} lacks the table markers"
    table = text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"
    assert table == settings_table(), "run: .venv/bin/python tools/settings_doc.py"
