"""The natasha/slovnet Russian models, loaded once, and their output as light records."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class RuTok:
    start: int
    end: int
    text: str
    pos: str  # universal POS from NewsMorphTagger: NOUN, PROPN, ADJ, VERB, ADP, PUNCT, ...
    case: str | None  # Nom Gen Dat Acc Ins Loc
    number: str | None  # Sing Plur
    gender: str | None  # Masc Fem Neut


@dataclass(frozen=True)
class RuSpan:
    type: str  # PER ORG LOC
    start: int
    end: int
    text: str
    normal: str  # natasha's nominative normal form


@dataclass(frozen=True)
class RuAnalysis:
    tokens: tuple[RuTok, ...]
    spans: tuple[RuSpan, ...]


@cache
def _models() -> dict[str, Any]:
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    emb = NewsEmbedding()
    return {
        "segmenter": Segmenter(),
        "ner": NewsNERTagger(emb),
        "morph": NewsMorphTagger(emb),
        "vocab": MorphVocab(),
    }


def analyse(text: str, start: int, end: int) -> RuAnalysis:
    """Tokens (with case/number) and PER/ORG/LOC spans of ``text[start:end]``; offsets into ``text``."""
    from natasha import Doc

    models = _models()
    doc = Doc(text[start:end])
    doc.segment(models["segmenter"])
    doc.tag_morph(models["morph"])
    doc.tag_ner(models["ner"])
    tokens = tuple(_token(t, start) for t in doc.tokens)
    spans = []
    for span in doc.spans:
        span.normalize(models["vocab"])
        spans.append(
            RuSpan(span.type, start + span.start, start + span.stop, span.text, span.normal or span.text)
        )
    return RuAnalysis(tokens, tuple(spans))


def slovnet_spans(text: str) -> list[RuSpan]:
    """Plain slovnet NER (natasha's NewsNERTagger) on ``text``: PER/ORG/LOC spans, no normal forms."""
    if not text.strip():
        return []
    return [RuSpan(s.type, s.start, s.stop, text[s.start : s.stop], "") for s in _models()["ner"](text).spans]


def _token(t: Any, offset: int) -> RuTok:
    feats = t.feats or {}
    return RuTok(
        offset + t.start,
        offset + t.stop,
        t.text,
        t.pos or "X",
        feats.get("Case"),
        feats.get("Number"),
        feats.get("Gender"),
    )
