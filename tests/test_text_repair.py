"""The mojibake repair Facebook and LinkedIn share (``ingest.sources.text_repair``)."""

from __future__ import annotations

import pytest

from ingest.sources.text_repair import repair


@pytest.mark.parametrize("raw, expected", [
    ("Rados\u00c5\u0082aw", "Radosław"),          # Facebook's escapes, formats.md §1.8
    ("Katar\u00c3\u00adna", "Katarína"),
    ("\u00f0\u009f\u0098\u0085", "😅"),
    ("Ren\u00c3\u00a9e Lef\u00c3\u00a8vre", "Renée Lefèvre"),  # LinkedIn's messages.csv of about 2023
    ("J\u00c3\u00bcrgen Strau\u00c3\u0178", "Jürgen Strauß"),   # read as Windows-1252: "ÃŸ"
    ("J\u00c3\u00bcrgen Strau\u00c3\u009f", "Jürgen Strauß"),   # read as Latin-1: "Ã" and a control
    ("\u00c5\u0081ukasz \u00c5\u0161wi\u00c4\u2026tek", "Łukasz Świątek"),  # both: 0x81 is not Windows-1252
    ("Zo\u00eb Martin", "Zoë Martin"),              # already right (E2EE, HTML, Connections.csv): kept
    ("Zoë Martin 😅", "Zoë Martin 😅"),               # a character neither code page has: kept
    ("„Anna“ – 5 €", "„Anna“ – 5 €"),               # Windows-1252 letters that are no UTF-8: kept
    ("Anna Mu\u0308ller", "Anna Müller"),           # decomposed: NFC
    (" Jonas Weber ", "Jonas Weber"),
])
def test_repair_is_idempotent_and_keeps_what_is_not_mojibake(raw, expected):
    assert repair(raw) == expected
    assert repair(repair(raw)) == expected
