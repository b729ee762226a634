from __future__ import annotations

import json
from pathlib import Path

import pytest

from pg_fixtures import pg_database, pg_server  # noqa: F401  (fixtures, offered to every test)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
SCHEMA = SHARED / "schema" / "document.schema.json"
CORPUS = ROOT / "tests" / "corpus"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared beside the project)")
    return path


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return need(SAMPLES)


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(need(SCHEMA).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_records(samples_dir: Path) -> dict[str, dict]:
    """`aimaq extract --jsonl` records of the shared samples, keyed by file-name prefix ('000', '001', '003')."""
    import io
    from argparse import Namespace

    from aimaq.cli import build_parser
    from aimaq.commands.extract import run as cmd_extract

    out, err = io.StringIO(), io.StringIO()
    args: Namespace = build_parser().parse_args(["extract", "--jsonl", "--no-progress", str(samples_dir)])
    assert cmd_extract(args, out, err) == 0, err.getvalue()
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    return {Path(r["source"]).name[:3]: r for r in records}



@pytest.fixture(scope="module")
def bench_search():
    """bench/bench_search.py as a module, loaded as when run from bench/ (its sibling modules import)."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "bench" / "bench_search.py"
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(path.parent))
        spec = importlib.util.spec_from_file_location("bench_search", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module
