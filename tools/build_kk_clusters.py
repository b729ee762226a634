"""Build ``src/aimaq/data/ner/kk_clusters.tsv``: distributional stem clusters for the Kazakh NER CRF.

Every token of unlabeled Kazakh text is replaced by its analyser stem (``features_kk.stem_key``). Each
stem seen at least ``MIN_COUNT`` times gets a vector from its neighbours (positive PMI of the stems at
offsets -2, -1, +1, +2, reduced by a truncated SVD), and the vectors are grouped by k-means into
``SIZES[0]`` clusters. The CRF uses the cluster id as a feature of the token (``aimaq.ner.features_kk``),
so a stem it never saw tagged still looks like the stems it shares contexts with.

Sources (read-only, under ../shared/data): the Kazakh files of the Apertium kaz-rus corpus, the Kazakh
side of NTREX-128 (newstest2019) and the tokens of the KazNERD train and dev parts
(``aimaq.ner.kaznerd``). The KazNERD test part is never read.
The output is deterministic for a given machine: fixed seeds, ARPACK with a fixed start vector.

    .venv/bin/python tools/build_kk_clusters.py [--data ../shared/data] [--out src/aimaq/data/ner/kk_clusters.tsv]
"""

from __future__ import annotations

import argparse
import html
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds

from aimaq.ner import kaznerd
from aimaq.ner.features_kk import stem_key
from aimaq.text.tokens import tokenize

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "aimaq" / "data" / "ner" / "kk_clusters.tsv"
MIN_COUNT = 2  # a key seen once gets no cluster
CONTEXTS = 3000  # most frequent keys used as context words
OFFSETS = (-2, -1, 1, 2)
DIMENSIONS = 100
SIZES = (64,)  # 256 and 1024 were tried and lost on cross-validation (data/models/kk_ner.md)
SMOOTHING = 0.75  # context distribution smoothing of PMI (Levy et al. 2015)
SEED = 20240611
KAZAKH_ONLY = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)


def apertium_lines(data: Path) -> Iterator[list[str]]:
    for path in sorted((data / "apertium-kaz-rus-corpus" / "CORPUS").iterdir()):
        if "kaz" in path.name:
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                if KAZAKH_ONLY.search(line):  # Russian lines slipped into the Kazakh files
                    yield [t.text for t in tokenize(html.unescape(line))]


def ntrex_lines(data: Path) -> Iterator[list[str]]:
    for line in (data / "ntrex-128-kk-ru" / "newstest2019-ref.kaz.txt").read_text(encoding="utf-8").splitlines():
        yield [t.text for t in tokenize(line)]


def kaznerd_lines(data: Path) -> Iterator[list[str]]:
    for s in kaznerd.load(("train", "dev"), data / "kaznerd"):
        yield list(s.tokens)


def sentences(data: Path) -> list[list[str]]:
    return [*apertium_lines(data), *ntrex_lines(data), *kaznerd_lines(data)]


def cooccurrences(seqs: list[list[str]], vocab: dict[str, int], contexts: dict[str, int]) -> sparse.csr_matrix:
    """Counts of (key, (offset, context key)) over the sequences."""
    rows: list[int] = []
    cols: list[int] = []
    width = len(contexts) + 1  # the last column of each offset block is '<s>' / '</s>'
    for seq in seqs:
        ids = [vocab.get(k, -1) for k in seq]
        ctx = [contexts.get(k, -1) for k in seq]
        for i, row in enumerate(ids):
            if row < 0:
                continue
            for block, off in enumerate(OFFSETS):
                j = i + off
                c = ctx[j] if 0 <= j < len(seq) else width - 1
                if c >= 0:
                    rows.append(row)
                    cols.append(block * width + c)
    data = np.ones(len(rows), dtype=np.float64)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(vocab), width * len(OFFSETS)))


def ppmi(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    total = counts.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    col = np.asarray(counts.sum(axis=0)).ravel() ** SMOOTHING
    col = col / col.sum()
    coo = counts.tocoo()
    pmi = np.log(coo.data * 1.0 / total / (row[coo.row] / total) / np.maximum(col[coo.col], 1e-12))
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=counts.shape)


def embed(matrix: sparse.csr_matrix) -> np.ndarray:
    """Unit-length rows of U * sqrt(S) of a truncated SVD (ARPACK, fixed start vector)."""
    v0 = np.random.default_rng(SEED).standard_normal(min(matrix.shape))
    u, s, _ = svds(matrix, k=DIMENSIONS, v0=v0)
    order = np.argsort(-s)
    vectors = u[:, order] * np.sqrt(s[order])
    vectors *= np.sign(vectors[np.argmax(np.abs(vectors), axis=0), range(vectors.shape[1])])
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def kmeans(x: np.ndarray, k: int, weights: np.ndarray, iterations: int = 30) -> np.ndarray:
    """Cluster ids of the rows (k-means++ seeding weighted by frequency, fixed seed)."""
    rng = np.random.default_rng(SEED + k)
    centres = [x[rng.choice(len(x), p=weights / weights.sum())]]
    nearest = np.full(len(x), np.inf)
    for _ in range(1, k):
        nearest = np.minimum(nearest, ((x - centres[-1]) ** 2).sum(axis=1))
        p = nearest * weights
        centres.append(x[rng.choice(len(x), p=p / p.sum())])
    c = np.array(centres)
    labels = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        labels = np.argmax(x @ c.T - 0.5 * (c * c).sum(axis=1), axis=1)
        for j in range(k):
            members = labels == j
            if members.any():
                c[j] = np.average(x[members], axis=0, weights=weights[members])
    return labels


def build(seqs: list[list[str]]) -> list[tuple[str, tuple[int, ...]]]:
    counts = Counter(k for seq in seqs for k in seq)
    keys = sorted((k for k, n in counts.items() if n >= MIN_COUNT and "#" not in k), key=lambda k: (-counts[k], k))
    vocab = {k: i for i, k in enumerate(keys)}
    contexts = {k: i for i, k in enumerate(keys[:CONTEXTS])}
    vectors = embed(ppmi(cooccurrences(seqs, vocab, contexts)))
    weights = np.log1p(np.array([counts[k] for k in keys], dtype=np.float64))
    labels = [kmeans(vectors, size, weights) for size in SIZES]
    return [(k, tuple(int(lab[i]) for lab in labels)) for i, k in enumerate(keys)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    raw = sentences(args.data)
    rows = build([[stem_key(w) for w in seq] for seq in raw])
    header = (f"# Kazakh stem clusters for the NER CRF: stem, tab, k-means cluster id (of {SIZES[0]}). Keys are\n"
              "# analyser stems (aimaq.ner.features_kk.stem_key; other tokens lower-cased, digits as 0).\n"
              "# Built by tools/build_kk_clusters.py from the Kazakh text of the Apertium kaz-rus CORPUS\n"
              "# (GPL-3.0), NTREX-128 kk and the KazNERD train+dev tokens (CC BY 4.0); see data/models/kk_ner.md.\n")
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(header)
        fh.writelines(f"{k}\t{ids[0]}\n" for k, ids in rows)
    print(f"wrote {args.out}: {len(rows)} keys from {sum(map(len, raw))} tokens in {len(raw)} sentences")


if __name__ == "__main__":
    main()
