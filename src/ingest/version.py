"""The version of unsocial: part of every fingerprint of derived rows (``store.fingerprints``)."""

__version__ = "0.1.0"
