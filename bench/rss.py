"""Peak memory of a streaming extraction: `python bench/rss.py DOCS` prints one JSON line.

Documents come from the synthetic generator one at a time and each result is dropped after counting, as
`aimaq extract` streams them; the process reports its peak RSS (getrusage) and its RSS at checkpoints.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def current_rss_kb() -> int:
    """Resident set size now, from /proc (0 where there is none)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main(docs: int) -> dict:
    from aimaq.settings import one_blas_thread

    one_blas_thread()
    from aimaq.pipeline import default_pipeline
    from corpus import raw_documents

    pipeline, marks, facts = default_pipeline(), {}, 0
    checkpoints = {max(1, docs // 10), docs // 2, docs}
    t0 = time.perf_counter()
    for i, raw in enumerate(raw_documents(docs), 1):
        facts += len(pipeline(raw).facts)
        if i in checkpoints:
            marks[i] = current_rss_kb()
    return {"docs": docs, "seconds": round(time.perf_counter() - t0, 1), "facts": facts,
            "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "end_rss_kb": marks[docs],
            "rss_kb_at": marks}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]))))
