"""Memory of an ingest: `python bench/rss_ingest.py DOCS` ingests DOCS synthetic releases (one JSONL file, one
worker, a fresh SQLite store in a temporary folder) and prints one JSON line: its peak RSS (getrusage) and its
RSS at 10%, 50% and 100% of the documents read.
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rss import current_rss_kb  # noqa: E402


def main(docs: int) -> dict:
    from aimaq.settings import one_blas_thread

    one_blas_thread()
    from aimaq.ingest.run import ingest
    from corpus import write_jsonl

    marks: dict[int, int] = {}
    checkpoints = {max(1, docs // 10), docs // 2, docs}
    read = 0

    def on_item() -> None:
        nonlocal read
        read += 1
        if read in checkpoints:
            marks[read] = current_rss_kb()

    with tempfile.TemporaryDirectory(prefix="aimaq-rss-") as tmp:
        path = write_jsonl(Path(tmp) / "synth.jsonl", docs)
        t0 = time.perf_counter()
        report = ingest([str(path)], str(Path(tmp) / "rss.db"), on_item=on_item)
        seconds = time.perf_counter() - t0
    return {"docs": docs, "seconds": round(seconds, 1), "new": report.new, "pairs": report.pairs,
            "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "end_rss_kb": marks.get(docs, 0),
            "rss_kb_at": marks}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
