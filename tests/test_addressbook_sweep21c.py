"""CRMs' and sales tools' contacts CSVs (docs/formats.md, address book): HubSpot, Pipedrive, Zoho CRM, Salesforce,
Apollo, Odoo, Twenty, each refused whole as "not a recognised export". Now read as address books by the words of
their columns (``data/contacts_columns.csv``), a Salesforce report's footer left out quietly, Odoo's "Company, Person"
read as the person at the company; the journal and LinkedIn's connections keep their readers."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, detect_source, journal, linkedin
from ingest.sources.archive import Export
from ingest.sources.contacts_csv import shape_of
from test_addressbook import evidence, parsed, people

CRM_FIXTURES = ["hubspot-csv-all-contacts-2023", "hubspot-csv-2025", "pipedrive-csv", "zoho-crm-csv",
                "salesforce-report-csv", "salesforce-contacts-csv", "salesforce-leads-csv", "apollo-csv", "odoo-csv",
                "odoo-csv-es", "odoo-csv-import", "odoo-csv-de", "twenty-csv"]


def profiles(records, ref: str) -> list[str]:
    return [a.profile_url for a in records if isinstance(a, Account) and a.account_ref == ref and a.profile_url]


def file_note(records) -> str:
    return next(n.note for n in records if isinstance(n, MemberNote))


@pytest.mark.parametrize("vintage", CRM_FIXTURES)
def test_every_crm_export_is_an_address_book_read_whole(vintage, tmp_path):
    for export in (Export(fixture("addressbook", vintage)),
                   Export(zip_folder(fixture("addressbook", vintage), tmp_path / f"{vintage}.zip"))):
        assert detect_source(export) is addressbook
        records = list(addressbook.parse(export))
        assert_nothing_lost(records)
        assert file_note(records).startswith("CRM contacts CSV")


def test_hubspot_all_contacts_with_custom_columns_gives_every_address_and_number_but_the_fax():
    records = parsed("hubspot-csv-all-contacts-2023")
    assert people(records) == [
        (2, "wiebke.sander@example.org", "Wiebke Sander", "wiebke.sander@example.org", "+49 171 5550 701",
         "Deichwerk GmbH", "Einkauf"),
        (3, "jomo.k@example.ke", "Jomo Kariuki", "jomo.k@example.ke", "+254 711 555 702", None, None)]
    # the owner's address in "Contact owner", the fax, "Invalid email address" (false): none of them hers
    assert evidence(records, "wiebke.sander@example.org") == (
        ["wiebke.sander@example.org", "wiebke@example.net", "w.sander@deichwerk.example"],
        ["+49 171 5550 701", "+49 40 5550 7011"])
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (4, "first name, last name, e-mail and phone columns: all empty")]


def test_pipedrive_prefixed_columns_several_addresses_in_a_cell_and_the_linkedin_page():
    records = parsed("pipedrive-csv")
    assert people(records) == [
        (2, "linnea.berg@fjall.example", "Linnea Berg", "linnea.berg@fjall.example", "+46 8 555 021 00", "Fjäll AB",
         "CTO"),
        (3, "duarte.matos@example.pt", "Duarte Matos", "duarte.matos@example.pt", "+351 21 555 0220", None, None)]
    assert evidence(records, "duarte.matos@example.pt")[0] == ["duarte.matos@example.pt", "duarte@example.com"]
    # the LinkedIn page is the account's profile: it links the contact to the LinkedIn connection
    assert profiles(records, "linnea.berg@fjall.example") == ["https://www.linkedin.com/in/linnea-berg-example"]


def test_apollo_reads_the_persons_numbers_not_the_companys_and_the_linkedin_url():
    records = parsed("apollo-csv")
    assert people(records) == [
        (2, "rory@flynntimber.example", "Rory Flynn", "rory@flynntimber.example", "+1 217-555-0241",
         "Flynn Timber", "Owner"),
        (3, "Ines Vidal", "Ines Vidal", None, "+44 20 7946 0100", "Puerto Foods", "CFO")]
    # "Corporate Phone" and "Company Phone" (+1 217-555-0200) are the company's switchboard
    assert evidence(records, "rory@flynntimber.example") == (
        ["rory@flynntimber.example", "roryf@example.com"], ["+1 217-555-0241"])
    assert profiles(records, "Ines Vidal") == ["https://www.linkedin.com/in/ines-vidal-0000004"]


def test_a_salesforce_reports_footer_is_left_out_quietly_and_counted():
    records = parsed("salesforce-report-csv")
    assert [q for q in records if isinstance(q, Quarantined)] == []
    assert [p[2:] for p in people(records)] == [
        ("Sigrid Dahl", "sigrid.dahl@example.no", "+47 22 55 50 20", "Nordkyst AS", "CFO"),
        ("Ama Owusu", "ama.owusu@example.gh", "+233 30 555 0202", "Accra Labs", None)]
    assert "a Salesforce report's footer left out: 3 lines" in file_note(records)
    assert sum(n.records_read for n in records if isinstance(n, MemberNote)) == 2


def test_a_salesforce_footer_under_an_outlook_header_is_left_out_too(tmp_path):
    report = tmp_path / "report1741600000000.csv"
    report.write_text('"First Name","Last Name","E-mail Address","Mobile Phone"\n'
                      '"Maja","Horn","maja.horn@example.no","+47 412 55 509"\n\n"Grand Totals (1 record)"\n\n'
                      '"Confidential Information - Do Not Distribute"\n'
                      '"Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved."\n', encoding="utf-8")
    records = list(addressbook.parse(Export(report)))
    assert [q for q in records if isinstance(q, Quarantined)] == []
    assert [p[2:5] for p in people(records)] == [("Maja Horn", "maja.horn@example.no", "+47 412 55 509")]
    assert file_note(records) == "Outlook CSV; a Salesforce report's footer left out: 3 lines"


@pytest.mark.parametrize(("vintage", "expected"), [
    ("salesforce-contacts-csv", [("Yui Tanaka", "yui.t@example.jp", "+81 3 5550 0201", "Fuji KK", "Ops"),
                                 ("Nils Strand", "nils.strand@example.se", "(727) 555-0228", None, None)]),
    ("salesforce-leads-csv", [("Ebba Lund", "ebba.lund@example.se", "+46 8 555 020 20", "Lund AB", None),
                              ("Emre Kaya", "emre@example.com.tr", "+90 212 555 0202", "Kaya AS", None)]),
    ("zoho-crm-csv", [("Kavya Rao", "kavya.rao@example.in", "614-555-0112", "Lakeview Ltd", None),
                      ("Emeka Obi", "emeka@example.ng", "614-555-0313", None, None)]),
    ("hubspot-csv-2025", [("Elodie Marchand", "elodie.marchand@example.fr", "+33 6 55 50 02 01", "Atelier Marchand",
                           None),
                          ("Callum Reid", "callum.reid@example.co.uk", None, None, None)]),
    ("odoo-csv-es", [("Marta Ruiz", "marta.ruiz@example.es", "85445567", None, None),
                     ("Pablo Gil", None, "+34 600 555 021", None, None)]),
    ("odoo-csv-import", [("Léa Bonnet", "lea.bonnet@example.fr", None, None, None),
                         ("Hugo Petit", "hugo.petit@example.fr", None, None, None)]),
    ("odoo-csv-de", [("Reto Kälin", "reto.kaelin@example.ch", "+41 55 555 02 01", None, None),
                     ("Holzbau Beispiel AG", "info@holzbau.example", None, None, None)]),
])
def test_crm_contacts_by_their_columns_words(vintage, expected):
    assert [p[2:] for p in people(parsed(vintage))] == expected


def test_odoo_display_name_of_a_companys_contact_is_the_person_at_the_company():
    records = parsed("odoo-csv")
    assert [p[2:] for p in people(records)] == [
        ("Jana Berger", "jana.berger@example.de", "+49 40 5550 4321", "Hafenwerk GmbH", None),
        ("Otto Lehtinen", "otto@example.fi", "957 726 547", None, None)]


def test_a_display_name_with_a_comma_stays_whole_where_the_file_is_not_odoos(tmp_path):
    other = tmp_path / "contacts.csv"
    other.write_text('"Display Name","Email","Phone"\n"Berger, Jana","jana.berger@example.de",""\n', encoding="utf-8")
    records = list(addressbook.parse(Export(other)))
    assert [p[2:6] for p in people(records)] == [("Berger, Jana", "jana.berger@example.de", None, None)]


def test_twenty_joins_the_calling_code_and_reads_its_lists_and_linkedin_link():
    records = parsed("twenty-csv")
    assert [p[2:] for p in people(records)] == [
        ("Kasia Lewandowska", "kasia.l@example.pl", "+48 601555022", None, "PM"),
        ("Chidi Eze", "chidi.eze@example.ng", "+234 8035550202", None, None)]
    assert evidence(records, "kasia.l@example.pl") == (
        ["kasia.l@example.pl", "k.lewandowska@example.com"], ["+48 601555022", "+48 221555023"])
    assert profiles(records, "kasia.l@example.pl") == ["https://www.linkedin.com/in/kasia-lewandowska-example"]


# The journal (``sources/journal``, its words in data/journal_words.csv) and LinkedIn's Connections.csv name a person,
# an e-mail and a phone or a company: they stay with their readers, alone or beside address books
@pytest.mark.parametrize(("name", "header", "source"), [
    ("contacts-2025.csv", "date,name,email,phone,kind,note", journal),
    ("kontakte.csv", "Datum,Name,E-Mail,Telefon,Art,Notiz", journal),
    ("personas.csv", "fecha,nombre,correo,teléfono,tipo,nota", journal),
    ("Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On", linkedin),
    ("Connections.csv", "Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am", linkedin),
    ("Connections.csv", "First Name,Last Name,Email Address,Current Company,Current Position", linkedin),
])
def test_the_journal_and_linkedin_connections_keep_their_sources(tmp_path, name, header, source):
    path = tmp_path / name
    path.write_text(f"{header}\n2025-03-01,Ana Lima,ana@example.com,+55 11 5555 0101,meeting,x\n", encoding="utf-8")
    export = Export(path)
    assert shape_of(export, name) is None
    assert detect_source(export) is source


def test_linkedin_fixtures_connections_are_never_an_address_book():
    for vintage in ("2023-connections-de", "2023-connections-es", "2023-connections-fr", "2016-initial-archive"):
        export = Export(fixture("linkedin", vintage, "Connections.csv"))
        assert shape_of(export, "Connections.csv") is None


def test_a_name_and_a_date_column_alone_are_no_crm_contacts(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Record ID,Name,Create Date,Amount\n1,Ana Lima,2025-01-01,10\n", encoding="utf-8")
    assert shape_of(Export(path), "export.csv") is None
