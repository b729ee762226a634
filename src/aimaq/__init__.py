"""aimaq: kk/ru regional-development press releases to source-linked, normalised facts."""

__version__ = "0.1.0"
