"""A system file given alone is no export: one line that says so, never a traceback.

``unsocial ingest desktop.ini`` (a file Windows leaves in every folder it shows with an icon) ended in an
IndexError from the vCard detection: the file is noise (``archive._is_noise``), so the export had no member.
"""

import pytest

NOISE = {
    "desktop.ini": b"[.ShellClassInfo]\r\nIconResource=C:\\Windows\\System32\\imageres.dll,-3\r\n",
    "Thumbs.db": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    ".DS_Store": b"\x00\x00\x00\x01Bud1" + bytes(64),
    "Connections.csv:Zone.Identifier": b"[ZoneTransfer]\r\nZoneId=3\r\n",
}


@pytest.mark.parametrize("name", NOISE)
def test_a_system_file_alone_is_refused_in_one_line(unsocial, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(NOISE[name])
    result = unsocial("ingest", path, "--db", tmp_path / "u.duckdb")
    assert result.code == 1
    assert "Traceback" not in result.err and "Error:" not in result.err
    assert result.err.strip().splitlines() == [f"error: {path}: not a recognised export; expected one of: linkedin, "
                                               "facebook, twitter, xing, addressbook, calendar, journal, calls"]
