"""Text basics every layer above reads: the token type, letter folding, person names, morphology.

Nothing here knows about stages, documents or the store.
"""
