"""Experiment, not shipped: a BiLSTM-CRF Kazakh tagger, alone and mixed with the CRF (data/models/kk_ner.md).

Needs PyTorch, which aimaq does not depend on (install it beside the venv, e.g.
`pip install --target /tmp/torchlib torch==2.13.0`, then run with PYTHONPATH=/tmp/torchlib):

    python tools/kk_ner_bilstm.py                # fit train, score dev
    python tools/kk_ner_bilstm.py --cv 3         # 3 folds over train + dev, as train_kk_ner.py --cv 3

Each token is the sum of a word embedding, a character CNN and a bag of the CRF's own-token features
(features_kk without the ±1/±2 and bigram features, which the LSTM sees for itself). A BiLSTM and a CRF
layer sit on top. 'mix W' decodes W x CRF marginals + (1 - W) x BiLSTM-CRF marginals (the mean over
--seeds) under the IOB2 constraint; the CRF is the shipped recipe (train_kk_ner.train) fitted on the
same sentences.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite
import torch
import train_kk_ner
from kk_ner_synthetic import sentences as synthetic_sentences
from torch import nn

from aimaq.ner import iob, kaznerd
from aimaq.ner.features_kk import GROUPS, sentence_features

CONTEXT = ("-2:", "-1:", "1:", "2:", "-1|0:", "0|1:")  # feature prefixes the LSTM replaces
MIXES = (0.0, 0.3, 0.5, 0.6, 0.7, 1.0)


def own_features(tokens: tuple[str, ...]) -> list[list[str]]:
    return [[f for f in fs if not f.startswith(CONTEXT)] for fs in sentence_features(tokens)]


class CRF(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Negative log-likelihood of a padded batch (em: B x T x N, tags and mask: B x T)."""
        score = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
        alpha = self.start + em[:, 0]
        for t in range(1, em.shape[1]):
            step = self.trans[tags[:, t - 1], tags[:, t]] + em[:, t].gather(1, tags[:, t:t + 1]).squeeze(1)
            score = score + step * mask[:, t]
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0) + em[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(mask[:, t:t + 1], nxt, alpha)
        last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        return (torch.logsumexp(alpha + self.end, dim=1) - score - self.end[last]).sum()


class BiLSTMCRF(nn.Module):
    def __init__(self, sizes: tuple[int, int, int, int], a: argparse.Namespace) -> None:
        super().__init__()
        n_words, n_chars, n_feats, n_labels = sizes
        self.words = nn.Embedding(n_words, a.wdim, padding_idx=0)
        self.chars = nn.Embedding(n_chars, 24, padding_idx=0)
        self.conv = nn.Conv1d(24, 64, 3, padding=1)
        self.feats = nn.EmbeddingBag(n_feats, a.fdim, mode="sum", padding_idx=0)
        self.drop = nn.Dropout(a.dropout)
        self.lstm = nn.LSTM(a.wdim + 64 + a.fdim, a.hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * a.hidden, n_labels)
        self.crf = CRF(n_labels)

    def emissions(self, b: Batch) -> torch.Tensor:
        size, width = b.words.shape
        chars = torch.relu(self.conv(self.chars(b.chars).transpose(1, 2))).max(2).values.view(size, width, -1)
        feats = self.feats(b.feats, b.offsets).view(size, width, -1)
        h, _ = self.lstm(self.drop(torch.cat([self.words(b.words), chars, feats], 2)))
        return self.out(self.drop(h))


@dataclass
class Batch:
    words: torch.Tensor
    chars: torch.Tensor
    feats: torch.Tensor
    offsets: torch.Tensor
    mask: torch.Tensor
    tags: torch.Tensor


class Encoder:
    """Vocabularies of the fitted sentences (words and features seen twice, characters seen twice)."""

    def __init__(self, sentences: list[kaznerd.TaggedSentence], feats: list[list[list[str]]]) -> None:
        words = Counter(t.lower() for s in sentences for t in s.tokens)
        chars = Counter(c for s in sentences for t in s.tokens for c in t)
        names = Counter(f for fs in feats for tf in fs for f in tf)
        self.words = {w: i for i, w in enumerate((w for w, n in words.items() if n >= 2), 2)}
        self.chars = {c: i for i, c in enumerate((c for c, n in chars.items() if n >= 2), 2)}
        self.feats = {f: i for i, f in enumerate((f for f, n in names.items() if n >= 2), 1)}
        self.labels = sorted({label for s in sentences for label in labels_of(s)})

    def sizes(self) -> tuple[int, int, int, int]:
        return len(self.words) + 2, len(self.chars) + 2, len(self.feats) + 1, len(self.labels)

    def batch(self, sentences: list[kaznerd.TaggedSentence], feats: list[list[list[str]]]) -> Batch:
        width = max(len(s.tokens) for s in sentences)
        longest = max(3, *(min(len(t), 20) for s in sentences for t in s.tokens))
        words = torch.zeros(len(sentences), width, dtype=torch.long)
        chars = torch.zeros(len(sentences) * width, longest, dtype=torch.long)
        tags = torch.zeros(len(sentences), width, dtype=torch.long)
        flat: list[int] = []
        offsets: list[int] = []
        for b, (s, fs) in enumerate(zip(sentences, feats, strict=True)):
            n = len(s.tokens)
            words[b, :n] = torch.tensor([self.words.get(t.lower(), 1) for t in s.tokens])
            tags[b, :n] = torch.tensor([self.labels.index(x) if x in self.labels else 0 for x in labels_of(s)])
            for t in range(width):
                offsets.append(len(flat))
                if t >= n:
                    flat.append(0)
                    continue
                chars[b * width + t, :min(len(s.tokens[t]), 20)] = torch.tensor(
                    [self.chars.get(c, 1) for c in s.tokens[t][:20]])
                flat += [self.feats[f] for f in fs[t] if f in self.feats] or [0]
        mask = torch.arange(width).unsqueeze(0) < torch.tensor([len(s.tokens) for s in sentences]).unsqueeze(1)
        return Batch(words, chars, torch.tensor(flat), torch.tensor(offsets), mask, tags)


def labels_of(s: kaznerd.TaggedSentence) -> list[str]:
    return iob.map_tags(s.tags, iob.model_types())


def fit_bilstm(fit: list[kaznerd.TaggedSentence], held: list[kaznerd.TaggedSentence], a: argparse.Namespace,
               seed: int) -> tuple[list[np.ndarray], Encoder]:
    """Per-token label marginals of the held sentences from a BiLSTM-CRF fitted on ``fit``."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    fit_feats = [own_features(s.tokens) for s in fit]
    held_feats = [own_features(s.tokens) for s in held]
    enc = Encoder(fit, fit_feats)
    model = BiLSTMCRF(enc.sizes(), a)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    order = list(range(len(fit)))
    for epoch in range(a.epochs):
        model.train()
        rng.shuffle(order)
        started, total = time.perf_counter(), 0.0
        for k in range(0, len(order), a.batch):
            idx = order[k:k + a.batch]
            b = enc.batch([fit[i] for i in idx], [fit_feats[i] for i in idx])
            loss = model.crf.nll(model.emissions(b), b.tags, b.mask)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            total += loss.item()
        print(f"  seed {seed} epoch {epoch} loss {total:.0f} {time.perf_counter() - started:.0f} s", flush=True)
    model.eval()
    out = []
    trans, start, end = (p.detach().numpy() for p in (model.crf.trans, model.crf.start, model.crf.end))
    with torch.no_grad():
        for k in range(0, len(held), 64):
            b = enc.batch(held[k:k + 64], held_feats[k:k + 64])
            em = model.emissions(b).numpy()
            out += [marginals(em[i, :len(s.tokens)], trans, start, end) for i, s in enumerate(held[k:k + 64])]
    return out, enc


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    m = x.max(axis=axis, keepdims=True)
    return (m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))).squeeze(axis)


def marginals(em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Forward-backward: P(label at t) for one sentence's emissions (T x N)."""
    fwd, bwd = np.zeros_like(em), np.zeros_like(em)
    fwd[0] = start + em[0]
    for t in range(1, len(em)):
        fwd[t] = _logsumexp(fwd[t - 1][:, None] + trans, 0) + em[t]
    bwd[-1] = end
    for t in range(len(em) - 2, -1, -1):
        bwd[t] = _logsumexp(trans + (em[t + 1] + bwd[t + 1])[None, :], 1)
    return np.exp(fwd + bwd - _logsumexp(fwd[-1] + end, 0))


def decode(probs: np.ndarray, labels: list[str]) -> list[str]:
    """The most probable IOB2-valid label sequence under per-token probabilities."""
    logp = np.log(probs + 1e-9)
    bad = np.array([[y.startswith("I-") and x[2:] != y[2:] for y in labels] for x in labels]) * -1e9
    score = logp[0] + np.array([-1e9 if y.startswith("I-") else 0.0 for y in labels])
    back = []
    for t in range(1, len(logp)):
        cand = score[:, None] + bad
        back.append(cand.argmax(0))
        score = cand.max(0) + logp[t]
    best = [int(score.argmax())]
    for pointers in reversed(back):
        best.append(int(pointers[best[-1]]))
    return [labels[i] for i in reversed(best)]


def crf_marginals(fit: list[kaznerd.TaggedSentence], held: list[kaznerd.TaggedSentence],
                  labels: list[str]) -> list[np.ndarray]:
    groups = frozenset(GROUPS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.crfsuite"
        train_kk_ner.train(fit, path, train_kk_ner.C1, train_kk_ner.C2, train_kk_ner.ITERATIONS, groups,
                           tuple(iob.model_types()))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        out = []
        for s in held:
            tagger.set(sentence_features(s.tokens, groups))
            out.append(np.array([[tagger.marginal(y, t) for y in labels] for t in range(len(s.tokens))]))
        return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cv", type=int, default=0, metavar="K", help="K folds over train + dev")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--epochs", type=int, default=22)
    parser.add_argument("--wdim", type=int, default=64)
    parser.add_argument("--fdim", type=int, default=128)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--dropout", type=float, default=0.5)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    a = parser.parse_args()
    torch.set_num_threads(a.threads)
    a.synthetic, a.data = train_kk_ner.SYNTHETIC, kaznerd.DEFAULT_DIR
    keep = iob.output_types()
    gold: list[list[str]] = []
    preds: dict[float, list[list[str]]] = {w: [] for w in MIXES}
    for fit, held in train_kk_ner.folds(a):
        fit = fit + synthetic_sentences(a.synthetic)
        runs = [fit_bilstm(fit, held, a, seed) for seed in a.seeds]
        labels = runs[0][1].labels
        nn_probs = [np.mean([r[0][i] for r in runs], axis=0) for i in range(len(held))]
        crf_probs = crf_marginals(fit, held, labels)
        gold += [iob.map_tags(s.tags, keep) for s in held]
        for w in MIXES:
            preds[w] += [iob.map_tags(decode(w * c + (1 - w) * n, labels), keep)
                         for c, n in zip(crf_probs, nn_probs, strict=True)]
    print("model\t" + "\t".join([*keep, "ALL"]))
    for w in MIXES:
        scores = iob.score(gold, preds[w])
        name = "BiLSTM-CRF" if w == 0 else "CRF" if w == 1 else f"mix {w}"
        print(name + "\t" + "\t".join(f"{scores.get(k, iob.Counts()).f1:.3f}" for k in (*keep, "ALL")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
