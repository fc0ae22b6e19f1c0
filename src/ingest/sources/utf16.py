"""Files in UTF-16, with or without a byte-order mark, told by their first bytes: one test for every text reader.

Outlook for Windows and Excel's "Unicode text" write UTF-16 with a BOM; some programs leave the BOM out
(roundcube/roundcubemail ``tests/src/utf-16_sample.vcf``, which its importer reads since 2011: big-endian, no
BOM). Every export this reads starts with ASCII (``BEGIN:VCARD``, ``BEGIN:VCALENDAR``, a CSV header), so in
UTF-16 every other byte of its first characters is zero. Read as UTF-8 or 8-bit, such a file was lost whole.
"""

from __future__ import annotations

import codecs

UTF16_SNIFF = 8  # bytes: the first four characters
BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def utf16_codec(head: bytes) -> str | None:
    """"utf-16" with a BOM; without one, "utf-16-be" or "utf-16-le" when the first four characters are ASCII in
    that byte order; None for anything else."""
    if head.startswith(BOMS):
        return "utf-16"
    sample = head[:UTF16_SNIFF]
    if len(sample) < UTF16_SNIFF:
        return None
    high, low = sample[0::2], sample[1::2]
    if not any(high) and all(0 < b < 0x80 for b in low):
        return "utf-16-be"
    if not any(low) and all(0 < b < 0x80 for b in high):
        return "utf-16-le"
    return None
