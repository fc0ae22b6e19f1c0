"""XING vCards: per-contact files and concatenated ones, 2.1 to 4.0, as folder and as zip."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES, fixture, zip_folder
from ingest.errors import UnknownLayoutError
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, xing
from ingest.sources.archive import Export


def parse(export: Export) -> list:
    return list(xing.parse(export))


def accounts(records) -> list[Account]:
    return [r for r in records if isinstance(r, Account)]


def by_member(records) -> dict[str, tuple]:
    return {a.member: (a.account_ref, a.display_name, a.email, a.company, a.position)
            for a in accounts(records)}


def export_of(vintage: str, form: str, tmp_path: Path) -> Export:
    folder = fixture("xing", vintage)
    if form == "folder":
        return Export(folder)
    return Export(zip_folder(folder, tmp_path / f"{vintage}.zip"))


@pytest.fixture(params=["folder", "zip"])
def vcards_2014(request, tmp_path) -> Export:
    return export_of("vcards-2014", request.param, tmp_path)


@pytest.fixture(params=["folder", "zip"])
def concatenated(request, tmp_path) -> Export:
    return export_of("concatenated-4.0", request.param, tmp_path)


def test_2014_vcards_in_latin1_quoted_printable_and_utf8(vcards_2014):
    assert by_member(parse(vcards_2014)) == {
        # 2.1, QP with CHARSET=ISO-8859-1, a soft line break inside ORG, a QP TITLE without CHARSET
        "Juergen_Strasse.vcf": ("xing-2f9a61c4e8", "Jürgen Straße", "j.strasse@example.de",
                                "Brückenbau Süd Gesellschaft mit beschränkter Haftung", "Geschäftsführer"),
        "Lukas_Berger.vcf": ("xing-8d03b7715a", "Lukas Berger", "lukas.berger@example.de", "Alpenwerk AG",
                             "Projektleiter"),
        # the namesake has no UID: keyed by the WORK e-mail, though a HOME one comes first
        "Lukas_Berger (1).vcf": ("l.berger@hafenbau.example", "Lukas Berger", "l.berger@hafenbau.example",
                                 "Hafenbau KG", "Ingenieur"),
        "Anna_Mueller.vcf": ("xing-51c0e6d2b9", "Dr. Anna Mueller", "anna.mueller@charite.example", "Charité",
                             "Researcher"),
        # CHARSET=windows-1252: 0x96 is an en dash; no UID and no e-mail: keyed by the FN
        "Chloe_Dubois.vcf": ("Chloé Dubois", "Chloé Dubois", None, "Atelier Dubois – Lyon", "Designerin"),
        # labelled CHARSET=UTF-8 but written in Latin-1; commas unescaped as 2.1 writes them
        "Zoe_Martin.vcf": ("xing-a4e2f09c13", "Zoë Martin", None, "Martin & Associés, Lyon",
                           "Beraterin, Strategie"),
        # vCard 3.0 in UTF-8 with an escaped comma in TITLE
        "Jonas_Weber.vcf": ("xing-3be1c7d9f0", "Jonas Weber", "jonas.weber@example.de", "Nordlicht GmbH",
                            "Head of Data, EMEA"),
    }


def test_names_phones_and_profile_urls(vcards_2014):
    records = {a.member: a for a in accounts(parse(vcards_2014))}
    anna, juergen = records["Anna_Mueller.vcf"], records["Juergen_Strasse.vcf"]
    assert (anna.first_name, anna.last_name) == ("Anna", "Mueller")
    assert (juergen.first_name, juergen.last_name) == ("Jürgen", "Straße")
    assert juergen.phone == "+49 711 5550120"  # the WORK number before the CELL one, as written
    assert records["Lukas_Berger (1).vcf"].profile_url == "https://www.xing.com/profile/Lukas_Berger2"
    assert {a.connected_at for a in records.values()} == {None}


def test_cut_off_download_is_quarantined_and_the_rest_loads(vcards_2014):
    records = parse(vcards_2014)
    quarantined = [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)]
    assert quarantined == [("Pieter_de_Vries.vcf", 1, "END:VCARD: missing (vCard cut off)")]
    assert len(accounts(records)) == 7


def test_every_vcard_is_loaded_or_quarantined_exactly_once(vcards_2014, concatenated):
    for export in (vcards_2014, concatenated):
        records = parse(export)
        read = {n.member: n.records_read for n in records if isinstance(n, MemberNote) and n.handling == "parsed"}
        places = Counter((r.member, r.line) for r in records if isinstance(r, (Account, Quarantined)))
        assert set(places.values()) == {1}
        assert Counter(member for member, _ in places) == Counter(read)


def test_concatenated_40_with_folding_inside_characters(concatenated):
    assert [(a.line, a.account_ref, a.display_name, a.email, a.phone, a.company)
            for a in accounts(parse(concatenated))] == [
        (1, "urn:uuid:6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b", "Aylin Demir", "aylin.demir@bogazici-labs.example",
         "+90-212-555-0142", "Boğaziçi Labs"),
        # folded between the two bytes of "ł"; the home e-mail has PREF=1, the work one PREF=2
        (13, "urn:uuid:0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d", "Tomasz Nowak", "tomasz.nowak@example.pl",
         "+48-601-555-017", "Wisła Software"),
        # FN folded inside "á"; no UID: keyed by the lowercased e-mail
        (33, "tomas.novak@example.cz", "Tomás Novak", "tomas.novak@example.cz", None, "Novak Consulting s.r.o."),
        (43, "urn:uuid:9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b", "Pieter de Vries", "pieter@example.nl", None, None),
    ]


def test_vcard_without_any_name_or_email_is_quarantined(concatenated):
    [q] = [r for r in parse(concatenated) if isinstance(r, Quarantined)]
    assert (q.member, q.line, q.reason) == ("Kontakte.vcf", 27, "FN, N, EMAIL: all missing")
    assert q.excerpt.startswith("BEGIN:VCARD\nVERSION:4.0\nUID:urn:uuid:1b2c3d4e")


def test_no_interactions_and_no_owner(vcards_2014, concatenated):
    records = parse(vcards_2014) + parse(concatenated)
    assert [r for r in records if isinstance(r, Interaction)] == []
    assert [a for a in accounts(records) if a.is_owner] == []


def test_parsing_is_deterministic(concatenated):
    assert parse(concatenated) == parse(concatenated)


# --- detection: XING or a phone's address book ------------------------------------------------

def test_2014_vcards_are_recognised_by_content_alone(vcards_2014):
    assert xing.detect(vcards_2014)  # profile and photo URLs on xing.com


def test_vcards_without_xing_marks_need_xing_in_their_path(tmp_path):
    folder = fixture("xing", "concatenated-4.0")  # one profile URL in five vCards
    assert not xing.detect(Export(folder))
    assert xing.detect(Export(folder, inbox=FIXTURES))  # seen as "xing/concatenated-4.0"
    inbox = tmp_path / "inbox"
    shutil.copytree(folder, inbox / "xing-contacts")
    assert xing.detect(Export(inbox / "xing-contacts", inbox))
    assert xing.detect(Export(zip_folder(folder, inbox / "XING_Kontakte.zip"), inbox))
    assert not xing.detect(Export(zip_folder(folder, inbox / "Kontakte.zip"), inbox))


def test_a_mixed_folder_is_claimed_only_under_a_xing_name(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(fixture("xing", "vcards-2014"), inbox / "Downloads")
    (inbox / "Downloads" / "Steuer.pdf").write_bytes(b"%PDF-1.4")
    assert not xing.detect(Export(inbox / "Downloads", inbox))  # the inbox is looked into file by file
    assert xing.detect(Export(inbox / "Downloads" / "Lukas_Berger.vcf", inbox))
    (inbox / "Downloads").rename(inbox / "XING Downloads")
    export = Export(inbox / "XING Downloads", inbox)
    assert xing.detect(export)
    assert [(n.member, n.handling) for n in parse(export) if isinstance(n, MemberNote)][-2:] == [
        ("Steuer.pdf", "unknown"), ("Zoe_Martin.vcf", "parsed")]


def test_a_facebook_download_in_a_folder_named_xing_is_read_as_facebook(tmp_path, unsocial):
    """Xing is a given name: a Facebook download unzipped into a folder named after its owner ("xing215",
    Facebook HTML pages, no vCard) was claimed by XING on the name alone, and nothing of it was read."""
    inbox = tmp_path / "inboxes" / "ana"
    shutil.copytree(fixture("facebook", "f4-2021-html-vi-own-entry"), inbox / "xing215")
    export = Export(inbox / "xing215", inbox)
    assert xing.detect(export) and xing.claimed_by_name_only(export)
    assert detect_source(export).NAME == "facebook"
    result = unsocial("ingest", inbox / "xing215", "--db", tmp_path / "u.duckdb")
    assert result.code == 0 and "facebook" in result.out


def test_a_phone_address_book_is_not_xing(tmp_path):
    # iPhone export: one contact with a XING social profile, one with a typed xing.com URL
    phone = fixture("addressbook", "phone-3.0")
    assert not xing.detect(Export(phone))
    assert not xing.detect(Export(phone / "contacts.vcf", fixture("addressbook")))
    assert not xing.detect(Export(zip_folder(phone, tmp_path / "contacts.zip")))


@pytest.mark.parametrize("line, is_xing", [
    ("URL:https://www.xing.com/profile/Jonas_Weber", True),
    ("item1.URL;type=pref:xing.com/profile/Jonas_Weber", True),
    ("PHOTO;VALUE=URL:https://profile-images.xing.com/images/1-jonas.jpg", True),
    ("PRODID:-//XING AG//vCard export//DE", True),
    ("X-XING-PROFILE-ID:12345", True),
    ("X-SOCIALPROFILE;type=xing:http://www.xing.com/profile/Jonas_Weber", False),  # an iPhone's link
    ("URL:https://www.example.de/?ref=xing.com", False),
    ("URL:https://notxing.com/jonas", False),
])
def test_xing_marks_on_a_vcard(tmp_path, line, is_xing):
    path = tmp_path / "Jonas_Weber.vcf"
    path.write_text(f"BEGIN:VCARD\nVERSION:3.0\nFN:Jonas Weber\n{line}\nEND:VCARD\n", encoding="utf-8")
    assert xing.detect(Export(path)) is is_xing


def test_linkedin_and_journal_exports_are_not_xing():
    assert not xing.detect(Export(fixture("linkedin", "2024-complete")))
    assert not xing.detect(Export(fixture("journal", "comma", "journal.csv")))


# --- a XING-named zip of vCards and files of no known shape (the data copy itself: test_xing_copy.py) ----------

def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_data_copy_vcards_are_read_and_other_files_listed_as_unknown(tmp_path):
    jonas = (fixture("xing", "vcards-2014") / "Jonas_Weber.vcf").read_bytes()
    export = Export(make_zip(tmp_path / "XING_Datenkopie_2026.zip", {
        "Kontakte/Jonas_Weber.vcf": jonas, "Profil.json": b"{}", "Nachrichten.csv": b"Datum,Von\n"}))
    assert xing.detect(export)
    records = parse(export)
    assert [a.display_name for a in accounts(records)] == ["Jonas Weber"]
    assert {n.member: n.handling for n in records if isinstance(n, MemberNote)} == {
        "Kontakte/Jonas_Weber.vcf": "parsed", "Nachrichten.csv": "unknown", "Profil.json": "unknown"}


def test_data_copy_without_vcards_is_an_unknown_layout(tmp_path):
    export = Export(make_zip(tmp_path / "xing-datenkopie.zip",
                             {"Kontakte.csv": b"Vorname,Nachname\nJonas,Weber\n", "Profil.json": b"{}"}))
    assert xing.detect(export)
    with pytest.raises(UnknownLayoutError) as error:
        parse(export)
    assert "no vCard among its files (1 .csv, 1 .json)" in str(error.value)
    assert "Jonas" not in str(error.value)
    assert not xing.detect(Export(make_zip(tmp_path / "export.zip", {"Profil.json": b"{}"})))


# --- real-world damage and mixtures -----------------------------------------------------------

def test_mixed_encodings_in_one_concatenated_file(tmp_path):
    """A member who ran `cat *.vcf` over downloads of different years: UTF-8 and Latin-1 in one file."""
    folder = fixture("xing", "vcards-2014")
    path = tmp_path / "alle.vcf"
    # the UTF-8 one was saved by a Windows editor: its BOM now stands in the middle of the file
    path.write_bytes((folder / "Juergen_Strasse.vcf").read_bytes() + b"\xef\xbb\xbf"
                     + (folder / "Jonas_Weber.vcf").read_bytes())
    assert [(a.line, a.display_name, a.company) for a in accounts(parse(Export(path)))] == [
        (1, "Jürgen Straße", "Brückenbau Süd Gesellschaft mit beschränkter Haftung"),
        (17, "Jonas Weber", "Nordlicht GmbH")]


@pytest.mark.parametrize("lines, name", [
    ([b"VERSION:2.1", b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB Martin"], "Zoë Martin"),  # Android
    ([b"VERSION:2.1", b"FN;QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Zo=EB Martin"], "Zoë Martin"),  # bare 2.1 parameter
    ([b"VERSION:2.1", b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Zo=C3=", b"=AB Martin"], "Zoë Martin"),
    ([b"VERSION:2.1", b"FN:Zo\xeb Martin"], "Zoë Martin"),  # raw Latin-1 without any CHARSET
    ([b"VERSION:2.1", b"FN;CHARSET=x-unknown:Zo\xeb Martin"], "Zoë Martin"),
    ([b"VERSION:2.1", b"FN;CHARSET=ISO-8859-1:Zo\xeb \x93Zo\x94 Martin"], "Zoë “Zo” Martin"),  # cp1252 really
    ([b"VERSION:3.0", b"FN:Zo\xc3", b" \xab Martin"], "Zoë Martin"),  # folded inside "ë"
])
def test_charsets_and_encodings(tmp_path, lines, name):
    path = tmp_path / "Zoe_Martin.vcf"
    path.write_bytes(b"\r\n".join([b"BEGIN:VCARD", *lines, b"END:VCARD", b""]))
    assert [a.display_name for a in accounts(parse(Export(path)))] == [name]


def test_damaged_vcards_in_one_file(tmp_path):
    path = tmp_path / "kontakte.vcf"
    path.write_text(
        "Gespeichert am 01.02.2026\n"                                    # 1: text outside any vCard
        "BEGIN:VCARD\nVERSION:3.0\nFN:Aylin Demir\n"                     # 2: cut off by the next BEGIN
        "BEGIN:VCARD\nVERSION:3.0\nFN:Jonas Weber\nEMAIL;TYPE=\"work:jonas.weber@example.de\nEND:VCARD\n"  # 5
        "BEGIN:VCARD\nVERSION:3.0\nFN:Pieter de Vries\nNOTE;X=\"a:b\nPHOTO;ENCODING=b:@@@\nEND:VCARD\n",  # 10
        encoding="utf-8")
    records = parse(Export(path))
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (1, "BEGIN:VCARD: missing (text outside any vCard)"),
        (2, "END:VCARD: missing (vCard cut off)"),
        (5, "EMAIL: line cannot be parsed")]
    # a broken NOTE or photo does not cost the contact: only the properties an Account needs are read
    assert [(a.line, a.display_name) for a in accounts(records)] == [(10, "Pieter de Vries")]
    assert [n.records_read for n in records if isinstance(n, MemberNote)] == [4]


def test_utf16_vcard_from_windows(tmp_path):
    path = tmp_path / "Chloe.vcf"
    path.write_bytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Chloé Dubois\r\nEND:VCARD\r\n".encode("utf-16"))
    assert xing.detect(Export(path, tmp_path.parent)) is False  # no XING mark, no hint
    assert [a.account_ref for a in accounts(parse(Export(path)))] == ["Chloé Dubois"]


def test_counts_reconcile_through_the_command_line(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(fixture("xing", "vcards-2014"), inbox / "xing-2014")
    zip_folder(fixture("xing", "concatenated-4.0"), inbox / "XING_Kontakte.zip")
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", inbox / "xing-2014", inbox / "XING_Kontakte.zip", "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select export_path, records_read, records_loaded, records_quarantined "
                           "from ingested_exports order by 1").fetchall() == [
            ("XING_Kontakte.zip", 5, 4, 1), ("xing-2014", 8, 7, 1)]
    names = ("Jürgen", "Straße", "Lukas", "Berger", "Aylin", "Tomasz", "Wisła", "example.de", "hafenbau")
    assert [n for n in names if n in result.out + result.err] == []


# --- XING's "CSV for Outlook" (until 2014) ----------------------------------------------------------

def test_xing_csv_export_is_read_as_xing_contacts(tmp_path):
    folder = fixture("xing", "csv-outlook-2013")
    zipped = Export(zip_folder(folder, tmp_path / "k.zip"))
    for export in (Export(folder), Export(folder / "XING_Kontakte.csv"), zipped):
        assert xing.detect(export)
        assert [(a.line, a.platform, a.account_ref, a.display_name, a.company, a.position)
                for a in accounts(parse(export))] == [
            (2, "xing", "lukas.berger@example.de", "Lukas Berger", "Alpenwerk AG", "Projektleiter"),
            (3, "xing", "aylin@bogazici-labs.example", "Aylin Demir", "Bogazici Labs", "CTO")]


def test_an_outlook_csv_not_named_after_xing_is_an_address_book(tmp_path):
    path = tmp_path / "Kontakte.csv"
    shutil.copy(fixture("xing", "csv-outlook-2013", "XING_Kontakte.csv"), path)
    assert not xing.detect(Export(path))
    assert detect_source(Export(path)).NAME == "addressbook"
