"""Mail providers' address books and calendars that were lost, sweep 17: Open-Xchange App Suite 8's CSV with its
"sanitize" option, WEB.DE's and GMX's Outlook 2003 CSV, a calendar's subscription saved as its address (docs/formats.md,
address book and calendar)."""

from __future__ import annotations

from conftest import assert_nothing_lost, fixture
from ingest.models import MemberNote
from ingest.sources import calendar, detect_source
from ingest.sources.archive import Export
from test_addressbook import evidence, ingest_books, parsed, people
from test_addressbook_sweep15 import quarantined
from test_calendar import meetings, parse
from test_corpus_crashes16 import refusal


def notes(records) -> list[str]:
    return [r.note for r in records if isinstance(r, MemberNote)]


def test_an_app_suite_8_csv_with_sanitized_cells_is_read():
    # App Suite 8's titles ("Telephone pager", "Telephone telex", "Mark as distribution list") and its "sanitize"
    # option: a phone opening with "+" is written "'+49 …". The apostrophe was kept in every number, the pager and
    # the telex were read as phones, and the distribution list was taken for a contact
    records = parsed("ox-appsuite-8-csv-sanitized")
    assert people(records) == [
        (2, "henrike.lindqvist@example.org", "Henrike Lindqvist", "henrike.lindqvist@example.org",
         "+49 40 5550143", "Werft am Deich", "Schiffbauerin"),
        (3, "jonas.feld@example.net", "Jonas Feld", "jonas.feld@example.net", "030 5550188", None, None),
        (4, "info@seite.example", "Buchhandlung Seite", "info@seite.example", "+49 89 5550111",
         "Buchhandlung Seite", None),
    ]
    # the business numbers come first in OX's order; no pager, telex, TTY or fax among the phones
    assert evidence(records, "henrike.lindqvist@example.org") == (
        ["henrike.lindqvist@example.org", "h.lindqvist@example.net"], ["+49 40 5550143", "+49 171 5550142"])
    assert evidence(records, "jonas.feld@example.net") == (["jonas.feld@example.net"], ["030 5550188"])
    assert notes(records) == ["Open-Xchange CSV; groups, not people (left out): 1"]
    assert quarantined(records) == [
        ("Contacts.csv", 6, "given name, sur name, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


def test_the_app_suite_8_csv_reconciles_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", "ox-appsuite-8-csv-sanitized")
    assert counts == [("ox-appsuite-8-csv-sanitized", "addressbook", 4, 3, 1)]
    assert [n for n in ("Lindqvist", "Feld", "example.org") if n in result.out + result.err] == []


def test_a_subscription_address_is_said_to_be_one_not_an_unknown_file():
    # calcardbackup's "<user>-<name>.webcal" and a "webcal://" address saved as .ics hold a calendar's address alone:
    # nobody is in them, and the calendar is to be downloaded. Both were "unknown" files ("named as a calendar")
    export = Export(fixture("calendar", "nextcloud-subscriptions-2026"))
    assert detect_source(export) is calendar
    records = parse(export)
    assert [(line, ref) for line, ref, *_ in meetings(records)] == [(5, "anton.reiher@example.net")]
    assert {n.member.rsplit("/", 1)[-1]: (n.handling, n.note) for n in records if isinstance(n, MemberNote)
            and n.handling != "parsed"} == {
        "greta-Feiertage.webcal": ("ignored", "a subscription address, not a calendar: download the calendar itself"),
        "Schulferien.ics": ("ignored", "a subscription address, not a calendar: download the calendar itself")}
    assert_nothing_lost(records)


def test_a_web_de_or_gmx_address_book_in_outlook_2003_form_is_read():
    # WEB.DE's and GMX's address book (one United Internet backend, adressbuch.web.de/exportcontacts,
    # raw_format=csv_Outlook2003, language=de): 40 of German Outlook's column names in an order of its own, the
    # family name first, "Geschlecht" and "Webseite" that Outlook does not write, Windows-1252
    records = parsed("webde-outlook2003-de")
    assert people(records) == [
        (2, "kaethe.juergens@example.de", "Käthe Jürgens", "kaethe.juergens@example.de", "0171 5550261",
         "Baumschule Öhlmann", "Gärtnermeisterin"),
        (3, "emeka.okonkwo@example.com", "Emeka Okonkwo", "emeka.okonkwo@example.com", "+49 30 5550277", None, None),
        (4, "Fahrschule Grün", "Fahrschule Grün", None, "089 5550290", "Fahrschule Grün", None),
    ]
    # the private fax is no phone
    assert evidence(records, "kaethe.juergens@example.de") == (
        ["kaethe.juergens@example.de", "k.juergens@example.net"], ["0171 5550261"])
    assert notes(records) == ["Outlook CSV (German)"]
    assert quarantined(records) == [("Adressbuch.csv", 5, "vorname, nachname, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


def test_a_subscription_file_given_alone_says_to_download_the_calendar(unsocial, tmp_path):
    # a .webcal (calcardbackup) or a webcal:// address saved as .ics, given alone: no calendar in it to read
    (tmp_path / "greta-Feiertage.webcal").write_text("webcal://calendar.example.org/feiertage.ics\n")
    (tmp_path / "Schulferien.ics").write_text("webcal://calendar.example.org/schulferien.ics\n")
    for name in ("greta-Feiertage.webcal", "Schulferien.ics"):
        assert refusal(unsocial, tmp_path / name).endswith(
            "not a recognised export: a subscription address, not a calendar; download the calendar from that "
            "address (or export it as .ics from your calendar app) and ingest that file")
