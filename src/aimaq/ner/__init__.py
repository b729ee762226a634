"""Named-entity tagging support: IOB2 handling, CoNLL files, the KazNERD corpus and split, CRF features.

``tagger(lang)`` gives the token tagger of a language: a function from a token list to IOB2 tags with
PER, ORG, LOC, ROLE, PROGRAMME (and O).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from aimaq.errors import TaggerMissingError

Tagger = Callable[[list[str]], list[str]]

# language -> module with `tag_tokens(tokens: list[str]) -> list[str]`
TAGGERS = {
    "kk": "aimaq.ner.tagger_kk",
    "ru": "aimaq.ner.tagger_ru_conll",
}


def tagger(lang: str) -> Tagger:
    """The token tagger of ``lang``; raises ``TaggerMissingError`` when there is none."""
    name = TAGGERS.get(lang)
    if name is None:
        raise TaggerMissingError(f"no tagger for language {lang!r} (have: {', '.join(sorted(TAGGERS))})")
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        raise TaggerMissingError(f"the {lang} tagger ({name}) is not installed") from None
    return module.tag_tokens
