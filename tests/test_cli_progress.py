"""The progress bar of `aimaq extract` and `aimaq ingest`: a total and an ETA when the inputs are files that
can be listed first, a plain counter otherwise, drawn on a terminal that reports 0 columns, silent with
--no-progress or when stderr is not a terminal (tested on a pseudo-terminal)."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import termios
from collections.abc import Iterator
from pathlib import Path

import pytest

from aimaq.cli import build_parser
from aimaq.commands._common import progress
from aimaq.stages.read import count_documents, iter_documents

CORPUS = Path(__file__).resolve().parent / "corpus"
FILES = sorted(str(p) for p in CORPUS.glob("*.txt"))[:3]


class Terminal:
    """A pseudo-terminal of ``cols`` columns: ``stream`` writes to it, ``output()`` reads what was drawn."""

    def __init__(self, cols: int) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
        self.stream = io.TextIOWrapper(os.fdopen(slave, "wb", buffering=0), encoding="utf-8", write_through=True)

    def output(self) -> str:
        self.stream.close()
        chunks = []
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO once the slave is closed and drained
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(self.master)
        return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(params=[100, 0], ids=["100 columns", "0 columns"])
def terminal(request: pytest.FixtureRequest) -> Iterator[Terminal]:
    yield Terminal(request.param)


def test_cli_progress_counts_files_before_reading(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    (tmp_path / "empty").mkdir()
    assert count_documents([str(CORPUS)]) == len(list(iter_documents([str(CORPUS)])))
    assert count_documents(FILES + [str(tmp_path / "missing.txt"), str(tmp_path / "empty")]) == 5
    assert count_documents([FILES[0], str(tmp_path / "a.jsonl")]) is None  # a container: any number
    assert count_documents(["-"]) is None


def test_cli_progress_bar_with_a_total_shows_share_and_eta(terminal: Terminal) -> None:
    bar = progress(terminal.stream, True, total=4)
    assert bar is not None and bar.total == 4
    bar.update(4)
    bar.close()
    drawn = terminal.output()
    assert "4/4" in drawn and "100%" in drawn and "<00:00" in drawn  # elapsed<remaining


def test_cli_progress_bar_without_a_total_is_a_counter(terminal: Terminal) -> None:
    bar = progress(terminal.stream, True)
    assert bar is not None
    bar.update(7)
    bar.close()
    assert "7doc" in terminal.output().replace(" ", "")


def test_cli_progress_bar_is_silent_when_off_or_not_a_terminal() -> None:
    term = Terminal(100)
    assert progress(term.stream, False, total=3) is None
    assert term.output() == ""
    assert progress(io.StringIO(), True, total=3) is None


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_cli_progress_commands_show_the_total(command: str, tmp_path: Path) -> None:
    term = Terminal(0)
    argv = [command, *FILES] + (["--db", str(tmp_path / "p.db")] if command == "ingest" else [])
    args = build_parser().parse_args(argv)
    assert args.func(args, out=io.StringIO(), err=term.stream) == 0
    drawn = term.output()
    assert f"{len(FILES)}/{len(FILES)}" in drawn and "100%" in drawn
    quiet = Terminal(100)
    args = build_parser().parse_args([*argv, "--no-progress"])
    assert args.func(args, out=io.StringIO(), err=quiet.stream) == 0
    assert "100%" not in quiet.output()
