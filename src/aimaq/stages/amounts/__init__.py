"""Amounts stage: money, counts and percentages in Kazakh and Russian text, normalised.

Layout: ``tokens`` (number-aware tokens) -> ``numbers`` (one number: digits or words) -> ``quantity``
(number + scale + range + currency/percent) -> ``context`` (qualifiers, change cues, no-amount signs)
and ``units`` (the counted noun) -> ``rules`` and ``pairs`` (the ordered rules) -> ``finder`` (the scan)
and ``changes`` (before/after pairs). Language data: ``data/numbers/{kk,ru}.json``.
"""

from aimaq.stages.amounts.changes import find_changes
from aimaq.stages.amounts.finder import explain_amounts, find_amount_phrases, find_amounts
from aimaq.stages.amounts.scan import AmountPhrase, Decision

__all__ = ["AmountPhrase", "Decision", "explain_amounts", "find_amount_phrases", "find_amounts", "find_changes"]
