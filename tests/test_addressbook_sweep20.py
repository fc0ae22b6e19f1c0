"""Old phones' phone books that were lost (docs/formats.md, address book): a Sony Ericsson vCard ending in
``END:VCARD.``, and Gammu's (and Wammu's) phone backup ``*.backup``, refused whole as no export."""

from __future__ import annotations

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.errors import UnreadableExportError
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, detect_source, gammu_backup, tabular
from ingest.sources.archive import Export
from test_addressbook import evidence, ingest_books, parsed, people

END_DOT = "sonyericsson-2.1-end-dot"
UCS2 = "gammu-backup-ucs2"
ASCII = "gammu-backup-ascii"
HEADER = ("; This file format was designed for Gammu and is compatible with Gammu+\n"
          '[Backup]\nIMEI = ""\nFormat = 1.05\n')


def note(records) -> MemberNote:
    return next(r for r in records if isinstance(r, MemberNote))


def refused(records) -> list[tuple[int, str]]:
    return [(q.line, q.reason) for q in records if isinstance(q, Quarantined)]


def one_file(tmp_path, name: str, data: bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    export = Export(path)
    assert detect_source(export) is addressbook
    return list(addressbook.parse(export))


def backup(*sections: str, encoding: str = "utf-16") -> bytes:
    """A Gammu backup of these sections, CRLF, UTF-16 with a BOM as ``gammu backup`` writes it."""
    return "\r\n".join([*HEADER.splitlines(), "", *sections]).encode(encoding)


def entry(name: str, *values: tuple[str, str]) -> str:
    lines = [f"[{name}]", "Location = 001"]
    for number, (kind, text) in enumerate(values):
        lines += [f"Entry{number:02d}Type = {kind}", f'Entry{number:02d}Text = "{text}"']
    return "\r\n".join([*lines, ""])


# --- 1. a vCard ending in END:VCARD. -------------------------------------------------------------------------------

def test_a_sony_ericsson_card_ending_in_a_full_stop_is_read_whole():
    records = parsed(END_DOT)
    assert people(records) == [
        (1, "camille.moreau@example.fr", "Camille Moreau", "camille.moreau@example.fr", "+33655500107", None, None),
        (8, "lucas.garnier@example.fr", "Lucas Garnier", "lucas.garnier@example.fr", "+33169555010", None, None)]
    assert refused(records) == []  # before: "END:VCARD: missing (vCard cut off)"
    assert_nothing_lost(records)


@pytest.mark.parametrize("end, cut_off", [("END:VCARD.", False), ("END:VCARD. ", False), ("end:vcard;", False),
                                          ("END:VCARD", False), ("END:VCARDS", True), ("END:VCARD.X", True)])
def test_only_punctuation_after_end_vcard_is_tolerated(tmp_path, end, cut_off):
    card = f"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Moreau;Camille\r\n{end}\r\n"
    records = one_file(tmp_path, "phonebook.vcf", card.encode())
    assert refused(records) == ([(1, "END:VCARD: missing (vCard cut off)")] if cut_off else [])


# --- 2. Gammu's phone backup ----------------------------------------------------------------------------------------

def test_a_gammu_backup_is_read_as_an_address_book():
    records = parsed(UCS2)
    assert people(records) == [
        (10, "jonas.becker@example.com", "Jonas Becker", "jonas.becker@example.com", "+49 30 5550102", None, None),
        (26, "zofia@example.org", "Zofia Wiśniewska", "zofia@example.org", "030 5550103", "Muster, Berg & Partner",
         "Einkauf"),
        (61, "Kalle", "Kalle", None, "0176 5550104", None, None),  # a nickname alone
        (68, "Guthaben", "Guthaben", None, None, None, None),  # the SIM's balance code: no number, as in a vCard
        (75, "Jonas Becker", "Jonas Becker", None, "01705550101", None, None)]  # the SIM's copy of a contact
    assert refused(records) == [(56, "Name, FirstName, LastName, Email, Number…: all missing")]  # a note only
    assert_nothing_lost(records)


def test_every_number_and_e_mail_of_an_entry_is_evidence_but_its_fax():
    records = parsed(UCS2)
    assert evidence(records, "zofia@example.org") == (["zofia@example.org", "z.wisniewska@example.net"],
                                                      ["030 5550103"])
    assert evidence(records, "jonas.becker@example.com") == (["jonas.becker@example.com"],
                                                             ["+49 30 5550102", "+491705550101"])
    [zofia] = [a for a in records if isinstance(a, Account) and a.email == "zofia@example.org"]
    assert (zofia.first_name, zofia.last_name) == ("Zofia", "Wiśniewska")
    assert zofia.profile_url == "https://www.linkedin.com/in/zofia-wisniewska-example"


def test_calendar_entries_and_an_operators_code_are_counted_as_left_out():
    assert note(parsed(UCS2)).note == (
        "phone-book entries of a Gammu backup; operators' codes and SMS senders without a name, not people (left "
        "out): 1; calendar entries, to-do items and notes of a phone backup, not people (left out): 3")


def test_an_entry_gives_the_accounts_the_same_vcard_gives(tmp_path):
    card = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8:Wiśniewska;Zofia\r\nTEL;HOME:030 5550103\r\n"
            "TEL;FAX:+49 30 5550199\r\nEMAIL;INTERNET:zofia@example.org\r\nEMAIL;INTERNET:z.wisniewska@example.net\r\n"
            "ORG:Muster, Berg & Partner\r\nTITLE:Einkauf\r\n"
            "URL:https://www.linkedin.com/in/zofia-wisniewska-example\r\nEND:VCARD\r\n")
    from_card = [a for a in one_file(tmp_path, "phonebook.vcf", card.encode()) if isinstance(a, Account)]
    from_backup = [a for a in parsed(UCS2) if isinstance(a, Account) and a.account_ref == "zofia@example.org"]
    fields = ("account_ref", "display_name", "first_name", "last_name", "email", "phone", "profile_url", "company",
              "position")
    rows = [[getattr(a, f) for f in fields] for a in from_backup]
    assert rows == [[getattr(a, f) for f in fields] for a in from_card]


def test_a_backup_without_unicode_reads_the_hex_text_in_place_of_the_text():
    records = parsed(ASCII)
    assert people(records) == [
        (9, "anais.lefevre@example.fr", "Anaïs Lefèvre", "anais.lefevre@example.fr", "+33 6 55 50 01 05", None, None),
        (24, "Mélanie Roux", "Mélanie Roux", None, "+33 1 55 50 01 06", None, None)]  # no hex: its cp1252 text
    assert_nothing_lost(records)


def test_national_numbers_are_read_in_the_books_country_as_a_vcard_files_are(tmp_path):
    french = [entry(f"PhonePBK{i:03d}", ("Name", f"Person {i}"), ("NumberMobile", f"+33 6 55 50 01 {i:02d}"))
              for i in range(10)]
    records = one_file(tmp_path, "phone.backup", backup(*french, entry("PhonePBK011", ("Name", "Inès Petit"),
                                                                       ("NumberMobile", "06 55 50 01 99"))))
    assert evidence(records, "Inès Petit") == ([], ["+33655500199"])
    assert note(records).note == ("phone-book entries of a Gammu backup; numbers without a country code read in FR "
                                  "(10 of the 10 numbers written with a country code are +33)")


@pytest.mark.parametrize("vintage", [UCS2, ASCII])
def test_a_single_backup_and_a_zip_are_read_alike(vintage, tmp_path):
    folder = fixture("addressbook", vintage)
    [member] = list(folder.iterdir())
    single, zipped = Export(member, tmp_path), Export(zip_folder(folder, tmp_path / "backup.zip"), tmp_path)
    assert detect_source(single) is addressbook and detect_source(zipped) is addressbook
    assert people(addressbook.parse(single)) == people(addressbook.parse(zipped)) == people(parsed(vintage))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le", "utf-8", "utf-8-sig", "cp1252"])
def test_a_backup_is_read_in_any_encoding_gammu_or_an_editor_leaves(tmp_path, encoding):
    records = one_file(tmp_path, "phone.bak", backup(entry("PhonePBK001", ("Name", "Zoë Brandt"),
                                                           ("NumberMobile", "+491705550111")), encoding=encoding))
    assert people(records) == [(6, "Zoë Brandt", "Zoë Brandt", None, "+491705550111", None, None)]


def test_a_backup_of_the_calendar_alone_has_no_people(tmp_path):
    records = one_file(tmp_path, "calendar.backup", backup("[Calendar001]\r\nType = MEETING\r\nText = \"Review\"\r\n",
                                                           "[TODO001]\r\nText = \"Call the landlord\"\r\n"))
    assert [(n.handling, n.records_read) for n in records if isinstance(n, MemberNote)] == [("no_people", 0)]


SIM_ENTRY = entry("SIMPBK001", ("Name", "Jonas Becker"), ("NumberGeneral", "+491705550101"))


@pytest.mark.parametrize("name, data", [
    ("01.backup", b'[SMSBackup000]\nSMSC = "1234"\nNumber = "1234"\nText00 = 00310032\n'),  # gammu backupsms
    ("settings.backup", f"[Backup]\nCreator = \"someone\"\n\n{SIM_ENTRY}".encode()),  # no Format: not Gammu's
    ("folder.ini", b"[.ShellClassInfo]\nIconResource=C:\\icon.dll,0\n"),
    ("phone.backup", b"PK\x03\x04\x14\x00\x00\x00\xff\xfe a zip named .backup"),
    ("phone.backup", b"\xff\xfe" + b"\x00\xd8" * 3000),  # UTF-16 of lone surrogates only
])
def test_a_file_that_is_no_gammu_backup_is_not_claimed(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    assert gammu_backup.backup_members(Export(path)) == []
    assert detect_source(Export(path)) is None


def test_a_backup_beside_vcards_is_read_and_another_backup_file_listed_unknown(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "phone.backup").write_bytes(backup(SIM_ENTRY))
    (tmp_path / "book" / "sms.backup").write_bytes(b'[SMSBackup000]\r\nNumber = "1234"\r\n')
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Brandt\r\nEND:VCARD\r\n"
    (tmp_path / "book" / "contacts.vcf").write_bytes(card.encode())
    export = Export(tmp_path / "book")
    assert detect_source(export) is addressbook
    records = list(addressbook.parse(export))
    assert [(a.member, a.display_name) for a in records if isinstance(a, Account)] == [
        ("contacts.vcf", "Zoë Brandt"), ("phone.backup", "Jonas Becker")]
    assert [(n.member, n.handling) for n in records if isinstance(n, MemberNote) and n.handling == "unknown"] == [
        ("sms.backup", "unknown")]


# --- hostile input ---------------------------------------------------------------------------------------------------

def test_a_line_too_long_refuses_the_file_with_its_reason(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_LINE", 1 << 10)
    path = tmp_path / "phone.backup"
    path.write_bytes(backup(entry("PhonePBK001", ("Name", "x" * 4096))))
    with pytest.raises(UnreadableExportError, match=r"phone.backup: a line longer than .*\(not a Gammu backup\?\)"):
        list(addressbook.parse(Export(path)))


def test_an_entry_over_the_limit_is_quarantined_and_the_next_one_loads(tmp_path, monkeypatch):
    monkeypatch.setenv("UNSOCIAL_MAX_VCARD_PROPERTIES", "3")
    many = entry("PhonePBK001", *[("Email", f"jonas{i}@example.com") for i in range(5)])
    records = one_file(tmp_path, "phone.backup", backup(many, SIM_ENTRY))
    assert refused(records) == [(6, "Gammu backup: an entry of more than 3 values (limit "
                                    "UNSOCIAL_MAX_VCARD_PROPERTIES)")]
    assert [a.display_name for a in records if isinstance(a, Account)] == ["Jonas Becker"]
    assert_nothing_lost(records)


def test_a_damaged_entry_costs_only_itself(tmp_path):
    damaged = entry("PhonePBK001", ("Name", "Zoë Brandt")) + "\x00\x13garbage without an equals sign\r\n"
    records = one_file(tmp_path, "phone.backup", backup(damaged, SIM_ENTRY))
    assert refused(records) == [(6, "Gammu backup: line cannot be parsed (not 'name = value')")]
    assert [a.display_name for a in records if isinstance(a, Account)] == ["Jonas Becker"]
    assert "Zoë" not in refused(records)[0][1]


# --- through the command line ----------------------------------------------------------------------------------------

def test_the_new_books_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", END_DOT, UCS2, ASCII)
    assert counts == [(ASCII, "addressbook", 2, 2, 0), (UCS2, "addressbook", 6, 5, 1),
                      (END_DOT, "addressbook", 2, 2, 0)]
    with duckdb.connect(str(tmp_path / "u.duckdb"), read_only=True) as con:
        rows = con.execute("select member, handling, what_to_do from not_read where source_file = ? order by 1, 2",
                           [UCS2]).fetchall()
    assert rows == [
        ("phone.backup", "parsed", "the phone's calendar in a Gammu backup is not read: to count its meetings, "
                                   "convert it with \"gammu convertbackup <file>.backup calendar.ics\" and ingest "
                                   "that file"),
        ("phone.backup", "quarantined", "nothing to do: the entry names nobody (no name, e-mail or phone)")]
