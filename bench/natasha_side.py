"""natasha's own pipeline, as its README runs it, on the same Russian documents.

Segmenter, NewsMorphTagger, NewsNERTagger, span normalisation, the NamesExtractor on PER spans, and its
MoneyExtractor and DatesExtractor over the text (no syntax parser, no lemmatisation of every token).
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from typing import Any


def _models() -> dict[str, Any]:
    from natasha import (
        DatesExtractor,
        MoneyExtractor,
        MorphVocab,
        NamesExtractor,
        NewsEmbedding,
        NewsMorphTagger,
        NewsNERTagger,
        Segmenter,
    )

    emb, vocab = NewsEmbedding(), MorphVocab()
    return {
        "segmenter": Segmenter(), "morph": NewsMorphTagger(emb), "ner": NewsNERTagger(emb), "vocab": vocab,
        "names": NamesExtractor(vocab), "money": MoneyExtractor(vocab), "dates": DatesExtractor(vocab),
    }


def run_one(text: str, m: dict[str, Any]) -> Counter:
    from natasha import Doc

    doc = Doc(text)
    doc.segment(m["segmenter"])
    doc.tag_morph(m["morph"])
    doc.tag_ner(m["ner"])
    for span in doc.spans:
        span.normalize(m["vocab"])
        if span.type == "PER":
            span.extract_fact(m["names"])
    found = Counter(s.type for s in doc.spans)
    found["money"] = len(list(m["money"](text)))
    found["dates"] = len(list(m["dates"](text)))
    return found


def measure(texts: Sequence[str], warmup: int = 10) -> tuple[float, Counter]:
    """Seconds natasha takes over `texts` (after a warm-up), and what it found."""
    models = _models()
    for text in texts[:warmup]:
        run_one(text, models)
    found: Counter = Counter()
    t0 = time.perf_counter()
    for text in texts:
        found.update(run_one(text, models))
    return time.perf_counter() - t0, found
