"""LinkedIn exports in the language of the account, found in round 21: Connections.csv with its header in German,
French, Spanish or Italian ("Vorname,Nachname,URL,E-Mail-Adresse,Unternehmen,Position,Verbunden am"; parsers written
against real exports, code index ids 55818054696, 66981150820, 56245336722): alone "not a recognised export", inside
a complete export an unknown file, every connection lost. And the owner's own files under a German name
("Berufserfahrung.csv", wintermeyer/vutuv test/vutuv/imports/linked_in_test.exs): reported unknown, with a request to
open an issue, where "Positions.csv" is left out on purpose. The words are data/linkedin_headers.csv."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from conftest import assert_nothing_lost, fixture, forms, ingested, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources.archive import Export
from ingest.sources.linkedin.files import LOCALIZED_FORMS, kind_of

JONAS, AYLIN = "https://www.linkedin.com/in/jonas-weber-1a2b", "https://www.linkedin.com/in/aylindemir"
JUERGEN = "https://www.linkedin.com/in/juergen-strauss"
NAMELESS = "name and profile URL empty: a member LinkedIn no longer names (likely a deleted or deactivated account)"


def _connections(records) -> dict[str, tuple]:
    return {a.account_ref: (a.first_name, a.last_name, a.email, a.company, a.position, a.connected_at.date())
            for a in records if isinstance(a, Account) and a.member == "Connections.csv"}


# --- Connections.csv in German -------------------------------------------------------------------------------------

def test_a_german_connections_file_in_a_complete_export_is_read_as_the_english_one(unsocial, tmp_path):
    # Before: status ok, "unknown file Connections.csv (not a LinkedIn file this version reads)", 3 connections lost
    exports, rows = ingested(unsocial, tmp_path, "2023-connections-de",
                             "select account_ref, email, company, position, connected_at::date from raw_accounts "
                             "where member = 'Connections.csv' order by 1")
    assert rows == [(AYLIN, "aylin.demir@example.org", "Weser, Elbe & Co. KG", "Leiterin Einkauf", date(2023, 1, 12)),
                    (JONAS, None, "Nordlicht GmbH", "Teamleiter Daten", date(2022, 4, 3)),
                    (JUERGEN, None, None, "Freiberufler", date(2025, 2, 1))]
    assert exports == [(7, 6, 1)]  # profile, 3 connections, 2 messages; the row naming nobody refused


def test_the_german_file_is_read_in_both_forms_under_its_notes_preamble(tmp_path):
    for export in forms("2023-connections-de", tmp_path):
        records = parse(export)
        assert _connections(records)[JUERGEN] == ("Jürgen", "Strauß", None, None, "Freiberufler", date(2025, 2, 1))
        assert {r.account_ref for r in records if isinstance(r, Interaction) and r.kind == "connection"} == {
            JONAS, AYLIN, JUERGEN}
        assert [q.reason for q in records if isinstance(q, Quarantined)] == [NAMELESS]
        assert_nothing_lost(records)


def test_the_german_file_alone_is_a_linkedin_export(unsocial, tmp_path):
    # Before: "not a recognised export", exit 1, also when the file was named Kontakte.csv
    folder = tmp_path / "export"
    folder.mkdir()
    shutil.copy(fixture("linkedin", "2023-connections-de", "Connections.csv"), folder / "Kontakte.csv")
    result = unsocial("ingest", folder, "--db", tmp_path / "u.duckdb", "--owner", "marta")
    assert result.code == 0, result.err
    records = parse(Export(folder))
    assert {a.account_ref for a in records if isinstance(a, Account)} == {JONAS, AYLIN, JUERGEN}


def test_a_german_file_without_url_is_read_keyed_by_name(tmp_path):
    for export in forms("2022-connections-de-no-url", tmp_path):
        records = parse(export)
        assert _connections(records) == {
            "Ina Vogt": ("Ina", "Vogt", "ina.vogt@example.net", "Stadtwerke Lübeck", "Projektleiterin",
                         date(2022, 2, 2)),
            "Till Hansen": ("Till", "Hansen", None, "Hafenamt Kiel", "Referent", date(2021, 3, 15))}
        assert_nothing_lost(records)


# --- French, Spanish, Italian ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("vintage, expected", [
    ("2023-connections-fr", {
        "https://www.linkedin.com/in/camille-lefevre": ("Camille", "Lefèvre", None, "Atelier Nord SARL",
                                                        "Cheffe de projet", date(2024, 3, 5)),
        "https://www.linkedin.com/in/hugomarchand": ("Hugo", "Marchand", "hugo@example.fr", None, "Consultant",
                                                     date(2023, 1, 12))}),
    ("2023-connections-es", {
        "https://www.linkedin.com/in/lucia-romero": ("Lucía", "Romero", "lucia@example.es", "Norte Ingeniería SL",
                                                     "Ingeniera", date(2024, 3, 5))}),
    ("2023-connections-it", {
        "https://www.linkedin.com/in/marco-ferri": ("Marco", "Ferri", None, "Officine Ferri Srl", "Tecnico",
                                                    date(2024, 3, 5))}),
])
def test_connections_in_french_spanish_and_italian_are_read(unsocial, tmp_path, vintage, expected):
    for export in forms(vintage, tmp_path):
        records = parse(export)
        assert _connections(records) == expected
        assert len([r for r in records if isinstance(r, Interaction) and r.kind == "connection"]) == len(expected)
        assert_nothing_lost(records)
    exports, _ = ingested(unsocial, tmp_path, vintage, "select 1")
    assert exports == [(len(expected), len(expected), 0)]


def test_every_language_of_the_words_file_names_the_required_columns():
    # A language missing a word for First Name, Last Name or Connected On would be a form never found in a file
    assert sorted(LOCALIZED_FORMS["connections"]) == [("nombre", "apellido", "conectado el"),
                                                      ("nome", "cognome", "data di collegamento"),
                                                      ("prénom", "nom", "date de connexion"),
                                                      ("vorname", "nachname", "verbunden am")]


def test_an_address_book_in_those_languages_is_no_linkedin_file(tmp_path):
    # The words of names and companies alone are any address book's: only with the date of connecting is it LinkedIn's
    (tmp_path / "Kontakte.csv").write_text("Vorname,Nachname,E-Mail-Adresse,Unternehmen\nIna,Vogt,,Hafenamt\n")
    (tmp_path / "contactos.csv").write_text("Nombre,Apellido,Correo electrónico,Empresa\nLucía,Romero,,Norte\n")
    export = Export(tmp_path)
    assert [kind_of(export, member) for member in export.members()] == [None, None]


# --- the owner's own files under a German name -----------------------------------------------------------------------

def test_a_german_file_name_of_the_owners_own_data_is_left_out_on_purpose(unsocial, tmp_path):
    # Before: "unknown file Berufserfahrung.csv (not a LinkedIn file this version reads) … open an issue"
    exports, rows = ingested(unsocial, tmp_path, "2026-localized-filenames-de",
                             "select member, handling from not_read order by 1")
    assert rows == [("Berufserfahrung.csv", "ignored")]
    assert exports == [(3, 3, 0)]  # the profile and the 2 connections of Kontakte.csv


def test_the_localized_file_names_are_known_in_both_forms(tmp_path):
    for export in forms("2026-localized-filenames-de", tmp_path):
        records = parse(export)
        note, = [n for n in records if isinstance(n, MemberNote) and n.member == "Berufserfahrung.csv"]
        assert (note.handling, note.note) == ("ignored", "the owner's own data, no other person")
        assert {a.account_ref for a in records if isinstance(a, Account) and a.member == "Kontakte.csv"} == {
            JONAS, AYLIN}
        assert_nothing_lost(records)
