"""Median server time of dashboard pages and API calls (in-process TestClient, 20 requests each) over a store.

    .venv/bin/python scripts/web_latency.py STORE        # e.g. a store made by `aimaq ingest tests/corpus`
"""

from __future__ import annotations

import statistics
import sys
import time

REPEAT = 20


def main(argv: list[str] | None = None) -> int:
    from fastapi.testclient import TestClient

    from aimaq.web.app import create_app

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    client = TestClient(create_app(args[0]))
    facts = client.get("/api/facts", params={"limit": 1}).json()["items"]
    paths = ["/", "/regions/KZ-15", *(f"/facts/{f['id']}" for f in facts), "/search?q=инвестиция", "/facts",
             "/api/facts?limit=50", "/api/facts?format=csv", "/api/regions?format=xlsx"]
    print("| request | median ms |\n|---|---|")
    for path in paths:
        client.get(path)
        times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            answer = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            answer.raise_for_status()
        print(f"| `{path}` | {statistics.median(times):.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
