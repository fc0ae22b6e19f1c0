"""Mail servers' address books that were lost (docs/formats.md, address book): Zimbra's contacts CSV, whose header
is only the Zimbra fields its contacts use, refused whole as no export; Horde Turba's LDIF, whose organisation in
``company:`` was dropped. And two vCard shapes read already, now with their fixtures: Yahoo's YAB3 vCard 2.1 and the
SOGo Connector's vCard 3.0."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import MemberNote, Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from ingest.sources.contacts_csv import shape_of
from test_addressbook import evidence, ingest_books, parsed, people

ZIMBRA = "zimbra-csv-2024"
HORDE = "horde-turba-ldif"
YAHOO = "yahoo-yab3-2.1"
SOGO = "sogo-connector-3.0"
# Zimbra's every field, as a tool writing Zimbra's CSV heads it (code index id 45306395586)
ZIMBRA_ALL = ("assistantPhone,birthday,callbackPhone,carPhone,company,companyPhone,description,department,dlist,"
              "email,email2,email3,fileAs,firstName,fullName,homeCity,homeCountry,homeFax,homePhone,homePhone2,"
              "homePostalCode,homeState,homeStreet,homeURL,initials,jobTitle,lastName,middleName,mobilePhone,"
              "namePrefix,nameSuffix,nickname,notes,office,otherCity,otherCountry,otherFax,otherPhone,"
              "otherPostalCode,otherState,otherStreet,otherURL,pager,workCity,workCountry,workFax,workPhone,"
              "workPhone2,workPostalCode,workState,workStreet,workURL,type").split(",")


def note(records) -> MemberNote:
    return next(r for r in records if isinstance(r, MemberNote))


def refused(records) -> list[tuple[int, str]]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def csv_file(tmp_path, header: list[str], *rows: dict[str, str]) -> Export:
    """A Zimbra-style CSV: every field quoted, CRLF."""
    lines = [header, *([row.get(c, "") for c in header] for row in rows)]
    text = "".join(",".join(f'"{v}"' for v in line) + "\r\n" for line in lines)
    (tmp_path / "Contacts.csv").write_text(text, encoding="utf-8", newline="")
    return Export(tmp_path / "Contacts.csv")


# --- 1. Zimbra's contacts CSV ------------------------------------------------------------------------------------

def test_zimbra_csv_of_the_fields_in_use_gives_every_contact():
    records = parsed(ZIMBRA)
    assert people(records) == [
        (2, "lena.hofmann@example.de", "Lena Marie Hofmann", "lena.hofmann@example.de", "+49 151 5550142",
         "Kiefer & Söhne KG", "Einkäuferin"),
        (3, "tomasz.w@example.pl", "Tomasz Wójcik", "tomasz.w@example.pl", "+48 22 555 01 46", None, None),
        (4, "Elektro Brandt GmbH", "Elektro Brandt GmbH", None, "+49 30 5550148", "Elektro Brandt GmbH", None),
        (5, "yuki.tanaka@example.jp", "Yuki Tanaka", "yuki.tanaka@example.jp", None, None, None),  # fullName alone
        (6, "Bäcker Jan", "Bäcker Jan", None, "+49 176 5550149", None, None),  # nickname alone
    ]  # before: "not a recognised export", every contact lost
    assert refused(records) == [(8, "firstname, lastname, e-mail and phone columns: all empty")]  # a note alone
    assert_nothing_lost(records)


def test_zimbra_csv_gives_every_address_and_number_but_no_fax_or_pager():
    records = parsed(ZIMBRA)
    assert evidence(records, "lena.hofmann@example.de") == (
        ["lena.hofmann@example.de", "lena@example.net"], ["+49 151 5550142", "+49 40 5550143"])
    assert evidence(records, "tomasz.w@example.pl") == (
        ["tomasz.w@example.pl", "t.wojcik@example.com"], ["+48 22 555 01 46", "+48 600 555 147"])


def test_a_zimbra_contact_group_is_left_out_and_counted():
    records = parsed(ZIMBRA)
    assert "Projektteam" not in {a[2] for a in people(records)}
    assert note(records).note == "Zimbra CSV; groups, not people (left out): 1"
    assert note(records).records_read == 6


def test_zimbra_csv_in_a_zip_is_read_alike(tmp_path):
    export = Export(zip_folder(fixture("addressbook", ZIMBRA), tmp_path / "Contacts.zip"))
    assert detect_source(export) is addressbook
    assert people(addressbook.parse(export)) == people(parsed(ZIMBRA))


def test_zimbra_csv_of_all_its_fields_is_read(tmp_path):
    export = csv_file(tmp_path, ZIMBRA_ALL, {"firstName": "Ola", "lastName": "Nordmann", "fileAs": "7",
                                             "company": "Fjord AS", "carPhone": "+47 915 55 016",
                                             "workFax": "+47 22 55 50 17", "email3": "ola@example.no"},
                      {"type": "group", "nickname": "Venner", "dlist": "ola@example.no"})
    records = list(addressbook.parse(export))
    assert people(records) == [(2, "ola@example.no", "Ola Nordmann", "ola@example.no", "+47 915 55 016",
                                "Fjord AS", None)]
    assert note(records).note.endswith("groups, not people (left out): 1")


def test_a_zimbra_group_is_told_by_its_members_alone(tmp_path):
    export = csv_file(tmp_path, ["dlist", "email", "firstName", "nickname"],
                      {"dlist": "a@example.org, b@example.org", "nickname": "Chor"},
                      {"email": "a@example.org", "firstName": "Aino"})
    assert [a[2] for a in people(addressbook.parse(export))] == ["Aino"]


@pytest.mark.parametrize("header, taken", [
    (["email", "firstName", "lastName"], True),
    (["email4", "firstName", "homePhone3", "mobilePhone2"], True),  # the web client's further values, numbered
    (["firstName", "lastName", "email", "Spitzname"], False),  # a column no Zimbra field
    (["company", "email", "notes"], False),  # no person's name
    (["firstName", "lastName", "notes"], False),  # no e-mail or number
])
def test_a_header_is_zimbras_when_all_its_columns_are_zimbra_fields(tmp_path, header, taken):
    export = csv_file(tmp_path, header, {"firstName": "Aino", "email": "a@example.org"})
    shape = shape_of(export, "Contacts.csv")
    assert (shape is not None and shape.name == "Zimbra CSV") is taken


def test_headers_of_other_shapes_are_not_taken_for_zimbras():
    assert shape_of(Export(fixture("addressbook", "ox-appsuite-csv")), "Kontakte.csv").name == "Open-Xchange CSV"
    google = Export(fixture("addressbook", "google-csv-some-columns"))
    assert "Zimbra" not in shape_of(google, google.members()[0]).name


# --- 2. Horde Turba's LDIF -----------------------------------------------------------------------------------------

def test_horde_turba_ldif_keeps_the_company():
    records = parsed(HORDE)
    assert people(records) == [
        (1, "greta.lindgren@example.se", "Greta Lindgren", "greta.lindgren@example.se", "+46 8 555 012 31",
         "Nordvik AB", "Projektledare"),
        (22, "j.baumann@example.ch", "Jörg Baumann", "j.baumann@example.ch", None, "Uhrwerk Zürich AG", None),
        (35, "paulo.reis@example.pt", "Paulo Reis", "paulo.reis@example.pt", "+351 912 555 034", None, None),
    ]  # before: company None for all
    assert evidence(records, "greta.lindgren@example.se") == (
        ["greta.lindgren@example.se", "greta@example.org"], ["+46 8 555 012 31", "+46 8 555 012 30",
                                                             "+46 70 555 01 32"])
    assert_nothing_lost(records)


def test_an_ldif_organisation_in_o_is_still_preferred(tmp_path):
    (tmp_path / "book.ldif").write_text("dn: cn=Aino Virtanen,mail=aino@example.fi\nobjectclass: top\n"
                                        "objectclass: person\ncn: Aino Virtanen\nmail: aino@example.fi\n"
                                        "o: Sauna Oy\ncompany: Other Oy\n\n")
    assert people(addressbook.parse(Export(tmp_path / "book.ldif")))[0][5] == "Sauna Oy"


# --- 3. vCard shapes read already, now with fixtures ---------------------------------------------------------------

def test_yahoo_yab3_vcard_21():
    records = parsed(YAHOO)
    assert people(records) == [
        (1, "8e1f0c2a9b7d4e5f8a6b3c2d1e0f9a8b", "Henrike Strößner-Albrecht", "henrike.sa@example.com",
         "0221 5550172", "Blumen Strößner", "Inhaberin"),
        (31, "3b9d6c1e2f4a4b8c9d0e1f2a3b4c5d6e", "Mats Olofsson", "mats.olofsson@example.se", None, None, None)]
    assert evidence(records, "8e1f0c2a9b7d4e5f8a6b3c2d1e0f9a8b")[1] == ["0221 5550172", "0228 5550171",
                                                                          "0160 5550173"]
    assert refused(records) == []
    assert_nothing_lost(records)


def test_sogo_connector_vcard_30():
    records = parsed(SOGO)
    assert people(records) == [
        (1, "D51A2B3C-7071-0001-BE37-2A6F93A0BC21", "Irina Sokolova", "irina.sokolova@example.ru", "+78125550140",
         "ООО Ромашка", "Менеджер"),
        (26, "D51B3C4D-8182-0001-CF48-3B7004B1CD32", None, "newsletter@example.ru", None, None, None),
        (33, "12", "Léa Brun", None, "0155550144", None, None)]
    # no fax, no pager
    assert evidence(records, "D51A2B3C-7071-0001-BE37-2A6F93A0BC21") == (
        ["irina.sokolova@example.ru", "irina.s@example.com"], ["+78125550140", "+78125550141", "+79215550142"])
    assert_nothing_lost(records)


def test_counts_reconcile_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", ZIMBRA, HORDE, YAHOO, SOGO)
    assert counts == [(HORDE, "addressbook", 3, 3, 0), (SOGO, "addressbook", 3, 3, 0),
                      (YAHOO, "addressbook", 2, 2, 0), (ZIMBRA, "addressbook", 6, 5, 1)]
    assert [n for n in ("Hofmann", "example.de", "Lindgren") if n in result.out + result.err] == []
