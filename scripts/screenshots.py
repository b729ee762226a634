"""Screenshots of the dashboard for the README: docs/screenshots/{map,region,fact}.png.

Ingests the bundled corpus (tests/corpus) and --synth invented releases from `aimaq synth` (so that the
charts have several years) into a temporary store unless --db is given, serves the app in a background
thread and photographs the pages with headless Chromium (scripts/install_browser.sh).

    .venv/bin/python scripts/screenshots.py [--db STORE] [--synth 150] [--out docs/screenshots] [--lang en]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_HEIGHT = 2400
REGION = "KZ-15"  # Aktobe: a kk/ru pair in the corpus
SYNTH_SEED = 7


def _store(db: str | None, work: Path, synth: int) -> str:
    if db:
        return db
    from aimaq.ingest.run import ingest
    from aimaq.synth import Options, generate

    paths = sorted(str(p) for p in (ROOT / "tests" / "corpus").glob("*.txt"))
    if synth:
        invented = work / "synth.jsonl"
        with open(invented, "w", encoding="utf-8") as out:
            for record in generate(Options(docs=synth, seed=SYNTH_SEED)):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(str(invented))
    path = str(work / "corpus.db")
    report = ingest(paths, path)
    print(report.summary(), file=sys.stderr)
    return path


def _bilingual_fact(base: str, region: str) -> int:
    """A fact of ``region`` stated in both languages (else the region's first fact)."""
    with urllib.request.urlopen(f"{base}/api/facts?region={region}&limit=200") as answer:
        facts = json.load(answer)["items"]
    both = [f for f in facts if len({e["lang"] for e in f["evidence"]}) == 2 and f["type"] == "investment"]
    return (both or [f for f in facts if len(f["evidence"]) == 2] or facts)[0]["id"]


def _viewport(driver: object, width: int, height: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def _shoot(driver: object, url: str, path: Path, width: int) -> None:
    """The whole page (up to MAX_HEIGHT pixels), from its top."""
    _viewport(driver, width, 900)
    driver.get(url)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    _viewport(driver, width, min(MAX_HEIGHT, max(600, int(height))))
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(path))
    print(f"screenshots: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an existing store (default: ingest tests/corpus into a temporary one)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="folder for the PNG files")
    parser.add_argument("--synth", type=int, default=150, metavar="N",
                        help="invented releases added to the corpus (default: 150; 0 for none)")
    parser.add_argument("--lang", default="en", choices=("kk", "ru", "en"), help="interface language")
    parser.add_argument("--width", type=int, default=1280, help="window width in pixels")
    args = parser.parse_args(argv)

    from aimaq.errors import BrowserMissingError
    from aimaq.web.app import create_app
    from aimaq.web.devtools import chromium, served

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aimaq-shots-") as work:
        app = create_app(_store(args.db, Path(work), args.synth))
        try:
            driver = chromium(args.width)
        except BrowserMissingError as exc:
            print(f"screenshots: error: {exc}", file=sys.stderr)
            return 1
        try:
            with served(app) as base:
                lang = f"lang={args.lang}"
                _shoot(driver, f"{base}/?indicator=investment&{lang}", out / "map.png", args.width)
                _shoot(driver, f"{base}/regions/{REGION}?{lang}", out / "region.png", args.width)
                _shoot(driver, f"{base}/facts/{_bilingual_fact(base, REGION)}?{lang}", out / "fact.png", args.width)
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
