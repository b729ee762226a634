"""Evaluation of aimaq stages against the shared corpora (``python -m aimaq.evaluate.<stage>``)."""
