"""Kazakh NER: the shipped CRF model, IOB2 helpers, the KazNERD split, `aimaq tag` and `aimaq eval ner`."""

from __future__ import annotations

import io
from argparse import Namespace
from pathlib import Path

import pytest

from aimaq.commands.tag import run as cmd_tag
from aimaq.evaluate.ner import main as eval_ner
from aimaq.ner import TAGGERS, iob, kaznerd
from aimaq.ner.tagger_kk import MODEL, find_mentions, tag_tokens
from aimaq.resources import data_path

KAZNERD_TYPES = ["ADAGE", "ART", "CARDINAL", "CONTACT", "DATE", "DISEASE", "EVENT", "FACILITY", "GPE",
                 "LANGUAGE", "LAW", "LOCATION", "MISCELLANEOUS", "MONEY", "NON_HUMAN", "NORP", "ORDINAL",
                 "ORGANISATION", "PERCENTAGE", "PERSON", "POSITION", "PRODUCT", "PROJECT", "QUANTITY", "TIME"]


def _spans(sentence: str) -> list[tuple[str, str]]:
    tokens = sentence.split()
    return [(c.type, " ".join(tokens[c.start:c.end])) for c in iob.chunks(tag_tokens(tokens))]


def test_ner_kk_model_ships_inside_the_package_under_30_mb() -> None:
    size = data_path(MODEL).stat().st_size
    assert 100_000 < size < 30_000_000


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Облыс әкімі Серік Ахметов жаңа мектептің ашылу салтанатына қатысты .", ("PER", "Серік Ахметов")),
    ("Павлодар облысында биыл үш жаңа зауыт салынады .", ("LOC", "Павлодар облысында")),
    ("Білім және ғылым министрлігі жаңа оқу жоспарын бекітті .", ("ORG", "Білім және ғылым министрлігі")),
    ("Маңғыстау облысының әкімі Ерлан Нұрмағамбетов жиынды ашты .", ("ROLE", "Маңғыстау облысының әкімі")),
    ("Маңғыстау облысының әкімі Ерлан Нұрмағамбетов жиынды ашты .", ("PER", "Ерлан Нұрмағамбетов")),
    ("Облыста « Жасыл ел » бағдарламасы аясында мың түп ағаш отырғызылды .", ("PROGRAMME", "Жасыл ел")),
])
def test_ner_kk_tags_own_press_release_sentences(sentence: str, expected: tuple[str, str]) -> None:
    assert expected in _spans(sentence)


def test_ner_kk_tags_are_iob2_over_output_types() -> None:
    tokens = ["Астана", "қаласының", "әкімі", "Жаңабек", "Әлиев", "Ресей", "елшісімен", "кездесті", "."]
    tags = tag_tokens(tokens)
    assert len(tags) == 9
    assert all(t == "O" or (t[:2] in ("B-", "I-") and t[2:] in iob.output_types()) for t in tags)
    assert tag_tokens([]) == []


def test_ner_kk_mentions_keep_offsets_norms_and_role() -> None:
    text = "Облыс басшысы ертең келеді. Маңғыстау облысының әкімі Ерлан Нұрмағамбетовке алғыс айтылды."
    start = text.index("Маңғыстау")
    found = find_mentions(text, start, len(text))
    assert all(text[m.start:m.end] == m.text for m in found)
    person = next(m for m in found if m.type == "PER")
    assert (person.text, person.norm, person.role) == (
        "Ерлан Нұрмағамбетовке", "Ерлан Нұрмағамбетов", "Маңғыстау облысының әкімі")


@pytest.mark.parametrize(("tags", "expected"), [
    (["B-PER", "I-PER", "O"], [iob.Chunk("PER", 0, 2)]),
    (["I-LOC", "I-LOC"], [iob.Chunk("LOC", 0, 2)]),  # I- without B- opens a chunk (conlleval)
    (["B-LOC", "B-LOC"], [iob.Chunk("LOC", 0, 1), iob.Chunk("LOC", 1, 2)]),
    (["B-ORG", "I-PER"], [iob.Chunk("ORG", 0, 1), iob.Chunk("PER", 1, 2)]),
    (["O", "O"], []),
])
def test_ner_kk_chunks_read_iob2_like_conlleval(tags: list[str], expected: list[iob.Chunk]) -> None:
    assert iob.chunks(tags) == expected


@pytest.mark.parametrize(("source", "expected"), [
    (["B-GPE", "I-GPE", "B-LOCATION", "B-DATE"], ["B-LOC", "I-LOC", "B-LOC", "O"]),
    (["B-POSITION", "I-POSITION", "B-PERSON"], ["B-ROLE", "I-ROLE", "B-PER"]),
    (["B-PROJECT", "B-ORGANISATION", "B-ORG"], ["B-PROGRAMME", "B-ORG", "B-ORG"]),
])
def test_ner_kk_maps_kaznerd_types_to_ours(source: list[str], expected: list[str]) -> None:
    assert iob.map_tags(source, iob.output_types()) == expected


def test_ner_kk_type_map_covers_every_kaznerd_type() -> None:
    assert set(KAZNERD_TYPES) <= set(iob.type_map())
    assert set(iob.output_types()) == {"PER", "ORG", "LOC", "ROLE", "PROGRAMME"}


def test_ner_kk_score_counts_exact_spans_only() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]
    scores = iob.score(gold, pred)
    assert (scores["PER"].tp, scores["PER"].pred, scores["PER"].gold) == (0, 1, 1)
    assert scores["LOC"].f1 == 1.0
    assert scores["ALL"].f1 == pytest.approx(0.5)


@pytest.mark.parametrize("number", ["247110", "318240", "1"])
def test_ner_kk_split_keeps_variants_of_a_sentence_together(number: str) -> None:
    parts = {kaznerd.part_of(prefix + "ID" + number) for prefix in "ABCDE"}
    assert len(parts) == 1


def test_ner_kk_split_proportions() -> None:
    parts = [kaznerd.part_of(f"AID{n}") for n in range(10_000)]
    assert 0.67 < parts.count("train") / len(parts) < 0.73
    assert 0.13 < parts.count("test") / len(parts) < 0.17


CONLL = ("Облыс\tX\nәкімі\tX\nСерік\tX\nАхметов\tX\nсөз\tX\nсөйледі\tX\n.\tX\n\n"
         "Павлодар\nоблысында\nжаңбыр\nжауды\n.\n")


def test_ner_kk_tag_command_round_trip() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert cmd_tag(Namespace(lang="kk", format="conll"), io.StringIO(CONLL), out, err) == 0
    blocks = out.getvalue().split("\n\n")
    assert blocks[-1] == "" and len(blocks) == 3
    rows = [[line.split("\t") for line in block.splitlines()] for block in blocks[:2]]
    assert [r[0] for r in rows[0]] == ["Облыс", "әкімі", "Серік", "Ахметов", "сөз", "сөйледі", "."]
    assert [r[1] for r in rows[0]][2:4] == ["B-PER", "I-PER"]
    assert [r[1] for r in rows[1]][:2] == ["B-LOC", "I-LOC"]
    assert err.getvalue() == ""


def test_ner_kk_tag_command_reports_a_missing_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(TAGGERS, "ru")
    out, err = io.StringIO(), io.StringIO()
    assert cmd_tag(Namespace(lang="ru", format="conll"), io.StringIO("Аким\n"), out, err) == 1
    assert err.getvalue() == "aimaq: error: tag: no tagger for language 'ru' (have: kk)\n"
    assert out.getvalue() == ""


def test_ner_kk_eval_command_prints_a_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.conll"
    gold.write_text("Павлодар B-GPE\nоблысында I-GPE\nжаңбыр O\nжауды O\n. O\n\n"
                    "Облыс O\nәкімі O\nСерік B-PERSON\nАхметов I-PERSON\nсөйледі O\n. O\n", encoding="utf-8")
    assert eval_ner([str(gold), "--lang", "kk"]) == 0
    printed = capsys.readouterr().out
    assert "| type | P | R | F1 | gold | predicted |" in printed
    assert "| PER | 1.000 | 1.000 | 1.000 | 1 | 1 |" in printed
    assert "| LOC | 1.000 | 1.000 | 1.000 | 1 | 1 |" in printed
    assert "2 sentences tagged" in printed and "sentences/s" in printed


def test_ner_kk_eval_command_rejects_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert eval_ner([str(tmp_path / "none.conll")]) == 1
    assert "aimaq: error:" in capsys.readouterr().err
