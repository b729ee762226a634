"""The package as a user gets it: the wheel is built from a copy of the checkout, holds the models, the
schema and LICENSE, and installs with a stock pip into a fresh venv (its dependencies from the package
index this machine reaches, through pip's cache); from a folder outside the checkout, `aimaq extract`,
`aimaq ingest`, `aimaq search` and the Python API then work.

One wheel and one venv serve every test here (module fixtures). It takes about a minute with pip's cache
warm, longer on a first run that downloads the dependencies; `pytest -k "not wheel"` leaves it out.
A test skips, with the reason, only when this Python cannot make a venv with pip in it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import aimaq

ROOT = Path(__file__).resolve().parents[1]
WHEEL = f"aimaq-{aimaq.__version__}-py3-none-any.whl"
KK = "Ақтөбе облысында 2024 жылы 5 мектеп салынды. Құрылысқа 3,2 млрд теңге бөлінді.\n"
RU = "В Актобе в 2024 году построили 5 школ. На строительство выделено 3,2 млрд тенге.\n"
API = """
import aimaq, json
doc = aimaq.extract("Қостанай облысында 7 аурухана салынды.", date="2024-01-15")
print(json.dumps({"file": aimaq.__file__, "facts": [[f.type, f.value, f.region, doc.evidence(f)] for f in doc.facts],
                  "record": doc.to_dict()["facts"] == json.loads(doc.to_json())["facts"]}, ensure_ascii=False))
"""


def _run(cmd: list[str | Path], cwd: Path, timeout: int = 900) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV") and not k.startswith("AIMAQ_")}
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{' '.join(map(str, cmd))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built with no dependencies from a clean copy of the checkout (no stale build/ folder)."""
    tree, out = tmp_path_factory.mktemp("tree"), tmp_path_factory.mktemp("wheel")
    shutil.copytree(ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, tree / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, tree], cwd=out)
    return out / WHEEL


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with its own stock pip (not upgraded) and the wheel installed; its bin/ folder."""
    where = tmp_path_factory.mktemp("venv") / "venv"
    made = subprocess.run([sys.executable, "-m", "venv", where], capture_output=True, text=True)
    if made.returncode != 0 or not (where / "bin" / "pip").exists():
        pytest.skip(f"no venv with pip here ({sys.executable} -m venv: {made.stderr.strip() or 'no bin/pip'})")
    _run([where / "bin" / "pip", "install", "-q", wheel], cwd=where)
    return where / "bin"


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the checkout with a kk and a ru release in it."""
    folder = tmp_path_factory.mktemp("user")
    (folder / "kk.txt").write_text(KK, encoding="utf-8")
    (folder / "ru.txt").write_text(RU, encoding="utf-8")
    return folder


def test_wheel_holds_the_models_the_schema_and_the_license(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    models = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "aimaq" / "data" / "models").iterdir()}
    assert models and models <= names
    assert "aimaq/data/schema/document.schema.json" in names
    assert f"aimaq-{aimaq.__version__}.dist-info/licenses/LICENSE" in names


def test_wheel_installed_aimaq_extracts(venv: Path, outside: Path) -> None:
    records = [json.loads(line) for line in _run([venv / "aimaq", "extract", "--jsonl", "kk.txt", "ru.txt"], outside).splitlines()]
    assert [(r["source"], r["lang"], r["main_region"]) for r in records] == [("kk.txt", "kk", "KZ-15"), ("ru.txt", "ru", "KZ-15")]
    assert all({f["type"] for f in r["facts"]} >= {"facilities"} for r in records)


def test_wheel_installed_aimaq_ingests_and_searches(venv: Path, outside: Path) -> None:
    _run([venv / "aimaq", "ingest", "--db", "store.db", "--no-progress", "kk.txt", "ru.txt"], outside)
    for word, source in (("мектеп", "kk.txt"), ("школа", "ru.txt")):
        hits = _run([venv / "aimaq", "search", "--db", "store.db", "--jsonl", word], outside).splitlines()
        assert [h["source"] for h in map(json.loads, hits) if h["via"] == "match"] == [source]


def test_wheel_installed_python_api(venv: Path, outside: Path) -> None:
    said = json.loads(_run([venv / "python", "-c", API], outside))
    assert Path(said["file"]).is_relative_to(venv.parent) and said["record"]
    assert said["facts"] == [["facilities", 7.0, "KZ-39", "Қостанай облысында 7 аурухана салынды."]]
