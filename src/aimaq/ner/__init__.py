"""Named-entity tagging support: IOB2 handling, CoNLL files, the KazNERD corpus and split, CRF features.

``tagger(lang)`` gives the token tagger of a language: a function from a token list to IOB2 tags with
PER, ORG, LOC, ROLE, PROGRAMME (and O).
"""

from __future__ import annotations

from collections.abc import Callable

from aimaq.errors import TaggerMissingError

Tagger = Callable[[list[str]], list[str]]


def _kk() -> Tagger:
    from aimaq.ner.tagger_kk import tag_tokens

    return tag_tokens


def _ru() -> Tagger:
    from aimaq.ner.tagger_ru_conll import tag_tokens

    return tag_tokens


# language -> its tagger, imported when first asked for (the models load slowly)
TAGGERS: dict[str, Callable[[], Tagger]] = {"kk": _kk, "ru": _ru}


def tagger(lang: str) -> Tagger:
    """The token tagger of ``lang``; raises ``TaggerMissingError`` when there is none."""
    load = TAGGERS.get(lang)
    if load is None:
        raise TaggerMissingError(f"no tagger for language {lang!r} (have: {', '.join(sorted(TAGGERS))})")
    return load()
