"""Measure the amounts stage on NEREL (ru) and KazNERD (kk) MONEY and PERCENT, beside natasha's MoneyExtractor.

    python -m aimaq.evaluate.amounts [--data ../shared/data] [--nerel-split dev]

Prints one markdown table. Definitions (what is compared):
- NEREL MONEY spans cover the number, scale and currency and usually the qualifier word ('около 2,2
  трлн руб.', 'более 1 млрд долларов США'); KazNERD MONEY spans also take trailing qualifiers
  ('теңгеден астам', 'теңгеге дейін'). Both are compared with our *phrase* span (qualifier words
  included) and, for reference, with the *core* span (number + scale + currency). natasha's span is
  its match span (number + scale + currency).
- Span level: exact start/end match of predicted money amounts against gold MONEY entities.
- Value level (NEREL): a gold span counts when an independent strict reader (below) gets value and
  currency from its text alone (digits, optional scale word, currency word or sign; ranges); a
  prediction is right when it overlaps that span with the same value(s) and currency.
- KazNERD is tokenised: tokens are joined by single spaces, except that '3 , 5' between digits is
  glued back to '3,5' (the tokeniser split the decimal comma); token level counts a token as predicted
  MONEY (PERCENTAGE) when it lies inside a predicted money (percent) phrase span.
- Value level (KazNERD): most sentences with amounts in words are followed by the same sentence with the
  amounts in digits; the digit text, read by the strict reader, gives the gold value of both.
- KazNERD valid is the only Kazakh split here and was read while building the rules: its figures are
  development figures, not held-out ones. NEREL dev was not used for development (train was).
"""

from __future__ import annotations

import argparse
import math
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aimaq.records import Lang, Sentence
from aimaq.stages.amounts import find_amount_phrases, find_amounts

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
Spans = set[tuple[int, int]]


@dataclass(frozen=True)
class Scores:
    tp: int
    n_pred: int
    n_gold: int

    @property
    def p(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def __add__(self, other: Scores) -> Scores:
        return Scores(self.tp + other.tp, self.n_pred + other.n_pred, self.n_gold + other.n_gold)


def span_scores(pred: Spans, gold: Spans) -> Scores:
    return Scores(len(pred & gold), len(pred), len(gold))


# --- an independent strict reader of gold MONEY text (value level) ---------------------------------
_G_SCALES = ((r"тыс\.?|тысяч\w*|мың\w*", 1e3), (r"млн\.?|миллион\w*", 1e6), (r"млрд\.?|миллиард\w*", 1e9),
             (r"трлн\.?|триллион\w*", 1e12))
_G_CURRENCIES = (
    (r"гонконгск\w+ доллар\w*", "HKD"), (r"доллар\w* сша|доллар\w*|долл\.?", "USD"), (r"евро", "EUR"),
    (r"руб\.?|рубл\w+", "RUB"), (r"фунт\w*(?: стерлингов)?", "GBP"), (r"юан\w+", "CNY"), (r"гривн\w*|гривен", "UAH"),
    (r"тенге|теңге\w*", "KZT"), (r"норвежск\w+ крон\w*", "NOK"), (r"шведск\w+ крон\w*", "SEK"),
    (r"ақш доллар\w*", "USD"), (r"еуро\w*", "EUR"), (r"юань\w*", "CNY"), (r"рубль\w*|рублі\w*", "RUB"),
)
_G_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₸": "KZT"}
_G_QUAL = re.compile(r"^(?:(?:около|более|почти|примерно|свыше|до|на|не менее|менее|чуть больше|шамамен|кемі)\s+)?(?:в\s+)?")
_G_QUAL_AFTER = re.compile(r"\s+(?:астам|дейін|жуық|тарта|шамасында|асады|артық)$")
_G_NUM = r"\d+(?:[ \u00a0]\d{3})*(?:[.,]\d+)?"
_G_SCALE = "|".join(f"(?:{p})" for p, _ in _G_SCALES)
_G_SIGNED = re.compile(rf"([$€£₸])\s*({_G_NUM})(?:\s*({_G_SCALE}))?")
_G_WORDED = re.compile(rf"(?:от\s+)?({_G_NUM})(?:\s*({_G_SCALE}))?(?:\s*(?:[-–—]|до)\s*({_G_NUM}))?(?:\s*({_G_SCALE}))?\s+(.+)")


def _g_scale(word: str | None) -> float | None:
    return next((v for p, v in _G_SCALES if word and re.fullmatch(p, word)), None)


def _g_number(raw: str, signed: bool) -> float:
    raw = raw.replace(" ", "").replace("\u00a0", "")
    if signed and re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
        return float(raw.replace(",", ""))
    return float(raw.replace(",", "."))


def gold_value(text: str) -> tuple[float, float | None, str] | None:
    """(value, value_max, currency) of a gold MONEY text written with digits, else None."""
    low = _G_QUAL_AFTER.sub("", _G_QUAL.sub("", " ".join(text.lower().split()).rstrip(",")))
    m = _G_SIGNED.fullmatch(low)
    if m:
        return _g_number(m.group(2), True) * (_g_scale(m.group(3)) or 1.0), None, _G_SIGNS[m.group(1)]
    m = _G_WORDED.fullmatch(low)
    code = next((c for p, c in _G_CURRENCIES if m and re.fullmatch(p, m.group(5))), None)
    if m is None or code is None or (m.group(2) and m.group(4) and not m.group(3)):
        return None
    high_scale = _g_scale(m.group(4)) or 1.0
    low_scale = _g_scale(m.group(2)) or high_scale
    if m.group(3) is None:
        return _g_number(m.group(1), False) * low_scale, None, code
    return _g_number(m.group(1), False) * low_scale, _g_number(m.group(3), False) * high_scale, code


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9)


# --- NEREL ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Doc:
    text: str
    gold: tuple[tuple[int, int, str], ...]  # (start, end, text) of the entities scored (MONEY, PERCENT)


def nerel_docs(root: Path, split: str, etype: str = "MONEY") -> Iterator[Doc]:
    for txt in sorted((root / "nerel" / "NEREL-v1.1" / split).glob("*.txt")):
        with txt.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        gold = []
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[0].startswith("T") and parts[1].startswith(etype + " ") and ";" not in parts[1]:
                _, start, end = parts[1].split()
                gold.append((int(start), int(end), parts[2]))
        yield Doc(text, tuple(gold))


def _sentences(text: str, lang: Lang) -> list[Sentence]:
    from aimaq.stages.segment import split_sentences

    return [Sentence(s.start, s.end, lang) for s in split_sentences(text)]


Predictor = Callable[[str], list[tuple[int, int, float, float | None, str | None]]]


def ours(span: str, kind: str = "money") -> Predictor:
    def predict(text: str) -> list[tuple[int, int, float, float | None, str | None]]:
        out = []
        for p in find_amount_phrases(text, _sentences(text, "ru"), "ru"):
            a = p.amount
            if a.kind == kind:
                s, e = (p.start, p.end) if span == "phrase" else (a.start, a.end)
                out.append((s, e, a.value, a.value_max, a.currency))
        return out

    return predict


def natasha() -> Predictor:
    from natasha import MoneyExtractor, MorphVocab

    extractor = MoneyExtractor(MorphVocab())

    def predict(text: str) -> list[tuple[int, int, float, float | None, str | None]]:
        return [(m.start, m.stop, float(m.fact.amount), None, m.fact.currency) for m in extractor(text)]

    return predict


def value_scores(docs: Sequence[Doc], preds: Sequence[list]) -> tuple[Scores, Scores]:
    """(precision side, recall side) of value-level matching on gold spans the strict reader reads."""
    tp_r = n_gold = tp_p = n_pred = 0
    for doc, pred in zip(docs, preds, strict=True):
        for start, end, text in doc.gold:
            gv = gold_value(text)
            if gv is None:
                continue
            n_gold += 1
            over = [p for p in pred if p[0] < end and start < p[1]]
            right = [p for p in over if _close(p[2], gv[0]) and _close(p[3], gv[1]) and p[4] == gv[2]]
            tp_r += bool(right)
            n_pred += len(over)
            tp_p += len(right)
    return Scores(tp_p, n_pred, n_gold), Scores(tp_r, n_gold, n_gold)


def evaluate_nerel(root: Path, split: str) -> list[tuple[str, Scores, Scores, Scores, float]]:
    """Rows (system, span scores, value precision side, value recall side, seconds)."""
    docs = list(nerel_docs(root, split))
    rows = []
    systems = [("aimaq, phrase span", ours("phrase")), ("aimaq, core span", ours("core")),
               ("natasha MoneyExtractor", natasha())]
    for name, predictor in systems:
        t0 = time.perf_counter()
        preds = [predictor(d.text) for d in docs]
        seconds = time.perf_counter() - t0
        span = Scores(0, 0, 0)
        for d, pred in zip(docs, preds, strict=True):
            span += span_scores({(p[0], p[1]) for p in pred}, {(g[0], g[1]) for g in d.gold})
        rows.append((name, span, *value_scores(docs, preds), seconds))
    return rows


def evaluate_nerel_percent(root: Path, split: str) -> list[tuple[str, Scores]]:
    docs = list(nerel_docs(root, split, "PERCENT"))
    rows = []
    for name, span in (("aimaq, phrase span", "phrase"), ("aimaq, core span", "core")):
        predictor = ours(span, "percent")
        total = Scores(0, 0, 0)
        for d in docs:
            total += span_scores({(p[0], p[1]) for p in predictor(d.text)}, {(g[0], g[1]) for g in d.gold})
        rows.append((name, total))
    return rows


# --- KazNERD ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TaggedSentence:
    text: str
    offsets: tuple[tuple[int, int], ...]  # char span of each token
    gold: dict[str, tuple[tuple[int, int], ...]]  # entity type -> (first token, end token) of each entity


def _detokenise(tokens: Sequence[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join with spaces, but glue '3 , 5' back into '3,5'."""
    parts: list[str] = []
    offsets = []
    pos = 0
    for k, tok in enumerate(tokens):
        glue = k > 0 and (
            (tok == "," and tokens[k - 1][-1:].isdigit() and k + 1 < len(tokens) and tokens[k + 1][:1].isdigit())
            or (tokens[k - 1] == "," and k >= 2 and tokens[k - 2][-1:].isdigit() and tok[:1].isdigit())
        )
        if k > 0 and not glue:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), tuple(offsets)


def _entities(tags: Sequence[str], etype: str) -> tuple[tuple[int, int], ...]:
    out, k = [], 0
    while k < len(tags):
        if tags[k] == f"B-{etype}":
            e = k + 1
            while e < len(tags) and tags[e] == f"I-{etype}":
                e += 1
            out.append((k, e))
            k = e
        else:
            k += 1
    return tuple(out)


def kaznerd_sentences(root: Path) -> Iterator[TaggedSentence]:
    rows: list[tuple[str, str]] = []
    for line in [*(root / "kaznerd" / "IOB2_valid.txt").read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            tok, tag = line.rsplit(" ", 1)
            rows.append((tok, tag))
            continue
        if rows:
            text, offsets = _detokenise([t for t, _ in rows])
            tags = [t for _, t in rows]
            yield TaggedSentence(text, offsets, {e: _entities(tags, e) for e in ("MONEY", "PERCENTAGE")})
        rows = []


_KAZNERD_KINDS = {"MONEY": "money", "PERCENTAGE": "percent"}


def _money_texts(sent: TaggedSentence) -> list[tuple[int, int, str]]:
    return [(sent.offsets[a][0], sent.offsets[b - 1][1], sent.text[sent.offsets[a][0] : sent.offsets[b - 1][1]])
            for a, b in sent.gold["MONEY"]]


def kaznerd_value_scores(root: Path) -> dict[str, Scores]:
    """Value level on KazNERD's sentence pairs: a sentence with the amounts in words is followed by the same
    sentence with them in digits ('үш жарым миллиард доллар' / '3,5 миллиард доллар'); the digit text, read
    by the strict reader, is the gold value of both. Scores by 'words' / 'digits' side."""
    sents = list(kaznerd_sentences(root))
    out = {"words": Scores(0, 0, 0), "digits": Scores(0, 0, 0)}
    for first, second in zip(sents, sents[1:], strict=False):
        a, b = _money_texts(first), _money_texts(second)
        if not a or len(a) != len(b) or [t for *_, t in a] == [t for *_, t in b]:
            continue
        for side, sent, spans in (("words", first, a), ("digits", second, b)):
            found = [p.amount for p in find_amount_phrases(sent.text, None, "kk") if p.amount.kind == "money"]
            for (start, end, _), (_, _, digits) in zip(spans, b, strict=True):
                gv = gold_value(digits)
                if gv is None:
                    continue
                over = [x for x in found if x.start < end and start < x.end]
                right = [x for x in over if _close(x.value, gv[0]) and _close(x.value_max, gv[1]) and x.currency == gv[2]]
                out[side] += Scores(len(right), len(over), 1)
    return out


def evaluate_kaznerd(root: Path) -> tuple[dict[str, Scores], float, int]:
    """Scores by '<TYPE>, <measure>' (token; span phrase; span core), seconds, sentences."""
    scores: dict[str, Scores] = {}
    t0, n = time.perf_counter(), 0
    for sent in kaznerd_sentences(root):
        n += 1
        phrases = find_amount_phrases(sent.text, None, "kk")
        for etype, kind in _KAZNERD_KINDS.items():
            found = [p for p in phrases if p.amount.kind == kind]
            gold = {(sent.offsets[a][0], sent.offsets[b - 1][1]) for a, b in sent.gold[etype]}
            gold_toks = {k for a, b in sent.gold[etype] for k in range(a, b)}
            pred_toks = {k for k, (s, e) in enumerate(sent.offsets) for p in found if p.start <= s and e <= p.end}
            for measure, score in (
                ("token", Scores(len(gold_toks & pred_toks), len(pred_toks), len(gold_toks))),
                ("span, phrase", span_scores({(p.start, p.end) for p in found}, gold)),
                ("span, core", span_scores({(p.amount.start, p.amount.end) for p in found}, gold)),
            ):
                key = f"{etype} | {measure}"
                scores[key] = scores.get(key, Scores(0, 0, 0)) + score
    return scores, time.perf_counter() - t0, n


# --- speed on the samples -----------------------------------------------------------------------------
def sample_speed(root: Path, repeat: int = 20) -> tuple[float, float, int] | None:
    """(docs/s, amounts/s, docs) over the shared samples, whole text per document."""
    folder = root.parent / "samples"
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        return None
    langs: list[Lang] = ["kk" if re.search("[әғқңөұүі]", t[:2000]) else "ru" for t in texts]
    for t, lang in zip(texts, langs, strict=True):
        find_amounts(t, None, lang)  # warm the caches
    t0, found = time.perf_counter(), 0
    for _ in range(repeat):
        for t, lang in zip(texts, langs, strict=True):
            found += len(find_amounts(t, None, lang))
    seconds = time.perf_counter() - t0
    return repeat * len(texts) / seconds, found / seconds, len(texts)


def _fmt(s: Scores) -> str:
    return f"{s.p:.3f} | {s.r:.3f} | {s.f1:.3f} | {s.tp}/{s.n_pred}/{s.n_gold}"


def report(root: Path, split: str) -> str:
    lines = ["| corpus | system | measure | P | R | F1 | tp/pred/gold |", "|---|---|---|---|---|---|---|"]
    for name, span, vp, vr, _ in evaluate_nerel(root, split):
        lines.append(f"| NEREL {split} MONEY | {name} | span exact | {_fmt(span)} |")
        lines.append(f"| NEREL {split} MONEY | {name} | value+currency | {vp.p:.3f} | {vr.r:.3f} | "
                     f"- | {vp.tp}/{vp.n_pred} right, {vr.tp}/{vr.n_gold} gold found |")
    for name, span in evaluate_nerel_percent(root, split):
        lines.append(f"| NEREL {split} PERCENT | {name} | span exact | {_fmt(span)} |")
    scores, seconds, n = evaluate_kaznerd(root)
    for key, s in scores.items():
        etype, measure = key.split(" | ")
        lines.append(f"| KazNERD valid {etype} | aimaq | {measure} | {_fmt(s)} |")
    for side, s in kaznerd_value_scores(root).items():
        lines.append(f"| KazNERD valid MONEY pairs | aimaq | value+currency, {side} | {s.p:.3f} | "
                     f"{min(s.tp, s.n_gold) / s.n_gold if s.n_gold else 0:.3f} | - | {s.tp}/{s.n_pred}/{s.n_gold} |")
    lines.append("")
    lines.append(f"KazNERD: {n} sentences in {seconds:.1f} s ({n / seconds:.0f} sentences/s).")
    speed = sample_speed(root)
    if speed is not None:
        lines.append(f"Samples: {speed[2]} documents, {speed[0]:.1f} docs/s, {speed[1]:.0f} amounts/s (one core).")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aimaq.evaluate.amounts", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the shared corpora")
    parser.add_argument("--nerel-split", default="dev", choices=["dev", "train"], help="NEREL split to score")
    args = parser.parse_args(argv)
    if not (args.data / "nerel").is_dir() or not (args.data / "kaznerd").is_dir():
        print(f"aimaq: error: no NEREL/KazNERD under {args.data}")
        return 2
    print(report(args.data, args.nerel_split))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
