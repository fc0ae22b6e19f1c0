"""Facebook "Download Your Information", every layout generation F0-F6, JSON and HTML, and the
Messenger end-to-end-encrypted secure-storage export (formats.md §1).

Files are found by path suffix (layout.py; the export as a whole and files given alone: scan.py), never by the
export's date. Every string of the JSON variant goes through the mojibake repair; ``account_ref`` is the
repaired display name in NFC, the only identifier Facebook exports carry.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .scan import detect

if TYPE_CHECKING:
    from ..archive import Export
    from ...columns import Columns
    from ...models import Record

__all__ = ["NAME", "MULTIPART", "MESSAGE_TEXT", "detect", "parse"]
NAME = "facebook"
MULTIPART = True  # a large request arrives as several zips; the pipeline joins them into one export
MESSAGE_TEXT = True  # Messenger messages' text, kept only when the owner opts in


def parse(export: Export, message_text: bool = False) -> Iterator[Record | Columns]:
    """Every record of the export (``parsing``: imported when an export is this source's, not to detect one)."""
    from .parsing import parse as parse_export

    return parse_export(export, message_text)
