"""The natasha/slovnet Russian models, loaded once, and their output as light records."""

from __future__ import annotations

import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from aimaq.ner import razdel_tokens, slovnet_cnn
from aimaq.text.tokens import Token

_CLOSING = frozenset(".!?;:…")  # a sentence that ends otherwise may run on into the next


@dataclass(frozen=True)
class TaggedToken(Token):
    """A ``Token`` with its universal POS tag and morphological features from natasha."""

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
    tokens: tuple[TaggedToken, ...]
    spans: tuple[RuSpan, ...]


@cache
def _models() -> dict[str, Any]:
    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    emb = NewsEmbedding()
    return {
        "segmenter": Segmenter(),
        "ner": NewsNERTagger(emb),
        "morph": NewsMorphTagger(emb),
        "vocab": _quietly(MorphVocab),
    }


@dataclass(frozen=True)
class _Taggers:
    """natasha's NER and morphology models as arrays (``slovnet_cnn``), with what decoding needs."""

    ner: slovnet_cnn.CNNTagger
    morph: slovnet_cnn.CNNTagger
    morph_batch: int  # sentences per batch, as natasha's tagger runs them
    transitions: Any  # the NER head's CRF transition scores
    shared_words: bool  # whether the NER's word vectors serve the morphology too
    morph_tags: tuple[tuple[str, dict[str, str]], ...]  # (pos, features) of each morphology tag id


@cache
def _taggers() -> _Taggers:
    from slovnet.conll import parse_conll_tag

    models = _models()
    ner, morph = slovnet_cnn.load(models["ner"]), slovnet_cnn.load(models["morph"])
    return _Taggers(ner, morph, models["morph"].batch_size, models["ner"].infer.model.head.crf.transitions.array,
                    slovnet_cnn.same_words(ner, morph), tuple(parse_conll_tag(t) for t in morph.tags))


_QUIET = threading.Lock()  # catch_warnings swaps the process's filters and back: one caller at a time


def _quietly(make: Callable[[], Any]) -> Any:
    """``make()`` without the deprecation warning of pkg_resources, which natasha's pymorphy2 imports when
    its vocabulary is built and which would print on every run. Only this call is silenced: the caller's
    warning filters stay as they were."""
    with _QUIET, warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        return make()


def analyse(text: str, start: int, end: int, tag_if: Callable[[list[str]], bool] | None = None) -> RuAnalysis:
    """Tokens (with case/number) and PER/ORG/LOC spans of ``text[start:end]``; offsets into ``text``.

    The morphological tagger runs on every sentence, or, given ``tag_if``, only on the runs of sentences
    (see ``_runs``) with a sentence that overlaps an NER span or whose words ``tag_if`` accepts; the other
    tokens keep pos 'X' and no features. natasha tags each sentence on its own, so a tagged sentence gets
    the same tags either way.
    """
    from natasha import Doc

    models, taggers = _models(), _taggers()
    doc = Doc(text[start:end])
    _segment(doc, models["segmenter"])
    vectors = _tag_ner(doc, taggers)
    _tag_morph(doc, taggers, tag_if, vectors if taggers.shared_words else None)
    tokens = tuple(_token(t, start) for t in doc.tokens)
    spans = []
    for span in doc.spans:
        normal = _normal(span, models["vocab"])
        spans.append(RuSpan(span.type, start + span.start, start + span.stop, span.text, normal or span.text))
    return RuAnalysis(tokens, tuple(spans))


NORMALS = 1 << 12  # span normal forms remembered (about 2 MiB when full)
_NORMALS: dict[tuple, str] = {}


def _normal(span: Any, vocab: Any) -> str:
    """natasha's ``span.normalize(vocab)``, remembered. It inflects each token to the nominative from its text,
    part of speech, gender, number and case, and spaces the words as the tokens are spaced; a span with the
    same type and tokens alike in these has the same normal form (names and bodies recur across releases,
    and pymorphy's inflection is the costly part). Organisations are normalised along their syntax heads,
    which aimaq never parses: every token is inflected, as in the other spans."""
    key = (span.type, *((t.start - span.start, t.stop - span.start, t.text, t.pos,
                         *((t.feats or {}).get(f) for f in ("Gender", "Number", "Case"))) for t in span.tokens))
    normal = _NORMALS.get(key)
    if normal is None:
        if len(_NORMALS) >= NORMALS:
            _NORMALS.clear()
        span.normalize(vocab)
        normal = _NORMALS[key] = span.normal
    return normal


def _segment(doc: Any, segmenter: Any) -> None:
    """natasha's ``doc.segment``, its tokens cut by ``aimaq.ner.razdel_tokens`` (the same tokens, faster)."""
    from natasha.doc import DocToken, adapt_sent

    doc.tokens = [DocToken(begin, stop, word) for begin, stop, word in razdel_tokens.tokenize(doc.text)]
    doc.sents = [adapt_sent(s) for s in segmenter.sentenize(doc.text)]
    doc.envelop_sent_tokens()


def _tag_ner(doc: Any, taggers: _Taggers) -> Any:
    """natasha's ``doc.tag_ner`` on the tokens the segmenter already made (it would tokenize again); the
    tokens' word vectors, for the morphology."""
    from natasha.doc import DocSpan
    from slovnet.markup import BIOMarkup

    words = [t.text for t in doc.tokens]
    if not doc.text.strip() or not words:
        doc.spans = []
        return None
    vectors = slovnet_cnn.word_vectors(taggers.ner, words)
    emissions = slovnet_cnn.scores(taggers.ner, [words], vectors)[0]
    tags = [taggers.ner.tags[i] for i in _viterbi(emissions, taggers.transitions)]
    spans = BIOMarkup.from_tuples(zip(words, tags, strict=True)).to_span(doc.text).spans
    doc.spans = [DocSpan(s.start, s.stop, s.type, doc.text[s.start : s.stop]) for s in spans]
    doc.envelop_span_tokens()
    doc.envelop_sent_spans()
    return vectors


def _viterbi(emissions: Any, transitions: Any) -> list[int]:
    """The best tag ids of one unpadded sequence: slovnet's CRF decoding with fewer array operations."""
    import numpy as np

    score, history, cols = emissions[0], [], np.arange(transitions.shape[1])
    for emission in emissions[1:]:
        step = (score[:, None] + transitions) + emission
        best = step.argmax(0)
        score = step[best, cols]
        history.append(best)
    tag = int(score.argmax())
    tags = [tag]
    for best in reversed(history):
        tag = int(best[tag])
        tags.append(tag)
    return tags[::-1]


def _tag_morph(doc: Any, taggers: _Taggers, tag_if: Callable[[list[str]], bool] | None, vectors: Any) -> None:
    """natasha's ``doc.tag_morph``, on every sentence or on the runs of sentences ``analyse`` needs.

    ``vectors``: the word vectors of all the document's tokens, in order, or None to look them up again.
    """
    import numpy as np

    sents = doc.sents
    words = [[t.text for t in s.tokens] for s in sents]
    want = [tag_if is None or bool(s.spans) or tag_if(w) for s, w in zip(sents, words, strict=True)]
    chosen = [i for run in _runs(words) if any(want[i] for i in run) for i in run]
    if not chosen:
        return
    if vectors is not None:
        starts = np.cumsum([0, *map(len, words)])
        vectors = vectors[np.concatenate([np.arange(starts[i], starts[i + 1]) for i in chosen])]
    found = slovnet_cnn.scores(taggers.morph, [words[i] for i in chosen], vectors, taggers.morph_batch)
    for i, scores in zip(chosen, found, strict=True):
        for token, tag in zip(sents[i].tokens, scores.argmax(-1).tolist(), strict=True):
            pos, feats = taggers.morph_tags[tag]
            token.pos, token.feats = pos, dict(feats)


def _runs(words: list[list[str]]) -> list[list[int]]:
    """Sentence indexes in runs that only a closing punctuation mark ends: a post or organisation phrase
    may run on over a sentence boundary natasha's segmenter drew without one."""
    runs: list[list[int]] = [[]]
    for i, sent in enumerate(words):
        runs[-1].append(i)
        if sent and sent[-1] in _CLOSING:
            runs.append([])
    return runs


def slovnet_spans(text: str) -> list[RuSpan]:
    """Plain slovnet NER (natasha's NewsNERTagger) on ``text``: PER/ORG/LOC spans, no normal forms."""
    if not text.strip():
        return []
    return [RuSpan(s.type, s.start, s.stop, text[s.start : s.stop], "") for s in _models()["ner"](text).spans]


def _token(t: Any, offset: int) -> TaggedToken:
    feats = t.feats or {}
    return TaggedToken(
        offset + t.start,
        offset + t.stop,
        t.text,
        t.pos or "X",
        feats.get("Case"),
        feats.get("Number"),
        feats.get("Gender"),
    )
