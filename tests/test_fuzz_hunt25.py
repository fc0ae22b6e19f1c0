"""Inputs two fuzz runs of round 25 found to stop a whole run with a traceback or to hang (11,040 mutated copies of
the fixtures of Facebook, Twitter/X, LinkedIn and XING; 15,975 of address books, journals and call logs): each is now
read, or refused with a one-line error, in bounded time.

Each input is the fixture damaged as the fuzzer damaged it, read as `unsocial` reads it."""

from __future__ import annotations

import shutil

from conftest import assert_nothing_lost, fixture, parse, zip_folder
from test_hostile import bounded
from ingest.errors import UnsafeArchiveError
from ingest.models import Account, Interaction, Quarantined
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


# --- a second fuzz run: 15,975 mutated copies of address books, journals and call logs -----------------------------

def test_a_quote_left_open_over_lines_that_fit_no_row_is_one_refused_record(tmp_path):
    """The swallowed lines made one field holding a line break, which the CSV reader refused when the field was tried
    as a row written whole: "new-line character seen in unquoted field" stopped the run."""
    journal = tmp_path / "journal.csv"
    journal.write_text('date,name,note\n2025-06-14,Jonas Weber,lunch\n"call about\nthe flat\n', encoding="utf-8")
    records = parse(Export(journal))
    assert [r.account_ref for r in records if isinstance(r, Account)] == ["jonas weber"]
    assert_nothing_lost(records)


def test_a_call_moved_before_the_calls_element_is_read(tmp_path):
    """SMS Backup & Restore's file with its first call moved above ``<calls>``: the call became the document and had
    no parent to be dropped from (TypeError)."""
    log = tmp_path / "calls-20160609215432.xml"
    log.write_text('<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n'
                   '<?xml-stylesheet type="text/xsl" href="calls.xsl"?>\n'
                   '<call number="2125550142" duration="1320" date="1464801261000" type="2" presentation="1" '
                   'contact_name="Dana Whitfield" />\n<calls count="1">\n'
                   '<call number="2125550143" duration="10" date="1464801262000" type="1" presentation="1" '
                   'contact_name="Dana Whitfield" />\n</calls>\n', encoding="utf-8")
    assert_nothing_lost(parse(Export(log)))


def test_half_an_emoji_in_a_call_log_is_a_replacement_character(tmp_path):
    """Kotlin's JSON writer escapes UTF-16 units one by one: a name cut inside an emoji is half a surrogate pair,
    which no model may hold (a ValidationError stopped the run), nor a refused call's excerpt."""
    log = tmp_path / "calls-2025-02-03.json"
    log.write_text('[{"_id": "1", "number": "+4915100000001", "date": "1738310400000", "duration": "125", '
                   '"type": "2", "display_name": "Greta \\ud83d"}, '
                   '{"_id": "2", "number": "+4915100000002", "date": "\\ud800", "duration": "0", "type": "3"}]',
                   encoding="utf-8")
    records = parse(Export(log))
    assert [r.display_name for r in records if isinstance(r, Account)] == ["Greta \ufffd"]
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (2, "date: missing or not a time in milliseconds")]
    assert_nothing_lost(records)


def test_a_damaged_byte_in_a_call_databases_table_names_is_a_refused_file(tmp_path):
    """SQLite's error message then holds the byte: Python raised UnicodeDecodeError while making it, no
    sqlite3.Error, and the run stopped."""
    folder = tmp_path / "ios-6"
    shutil.copytree(fixture("calls", "ios-6-call-history-db"), folder)
    database = folder / "call_history.db"
    data = bytearray(database.read_bytes())
    data[4025] = 0xC6
    database.write_bytes(bytes(data))
    records = parse(Export(folder))
    (refused,) = [q for q in records if isinstance(q, Quarantined)]
    assert refused.reason.startswith("file: not an SQLite database that can be read")
    assert_nothing_lost(records)


def test_runs_of_40000_spaces_or_letters_are_read_in_bounded_time(tmp_path):
    """Two patterns took time growing with the square of a run: spaces beside an e-mail's "@" (15 s), ASCII letters
    in a file that is not UTF-8 (still running after 30 s)."""
    journal = tmp_path / "journal.csv"
    journal.write_text(f"date,name,email\n2025-06-14,Jonas Weber,jonas{' ' * 40_000}x@example.org\n",
                       encoding="utf-8")
    assert_nothing_lost(bounded(parse, Export(journal), seconds=5))
    contacts = tmp_path / "contacts"
    shutil.copytree(fixture("addressbook", "outlook-csv-en-cp1250"), contacts)
    for csv_file in contacts.glob("*.csv"):
        lines = csv_file.read_bytes().split(b"\n")
        lines.insert(3, b"A" * 40_000)
        csv_file.write_bytes(b"\n".join(lines))
    assert_nothing_lost(bounded(parse, Export(contacts), seconds=5))


# --- a third: zips, inboxes and calendars ------------------------------------------------------------------------

def test_a_zip_entry_without_a_name_is_refused_as_tampered(tmp_path):
    """An empty name (or one opening with NUL, which zipfile cuts there) broke zipfile's ``is_dir`` (IndexError)."""
    import zipfile

    archive = tmp_path / "twitter.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("data/tweets.js", "window.YTD.tweets.part0 = []")
        zipped.writestr(zipfile.ZipInfo("\x00"), "x")
    try:
        Export(archive).members()
    except UnsafeArchiveError as exc:
        assert exc.problem == "an entry of the zip has no name (tampered, or damaged)"
    else:
        raise AssertionError("not refused")


def test_an_inbox_file_of_the_longest_name_and_an_unreadable_folder_are_one_line_each(tmp_path, monkeypatch):
    """A name of 251-255 bytes: looking for a browser's "<name>.part" beside it raised "File name too long"; a folder
    the user may not read, PermissionError; each stopped `unsocial run`."""
    from pathlib import Path

    from ingest.pipeline import discover_exports

    inbox = tmp_path / "jonas"
    (inbox / "locked").mkdir(parents=True)
    (inbox / ("L" * 250 + ".zip")).write_bytes(b"PK\x05\x06" + bytes(18))
    iterdir = Path.iterdir

    def refusing(self):
        if self.name == "locked":
            raise PermissionError(13, "Permission denied")
        return iterdir(self)

    monkeypatch.setattr(Path, "iterdir", refusing)
    discovery = discover_exports(inbox)
    assert [str(e) for e in discovery.failed if "locked" in str(e)] == [
        "locked: the folder cannot be read (Permission denied); give your user permission to read it, or move the "
        "exports out of it"]
    assert discovery.unrecognised == ["L" * 250 + ".zip"]  # a zip of nothing: no export, said so


def test_a_rule_of_interval_0_is_refused_not_walked_for_ever(tmp_path):
    """recurring_ical_events waited for the second start of INTERVAL=0 for ever, in an event or in a time zone."""
    calendar = tmp_path / "calendar.ics"
    calendar.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\nBEGIN:VEVENT\r\nUID:e1\r\n"
                        "DTSTART:20240315T180000Z\r\nRRULE:FREQ=DAILY;INTERVAL=0\r\nSUMMARY:x\r\n"
                        "ORGANIZER:mailto:marta@mail.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:ivo@mail.example\r\n"
                        "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    records = bounded(parse, Export(calendar), seconds=10)
    assert [q.reason for q in records if isinstance(q, Quarantined)] == [
        "RRULE: INTERVAL=0, a series that never moves on (RFC 5545 wants 1 or more)"]
    assert_nothing_lost(records)
    zone = calendar.read_text(encoding="utf-8").replace(
        "RRULE:FREQ=DAILY;INTERVAL=0", "").replace(
        "BEGIN:VEVENT", "BEGIN:VTIMEZONE\r\nTZID:Europe/Nowhere\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
                        "RRULE:FREQ=YEARLY;INTERVAL=0;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\n"
                        "TZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT").replace(
        "DTSTART:20240315T180000Z", "DTSTART;TZID=Europe/Nowhere:20240315T180000")
    calendar.write_text(zone, encoding="utf-8")
    assert_nothing_lost(bounded(parse, Export(calendar), seconds=10))


# --- patterns whose time grew with the square or cube of a run (a review of all 443 patterns of the code) ---------

def test_the_patterns_that_read_names_dates_and_lists_take_time_linear_in_a_run():
    """Each took seconds on a run of 5,000 spaces, digits or letters before these fixes (the cubic ones: 7 s at
    2,000, minutes at 5,000); the whole batch now takes a few hundredths. Timed directly: the regular-expression
    engine holds the interpreter, so no watchdog thread could stop it."""
    import time

    from ingest.normalise import name_asides
    from ingest.sources.calendar import dialects
    from ingest.sources.contacts_csv import _named_number
    from ingest.sources.facebook.address_book import _is_phone as is_phone
    from ingest.sources.facebook.html_profile import _GENERATED_BY
    from ingest.sources.facebook.html_threads import _AND
    from ingest.sources.twitter.jsfiles import without_trailing_commas
    from ingest.sources.zones import split_zone
    from ingest.store.suppression import text_values

    run = " " * 5_000

    def everything():
        dialects._NAMED_ADDRESS.fullmatch(run + "x")
        dialects._NAME_AND_ADDRESS.fullmatch(run + "x")
        dialects._NAME_SEPARATORS.split(run + "x")
        [pattern.match("Generated by " + run + "x") for pattern in _GENERATED_BY]
        _AND.split(run + "x")
        split_zone(run + "x")
        _named_number("1" * 5_000 + "x")
        name_asides("{" * 5_000)
        text_values("a" * 5_000)
        without_trailing_commas(b'\\"' * 2_500)
        is_phone("0" * 5_000 + "+")

    started = time.perf_counter()
    everything()
    assert time.perf_counter() - started < 1.0


def test_the_patterns_read_what_they_read_before():
    from ingest.sources.calendar import dialects
    from ingest.sources.contacts_csv import _named_number
    from ingest.sources.facebook.html_profile import _GENERATED_BY

    assert dialects._NAMED_ADDRESS.fullmatch(' "Jonas Weber" <jonas@weber.example> ').group("name", "address") == (
        "Jonas Weber", "jonas@weber.example")
    assert dialects._NAME_AND_ADDRESS.fullmatch("Weber, Jonas (jonas@weber.example)").group("name") == "Weber, Jonas"
    assert [p.strip() for p in dialects._NAME_SEPARATORS.split("Jana , Ole und Kim")] == ["Jana", "Ole", "Kim"]
    assert _GENERATED_BY[0].match("Generated by  Jonas Weber on Monday").group("name") == "Jonas Weber"
    assert _GENERATED_BY[3].match("由王小明於2021年").group("name") == "王小明"
    assert (_named_number("+49 (170) 123-4567"), _named_number("Rami 111"), _named_number("12345")) == (
        True, False, False)


def test_a_zip_the_user_may_not_read_says_so_not_download_again(tmp_path, monkeypatch):
    """A zip copied with another account's permissions was "not a readable zip (truncated or damaged?); download the
    export again"."""
    import os

    from ingest.pipeline import discover_exports

    inbox = tmp_path / "jonas"
    inbox.mkdir()
    shutil.copy(zip_folder(fixture("linkedin", "2020"), tmp_path / "linkedin.zip"), inbox / "linkedin.zip")
    access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if str(path).endswith("linkedin.zip") else
                        access(path, mode))
    monkeypatch.setattr("ingest.sources.archive.Export.kind", property(lambda self: "file"))
    (error,) = discover_exports(inbox).failed
    assert str(error).endswith("linkedin.zip: the file cannot be read (permission denied); give your user permission "
                               "to read it")
