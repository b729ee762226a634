"""Named-entity tagging support: IOB2 handling, the KazNERD corpus and its split, CRF features."""
