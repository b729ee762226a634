"""Write the settings table of docs/settings.md from aimaq.settings (each setting's variable, default, help).

    .venv/bin/python tools/settings_doc.py           # rewrite the table
    .venv/bin/python tools/settings_doc.py --check   # exit 1 when the table is out of date

tests/test_docs_drift.py fails while the table differs from ``aimaq.settings.settings_table()``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aimaq.settings import settings_table

DOC = Path(__file__).resolve().parents[1] / "docs" / "settings.md"
BEGIN, END = "<!-- settings table: tools/settings_doc.py -->", "<!-- end of settings table -->"


def rewritten(text: str) -> str:
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{settings_table()}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when the table is out of date")
    args = parser.parse_args(argv)
    text = DOC.read_text(encoding="utf-8")
    new = rewritten(text)
    if args.check:
        if new != text:
            print(f"{DOC}: the settings table is out of date (run tools/settings_doc.py)", file=sys.stderr)
        return int(new != text)
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
