"""AMOUNTS stage: money, counts and percentages in Kazakh and Russian text, normalised.

Layout: ``lexer`` (number-aware tokens) -> ``numbers`` (one number: digits or words) -> ``quantity``
(number + scale + range + currency/percent) -> ``context`` (qualifiers, change cues, no-amount signs)
and ``units`` (the counted noun) -> ``rules`` and ``ranges`` (the ordered rules) -> ``finder`` (the scan)
and ``changes`` (the before/after pairs the scan decided). Language data: ``data/numbers/{kk,ru}.json``.
"""

from aimaq.stages.amounts.changes import find_changes
from aimaq.stages.amounts.finder import explain_amounts, find_amount_phrases, find_amounts, phrases_of
from aimaq.stages.amounts.scan import AmountPhrase, Decision

__all__ = ["AmountPhrase", "Decision", "explain_amounts", "find_amount_phrases", "find_amounts", "find_changes",
           "phrases_of"]
