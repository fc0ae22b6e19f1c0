"""vCard shapes found in the vCard-corpus sweep (phones' and mail programs' test corpora): Becky! Internet Mail's
address book, a folder of ``.bab`` files of vCards (docs/formats.md, address book)."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from test_addressbook import evidence, people

BECKY = fixture("addressbook", "becky-addrbook")


@pytest.fixture(params=["folder", "zip"])
def becky(request, tmp_path) -> Export:
    return Export(BECKY) if request.param == "folder" else Export(zip_folder(BECKY, tmp_path / "AddrBook.zip"))


def test_a_becky_address_book_folder_is_an_address_book(becky):
    # its .bab files were no vCards by name: the whole folder was "not a recognised export"
    assert detect_source(becky) is addressbook


def test_every_becky_card_is_read_with_its_e_mails_and_phones(becky):
    records = list(addressbook.parse(becky))
    assert people(records) == [
        (1, "5A1C03E2.00412B7D", "Hanna Ito", "hanna.ito@example.jp", "03-5550-0101", "Kobo Design", None),
        (13, "5A1C0411.0009E3C4", "Kenji Mori", "k.mori@example.co.jp", "06-5550-0177", "Mori Printing", None),
        (1, "5B2D1E07.0031C5A2", "Yuki Sato", "yuki.sato@example.org", None, None, None),
    ]
    assert evidence(records, "5A1C03E2.00412B7D") == (["hanna.ito@example.jp", "hanna@example.net"],
                                                      ["03-5550-0101", "090-5550-0102"])
    quarantined = [(q.member.rsplit("/", 1)[-1], q.line, q.reason) for q in records if isinstance(q, Quarantined)]
    assert quarantined == [("5a1c03e2.bab", 23, "FN, N, EMAIL, TEL: all missing")]
    assert [n.records_read for n in records if isinstance(n, MemberNote)] == [3, 1]
    assert_nothing_lost(records)


def test_becky_s_one_string_n_is_a_nickname_not_a_family_name(becky):
    # Becky! keeps a nickname ("Hanna-chan") or the name again ("Kenji Mori") in N; FN is the name
    names = {(a.display_name, a.first_name, a.last_name) for a in addressbook.parse(becky) if isinstance(a, Account)}
    assert names == {("Hanna Ito", None, None), ("Kenji Mori", None, None), ("Yuki Sato", None, None)}


def _card(tmp_path, name: str, lines: list[str]) -> list:
    (tmp_path / name).write_text("\n".join(["BEGIN:VCARD", *lines, "END:VCARD", ""]), encoding="ascii")
    return [a for a in addressbook.parse(Export(tmp_path)) if isinstance(a, Account)]


def test_a_becky_card_without_fn_is_named_by_its_n(tmp_path):
    accounts = _card(tmp_path, "5c3e2f18.bab", ["UID:5C3E2F18.0001A2B3", "X-BECKY-IMAGE:0", "N:Oma Ruth",
                                                "TEL;CELL:0171 5550123"])
    assert [(a.display_name, a.last_name, a.phone) for a in accounts] == [("Oma Ruth", None, "0171 5550123")]


def test_an_n_of_one_string_on_another_card_stays_a_family_name(tmp_path):
    # only Becky!'s cards hold a nickname there (AOSP's v21_adr_multiple_line.vcf: "N:bogus", a family name)
    accounts = _card(tmp_path, "contacts.vcf", ["VERSION:2.1", "N:Lindqvist", "TEL;CELL:+46 70 555 01 23"])
    assert [(a.display_name, a.last_name) for a in accounts] == [("Lindqvist", "Lindqvist")]


def test_a_bab_file_that_is_no_vcard_is_listed_not_read(tmp_path):
    (tmp_path / "AddrBook").mkdir()
    (tmp_path / "AddrBook" / "5d4f3a29.bab").write_text(
        "BEGIN:VCARD\nFN:Ines Walter\nX-BECKY-IMAGE:0\nEMAIL;PREF:ines@example.de\nEND:VCARD\n", encoding="ascii")
    (tmp_path / "AddrBook" / "backup.bab").write_bytes(b"\x00\x01BAB\x00 not a vCard")
    records = list(addressbook.parse(Export(tmp_path)))
    assert [a.display_name for a in records if isinstance(a, Account)] == ["Ines Walter"]
    assert [(n.member, n.handling) for n in records if isinstance(n, MemberNote) and n.handling == "unknown"] == [
        ("AddrBook/backup.bab", "unknown")]
