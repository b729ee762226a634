"""Measure kk↔ru document pairing and sentence alignment on NTREX-128 kk–ru, with Apertium distractors,
and the pairing of the real kk/ru releases.

    aimaq eval pairing [--data ../shared/data] [--distractors 400] [--merge 0.1] [--drop 0.03]
                       [--seed 1] [--limit N] [--real yes|no|only]

What is measured:
- **Documents.** The 41 NTREX dev-portion documents exist in kk and ru (one sentence per line, gold
  document ids). Each becomes a kk and a ru document: the first line (the headline) on its own line,
  then the other sentences joined by single spaces into paragraphs of ``PARAGRAPH`` sentences.
  Distractors are the Apertium kaz-rus file pairs cut into documents of ``CHUNK`` lines at the same
  lines on both sides: ``--distractors`` positions spread evenly over the files, each giving a kk and a
  ru document. All documents go through the aimaq pipeline and are paired together. A pair that
  involves an NTREX document is right when it joins the two sides of one NTREX document. Pairs between
  Apertium documents are scored apart, as silver: right when they join the two sides of one position
  (the files are noisy and partly only comparable, so a miss there is not always an error).
- **Sentences.** Each gold NTREX document pair is aligned (independently of pairing). Sentences are
  those of aimaq's own segmenter, not the gold lines. Before the texts are built, adjacent gold
  sentences are merged on one side with probability ``--merge`` (the first one's end punctuation
  becomes ';' so that no segmenter splits them again: a 2-1 or 1-2 bead), and a sentence is dropped
  on one side with probability ``--drop`` (a 1-0 or 0-1 bead). The gold beads are the connected
  groups of segments that cover the same gold sentences. Strict precision and recall count exact bead
  matches as vecalign's score.py does: precision over all predicted beads, unaligned sentences
  included; recall over gold beads that have both sides.
- **Split.** NTREX documents with an even index (order of first appearance) are the dev split, used to
  set the alignment costs; odd ones are the test split, not used for any choice. Figures are printed
  for all, dev and test. No NTREX document was used to fit the pairing model (``tools/fit_pairing.py``
  fits it on Apertium positions other than the distractors, the real releases and tests/corpus), and
  the kk→ru lexicon was learned from the Apertium files only.
- **Real releases** (``real-releases``, when the folder is there): the 60 releases are paired together,
  as ``aimaq pair`` pairs them, against the kk/ru pairs that ``pairs-<part>.json`` list, overall and
  by part (A = 101–120, B = 201–220, C = 301–320). The shipped model was fitted on them, so these
  figures are in-sample; the held-out figures, each part paired by a model fitted without it, are
  those that ``tools/fit_pairing.py`` stored in the model file, printed after them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aimaq.corpus.align import align_sentences
from aimaq.corpus.lexicon import APERTIUM_PAIRS
from aimaq.corpus.pairing import MODEL, DocumentPair, pair_documents
from aimaq.pipeline import extract
from aimaq.records import Document, RawDocument
from aimaq.resources import load_json
from aimaq.stages.clean import fix_lookalikes
from aimaq.stages.read import iter_documents

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
NTREX = "ntrex-128-kk-ru"
APERTIUM = "apertium-kaz-rus-corpus/CORPUS"
REAL = "real-releases"
PARTS = {"1": "A", "2": "B", "3": "C"}  # real releases: the first digit of a file's number gives its part
PARAGRAPH = 4
CHUNK = 15
Bead = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class GoldDoc:
    """One NTREX document: its gold sentences in both languages (None where dropped on that side)."""

    index: int
    doc_id: str
    kk: tuple[str, ...]
    ru: tuple[str, ...]

    @property
    def split(self) -> str:
        return "dev" if self.index % 2 == 0 else "test"


def read_ntrex(folder: Path) -> list[GoldDoc]:
    """The NTREX documents in order of first appearance."""
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    kk = (folder / "newstest2019-ref.kaz.txt").read_text(encoding="utf-8").splitlines()
    ru = (folder / "newstest2019-ref.rus.txt").read_text(encoding="utf-8").splitlines()
    rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for doc_id, k, r in zip(ids, kk, ru, strict=True):
        rows[doc_id.strip()].append((k.strip(), r.strip()))
    return [GoldDoc(n, d, tuple(k for k, _ in v), tuple(r for _, r in v)) for n, (d, v) in enumerate(rows.items())]


def joinable(sentence: str) -> str:
    """A sentence that is not the last of a merged unit: its end punctuation becomes ';'."""
    return re.sub(r"[.!?…]+([»”\"]?)$", r";\1", sentence)


def perturb(doc: GoldDoc, merge: float, drop: float, rng: random.Random) -> tuple[list[list[int]], list[list[int]]]:
    """Units of gold sentence indexes per side: [[0], [1, 2], [4]] merges 1 and 2 and drops 3 on that side."""
    sides: list[list[list[int]]] = [[], []]
    for g in range(len(doc.kk)):
        dropped = rng.random() < drop and g > 0
        side_dropped = rng.randrange(2) if dropped else -1
        merged_side = rng.randrange(2) if g > 1 and rng.random() < merge else -1
        for s in (0, 1):
            if s == side_dropped:
                continue
            if s == merged_side and sides[s] and sides[s][-1][-1] == g - 1:
                sides[s][-1].append(g)
            else:
                sides[s].append([g])
    return sides[0], sides[1]


def build_text(sentences: Sequence[str], units: Sequence[Sequence[int]]) -> tuple[str, list[tuple[int, int, int]]]:
    """Document text (headline line, then paragraphs) and (gold index, start, end) of every gold sentence."""
    text, spans = "", []
    for u, unit in enumerate(units):
        if u:
            text += "\n" if u == 1 or (u - 1) % PARAGRAPH == 0 else " "
        for n, g in enumerate(unit):
            piece = sentences[g] if n == len(unit) - 1 else joinable(sentences[g])
            spans.append((g, len(text), len(text) + len(piece)))
            text += piece + (" " if n < len(unit) - 1 else "")
    return text, spans


def _alnum_map(text: str) -> tuple[str, list[int]]:
    keep = [(i, ch.lower()) for i, ch in enumerate(text) if ch.isalnum()]
    return "".join(ch for _, ch in keep), [i for i, _ in keep]


def locate(doc: Document, raw: str, spans: Sequence[tuple[int, int, int]]) -> dict[int, tuple[int, int]] | None:
    """Gold sentence spans in the cleaned text (matched on letters and digits, after the cleaner's fix of
    Latin look-alike letters), None if one is lost."""
    flat, where = _alnum_map(doc.text)
    out, pos = {}, 0
    for g, start, end in spans:
        key, _ = _alnum_map(fix_lookalikes(raw[start:end]))
        at = flat.find(key, pos)
        if not key or at < 0:
            return None
        out[g] = (where[at], where[at + len(key) - 1] + 1)
        pos = at + len(key)
    return out


def gold_beads(kk: Document, ru: Document, kk_gold: dict[int, tuple[int, int]],
               ru_gold: dict[int, tuple[int, int]]) -> set[Bead]:
    """Connected groups of kk and ru segments that cover the same gold sentences."""
    def covering(doc: Document, span: tuple[int, int]) -> list[int]:
        return [i for i, s in enumerate(doc.sentences) if s.start < span[1] and span[0] < s.end]

    links = []
    for g in set(kk_gold) | set(ru_gold):
        ks = covering(kk, kk_gold[g]) if g in kk_gold else []
        rs = covering(ru, ru_gold[g]) if g in ru_gold else []
        links.append((ks, rs))
    return components(links)


def components(groups: Sequence[tuple[Sequence[int], Sequence[int]]]) -> set[Bead]:
    """Merge groups (kk indexes, ru indexes) that share an index into beads."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for ks, rs in groups:
        nodes = [("k", i) for i in ks] + [("r", j) for j in rs]
        for node in nodes[1:]:
            parent[find(node)] = find(nodes[0])
        if nodes:
            find(nodes[0])
    beads: dict[tuple[str, int], tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))
    for node in parent:
        beads[find(node)][0 if node[0] == "k" else 1].add(node[1])
    return {(tuple(sorted(k)), tuple(sorted(r))) for k, r in beads.values()}


def predicted_beads(links: Sequence[tuple[int, int]], n_kk: int, n_ru: int) -> set[Bead]:
    """Beads of an alignment, with unaligned sentences as 1-0 and 0-1 beads."""
    groups = [([i], [j]) for i, j in links]
    groups += [([i], []) for i in set(range(n_kk)) - {i for i, _ in links}]
    groups += [([], [j]) for j in set(range(n_ru)) - {j for _, j in links}]
    return components(groups)


@dataclass
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp, self.n_pred, self.n_gold = self.tp + tp, self.n_pred + n_pred, self.n_gold + n_gold

    def row(self) -> str:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{p:.3f} | {r:.3f} | {f:.3f} | {self.tp}/{self.n_pred}/{self.n_gold}"


def score_beads(gold: set[Bead], test: set[Bead]) -> tuple[int, int, int, int]:
    """(strict hits among predictions, predictions, hits among two-sided gold beads, two-sided gold beads)."""
    two_sided = {b for b in gold if b[0] and b[1]}
    return len(test & gold), len(test), len(two_sided & test), len(two_sided)


Chunk = tuple[str, int, list[tuple[str, str]]]  # (kk file name, first line, (kk line, ru line) rows)


def apertium_chunks(folder: Path) -> list[Chunk]:
    """The Apertium file pairs cut into ``CHUNK``-line positions at the same lines on both sides (lines
    empty on either side left out), in file order."""
    chunks = []
    for kk_name, ru_name in APERTIUM_PAIRS:
        kk_lines = (folder / kk_name).read_text(encoding="utf-8").splitlines()
        ru_lines = (folder / ru_name).read_text(encoding="utf-8").splitlines()
        rows = [(k.strip(), r.strip()) for k, r in zip(kk_lines, ru_lines, strict=True) if k.strip() and r.strip()]
        chunks += [(kk_name, n, rows[n : n + CHUNK]) for n in range(0, len(rows) - CHUNK + 1, CHUNK)]
    return chunks


def distractor_chunks(chunks: Sequence[Chunk], per_lang: int) -> list[Chunk]:
    """``per_lang`` positions spread evenly over the chunks: those ``read_distractors`` uses."""
    step = max(1, len(chunks) // per_lang) if per_lang else len(chunks) + 1
    return list(chunks[::step][:per_lang])


def chunk_documents(chunk: Chunk) -> tuple[RawDocument, RawDocument]:
    """Both sides of a position, with sources 'apertium/FILE#LINE.kk' and '.ru'."""
    name, n, rows = chunk
    kk, ru = ("\n".join(r[column] for r in rows) for column in (0, 1))
    return (RawDocument(source=f"apertium/{name}#{n}.kk", text=kk), RawDocument(source=f"apertium/{name}#{n}.ru", text=ru))


def read_distractors(folder: Path, per_lang: int) -> Iterator[RawDocument]:
    """Both sides of ``per_lang`` Apertium positions spread evenly over the files (``distractor_chunks``)."""
    for chunk in distractor_chunks(apertium_chunks(folder), per_lang):
        yield from chunk_documents(chunk)


def silver_row(distractors: Sequence[Document], pairs: Sequence[DocumentPair]) -> str:
    """Pairs between Apertium documents: how many join the two sides of one position (silver truth)."""
    source = {d.id: d.source for d in distractors}
    positions = {d.source.rsplit(".", 1)[0] for d in distractors if d.source.endswith(".kk")}
    positions &= {d.source.rsplit(".", 1)[0] for d in distractors if d.source.endswith(".ru")}
    found = [(source[p.kk_id], source[p.ru_id]) for p in pairs if p.kk_id in source and p.ru_id in source]
    hits = sum(1 for kk, ru in found if kk.rsplit(".", 1)[0] == ru.rsplit(".", 1)[0])
    p = hits / len(found) if found else 0.0
    r = hits / len(positions) if positions else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f} | {r:.3f} | {f:.3f} | {hits}/{len(found)}/{len(positions)}"


@dataclass(frozen=True)
class RealReleases:
    """The real kk/ru press releases, the kk/ru pairs their ``pairs-<part>.json`` files list, and parts."""

    docs: list[Document]
    pairs: set[tuple[str, str]]  # (kk document id, ru document id)
    part: dict[str, str]  # document id -> 'A', 'B' or 'C'


def read_real_releases(folder: Path) -> RealReleases:
    """Extract every release of the folder (as ``aimaq pair`` reads files) and read its listed pairs."""
    docs = [extract(item) for item in iter_documents([str(p) for p in sorted(folder.glob("*.txt"))])
            if isinstance(item, RawDocument)]
    by_name = {Path(d.source).name: d.id for d in docs}
    pairs = set()
    for listing in sorted(folder.glob("pairs-*.json")):
        pairs |= {(by_name[p["kk"]], by_name[p["ru"]]) for p in json.loads(listing.read_text(encoding="utf-8"))}
    part = {d.id: PARTS.get(Path(d.source).name[:1], "?") for d in docs}
    return RealReleases(docs, pairs, part)


def real_counts(real: RealReleases, pairs: Sequence[DocumentPair], part: str = "all") -> Counts:
    """Pairing counts over the releases of ``part``: predictions are pairs that hold one of them."""
    def inside(doc_id: str) -> bool:
        return part == "all" or real.part.get(doc_id) == part

    counts = Counts(n_gold=sum(1 for kk, _ in real.pairs if inside(kk)))
    for p in pairs:
        if inside(p.kk_id) or inside(p.ru_id):
            counts.n_pred += 1
            counts.tp += int((p.kk_id, p.ru_id) in real.pairs)
    return counts


@dataclass(frozen=True)
class Built:
    gold: GoldDoc
    kk: Document
    ru: Document
    kk_spans: dict[int, tuple[int, int]] | None
    ru_spans: dict[int, tuple[int, int]] | None


def build(gold: GoldDoc, merge: float, drop: float, rng: random.Random) -> Built:
    """Both sides of one NTREX document, extracted by the pipeline, with their gold sentence spans."""
    kk_units, ru_units = perturb(gold, merge, drop, rng)
    out = []
    for lang, sentences, units in (("kk", gold.kk, kk_units), ("ru", gold.ru, ru_units)):
        text, spans = build_text(sentences, units)
        doc = extract(RawDocument(source=f"ntrex/{gold.doc_id}.{lang}", text=text))
        out.append((doc, locate(doc, text, spans)))
    return Built(gold, out[0][0], out[1][0], out[0][1], out[1][1])


SPLITS = ("all", "dev", "test")


def _in(split: str, b: Built) -> bool:
    return split in ("all", b.gold.split)


def pairing_counts(built: Sequence[Built], pairs: Sequence[DocumentPair], split: str) -> Counts:
    """Pairing counts over the NTREX documents of ``split``: pairs that involve one of them are predictions."""
    kk_side = {b.kk.id: b for b in built if _in(split, b)}
    ru_side = {b.ru.id: b for b in built if _in(split, b)}
    counts = Counts(n_gold=len(kk_side))
    for p in pairs:
        if p.kk_id in kk_side or p.ru_id in ru_side:
            counts.n_pred += 1
            counts.tp += int(p.kk_id in kk_side and kk_side[p.kk_id].ru.id == p.ru_id)
    return counts


@dataclass(frozen=True)
class Scored:
    """Strict bead counts of one aligned NTREX document (see ``score_beads``)."""

    built: Built
    counts: tuple[int, int, int, int]


def align_all(built: Sequence[Built]) -> list[Scored]:
    """Align every gold pair whose gold sentences could be found in the cleaned texts."""
    out = []
    for b in built:
        if b.kk_spans is None or b.ru_spans is None:
            continue
        gold = gold_beads(b.kk, b.ru, b.kk_spans, b.ru_spans)
        test = predicted_beads(align_sentences(b.kk, b.ru), len(b.kk.sentences), len(b.ru.sentences))
        out.append(Scored(b, score_beads(gold, test)))
    return out


def alignment_row(scored: Sequence[Scored], split: str) -> str:
    """A table row of strict precision, recall and F1 over the documents of ``split``."""
    hits, n_test, gold_hits, n_gold = (sum(s.counts[k] for s in scored if _in(split, s.built)) for k in range(4))
    p = hits / n_test if n_test else 0.0
    r = gold_hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f} | {r:.3f} | {f:.3f} | {hits}/{n_test}, {gold_hits}/{n_gold}"


def ntrex_report(args: argparse.Namespace) -> None:
    """NTREX pairing among the Apertium distractors, and the sentence alignment of the NTREX pairs."""
    rng = random.Random(args.seed)
    golds = read_ntrex(args.data / NTREX)
    golds = golds[: args.limit] if args.limit else golds
    built = [build(g, args.merge, args.drop, rng) for g in golds]
    distractors = [extract(raw) for raw in read_distractors(args.data / APERTIUM, args.distractors)]
    docs = [d for b in built for d in (b.kk, b.ru)] + distractors
    start = time.perf_counter()
    pairs = pair_documents(docs)
    pair_seconds = time.perf_counter() - start
    start = time.perf_counter()
    scored = align_all(built)
    align_seconds = time.perf_counter() - start
    print(f"NTREX-128 kk-ru: {len(golds)} documents (dev: even index, test: odd), {len(distractors)} Apertium "
          f"distractors; merge {args.merge}, drop {args.drop}, seed {args.seed}\n")
    print("| task | split | docs | P | R | F1 | counts |\n|---|---|---|---|---|---|---|")
    for split in SPLITS:
        n = sum(1 for b in built if _in(split, b))
        print(f"| document pairing | {split} | {n} | {pairing_counts(built, pairs, split).row()} |")
    if distractors:
        print(f"| document pairing, Apertium positions (silver) | - | {len(distractors)} | "
              f"{silver_row(distractors, pairs)} |")
    for split in SPLITS:
        n = sum(1 for s in scored if _in(split, s.built))
        print(f"| sentence alignment, strict | {split} | {n} | {alignment_row(scored, split)} |")
    print(f"\npairing: {len(docs)} documents in {pair_seconds:.1f} s ({len(docs) / pair_seconds:.0f} documents/s; "
          f"keys, candidates, scores, alignment of the shortlisted); alignment: {len(scored)} pairs in "
          f"{align_seconds:.2f} s ({len(scored) / align_seconds:.0f} pairs/s); "
          f"{len(built) - len(scored)} documents skipped (gold sentences not found after cleaning)")


def real_report(real: RealReleases) -> None:
    """Pairing of the real releases (all together, as ``aimaq pair`` does), by part, and the held-out
    figures that ``tools/fit_pairing.py`` stored with the model."""
    pairs = pair_documents(real.docs)
    print(f"\nReal releases: {len(real.docs)} documents, {len(real.pairs)} listed kk/ru pairs, paired together "
          f"by the shipped model (which was fitted on them: in-sample)\n")
    print("| task | part | docs | P | R | F1 | counts |\n|---|---|---|---|---|---|---|")
    for part in ("all", *sorted(set(PARTS.values()))):
        n = sum(1 for d in real.docs if part == "all" or real.part[d.id] == part)
        print(f"| document pairing, real releases | {part} | {n} | {real_counts(real, pairs, part).row()} |")
    held_out = load_json(MODEL).get("fit", {}).get("held_out", {})
    if held_out:
        print("\nHeld out (from tools/fit_pairing.py: a model fitted without the part pairs all releases; the pairs "
              "holding a release of the part are counted):\n\n| part | P | R | F1 | counts | lowest listed pair | "
              "highest other |\n|---|---|---|---|---|---|---|")
        for part, fig in held_out.items():
            print(f"| {part} | {fig['counts']} | {fig['lowest_translation']} | {fig['highest_other']} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="aimaq eval pairing", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--distractors", type=int, default=400, help="Apertium positions (documents per language)")
    parser.add_argument("--merge", type=float, default=0.1, help="chance to merge a sentence into the previous one")
    parser.add_argument("--drop", type=float, default=0.03, help="chance to drop a sentence on one side")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="only the first N NTREX documents (0: all)")
    parser.add_argument("--real", choices=("yes", "no", "only"), default="yes",
                        help="also measure the real releases (when the folder is there), not, or only them")
    args = parser.parse_args(argv)
    if args.real != "only":
        ntrex_report(args)
    if args.real != "no" and (args.data / REAL).is_dir():
        real_report(read_real_releases(args.data / REAL))
    elif args.real != "no":
        print(f"\nreal releases: {args.data / REAL} is not here, not measured")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
