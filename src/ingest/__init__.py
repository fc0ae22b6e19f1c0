"""unsocial: social-network exports into an honest map of relationships."""

from .version import __version__  # noqa: F401 (the API)


def __getattr__(name: str):
    """``from ingest import open_db``: the analysts' handle (``ingest.frames``), imported when asked for, so
    that the command line does not load it."""
    if name in ("open_db", "Database"):
        from . import frames

        return getattr(frames, name)
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
