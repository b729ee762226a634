"""The forward pass of slovnet's CNN taggers (natasha's NER and morphology), without slovnet's copies.

slovnet keeps a batch in a (batch, channels, length) layout that it pads, transposes and copies into
convolution windows at every layer, with a copy loop over runs of three numbers. Here a batch stays in
a (batch, length, channels) layout and the windows are filled with one copy per kernel position. The
matrices that reach each product are slovnet's own, value for value and in the same order, and the
batches are slovnet's (``batch`` sentences padded to the longest, pad rows zeroed after every layer),
so every sentence gets slovnet's scores bit for bit; a matrix product's last bits depend on how many
rows it has, hence the same batches. The taggers' pad embeddings are zero, as ``load`` checks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from slovnet.shape import word_shape


@dataclass(frozen=True)
class Layer:
    weight: Any  # filters x (channels * kernel), transposed as slovnet multiplies it
    bias: Any
    mean: Any
    std: Any
    scale: Any
    shift: Any
    padding: int
    kernel: int


@dataclass(frozen=True)
class CNNTagger:
    """The arrays of one slovnet tagger (``NER`` or ``Morph``), read once from its model."""

    words: dict[str, int]
    unk_word: int
    shapes: dict[str, int]
    unk_shape: int
    navec: tuple[Any, Any, Any]  # (word id -> code indexes, codes, quantisation dims): navec's lookup
    shape_weight: Any
    layers: tuple[Layer, ...]
    proj: tuple[Any, Any]  # head: weight, bias
    tags: tuple[str, ...]


def load(api: Any) -> CNNTagger:
    """The arrays of a loaded slovnet ``NER``/``Morph`` API object (natasha's taggers are both)."""
    model, encoder = api.infer.model, api.infer.encoder
    word = model.emb.word
    pads = (word.codes.array[word.qdims, word.indexes.array[encoder.words_vocab.pad_id]],
            model.emb.shape.weight.array[encoder.shapes_vocab.pad_id])
    if any(p.any() for p in pads):
        raise ValueError("the tagger's pad embedding is not zero: its batches are not one sentence each")
    layers = []
    for layer in model.encoder.layers:
        conv, norm = layer.conv, layer.norm
        filters, channels, kernel = conv.weight.shape
        if kernel != 2 * conv.padding + 1:
            raise ValueError(f"a convolution of kernel {kernel} with padding {conv.padding} changes the length")
        layers.append(Layer(conv.weight.array.reshape(filters, channels * kernel).T, conv.bias.array,
                            norm.mean.array, norm.std.array, norm.weight.array, norm.bias.array,
                            conv.padding, kernel))
    return CNNTagger(
        encoder.words_vocab.item_ids, encoder.words_vocab.unk_id,
        encoder.shapes_vocab.item_ids, encoder.shapes_vocab.unk_id,
        (word.indexes.array, word.codes.array, word.qdims), model.emb.shape.weight.array,
        tuple(layers), (model.head.proj.weight.array, model.head.proj.bias.array),
        tuple(api.infer.decoder.tags_vocab.items),
    )


def word_vectors(tagger: CNNTagger, words: Sequence[str]) -> Any:
    """navec's vectors of ``words`` (one row each), as slovnet looks them up."""
    indexes, codes, qdims = tagger.navec
    ids = np.array([tagger.words.get(w.lower(), tagger.unk_word) for w in words])
    return codes[qdims, indexes[ids]].reshape(len(words), -1)


def same_words(a: CNNTagger, b: CNNTagger) -> bool:
    """Whether two taggers look words up alike (then ``word_vectors`` of one serves the other)."""
    (a_indexes, a_codes, a_dims), (b_indexes, b_codes, b_dims) = a.navec, b.navec
    return (a_indexes is b_indexes and a_codes is b_codes and np.array_equal(a_dims, b_dims)
            and a.unk_word == b.unk_word and a.words == b.words)


def scores(tagger: CNNTagger, sentences: Sequence[Sequence[str]], vectors: Any = None, batch: int = 8) -> list[Any]:
    """The head's scores (one row per word) of every sentence, in batches of ``batch`` as slovnet runs them.

    ``vectors``: the words' navec vectors, all sentences in order (``word_vectors``), when already at hand.
    """
    words = [w for s in sentences for w in s]
    if not words:
        return [np.zeros((0, len(tagger.tags)), np.float32) for _ in sentences]
    vectors = word_vectors(tagger, words) if vectors is None else vectors
    shapes = tagger.shape_weight[[tagger.shapes.get(word_shape(w), tagger.unk_shape) for w in words]]
    x = np.concatenate((vectors, shapes), axis=-1)
    out: list[Any] = []
    at = 0
    for first in range(0, len(sentences), batch):
        sizes = [len(s) for s in sentences[first : first + batch]]
        out += _batch(tagger, x[at : at + sum(sizes)], sizes)
        at += sum(sizes)
    return out


def _batch(tagger: CNNTagger, x: Any, sizes: Sequence[int]) -> list[Any]:
    """One batch, padded to its longest sentence with zero rows that are zeroed again after every layer."""
    longest = max(sizes)
    h = np.zeros((len(sizes), longest, x.shape[1]), x.dtype)
    pad = np.ones((len(sizes), longest), bool)
    at = 0
    for i, size in enumerate(sizes):
        h[i, :size], pad[i, :size] = x[at : at + size], False
        at += size
    for layer in tagger.layers:
        h = _layer(h, layer)
        h[pad] = 0
    weight, bias = tagger.proj
    out = (np.matmul(h.reshape(-1, h.shape[-1]), weight) + bias).reshape(len(sizes), longest, -1)
    return [out[i, :size] for i, size in enumerate(sizes)]


def _layer(h: Any, layer: Layer) -> Any:
    """Convolution (slovnet's: each window's channels x kernel values times the weights), ReLU, batch norm."""
    batch, length, channels = h.shape
    padded = np.zeros((batch, length + 2 * layer.padding, channels), h.dtype)
    padded[:, layer.padding : layer.padding + length] = h
    windows = np.empty((batch, length, channels, layer.kernel), h.dtype)
    for k in range(layer.kernel):
        windows[:, :, :, k] = padded[:, k : k + length]
    out = np.matmul(windows.reshape(batch * length, channels * layer.kernel), layer.weight) + layer.bias
    out = out.clip(0)
    out = (out - layer.mean) / layer.std * layer.scale + layer.shift
    return out.reshape(batch, length, -1)
