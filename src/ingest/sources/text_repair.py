"""Text written as UTF-8 and read back as Latin-1 or Windows-1252 ("mojibake"), undone where it is that.

Seen in Facebook's JSON (F2-F6), which writes each UTF-8 byte as its own ``\\u00XX`` escape (formats.md
§1.8), and in LinkedIn's messages.csv of about 2023, whose FROM and TO names are double-encoded
(``RenÃ©e LefÃ¨vre``, ``JÃ¼rgen StrauÃŸ``) while Connections.csv of the same export has them right
(thephm/linkedin_md docs/linkedin_export.md).
"""

from __future__ import annotations

import codecs
import unicodedata

_C1_BYTES = "unsocial.c1_bytes"


def _c1_as_bytes(error: UnicodeError) -> tuple[bytes, int]:
    # Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D unassigned, and Windows reads them as the Latin-1
    # controls U+0081 …: a name double-encoded through Windows-1252 may hold both ("Å\x81" for "Ł" beside
    # "Åš" for "Ś"). Those controls go back to their byte; any other character is no mojibake.
    chunk = error.object[error.start:error.end]
    if not isinstance(error, UnicodeEncodeError) or any(not "\x80" <= ch <= "\x9f" for ch in chunk):
        raise error
    return chunk.encode("latin-1"), error.end


codecs.register_error(_C1_BYTES, _c1_as_bytes)


def repair(text: str) -> str:
    """Undo the mojibake, NFC, stripped; text that is not mojibake is kept as it is.

    Re-encoding as Latin-1 (Facebook's escapes) or Windows-1252 (a CSV read on Windows) and decoding as
    UTF-8 undoes it. A character neither code page has, or bytes that are not UTF-8, mean the text was
    right already (Facebook's end-to-end-encrypted export and HTML, LinkedIn's Connections.csv): that
    keeps the repair idempotent.
    """
    if text.isascii():
        return text.strip()
    try:
        text = _bytes_read(text).decode("utf-8")
    except UnicodeError:
        pass
    return unicodedata.normalize("NFC", text).strip()


def _bytes_read(text: str) -> bytes:
    """The bytes ``text`` was decoded from: Latin-1 first (every Facebook escape, in one C call), else
    Windows-1252; UnicodeEncodeError when it holds a character neither has."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("cp1252", errors=_C1_BYTES)
