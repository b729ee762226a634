"""The natasha adapter: loading natasha leaves the caller's warning filters as they were; our forward pass of
its taggers (``slovnet_cnn``) gives slovnet's own scores, bit for bit."""

import subprocess
import sys

SCRIPT = """
import warnings
warnings.simplefilter("error")  # a warning that escaped the loader would stop this script
import natasha  # third-party modules may add filters when imported (numpy does): not ours to judge
before = list(warnings.filters)
import aimaq.pipeline, aimaq.stages.entities
from aimaq.ner import natasha_ru
assert warnings.filters == before, "importing aimaq changed the warning filters"
analysis = natasha_ru.analyse("Аким Павлодарской области Асаин Байханов.", 0, 41)
assert analysis.spans, "the models did not run"
assert warnings.filters == before, "loading the models changed the warning filters"
print("ok")
"""


def test_ner_natasha_ru_leaves_the_warning_filters_alone() -> None:
    run = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "ok" and "pkg_resources" not in run.stderr


SENTENCES = [
    ["Аким", "Павлодарской", "области", "Асаин", "Байханов", "открыл", "новую", "школу", "."],
    ["В", "Экибастузе", "построят", "завод", "за", "12", "млрд", "тенге", "."],
    ["Министерство", "энергетики", "РК", "сообщило", "об", "этом", "в", "среду", ",", "15", "мая", "."],
    ["Жанар", "Омарбекова", "–", "руководитель", "управления", "."],
    ["Всего", "—", "40", "проектов", "."],
    ["АО", "«", "Самрук-Казына", "»", "."],
    ["Ура", "!"],
    ["Кроме", "того", ",", "в", "Алматинской", "области", "откроют", "три", "детских", "сада", ",",
     "две", "больницы", "и", "одну", "поликлинику", "на", "300", "посещений", "в", "смену", "."],
    ["Итого", "."],
]


def _slovnet_scores(api: object, sentences: list[list[str]]) -> list:
    infer = api.infer  # type: ignore[attr-defined]
    out = []
    for batch in infer.encoder(sentences):
        pred = infer.model(batch.word_id, batch.shape_id, batch.pad_mask)
        out += [row[:size] for row, size in zip(pred, (~batch.pad_mask).sum(-1), strict=True)]
    return out


def test_ner_natasha_ru_slovnet_cnn_gives_slovnets_scores_bit_for_bit() -> None:
    import numpy as np

    from aimaq.ner import natasha_ru, slovnet_cnn

    models = natasha_ru._models()
    for name in ("ner", "morph"):
        api = models[name]
        tagger = slovnet_cnn.load(api)
        for batch in (1, api.batch_size):
            for part in (SENTENCES, SENTENCES[:3], [[w for s in SENTENCES for w in s]]):
                ours = []
                for first in range(0, len(part), batch):
                    ours += slovnet_cnn.scores(tagger, part[first:first + batch], batch=batch)
                theirs = [s for first in range(0, len(part), batch)
                          for s in _slovnet_scores(api, part[first:first + batch])]
                assert len(ours) == len(theirs)
                assert all(np.array_equal(a, b) for a, b in zip(ours, theirs, strict=True)), (name, batch)
    ner, morph = slovnet_cnn.load(models["ner"]), slovnet_cnn.load(models["morph"])
    assert slovnet_cnn.same_words(ner, morph)
    words = SENTENCES[0] + SENTENCES[1]
    vectors = slovnet_cnn.word_vectors(ner, words)
    shared = slovnet_cnn.scores(morph, SENTENCES[:2], vectors)
    assert all(np.array_equal(a, b) for a, b in zip(shared, slovnet_cnn.scores(morph, SENTENCES[:2]), strict=True))
