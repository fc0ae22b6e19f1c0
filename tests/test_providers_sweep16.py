"""Mail providers' exports of address books and calendars that were lost: people move between providers and take
their contacts with them, each provider writing its own shape (docs/formats.md, address book and calendar)."""

from __future__ import annotations

from datetime import datetime

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from test_addressbook import evidence, ingest_books, parsed, people
from test_addressbook_sweep15 import quarantined
from test_calendar import meetings, parse


def notes(records) -> list[str]:
    return [r.note for r in records if isinstance(r, MemberNote)]


def test_an_open_xchange_csv_of_mailbox_org_is_read(tmp_path):
    # OX App Suite's CSV: its English field names ("Sur name", "Given name", "Email 1", "Cellular telephone 1")
    # whatever the user's language, refused whole before ("not a recognised export")
    for export in (Export(fixture("addressbook", "ox-appsuite-csv")),
                   Export(zip_folder(fixture("addressbook", "ox-appsuite-csv"), tmp_path / "ox.zip"))):
        assert detect_source(export) is addressbook
        records = list(addressbook.parse(export))
        assert people(records) == [
            # the given and family name, not OX's "Brandt, Wiebke" display name
            (2, "wiebke.brandt@example.org", "Wiebke Brandt", "wiebke.brandt@example.org", "+49 171 5550101",
             "Segelwerft Nord", "Bootsbauerin"),
            (3, "chidi.okafor@example.com", "Chidi Okafor", "chidi.okafor@example.com", "030 5550177", None, None),
            # a company's card: the display name is the company's
            (4, "info@speiche.example", "Fahrradladen Speiche", "info@speiche.example", "040 5550199",
             "Fahrradladen Speiche", None),
        ]
        assert evidence(records, "wiebke.brandt@example.org") == (
            ["wiebke.brandt@example.org", "w.brandt@example.net"], ["+49 171 5550101"])
        # the distribution list (its mark column "true") is no person: left out and counted, never a contact
        assert notes(records) == ["Open-Xchange CSV; groups, not people (left out): 1"]
        assert quarantined(records) == [
            ("Kontakte.csv", 6, "given name, sur name, e-mail and phone columns: all empty")]
        assert_nothing_lost(records)


def test_the_open_xchange_csv_reconciles_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", "ox-appsuite-csv")
    assert counts == [("ox-appsuite-csv", "addressbook", 4, 3, 1)]
    assert [n for n in ("Wiebke", "Okafor", "example.org") if n in result.out + result.err] == []


def test_a_proton_contacts_export_is_read():
    # vCard 4.0 as Proton writes it: "PRODID;VALUE=TEXT:", "FN;PREF=1:", upper-case "ITEM1.EMAIL;PREF=1:", a folded
    # "ITEM1.KEY" (the contact's PGP key), "X-PM-*" settings, an empty "TYPE=" and "GENDER:"; cards saved on sending
    # ("proton-autosave-…" UID) named by the address; a name of spaces; a card cut off
    records = parsed("proton-4.0")
    assert people(records) == [
        (1, "proton-web-3f1c2a90-1b7e-4c55-9d0e-6a2f8b1c4d70", "Ilse Marquardt", "ilse.marquardt@example.org",
         "+49 160 5550123", "Stadtbibliothek Kiel", "Archivarin"),
        (21, "proton-autosave-8d2e4f60-7a1b-4c3d-9e5f-0a1b2c3d4e5f", "tarek.haddad@example.net",
         "tarek.haddad@example.net", None, None, None),
        (28, "proton-web-5b6c7d8e-9f01-4a2b-8c3d-4e5f6a7b8c9d", None, "noor.v@example.com", "0421 5550199", None,
         None),
    ]
    assert evidence(records, "proton-web-3f1c2a90-1b7e-4c55-9d0e-6a2f8b1c4d70") == (
        ["ilse.marquardt@example.org", "ilse@marquardt.example"], ["+49 160 5550123"])
    assert [q[:2] for q in quarantined(records)] == [("proton-contacts.vcf", 38)]
    assert_nothing_lost(records)


def test_a_tuta_contacts_export_is_read():
    # Tuta's "vCard3.0.vcf": LF, a blank line after each card, FN with title and suffix, BDAY with the year 1111
    # for none, folded at 75 characters, and ";Einkauf" alone where a department has no company (Tuta's
    # VCardExporter writes the ORG line's tail without its name): the card is read all the same
    records = parsed("tuta-3.0")
    assert people(records) == [
        (1, "henrike.albers@example.org", "Dr. Henrike Albers, MBA", "henrike.albers@example.org", "+49 151 5550147",
         "Hafenamt Bremerhaven", "Projektleiterin"),
        (16, "mehmet.yildiz@example.com", "Mehmet Yıldız", "mehmet.yildiz@example.com", "0421 5550133", None,
         "Einkäufer"),
        (26, "kontakt@weingut-sommer.example", None, "kontakt@weingut-sommer.example", None, None, None),
        (33, "anneliese.wagner-hohenstein.privat.und.sonstiges@sehr-lange-domain.example",
         "Anneliese Wagner-Hohenstein",
         "anneliese.wagner-hohenstein.privat.und.sonstiges@sehr-lange-domain.example", "030 5550171", None, None),
    ]
    albers = [a for a in records if getattr(a, "account_ref", None) == "henrike.albers@example.org"]
    assert albers[0].profile_url == "https://www.linkedin.com/in/henrike-albers-example"
    assert [q[:2] for q in quarantined(records)] == [("vCard3.0.vcf", 42)]
    assert_nothing_lost(records)


def test_a_proton_calendar_export_is_read():
    # "PRODID:-//Proton AG//web-calendar 5.0.48.1//EN": guests with "X-PM-TOKEN=", one whose CN is the address
    records = parse(Export(fixture("calendar", "proton-2025")))
    assert meetings(records) == [
        (24, "bruno.castellano@example.it", datetime(2025, 3, 20, 17, 0), "in_person", True),
        (24, "yara.mansour@example.org", datetime(2025, 3, 20, 17, 0), "in_person", True),
        (44, "yara.mansour@example.org", datetime(2025, 3, 28, 14, 0), "meal", False),
    ]
    guests = {a.account_ref: a.display_name for a in records if isinstance(a, Account)}
    assert guests["yara.mansour@example.org"] is None  # a CN that is the address names nobody
    assert guests["bruno.castellano@example.it"] == "Bruno Castellano"
    assert "owner: the address in most events (3 of 4)" in notes(records)[0]
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [(53, "DTSTART: not a valid value")]
