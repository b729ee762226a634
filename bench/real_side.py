"""One side of the real-text race, in a process of its own: `python bench/real_side.py aimaq|natasha LIST`.

LIST names one text file a line (the same file may come again). The process imports its library,
loads its models on one warm-up document (the first of LIST, not counted), then extracts every
document of LIST and prints one JSON line: documents, seconds after start-up, and what it found. The
caller times the whole process from outside: start-up included.
- aimaq: `iter_documents` reads the files, `default_pipeline()` runs every stage on each, as
  `aimaq extract` does (without writing records out).
- natasha: `Path.read_text`, then bench/natasha_side.py's pipeline (segmenter, morph, NER, span
  normalisation, names on PER spans, MoneyExtractor, DatesExtractor).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def aimaq_side(paths: list[str]) -> tuple[int, float, Counter]:
    from aimaq.settings import one_blas_thread

    one_blas_thread()  # as the CLI does, before numpy is imported
    from doc_counts import counts

    from aimaq.pipeline import default_pipeline
    from aimaq.records import RawDocument
    from aimaq.stages.read import iter_documents

    pipeline = default_pipeline()
    for raw in iter_documents(paths[:1]):
        if isinstance(raw, RawDocument):
            pipeline(raw)
    found: Counter = Counter()
    docs, t0 = 0, time.perf_counter()
    for raw in iter_documents(paths):
        if isinstance(raw, RawDocument):
            found.update(counts(pipeline(raw)))
            docs += 1
    return docs, time.perf_counter() - t0, found


def natasha_side(paths: list[str]) -> tuple[int, float, Counter]:
    import natasha_side as side

    models = side._models()
    side.run_one(Path(paths[0]).read_text(encoding="utf-8"), models)
    found: Counter = Counter()
    t0 = time.perf_counter()
    for path in paths:
        found.update(side.run_one(Path(path).read_text(encoding="utf-8"), models))
    return len(paths), time.perf_counter() - t0, found


def main(argv: list[str]) -> int:
    side, listing = argv
    paths = [line for line in Path(listing).read_text(encoding="utf-8").splitlines() if line]
    docs, seconds, found = (aimaq_side if side == "aimaq" else natasha_side)(paths)
    print(json.dumps({"side": side, "docs": docs, "seconds": seconds, "found": dict(found)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
