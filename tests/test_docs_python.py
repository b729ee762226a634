"""Docs that cannot drift: every ```python block of docs/python.md is a doctest, run in order in one
namespace (as a reader would type them into one session), and what it prints must be what the page shows;
README's Python example runs."""

from __future__ import annotations

import contextlib
import doctest
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def _blocks(page: Path = PAGE) -> list[tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in BLOCK.finditer(text)]


def test_docs_python_every_block_is_an_example() -> None:
    blocks = _blocks()
    assert blocks, f"{PAGE} has no ```python block"
    assert [line for line, code in blocks if ">>> " not in code] == []


def test_docs_python_examples_print_what_the_page_shows() -> None:
    parser, globs, failed = doctest.DocTestParser(), {"__name__": "docs_python"}, []
    for line, code in _blocks():
        test = parser.get_doctest(code, globs, f"{PAGE.name}:{line}", str(PAGE), line - 1)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test, out=failed.append, clear_globs=False)
        globs = test.globs  # get_doctest copies the namespace: the next block goes on from this one's
    assert not failed, "".join(failed)


def test_docs_python_the_readme_example_runs() -> None:
    [(_line, code)] = _blocks(ROOT / "README.md")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    assert printed.getvalue() == "facilities 5.0 мектеп KZ-15 Ақтөбе облысында 2024 жылы 5 мектеп салынды.\n"
