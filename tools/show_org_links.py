"""Print the organisation links the pairer's document pairs give, for checking them by hand.

    .venv/bin/python tools/show_org_links.py tests/corpus tests/heldout ../shared/samples

One line per link: score, the Kazakh mention, the Russian mention; then the number of documents and links.
"""

from __future__ import annotations

import sys

from aimaq.corpus.entity_links import link_mentions
from aimaq.corpus.pairing import pair_documents
from aimaq.pipeline import extract
from aimaq.records import RawDocument
from aimaq.stages.read import iter_documents


def main(paths: list[str]) -> int:
    docs = [extract(item) for item in iter_documents(paths) if isinstance(item, RawDocument)]
    by_id = {d.id: d for d in docs}
    links = 0
    for pair in pair_documents(docs):
        kk, ru = by_id[pair.kk_id], by_id[pair.ru_id]
        for link in link_mentions(kk, ru, pair.sentences):
            links += 1
            print(f"{link.score:.2f}\t{kk.mentions[link.kk].text}\t{ru.mentions[link.ru].text}")
    print(f"{len(docs)} documents, {links} links")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
