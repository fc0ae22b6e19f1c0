"""Address-book shapes that were lost whole, found in the address-book sweep: Outlook's contacts CSV in Spanish and in
Brazilian and European Portuguese, and the ``.contact`` files of a Windows Contacts folder (docs/formats.md, address
book)."""

from __future__ import annotations

import csv

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import MemberNote, Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from test_addressbook import evidence, ingest_books, parsed, people


def quarantined(records) -> list[tuple]:
    return [(q.member.rsplit("/", 1)[-1], q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def test_a_spanish_outlook_csv_is_read():
    # half the header left in English by Outlook ("E-mail Address", "Mobile Phone"), the rest Spanish, cp1252
    records = parsed("outlook-csv-es")
    assert people(records) == [
        (2, "lucia.fernandez@example.es", "Lucía Fernández Ortega", "lucia.fernandez@example.es", "+34 91 555 0142",
         "Panadería Ortega", "Gerente"),
        # the first e-mail an Exchange path (E-mail Type EX): no address; the second is
        (3, "javi.munoz@example.com", "Javier Andrés Muñoz", "javi.munoz@example.com", "+34 93 555 0177", None, None),
        (4, "pedidos@example.es", "Ferretería Las Rozas", "pedidos@example.es", "+34 91 555 0300",
         "Ferretería Las Rozas", None),
    ]
    assert evidence(records, "lucia.fernandez@example.es") == (["lucia.fernandez@example.es"],
                                                               ["+34 91 555 0142", "+34 655 501 234"])
    assert evidence(records, "javi.munoz@example.com")[1] == ["+34 93 555 0177"]  # the fax is no phone
    assert quarantined(records) == [("contacts.csv", 5, "nombre, apellidos, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


def test_a_spanish_outlook_csv_with_the_first_e_mail_translated_is_read(tmp_path):
    # the columns of a later Spanish Outlook, as a table made from its export holds them (code index id 11118370884)
    header = ["Title", "Nombre", "Segundo nombre", "Apellidos", "Organización", "Puesto", "Teléfono del trabajo",
              "Teléfono del trabajo 2", "Particular", "Teléfono móvil", "Otro teléfono", "Categorías",
              "Dirección de correo electrónico", "Dirección de correo electrónico 2",
              "Dirección del correo electrónico 3", "Notas", "Página web"]
    row = dict.fromkeys(header, "") | {"Nombre": "Marta", "Apellidos": "Núñez", "Teléfono móvil": "+34 611 555 010",
                                       "Dirección de correo electrónico": "marta.nunez@example.es",
                                       "Dirección del correo electrónico 3": "mnunez@example.org"}
    with (tmp_path / "contacts.csv").open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerows([header, list(row.values())])
    records = list(addressbook.parse(Export(tmp_path / "contacts.csv")))
    assert people(records) == [(2, "marta.nunez@example.es", "Marta Núñez", "marta.nunez@example.es",
                                "+34 611 555 010", None, None)]
    assert evidence(records, "marta.nunez@example.es")[0] == ["marta.nunez@example.es", "mnunez@example.org"]


def test_a_brazilian_outlook_csv_is_read():
    records = parsed("outlook-csv-pt-br")
    assert people(records) == [
        (2, "joao.conceicao@example.com.br", "João Carlos Conceição", "joao.conceicao@example.com.br",
         "+55 11 5550-0142", "Padaria Conceição", "Sócio"),
        (3, "ana.g@example.org", "Ana Gonçalves", "ana.g@example.org", "+55 21 5550-0177", None, None),
        (4, "Oficina São Jorge", "Oficina São Jorge", None, "+55 31 5550-0300", "Oficina São Jorge", None),
    ]
    assert evidence(records, "ana.g@example.org")[1] == ["+55 21 5550-0177"]  # the pager is no phone
    assert quarantined(records) == [("contacts.csv", 5, "primeiro nome, sobrenome, e-mail and phone columns: all empty")]


def test_a_portuguese_outlook_csv_reads_apelido_as_the_surname():
    records = parsed("outlook-csv-pt-pt")
    assert people(records) == [
        (2, "ines.magalhaes@example.pt", "Inês Magalhães", "ines.magalhaes@example.pt", "+351 915 550 123",
         "Pastelaria Magalhães", "Gerente"),
        (3, "tiago.simoes@example.com", "Tiago Miguel Simões", "tiago.simoes@example.com", "+351 21 555 0142", None,
         None),
    ]
    assert [(a.first_name, a.last_name) for a in records if getattr(a, "last_name", None)] == [
        ("Inês", "Magalhães"), ("Tiago", "Simões")]
    assert quarantined(records) == [("contacts.csv", 4, "primeiro nome, apelido, e-mail and phone columns: all empty")]


@pytest.fixture(params=["folder", "zip"])
def windows_contacts(request, tmp_path) -> Export:
    folder = fixture("addressbook", "windows-contacts-2024")
    return Export(folder if request.param == "folder" else zip_folder(folder, tmp_path / "Contacts.zip"))


def test_a_windows_contacts_folder_is_an_address_book(windows_contacts):
    assert detect_source(windows_contacts) is addressbook
    records = list(addressbook.parse(windows_contacts))
    assert people(records) == [
        (1, "0b3d7e52-8a61-4c2f-b1e9-6d4a2f9c3e81", "Aylin Kaya", "aylin.kaya@example.com", "+49 30 5550 1420",
         "Spreewerk GmbH", "Projektleiterin"),
        (1, "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b", "Bartosz Wiśniewski", None, "+48 601 555 017", None, None),
        (1, "termine@example.de", "Kfz-Werkstatt Brandt", "termine@example.de", "+49 89 5550 3300",
         "Kfz-Werkstatt Brandt", None),
    ]
    # every address and number but the one left empty (xsi:nil) and the fax
    assert evidence(records, "0b3d7e52-8a61-4c2f-b1e9-6d4a2f9c3e81") == (
        ["aylin.kaya@example.com", "a.kaya@example.org"], ["+49 30 5550 1420", "+49 151 5550 1421"])
    assert quarantined(records) == [("Unbenannt.contact", 1, "Windows contact: not well-formed XML (file cut off?)")]
    notes = {n.member: (n.handling, n.records_read) for n in records if isinstance(n, MemberNote)}
    assert notes["Familie.group"] == ("ignored", 0)
    assert_nothing_lost(records)


def test_a_windows_contact_declaring_entities_gets_none_of_them(tmp_path):
    contact = tmp_path / "Eve.contact"
    contact.write_text('<?xml version="1.0"?><!DOCTYPE c:contact [<!ENTITY x "Mallory Example">'
                       '<!ENTITY y SYSTEM "file:///etc/hostname">]><c:contact '
                       'xmlns:c="http://schemas.microsoft.com/Contact"><c:NameCollection><c:Name>'
                       '<c:FormattedName>&x;&y;</c:FormattedName><c:GivenName>Eve</c:GivenName>'
                       '</c:Name></c:NameCollection></c:contact>', encoding="utf-8")
    records = list(addressbook.parse(Export(contact)))
    assert [(a.display_name, a.first_name) for a in records if hasattr(a, "display_name")] == [("Eve", "Eve")]


def test_the_new_shapes_reconcile_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", "outlook-csv-es", "outlook-csv-pt-br",
                                  "outlook-csv-pt-pt", "windows-contacts-2024")
    assert counts == [("outlook-csv-es", "addressbook", 4, 3, 1), ("outlook-csv-pt-br", "addressbook", 4, 3, 1),
                      ("outlook-csv-pt-pt", "addressbook", 3, 2, 1), ("windows-contacts-2024", "addressbook", 4, 3, 1)]
    assert [n for n in ("Lucía", "Conceição", "Magalhães", "Kaya", "example") if n in result.out + result.err] == []
