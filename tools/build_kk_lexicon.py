"""Build ``src/aimaq/data/kk_stems.tsv``: the Kazakh stem lexicon the suffix analyser ranks with.

A word type is kept as a stem when it occurs bare in the corpora, is not itself an inflected form of
another bare word with at least as rich a paradigm ('облысы' = облыс + ы), and is frequent enough or
has inflected forms of its own. Stems never seen bare are kept when at least three distinct suffix
chains, two of them consonant-initial, attach to them ('кәсіпорын' from 'кәсіпорынға', 'кәсіпорынның').

Sources (read-only, under ../shared/data): KazNERD validation split and the Kazakh files of the
Apertium kaz-rus corpus. NTREX (newstest2019) is NOT read: it is the held-out evaluation text.

    .venv/bin/python tools/build_kk_lexicon.py [--data ../shared/data] [--out src/aimaq/data/kk_stems.tsv]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from aimaq.text.morph import kk

ROOT = Path(__file__).resolve().parents[1]
WORD = re.compile(r"[а-яёәғқңөұүһіi]+(?:-[а-яёәғқңөұүһіi]+)*", re.IGNORECASE)
KAZAKH_ONLY = re.compile(r"[әғқңөұүһі]", re.IGNORECASE)
MIN_BARE = 2  # a bare word seen once is kept only when it also has inflected forms
POSSESSIVES = {"м", "ң", "сы", "сі", "мыз", "міз", "ңыз", "ңіз"}  # consonant-initial, yet after a vowel
OWN_PARADIGM = 3  # forms of its own that make a word a stem even where it parses as an inflection
BARE_SHARE = 0.03  # share of a stem's paradigm seen bare, below which it needs 3 distinct suffixes
SHORT_SHARE = 0.05  # the same for two-letter stems, where chance splits abound (жа+ңа, ек+і)
SHORT_BARE = 5  # and two-letter stems must be seen bare this often
NEVER_FINAL = "ғ"  # no Kazakh stem ends in ғ (it is the voiced қ before a vowel)


def kaznerd_lines(data: Path) -> Iterator[str]:
    tokens: list[str] = []
    for line in (data / "kaznerd" / "IOB2_valid.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if tokens:
                yield " ".join(tokens)
            tokens = []
            continue
        tokens.append(line.rsplit(" ", 1)[0])
    if tokens:
        yield " ".join(tokens)


def apertium_lines(data: Path) -> Iterator[str]:
    for path in sorted((data / "apertium-kaz-rus-corpus" / "CORPUS").iterdir()):
        if "kaz" in path.name:
            yield from path.read_text(encoding="utf-8", errors="replace").splitlines()


def count_words(lines: Iterator[str]) -> Counter[str]:
    """Word types of the Kazakh lines; closed-class and irregular words left out (the analyser knows them)."""
    skip = kk.closed_class()
    counts: Counter[str] = Counter()
    for line in lines:
        if not KAZAKH_ONLY.search(line):  # Russian lines slipped into the Kazakh files
            continue
        counts.update(w for w in map(kk.normalise, WORD.findall(line)) if len(w) >= 2 and w not in skip)
    return counts


@dataclass
class Paradigms:
    chains: dict[str, dict[tuple[str, ...], int]]  # stem -> {suffix chain: tokens}
    forms: dict[str, set[str]]  # stem -> inflected word types it segments
    stems_of: dict[str, set[str]]  # word type -> every stem it segments into


def paradigms(counts: Counter[str]) -> Paradigms:
    """Every legal segmentation of every word type, indexed both ways."""
    out = Paradigms(defaultdict(lambda: defaultdict(int)), defaultdict(set), defaultdict(set))
    for word, n in counts.items():
        if "-" in word:
            if not kk.best(word).suffixes:  # 'облысы-ның' is a typo'd inflection, 'іс-шара' a stem
                out.chains[word][()] += n
            continue
        for stem, suffixes, _tags, _alt in kk.segmentations(word):
            if len(stem) >= 2:
                out.chains[stem][suffixes] += n
                out.stems_of[word].add(stem)
                if suffixes:
                    out.forms[stem].add(word)
    return out


def _explained(word: str, par: Paradigms, candidates: set[str]) -> bool:
    """The word is an inflected form of a candidate stem and has no paradigm of its own beyond it.

    'облысы' = облыс + ы: its longer forms (облысының...) all parse on облыс too. 'теңге' is not
    тең + ге: теңгеге, теңгеден, теңгесі do not parse on тең. 'бүгін' is not бүг+і+н: бүг is no candidate.
    """
    for stem, suffixes, tags, _alt in kk.segmentations(word):
        if not suffixes or tags == ("ATTR",) or stem not in candidates:
            continue
        own = [w for w in par.forms.get(word, ()) if stem not in par.stems_of.get(w, ())]
        if len(own) < OWN_PARADIGM:
            return True
    return False


def _first_suffixes(chains: dict[tuple[str, ...], int]) -> set[str]:
    return {chain[0] for chain in chains if chain}


def _full_stem_evidence(chains: dict[tuple[str, ...], int]) -> int:
    """Distinct consonant-initial plural and case suffixes right after the stem: they show the stem whole."""
    return len({s for s in _first_suffixes(chains) if kk.sound_class(s[0]) != "V" and s not in POSSESSIVES})


def _candidate(stem: str, chains: dict[tuple[str, ...], int], bare: int) -> bool:
    total = sum(chains.values())
    if bare:
        if bare < MIN_BARE and len(chains) < 2:
            return False
        share = bare / total
        if len(stem) <= 2:
            return share >= SHORT_SHARE and bare >= SHORT_BARE
        return share >= BARE_SHARE or len(_first_suffixes(chains)) >= 3
    return len(stem) >= 3 and len(chains) >= 3 and _full_stem_evidence(chains) >= 1


def _letters_ok(stem: str) -> bool:
    """A vowel and a consonant at least (drops 'іі', 'ыы' and other debris)."""
    vowels = "аәеёоөұүыіэюя"
    return any(ch in vowels + "уи" for ch in stem) and any(ch not in vowels for ch in stem)


def select(counts: Counter[str], par: Paradigms) -> dict[str, int]:
    suffixes = kk.suffix_forms()
    candidates = {
        stem for stem, chains in par.chains.items()
        if not stem.endswith(NEVER_FINAL) and stem not in suffixes and _letters_ok(stem)
        and _candidate(stem, chains, counts.get(stem, 0))
    }
    return {stem: sum(par.chains[stem].values()) for stem in candidates
            if not _explained(stem, par, candidates)}


def write(stems: dict[str, int], out: Path, sources: list[str]) -> None:
    lines = ["# kk_stems v1: Kazakh stems with the tokens their paradigm covers.",
             "# Built by tools/build_kk_lexicon.py from " + ", ".join(sources) + "; do not edit by hand."]
    lines += [f"{s}\t{n}" for s, n in sorted(stems.items(), key=lambda kv: (-kv[1], kv[0]))]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "aimaq" / "data" / "kk_stems.tsv")
    args = parser.parse_args(argv)
    counts = count_words(iter([*kaznerd_lines(args.data), *apertium_lines(args.data)]))
    stems = select(counts, paradigms(counts))
    write(stems, args.out, ["KazNERD IOB2_valid.txt", "apertium-kaz-rus-corpus/CORPUS/*kaz*"])
    print(f"{len(counts)} word types -> {len(stems)} stems -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
