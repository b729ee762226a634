"""Kazakh named entities from our CRF tagger (``data/models/kk_ner.crfsuite``, trained on KazNERD).

``tag_tokens`` tags a token list in IOB2 with PER, ORG, LOC, ROLE, PROGRAMME; ``find_mentions`` runs it
on one sentence of a document (tokens from aimaq.stages.segment) and returns ``Mention`` records with
offsets into the text. The model is read from the package, offline, once, on first use.
How it was trained and how well it does: ``data/models/kk_ner.md``; retrain with ``make train-kk-ner``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import cast

import pycrfsuite

from aimaq.ner import iob
from aimaq.ner.features_kk import sentence_features
from aimaq.records import Mention, MentionType
from aimaq.resources import data_path
from aimaq.text.morph import kk as kk_morph
from aimaq.text.names import kk_name_nominative
from aimaq.text.tokens import Token, tokenize

MODEL = "models/kk_ner.crfsuite"


@cache
def _tagger() -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    with resources.as_file(data_path(MODEL)) as path:
        tagger.open(str(path))  # crfsuite reads the whole model into memory
    return tagger


def model_labels(tokens: Sequence[str]) -> list[str]:
    """The model's own IOB2 labels (may include internal types besides the output ones)."""
    return _tagger().tag(sentence_features(tokens)) if tokens else []


def tag_tokens(tokens: list[str]) -> list[str]:
    """IOB2 tags (B-/I- with PER, ORG, LOC, ROLE, PROGRAMME, or O), one per token."""
    return iob.map_tags(model_labels(tokens), iob.output_types())


def _norm(kind: str, text: str, start: int, last: Token) -> str:
    """Citation form: only the last word carries case ('облыс әкіміне' -> 'облыс әкімі')."""
    if kind == "PER":
        return text[start:last.start] + kk_name_nominative(last.text, last_of_full=start < last.start)
    return text[start:last.start] + kk_morph.strip_case(last.text)


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Mentions in one Kazakh sentence ``text[start:end]``, in text order.

    ``norm`` is the citation form; a PER right after a ROLE (only spaces between) gets it as ``role``.
    """
    tokens = tokenize(text, start, end)
    found: list[Mention] = []
    for chunk in iob.chunks(tag_tokens([t.text for t in tokens])):
        first, last = tokens[chunk.start], tokens[chunk.end - 1]
        kind = cast(MentionType, chunk.type)  # tag_tokens keeps only the output types, all mention types
        found.append(Mention(kind, first.start, last.end, text[first.start:last.end],
                             _norm(chunk.type, text, first.start, last)))
    return _link_roles(text, found)


def _link_roles(text: str, mentions: list[Mention]) -> list[Mention]:
    out = []
    for i, m in enumerate(mentions):
        before = mentions[i - 1] if i else None
        if m.type == "PER" and before is not None and before.type == "ROLE" and \
                not text[before.end:m.start].strip():
            m = Mention(m.type, m.start, m.end, m.text, m.norm, before.norm)
        out.append(m)
    return out
