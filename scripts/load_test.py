"""Load test of the web app (issue 7 part 5): a real uvicorn server (`aimaq serve`) on loopback over a store
built from tests/corpus and synthetic releases (`aimaq synth`), hit by concurrent asyncio clients that mix
search, fact, region page, facts API and CSV requests WHILE `aimaq ingest` writes further synthetic
releases into the same SQLite store. Any non-200 answer or transport failure is an error.

    .venv/bin/python scripts/load_test.py [--seconds 60] [--clients 50] [--docs 500]   # or `make load`

Prints a markdown table (requests, errors, median/p95/p99 latency per kind and overall) and writes it to
bench/results_load.md. The server runs with its per-client rate limits off (every client here shares one
address); everything else is the default configuration.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
AIMAQ = str(Path(sys.executable).with_name("aimaq"))
WORDS = ("инвестиций", "завод", "проект", "рабочих мест", "облысы", "зауыт", "жұмыс орны", "жоба", "тенге",
         "строительство", "школа", "мектеп", "аким", "әкім", "млрд")
KINDS = {"search": 3, "fact": 3, "region page": 2, "facts API": 2, "CSV": 1}  # relative weights


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


@dataclass(frozen=True)
class Targets:
    facts: list[int]
    regions: list[str]


def run_cli(*args: str, log: Path) -> None:
    with open(log, "ab") as out:
        subprocess.run([AIMAQ, *args], check=True, stdout=out, stderr=subprocess.STDOUT)


def build_store(work: Path, docs: int) -> tuple[Path, float]:
    """tests/corpus plus ``docs`` synthetic releases ingested into work/load.db; (path, seconds)."""
    started = time.monotonic()
    db, synth = work / "load.db", work / "synth.jsonl"
    run_cli("synth", "--docs", str(docs), "--seed", "11", "--out", str(synth), log=work / "build.log")
    run_cli("ingest", "--db", str(db), "--no-progress", str(ROOT / "tests" / "corpus"), str(synth),
            log=work / "build.log")
    return db, time.monotonic() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    env = {**os.environ, "AIMAQ_SEARCH_RATE": "0", "AIMAQ_WRITE_RATE": "0"}
    with open(log, "ab") as out:
        return subprocess.Popen([AIMAQ, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, env=env)


async def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=base) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise RuntimeError("the server exited while starting")
            try:
                if (await client.get("/api/regions")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("the server did not start")


async def targets(base: str) -> Targets:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        facts = (await client.get("/api/facts", params={"limit": 500})).json()["items"]
        regions = (await client.get("/api/regions")).json()["items"]
    return Targets([f["id"] for f in facts], [r["code"] for r in regions])


def request_for(kind: str, t: Targets, rng: random.Random) -> tuple[str, dict[str, str | int]]:
    """One request of ``kind``: the path and its query (API and page forms alternate)."""
    if kind == "search":
        path = rng.choice(("/api/search", "/search"))
        return path, {"q": rng.choice(WORDS)}
    if kind == "fact":
        return rng.choice(("/api/facts/{}", "/facts/{}")).format(rng.choice(t.facts)), {}
    if kind == "region page":
        return f"/regions/{rng.choice(t.regions)}", {}
    if kind == "facts API":
        return "/api/facts", {"region": rng.choice(t.regions), "limit": 50}
    return "/api/facts", {"format": "csv", "region": rng.choice(t.regions), "limit": 1000}


async def client_loop(base: str, t: Targets, until: float, seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    kinds, weights = list(KINDS), list(KINDS.values())
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        while time.monotonic() < until:
            kind = rng.choices(kinds, weights)[0]
            path, params = request_for(kind, t, rng)
            started = time.perf_counter()
            try:
                answer = await client.get(path, params=params)
                await answer.aread()
                problem = None if answer.status_code == 200 else f"{answer.status_code} {path}"
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__} {path}"
            tally.latencies[kind].append(time.perf_counter() - started)
            if problem:
                tally.errors[kind].append(problem)


@dataclass
class IngestLog:
    runs: int = 0
    failed: int = 0
    seconds: float = 0.0


async def ingest_loop(db: Path, work: Path, until: float, per_run: int, log: IngestLog) -> None:
    """`aimaq ingest` of fresh synthetic releases, one run after another, until the load ends."""
    while time.monotonic() < until:
        jsonl = work / f"more_{log.runs:03d}.jsonl"
        run_cli("synth", "--docs", str(per_run), "--seed", str(1000 + log.runs), "--out", str(jsonl),
                log=work / "ingest.log")
        started = time.monotonic()
        proc = await asyncio.create_subprocess_exec(
            AIMAQ, "ingest", "--db", str(db), "--no-progress", str(jsonl),
            stdout=asyncio.subprocess.DEVNULL, stderr=open(work / "ingest.log", "ab"))  # noqa: SIM115
        log.failed += await proc.wait() != 0
        log.runs += 1
        log.seconds += time.monotonic() - started


def count_documents(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def quantiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        v = values[0] if values else 0.0
        return v, v, v
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return statistics.median(values), cuts[94], cuts[98]


def table(tally: Tally, seconds: float) -> list[str]:
    lines = ["| kind | requests | errors | req/s | median ms | p95 ms | p99 ms |", "|---|---:|---:|---:|---:|---:|---:|"]
    everything: list[float] = []
    for kind in KINDS:
        values = tally.latencies.get(kind, [])
        everything += values
        med, p95, p99 = quantiles(values)
        lines.append(f"| {kind} | {len(values)} | {len(tally.errors.get(kind, []))} | {len(values) / seconds:.1f} | "
                     f"{med * 1000:.0f} | {p95 * 1000:.0f} | {p99 * 1000:.0f} |")
    med, p95, p99 = quantiles(everything)
    errors = sum(len(v) for v in tally.errors.values())
    lines.append(f"| **all** | **{len(everything)}** | **{errors}** | **{len(everything) / seconds:.1f}** | "
                 f"**{med * 1000:.0f}** | **{p95 * 1000:.0f}** | **{p99 * 1000:.0f}** |")
    return lines


def report(args: argparse.Namespace, tally: Tally, seconds: float, build_s: float, docs: tuple[int, int],
           ingest: IngestLog) -> str:
    errors = sorted({e for v in tally.errors.values() for e in v})[:10]
    lines = [
        "# Load test: the web app under concurrent reads while an ingest writes",
        "",
        f"`{' '.join(['scripts/load_test.py', *sys.argv[1:]])}` — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPU cores (shared), "
        "one uvicorn process (`aimaq serve`), SQLite (WAL) store, loopback.",
        "",
        f"- store: tests/corpus + {args.docs} synthetic releases, built in {build_s:.0f} s;",
        f"- load: {args.clients} concurrent clients for {seconds:.0f} s, kinds weighted {KINDS} "
        "(search and fact alternate API and page forms; CSV = `/api/facts?format=csv&limit=1000` of a region);",
        f"- during the load `aimaq ingest` ran {ingest.runs} times ({args.ingest_docs} new releases each, "
        f"{ingest.failed} failed, {ingest.seconds:.0f} s writing): documents {docs[0]} → {docs[1]}.",
        "",
        *table(tally, seconds),
        "",
    ]
    if errors:
        lines += ["Errors (first 10 distinct):", "", *[f"- `{e}`" for e in errors], ""]
    return "\n".join(lines)


async def load(args: argparse.Namespace, base: str, db: Path, work: Path) -> tuple[Tally, float, IngestLog]:
    t = await targets(base)
    tally, ingest = Tally(), IngestLog()
    started = time.monotonic()
    until = started + args.seconds
    writer = asyncio.create_task(ingest_loop(db, work, until, args.ingest_docs, ingest))
    await asyncio.gather(*[client_loop(base, t, until, args.seed + i, tally) for i in range(args.clients)])
    seconds = time.monotonic() - started
    await writer  # the last ingest run finishes after the clients stop
    return tally, seconds, ingest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the load (default: 60)")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default: 50)")
    parser.add_argument("--docs", type=int, default=500, help="synthetic releases in the store (default: 500)")
    parser.add_argument("--ingest-docs", type=int, default=100, help="releases per concurrent ingest run")
    parser.add_argument("--seed", type=int, default=7, help="seed of the clients' request mix")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results_load.md")
    parser.add_argument("--keep", action="store_true", help="keep the working folder (store and logs)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="aimaq-load-"))
    server = None
    try:
        db, build_s = build_store(work, args.docs)
        before, port = count_documents(db), free_port()
        server = start_server(db, port, work / "server.log")
        base = f"http://127.0.0.1:{port}"
        asyncio.run(wait_until_up(base, server))
        tally, seconds, ingest = asyncio.run(load(args, base, db, work))
        text = report(args, tally, seconds, build_s, (before, count_documents(db)), ingest)
        tracebacks = (work / "server.log").read_text(errors="replace").count("Traceback")
        text += f"Server log: {tracebacks} tracebacks.\n"
        print(text)
        args.out.write_text(text, encoding="utf-8")
        errors = sum(len(v) for v in tally.errors.values())
        return 1 if errors or tracebacks or ingest.failed or server.poll() is not None else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
