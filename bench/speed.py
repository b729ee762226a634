"""Per-stage extraction time of the default pipeline on one process, split by document language."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from doc_counts import counts

from aimaq.pipeline import Pipeline, Stage, default_pipeline
from aimaq.records import RawDocument
from corpus import tokens


@dataclass
class Speed:
    """Seconds per stage, and per language for whole documents, with what extraction found."""

    docs: int = 0
    tokens: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    by_lang: dict[str, list[float]] = field(default_factory=dict)  # lang -> [docs, tokens, seconds]
    found: dict[str, Counter] = field(default_factory=dict)  # lang -> counts of PER/LOC/ORG/money/...
    langs: list[str] = field(default_factory=list)  # the language aimaq gave each document, in order
    cpu: float = 0.0  # CPU seconds of the timed pass: less noisy than wall time on a shared machine
    cpu_by_lang: dict[str, float] = field(default_factory=dict)  # lang -> CPU seconds of its documents

    @property
    def total(self) -> float:
        return sum(row[2] for row in self.by_lang.values())


def _timed(stage: Stage, clock: dict[str, float]) -> Stage:
    def run(*records: object) -> object:
        t0 = time.perf_counter()
        out = stage.run(*records)
        clock[stage.name] = clock.get(stage.name, 0.0) + time.perf_counter() - t0
        return out

    return replace(stage, run=run)


def measure(docs: Sequence[RawDocument], warmup: int = 20) -> Speed:
    """Time every stage over `docs` once, after a warm-up that loads the models."""
    speed = Speed()
    pipeline = Pipeline([_timed(s, speed.stages) for s in default_pipeline().stages])
    for raw in docs[:warmup]:
        pipeline(raw)
    speed.stages.clear()
    cpu = time.process_time()
    for raw in docs:
        t0, c0 = time.perf_counter(), time.process_time()
        doc = pipeline(raw)
        sec = time.perf_counter() - t0
        speed.cpu_by_lang[doc.lang] = speed.cpu_by_lang.get(doc.lang, 0.0) + time.process_time() - c0
        n = tokens(raw.text)
        row = speed.by_lang.setdefault(doc.lang, [0, 0, 0.0])
        row[0], row[1], row[2] = row[0] + 1, row[1] + n, row[2] + sec
        speed.found.setdefault(doc.lang, Counter()).update(counts(doc))
        speed.langs.append(doc.lang)
        speed.docs, speed.tokens = speed.docs + 1, speed.tokens + n
    speed.cpu = time.process_time() - cpu
    return speed
