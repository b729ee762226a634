"""The natasha adapter: loading natasha leaves the caller's warning filters as they were."""

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
