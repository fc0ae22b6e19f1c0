"""Calendar shapes found in public material after the main vintages: vCalendar 1.0 (``.vcs``) as Symbian's
agenda writes it and with plain addresses, Lotus Notes' .ics with hierarchical names, Exchange's ``tzone://``
zones and ``Name (address)`` names, a fold inside a UTF-8 character, guests without ``mailto:`` and Google's
old birthdays. Folder, zip and the file alone, as a user hands them in."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.columns import Columns
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source
from ingest.sources.archive import Export

SYMBIAN = "symbian-vcal-1.0"
PLAIN = "vcal-1.0-plain"
NOTES = "lotus-notes-8.5"
TZONE = "exchange-2010-tzone"


def parse(export: Export) -> list:
    """Every record the source detected for the export yields, column batches expanded."""
    return [record for item in detect_source(export).parse(export)
            for record in (item.records() if isinstance(item, Columns) else [item])]


def forms(vintage: str, name: str, tmp_path: Path) -> list[Export]:
    """The fixture as a folder, as a zip, and its calendar file handed in alone."""
    folder = fixture("calendar", vintage)
    return [Export(folder), Export(zip_folder(folder, tmp_path / f"{vintage}.zip")), Export(folder / name)]


def accounts(records) -> list[tuple]:
    return [(a.account_ref, a.display_name, a.first_name, a.last_name, a.is_owner)
            for a in records if isinstance(a, Account)]


def meetings(records) -> list[tuple]:
    return [(i.line, i.account_ref, i.occurred_at, i.mode, i.is_group) for i in records if isinstance(i, Interaction)]


def notes(records) -> dict[str, tuple]:
    return {n.member: (n.handling, n.records_read, n.note) for n in records if isinstance(n, MemberNote)}


# --- vCalendar 1.0: Symbian's agenda, addresses quoted-printable after a soft line break ----------------------------

def test_symbian_vcalendar_guests_are_met_with_their_names_and_addresses(tmp_path):
    for export in forms(SYMBIAN, "Kalender.vcs", tmp_path):
        records = parse(export)
        assert detect_source(export).NAME == "calendar"
        # X-CN is the name; "henrike.voss=40example.de" on the line after "…;ENCODING=QUOTED-PRINTABLE:="
        assert accounts(records) == [
            ("henrike.voss@example.de", "Henrike Voss", None, None, True),  # in 4 of 5 events: the owner
            ("matteo.bianchi@example.it", "Matteo Bianchi", None, None, False),
            ("ruth.okonkwo@example.co.uk", "Ruth Okonkwo", None, None, False),
            # the workshop after the export's time: a person the owner knows, no meeting (yet)
            ("lea.fischer@example.de", "Lea Fischer", None, None, False)]
        assert meetings(records) == [
            # the owner organised it (ROLE=ORGANIZER, STATUS=NEEDS ACTION as Symbian leaves it); Ruth answered
            # TENTATIVE, Pavel Dvorak DECLINED and is left out
            (6, "matteo.bianchi@example.it", datetime(2025, 9, 15, 7), "in_person", True),
            (6, "ruth.okonkwo@example.co.uk", datetime(2025, 9, 15, 7), "in_person", True),
            # Matteo's invitation, accepted; the summary quoted-printable: "Frühstück mit Matteo"
            (33, "matteo.bianchi@example.it", datetime(2025, 11, 4, 7, 30), "meal", False)]
        # the owner declined Jakob Lindner's meeting (STATUS=DECLINED); the birthday holds nobody; the workshop
        # with Lea Fischer lies after the export's time (its latest LAST-MODIFIED: vCalendar has no DTSTAMP)
        assert notes(records) == {"Kalender.vcs": (
            "parsed", 3, "owner: the address in most events (4 of 5); expanded up to 2026-03-02 17:15 UTC (the latest "
                         "LAST-MODIFIED); not interactions: declined by the owner 1, nobody but the owner 1; not "
                         "counterparts: declined by a guest 1; events without an instance up to then: 1; people "
                         "known only from meetings after the export's time (not happened yet as far as it tells): "
                         "kept as accounts, no meeting: 1")}
        assert_nothing_lost(records)


# --- vCalendar 1.0 with plain addresses: "Name <address>" and a bare address, the organizer as ROLE=OWNER -----------

def test_vcalendar_plain_addresses_are_guests_and_status_decides_as_partstat(tmp_path):
    for export in forms(PLAIN, "Kalender.vcs", tmp_path):
        records = parse(export)
        assert accounts(records) == [
            ("henrike.voss@example.de", "Henrike Voss", None, None, True),
            ("ruth.okonkwo@example.co.uk", "Ruth Okonkwo", None, None, False),
            ("lea.fischer@example.de", None, "Lea", "Fischer", False)]  # no name given: read from the address
        assert meetings(records) == [
            (3, "ruth.okonkwo@example.co.uk", datetime(2025, 10, 7, 8), "in_person", True),
            (3, "lea.fischer@example.de", datetime(2025, 10, 7, 8), "in_person", True)]
        # Jakob Lindner's lunch: the owner's STATUS=SENT is an invitation never answered; Pavel Dvorak DECLINED
        handling, read, note = notes(records)["Kalender.vcs"]
        assert (handling, read) == ("parsed", 1)
        assert "not interactions: not answered by the owner 1, nobody but the owner 1" in note
        assert "not counterparts: declined by a guest 1" in note
        assert_nothing_lost(records)


# --- Lotus Notes 8.5: hierarchical names, CN="Name/Org" ---------------------------------------------------------------

def test_lotus_notes_guests_are_named_without_their_hierarchy(tmp_path):
    for export in forms(NOTES, "calendar.ics", tmp_path):
        records = parse(export)
        assert accounts(records) == [
            ("carmen.ortiz@acme.example", "Carmen Ortiz", None, None, True),  # "Carmen Ortiz/Acme"
            ("dachterberg@acme.example", "Desmond Achterberg", None, None, False),  # ".../Sales/Acme", mailto:DAch…
            ("hkovacs@partner.example", None, None, None, False),
            ("lena.meyer-schmidt@acme.example", "Lena Meyer-Schmidt", None, None, False),
            ("tomas.herrera@partner.example", "Tomás Herrera", None, None, False)]  # no hierarchy: as written
        assert meetings(records) == [
            (21, "dachterberg@acme.example", datetime(2025, 10, 14, 13), "in_person", True),  # 09:00 "Eastern"
            (21, "hkovacs@partner.example", datetime(2025, 10, 14, 13), "in_person", True),
            (44, "lena.meyer-schmidt@acme.example", datetime(2026, 1, 13, 19), "meal", True),
            (44, "tomas.herrera@partner.example", datetime(2026, 1, 13, 19), "meal", True)]
        assert_nothing_lost(records)
    # Only Notes' own calendars: written by another program, a "/" is part of the name
    other = tmp_path / "other.ics"
    other.write_bytes(fixture("calendar", NOTES, "calendar.ics").read_bytes().replace(
        b"Lotus Development Corporation//NONSGML Notes 8.5.2", b"Mozilla.org/NONSGML Mozilla Calendar V1.1"))
    names = [name for _, name, *_ in accounts(parse(Export(other)))]
    assert names[:2] == ["Carmen Ortiz/Acme", "Desmond Achterberg/Sales/Acme"]


# --- Exchange / Office 365: zones named tzone://Microsoft/…, the TZID parameter unquoted ----------------------------

def test_exchange_tzone_zones_place_each_meeting_at_its_time(tmp_path):
    for export in forms(TZONE, "calendar.ics", tmp_path):
        records = parse(export)
        assert accounts(records) == [
            ("marta.lindqvist@example.se", "Marta Lindqvist", None, None, True),
            ("jana.kowal@example.org", "Jana Kowal", None, None, False),
            ("lucas.moreau@example.fr", "Lucas Moreau", None, None, False),
            ("priya.nair@example.org", "Priya Nair", None, None, False)]
        assert meetings(records) == [
            (34, "jana.kowal@example.org", datetime(2025, 1, 6, 10), "in_person", False),  # tzone://Microsoft/Utc
            (43, "lucas.moreau@example.fr", datetime(2025, 3, 4, 13), "in_person", False),  # Olson/Europe/Paris 14:00
            (52, "priya.nair@example.org", datetime(2025, 4, 8, 7), "in_person", False)]  # Custom, its VTIMEZONE: +02
        assert not [r for r in records if isinstance(r, Quarantined)]
        assert_nothing_lost(records)


def test_a_custom_zone_is_the_one_its_own_file_defines(tmp_path):
    """Exchange calls every zone of its own ``tzone://Microsoft/Custom``: each file's VTIMEZONE says which,
    and a file without one has its event quarantined, whatever another file defined."""
    folder = tmp_path / "export"
    shutil.copytree(fixture("calendar", TZONE), folder)
    text = (folder / "calendar.ics").read_bytes()
    (folder / "Kalender.ics").write_bytes(text.replace(b"TZOFFSETTO:+0200", b"TZOFFSETTO:+0530")
                                          .replace(b"TZOFFSETTO:+0100", b"TZOFFSETTO:+0530"))
    custom = text.index(b"BEGIN:VTIMEZONE\r\nTZID:tzone://Microsoft/Custom")
    end = text.index(b"END:VTIMEZONE\r\n", custom) + len(b"END:VTIMEZONE\r\n")
    (folder / "Privat.ics").write_bytes(text[:custom] + text[end:])
    records = parse(Export(folder))
    starts = {(i.member, i.account_ref): i.occurred_at for i in records if isinstance(i, Interaction)}
    assert starts["calendar.ics", "priya.nair@example.org"] == datetime(2025, 4, 8, 7)
    assert starts["Kalender.ics", "priya.nair@example.org"] == datetime(2025, 4, 8, 3, 30)
    assert ("Privat.ics", "priya.nair@example.org") not in starts
    assert [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        ("Privat.ics", 37, "DTSTART: unknown time zone")]
    assert_nothing_lost(records)


# --- ical.net: folded at 75 octets, inside a UTF-8 character ---------------------------------------------------------

def test_a_fold_inside_a_character_keeps_every_name_in_the_file_right(tmp_path):
    for export in forms("icalnet-4.0", "cal.ics", tmp_path):
        records = parse(export)
        # "Jürgen Müller": the fold falls between the two bytes of "ü"; Zoë Baş' line is not folded at all
        assert accounts(records) == [
            ("owner@example.com", "Owner Person", None, None, True),
            ("juergen@example.org", "Jürgen Müller", None, None, False),
            ("zoe@example.org", "Zoë Baş", None, None, False)]
        assert meetings(records) == [
            (4, "juergen@example.org", datetime(2025, 1, 6, 10), "in_person", False),
            (14, "zoe@example.org", datetime(2025, 1, 7, 10), "in_person", False)]
        assert_nothing_lost(records)


# --- Outlook / Exchange: CN="Name (address)" --------------------------------------------------------------------------

def test_a_name_written_with_its_address_is_the_name(tmp_path):
    for export in forms("exchange-2010-cn-address", "Calendar.ics", tmp_path):
        records = parse(export)
        assert accounts(records) == [
            ("marta.lindqvist@example.se", "Lindqvist, Marta", None, None, True),
            ("jberg@example.org", "Jonas Berg", None, None, False),  # CN=Jonas Berg (jberg@example.org)
            ("jana.kowal@example.org", "Kowal, Jana", None, None, False)]
        assert [m[:3] for m in meetings(records)] == [(6, "jberg@example.org", datetime(2025, 1, 6, 10)),
                                                      (6, "jana.kowal@example.org", datetime(2025, 1, 6, 10))]
        assert_nothing_lost(records)


# --- ownCloud: iCalendar 2.0 guests hand-typed, a bare address without mailto: ---------------------------------------

def test_a_guest_written_as_a_bare_address_is_met_with_that_address(tmp_path):
    for export in forms("owncloud-2014", "cal.ics", tmp_path):
        records = parse(export)
        assert accounts(records) == [
            ("owner@example.com", "Owner Person", None, None, True),
            ("jana.kowal@example.org", "Jana Kowal", None, None, False),  # CN=Jana Kowal;…:jana.kowal@example.org
            ("tomas.ruiz@example.es", None, "Tomas", "Ruiz", False)]  # no CN: the name read from the address
        assert meetings(records) == [
            (4, "jana.kowal@example.org", datetime(2025, 3, 1, 10), "in_person", False),
            (14, "tomas.ruiz@example.es", datetime(2025, 3, 8, 10), "meal", False)]
        assert_nothing_lost(records)


# --- Google's birthdays of 2014: earlier years as RDATE:20131210Z ------------------------------------------------------

def test_google_birthdays_with_dates_ending_in_z_are_read_with_nobody_in_them(tmp_path):
    for export in forms("google-birthdays-2014", "Birthdays.ics", tmp_path):
        records = parse(export)
        assert not [r for r in records if isinstance(r, (Quarantined, Account, Interaction))]
        # the birthdays of 2012 and 2013 (the RDATEs) lie before the export's time; "Contacts" is nobody
        handling, read, note = notes(records)["Birthdays.ics"]
        assert (handling, read) == ("no_people", 0)
        assert "not interactions: nobody but the owner 2" in note
        assert_nothing_lost(records)


# --- through the command line -------------------------------------------------------------------------------------

@pytest.mark.parametrize("vintage, counts, names", [
    (SYMBIAN, (3, 3, 0), ["Lea Fischer", "Matteo Bianchi", "Ruth Okonkwo"]),
    (PLAIN, (1, 1, 0), [None, "Ruth Okonkwo"]),
    (NOTES, (2, 2, 0), [None, "Desmond Achterberg", "Lena Meyer-Schmidt", "Tomás Herrera"])])
def test_ingest_loads_the_guests_and_says_no_file_is_empty(unsocial, tmp_path, vintage, counts, names):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", fixture("calendar", vintage), "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    assert "no people" not in result.out and "unknown file" not in result.out
    with duckdb.connect(str(db), read_only=True) as con:
        exports = con.execute("select source, records_read, records_loaded, records_quarantined "
                              "from ingested_exports").fetchall()
        guests = con.execute("select display_name from raw_accounts where not is_owner "
                             "order by display_name nulls first").fetchall()
    assert exports == [("calendar", *counts)]
    assert [name for (name,) in guests] == names


# --- Exchange 2010: a VTIMEZONE without a name, DTSTART;TZID=: --------------------------------------------------------

def test_a_zone_without_a_name_is_the_one_the_file_defines(tmp_path):
    """``TZID:`` empty in the VTIMEZONE and ``DTSTART;TZID=:…`` (ical4j's ``valid/blankTzid.ics``): icalendar
    refused the whole file ("mandatory TZID not found"), and every meeting in it was one quarantined record."""
    for export in forms("exchange-2010-blank-tzid", "Calendar.ics", tmp_path):
        records = parse(export)
        assert accounts(records) == [
            ("thandiwe.mokoena@example.co.za", "Thandiwe Mokoena", None, None, True),
            ("pieter.vanwyk@example.co.za", "Pieter van Wyk", None, None, False),
            ("naledi@example.org", "Naledi Dlamini", None, None, False),
            ("sipho.ndlovu@example.co.za", "Sipho Ndlovu", None, None, False)]
        # the unnamed zone's offsets are +0000: 09:00 is 09:00 UTC; Pieter declined the lunch
        assert meetings(records) == [
            (19, "pieter.vanwyk@example.co.za", datetime(2015, 8, 26, 9), "in_person", True),
            (19, "naledi@example.org", datetime(2015, 8, 26, 9), "in_person", True),
            (40, "sipho.ndlovu@example.co.za", datetime(2015, 9, 3, 12), "meal", False)]
        assert not [r for r in records if isinstance(r, Quarantined)]
        assert_nothing_lost(records)


def test_an_empty_zone_name_without_its_definition_is_an_unknown_zone(tmp_path):
    text = fixture("calendar", "exchange-2010-blank-tzid", "Calendar.ics").read_bytes()
    start, end = text.index(b"BEGIN:VTIMEZONE"), text.index(b"END:VTIMEZONE\r\n") + len(b"END:VTIMEZONE\r\n")
    (tmp_path / "Calendar.ics").write_bytes(text[:start] + text[end:])
    records = parse(Export(tmp_path / "Calendar.ics"))
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (6, "DTSTART: unknown time zone"), (27, "DTSTART: unknown time zone")]
    assert_nothing_lost(records)


# --- Apple Calendar on a Radicale server: people as principal paths, /radicale/<address>/ -----------------------------

def test_a_principal_path_with_an_address_is_that_person(tmp_path):
    """``ORGANIZER:/radicale/greta.hansen%40example.de/`` (TimDaub/simple-caldav issue #20). Read as nobody, the
    owner was missing from her own events: Mira, who declined, was taken for the owner, the choir rehearsal
    with Oskar was lost, and Greta herself became someone met."""
    for export in forms("apple-radicale-2021", "Home.ics", tmp_path):
        records = parse(export)
        assert accounts(records) == [
            ("greta.hansen@example.de", "Greta Hansen", None, None, True),
            ("oskar.lind@example.se", None, "Oskar", "Lind", False),
            ("jonas.becker@example.de", "Jonas Becker", None, None, False)]
        assert meetings(records) == [
            (23, "oskar.lind@example.se", datetime(2021, 3, 23, 17, 15), "in_person", False),
            (42, "jonas.becker@example.de", datetime(2021, 3, 26, 9), "meal", False)]
        handling, read, note = notes(records)["Home.ics"]
        assert (handling, read) == ("parsed", 2)
        assert "not counterparts: declined by a guest 1" in note
        assert_nothing_lost(records)


# --- Outlook's one-off names in single quotes: CN='Jana Kowal' --------------------------------------------------------

def test_a_name_in_single_quotes_is_the_name_inside_them(tmp_path):
    """Outlook's data through a CalDAV sync (DDay.iCal 1.0; aluxnimm/outlookcaldavsynchronizer issue #173): the
    quotes were kept, "'Jana Kowal'" matched nobody of that name, and a guest without an address was
    "'Ilse Vogt'"."""
    for export in forms("outlook-caldav-2016", "calendar.ics", tmp_path):
        records = parse(export)
        assert accounts(records) == [
            ("frieda.sommer@example.de", "Sommer, Frieda", None, None, True),
            ("jonas.berg@example.org", "Berg, Jonas", None, None, False),
            ("jana.kowal@example.pl", "Jana Kowal", None, None, False),
            ("Brandt, Lukas", "Brandt, Lukas", None, None, False),
            ("Ilse Vogt", "Ilse Vogt", None, None, False)]
        assert [m[1] for m in meetings(records)] == ["jonas.berg@example.org", "jana.kowal@example.pl",
                                                      "Brandt, Lukas", "Ilse Vogt"]
        assert_nothing_lost(records)


# --- An ATTENDEE line icalendar cannot parse: a quote too many in SCHEDULE-STATUS -------------------------------------

def test_a_guest_on_a_line_icalendar_cannot_parse_is_still_met(tmp_path):
    """``SCHEDULE-STATUS="3.7;Invalid Calendar User";INVALID CALENDAR USER":mailto:…`` (skarim/vobject issue #72):
    icalendar left the line out without a word, and Mateo with it: the lunch was nobody's."""
    for export in forms("caldav-schedule-status-2017", "calendar.ics", tmp_path):
        records = parse(export)
        assert accounts(records) == [
            ("hanna.okafor@example.com", "Hanna Okafor", None, None, True),
            ("ines.duarte@example.com", "Ines Duarte", None, None, False),
            ("mateo.ruiz@example.org", "Mateo Ruiz", None, None, False)]
        assert meetings(records) == [
            (5, "ines.duarte@example.com", datetime(2017, 5, 15, 8), "in_person", True),
            (5, "mateo.ruiz@example.org", datetime(2017, 5, 15, 8), "in_person", True),
            (20, "mateo.ruiz@example.org", datetime(2017, 5, 19, 12), "meal", False)]
        assert notes(records)["calendar.ics"][:2] == ("parsed", 2)
        assert_nothing_lost(records)


# --- A zone named with a space at its end: TZID:Mitteleuropäische Zeit␠ (GroupWise, kept by Thunderbird) ---------------

def test_a_zone_whose_name_ends_in_a_space_is_the_one_the_file_defines(tmp_path):
    """``TZID:Mitteleuropäische Zeit `` beside ``DTSTART;TZID=Mitteleuropäische Zeit :…`` (Kozea/Radicale issue #2172,
    a GroupWise invitation accepted in Thunderbird): icalendar dropped the parameter's space but kept the zone's,
    so both meetings were quarantined as an unknown zone and Till and Wiebke were never met."""
    for export in forms("thunderbird-groupwise-2026", "Kalender.ics", tmp_path):
        records = parse(export)
        assert accounts(records) == [
            ("henrike.albers@example.de", "Henrike Albers", None, None, True),
            ("till.brandauer@example.org", "Till Brandauer", None, None, False),
            ("wiebke.sander@example.org", "Wiebke Sander", None, None, False)]
        # summer time, +0200; Ole declined the lunch
        assert meetings(records) == [
            (21, "till.brandauer@example.org", datetime(2026, 6, 3, 15), "in_person", False),
            (44, "wiebke.sander@example.org", datetime(2026, 6, 12, 10, 30), "meal", False)]
        assert not [r for r in records if isinstance(r, Quarantined)]
        assert notes(records)["Kalender.ics"][:2] == ("parsed", 2)
        assert_nothing_lost(records)


# --- A time with a space before it: DTEND: 20240812T223000Z (Salesforce's Force.com Labs iCalendar Export) ------------

def test_a_time_with_a_space_before_it_is_read(tmp_path):
    """``DTEND: 20240812T223000Z`` (py-vobject/vobject issue #50, a bank's appointment from Salesforce): the event
    was quarantined for its end. Read, it is a booking service's appointment: nobody met, and nothing refused."""
    for export in forms("salesforce-2024", "invite.ics", tmp_path):
        records = parse(export)
        assert not [r for r in records if isinstance(r, Quarantined)]
        assert accounts(records) == [] and meetings(records) == []
        handling, read, note = notes(records)["invite.ics"]
        assert (handling, read) == ("no_people", 0)
        assert "events without an instance up to then: 1" in note
        assert_nothing_lost(records)


# --- Exchange's directory path (X.500, legacyExchangeDN) where the organizer's address belongs ------------------------

X500 = "exchange-x500"
X500_GUESTS = [  # who the owner met, as a user sees it: each guest once, Omar and Lena known by name only
    ("dana.owner@example.com", "Dana Owner", None, None, True),
    ("priya.raman@example.org", "Priya Raman", None, None, False),
    ("tomasz.wilk@example.com", "Tomasz Wilk", None, None, False),
    ("Haddad, Omar", "Haddad, Omar", None, None, False),
    ("Lena Vogt", "Lena Vogt", None, None, False)]


def x500_variant(tmp_path: Path, *replacements: tuple[bytes, bytes]) -> Export:
    """The fixture's calendar with some of its lines written otherwise, as a file handed in alone."""
    data = fixture("calendar", X500, "Calendar.ics").read_bytes()
    for old, new in replacements:
        assert old in data
        data = data.replace(old, new)
    path = tmp_path / "Calendar.ics"
    path.write_bytes(data)
    return Export(path)


def met(records) -> list[tuple]:
    return sorted((i.account_ref, i.occurred_at) for i in records
                  if isinstance(i, Interaction) and i.kind == "meeting" and i.is_offline)


def no_directory_path_in(records) -> bool:
    return not [a for a in records if isinstance(a, Account)
                if "/o=" in f"{a.account_ref} {a.email} {a.display_name}".lower()]


def test_the_owners_meetings_organised_under_an_exchange_directory_path_meet_her_guests(tmp_path):
    """``ORGANIZER;CN="Dana Owner":mailto:/O=EXCHANGELABS/…/CN=RECIPIENTS/CN=<hex>-DANA.OWNER`` (Outlook 16.0, as in
    mittwald/hutbot's tests/test_calendar.py), also ``/o=ExchangeLabs/…`` without ``mailto:`` and an on-premises
    ``/o=First Organization/…/cn=dana.owner``. Dana's own address is only in Lena's invitation: Priya, in two
    meetings, was taken for the owner and never met, and Dana became a contact of her own under her name."""
    for export in forms(X500, "Calendar.ics", tmp_path):
        records = parse(export)
        assert accounts(records) == X500_GUESTS
        assert meetings(records) == [
            (11, "priya.raman@example.org", datetime(2025, 3, 4, 9), "in_person", True),  # her kickoff, both accepted
            (11, "tomasz.wilk@example.com", datetime(2025, 3, 4, 9), "in_person", True),
            (35, "Haddad, Omar", datetime(2025, 3, 18, 12), "meal", False),  # a colleague's path and CN: by name
            (56, "Lena Vogt", datetime(2025, 4, 7, 14), "in_person", True),  # Lena's invitation, Dana accepted
            (56, "priya.raman@example.org", datetime(2025, 4, 7, 14), "in_person", True),
            (78, "tomasz.wilk@example.com", datetime(2025, 1, 15, 10), "in_person", False)]  # Jan declined
        assert no_directory_path_in(records)
        handling, read, note = notes(records)["Calendar.ics"]
        assert (handling, read) == ("parsed", 4)
        assert note.startswith("owner: the address in most events (4 of 4);")
        assert_nothing_lost(records)


def test_the_owner_is_known_by_the_alias_at_the_end_of_a_directory_path_without_a_name(tmp_path):
    """The owner's directory path without a CN: its alias (``…-dana.owner``, ``cn=dana.owner``) is the local part
    of her address. Read as nobody, the paths left Priya taken for the owner again."""
    records = parse(x500_variant(tmp_path, (b'ORGANIZER;CN="Dana Owner":', b"ORGANIZER:"),
                                 (b"ORGANIZER;CN=Dana Owner:", b"ORGANIZER:")))
    assert accounts(records) == X500_GUESTS
    assert met(records) == [
        ("Haddad, Omar", datetime(2025, 3, 18, 12)), ("Lena Vogt", datetime(2025, 4, 7, 14)),
        ("priya.raman@example.org", datetime(2025, 3, 4, 9)), ("priya.raman@example.org", datetime(2025, 4, 7, 14)),
        ("tomasz.wilk@example.com", datetime(2025, 1, 15, 10)), ("tomasz.wilk@example.com", datetime(2025, 3, 4, 9))]
    assert no_directory_path_in(records)
    assert_nothing_lost(records)


def test_an_owner_written_only_as_a_directory_path_is_the_organizer_in_most_events(tmp_path):
    """No event gives the owner's address (Outlook writes ``invalid:nomail`` for one it has none for): the path that
    organises most events is the owner's, as an address in most events would be; her older on-premises path
    carries her name. No owner's account without an address, and nobody met by a path."""
    records = parse(x500_variant(tmp_path, (b"mailto:dana.owner@exam\n ple.com", b"invalid:nomail")))
    assert accounts(records) == X500_GUESTS[1:]
    assert met(records) == [
        ("Haddad, Omar", datetime(2025, 3, 18, 12)), ("Lena Vogt", datetime(2025, 4, 7, 14)),
        ("priya.raman@example.org", datetime(2025, 3, 4, 9)), ("priya.raman@example.org", datetime(2025, 4, 7, 14)),
        ("tomasz.wilk@example.com", datetime(2025, 1, 15, 10)), ("tomasz.wilk@example.com", datetime(2025, 3, 4, 9))]
    assert no_directory_path_in(records)
    assert notes(records)["Calendar.ics"][2].startswith("owner: the directory path (Exchange) in most events (2 of 4);")
    assert_nothing_lost(records)


def test_ingest_of_an_exchange_calendar_meets_the_owners_guests_offline(unsocial, tmp_path):
    """Through the command line, as a user runs it: the guests of Dana's own meetings are met offline, and no
    account of hers or anyone's carries a directory path as its e-mail."""
    db = tmp_path / "x.duckdb"
    result = unsocial("ingest", fixture("calendar", X500, "Calendar.ics"), "--db", db, "--owner", "dana")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select account_ref, count(*) from raw_interactions where kind = 'meeting' and is_offline "
                           "group by 1 order by 1").fetchall() == [
            ("Haddad, Omar", 1), ("Lena Vogt", 1), ("priya.raman@example.org", 2), ("tomasz.wilk@example.com", 2)]
        assert con.execute("select account_ref from raw_accounts where is_owner").fetchall() == [
            ("dana.owner@example.com",)]
        assert con.execute("select count(*) from raw_accounts where lower(concat_ws(' ', account_ref, email, "
                           "display_name)) like '%/o=%'").fetchall() == [(0,)]
