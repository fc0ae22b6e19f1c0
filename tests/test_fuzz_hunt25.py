"""Inputs a fuzz run of round 25 found to stop a whole run with a traceback (11,040 mutated copies of the fixtures of
Facebook, Twitter/X, LinkedIn and XING): each is now read, or refused with a one-line error.

Each input is the fixture damaged as the fuzzer damaged it, read as `unsocial` reads it."""

from __future__ import annotations

import shutil

from conftest import assert_nothing_lost, fixture, parse
from ingest.models import Account, Interaction
from ingest.sources import detect_source
from ingest.sources.archive import Export

LONG_ID = "1" * 4_301  # past what ``int`` reads (4,300 digits); a 64-bit id has 20 at most


def damaged(tmp_path, platform: str, vintage: str, member: str, old: str, new: str):
    """The fixture with the first ``old`` of ``member`` made ``new``."""
    export = tmp_path / vintage
    shutil.copytree(fixture(platform, vintage), export)
    path = export / member
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return export


def test_a_xing_data_copy_saved_with_mac_line_ends_is_read_as_it_was(tmp_path):
    """Excel for Mac's "CSV (Macintosh)" ends lines with CR alone: the CSV reader raised "new-line character seen in
    unquoted field" while telling the export, and the run stopped."""
    export = tmp_path / "datenauskunft"
    shutil.copytree(fixture("xing", "gdpr-notes-2026"), export)
    for csv_file in export.rglob("*.csv"):
        csv_file.write_bytes(csv_file.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    records = parse(Export(export))
    original = parse(Export(fixture("xing", "gdpr-notes-2026")))
    assert sorted((type(r).__name__, r.account_ref) for r in records if isinstance(r, (Account, Interaction))) == \
        sorted((type(r).__name__, r.account_ref) for r in original if isinstance(r, (Account, Interaction)))
    assert_nothing_lost(records)


def test_a_workbook_that_lost_a_byte_is_a_one_line_error(unsocial, tmp_path):
    """zipfile's "negative seek value" (a ValueError) escaped the workbook's checks."""
    folder = tmp_path / "linkedin"
    shutil.copytree(fixture("linkedin", "2024-connections-xlsx"), folder)
    book = folder / "Connections.xlsx"
    data = book.read_bytes()
    book.write_bytes(data[:100] + data[101:])
    assert detect_source(Export(folder)) is None
    result = unsocial("ingest", folder, "--db", tmp_path / "u.duckdb")
    assert result.code == 1 and result.err.count("\n") == 1 and "Traceback" not in result.err


def test_message_ids_too_long_for_int_are_no_ids(tmp_path):
    """Message ids of 4,301 digits (a damaged file): ``int`` refused them in four readers of direct messages."""
    cases = [("2018-dm-epoch-ms", "direct-message.js", '"id" : "1013722000000000003"'),
             ("2024-dm-groups-alone", "data/direct-messages-group.js", '"id" : "1751000000000000104"')]
    for vintage, member, old in cases:
        export = damaged(tmp_path, "twitter", vintage, member, old, f'"id" : "{LONG_ID}"')
        records = parse(Export(export))
        assert any(isinstance(r, Interaction) for r in records), vintage
        assert_nothing_lost(records)


def test_a_file_count_int_cannot_read_is_no_count(tmp_path):
    """A manifest's "count" of "²" (``isdigit`` takes it, ``int`` does not) or 5,000 digits."""
    for count in ("²", "9" * 5_000):
        export = damaged(tmp_path / count[:1], "twitter", "2022-deleted-tweet", "data/manifest.js",
                         '"count" : "1"', f'"count" : "{count}"')
        assert_nothing_lost(parse(Export(export)))


def test_an_event_nested_past_what_orjson_writes_is_read(tmp_path):
    """A reaction whose time is wrapped in 500 levels of lists: orjson's "Recursion limit reached" (a TypeError)."""
    nested = "[" * 500 + '"2020-02-02T10:06:00.000Z"' + "]" * 500
    export = damaged(tmp_path, "twitter", "2020-dm-reactioncreate", "data/direct-messages.js",
                     '"createdAt" : "2020-02-02T10:06:00.000Z"', f'"createdAt" : {nested}')
    assert_nothing_lost(parse(Export(export)))
