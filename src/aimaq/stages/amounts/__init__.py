"""AMOUNTS stage: money, counts and percentages in Kazakh and Russian text, normalised.

Layout: ``lexer`` (number-aware tokens) -> ``numbers`` (one number: digits or words) -> ``quantity``
(number + scale + range + currency/percent) -> ``context`` (qualifiers, change cues, no-amount signs)
and ``units`` (the counted noun) -> ``rules`` and ``ranges`` (the ordered rules) -> ``finder`` (the scan)
and ``changes`` (the before/after pairs the scan decided). Language data: ``data/numbers/{kk,ru}.json``.

Entry point: ``run(cleaned, segmented, language) -> Amounts``; one scan gives both the amounts and the
changes among them.
"""

from aimaq.records import Amounts, Cleaned, Language, Segmented
from aimaq.stages.amounts.changes import find_changes
from aimaq.stages.amounts.finder import explain_amounts, find_amount_phrases, find_amounts, phrases_of
from aimaq.stages.amounts.scan import AmountPhrase, Decision

__all__ = ["AmountPhrase", "Decision", "explain_amounts", "find_amount_phrases", "find_amounts", "find_changes",
           "phrases_of", "run"]


def run(cleaned: Cleaned, segmented: Segmented, language: Language) -> Amounts:
    """The stage as the pipeline calls it: each sentence read in its language (the document's when the
    text has no sentences)."""
    decisions = explain_amounts(cleaned.text, segmented.sentences, language.lang)
    amounts = tuple(p.amount for p in phrases_of(decisions))
    return Amounts(amounts, tuple(find_changes(cleaned.text, decisions)))
