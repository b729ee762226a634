"""The corpus level: kk↔ru translation pairs among documents, and the sentence alignment inside a pair.

    from aimaq.corpus import pair_documents, align_sentences
"""

from aimaq.corpus.align import align_sentences
from aimaq.corpus.pairing import DocumentPair, pair_documents

__all__ = ["DocumentPair", "align_sentences", "pair_documents"]
