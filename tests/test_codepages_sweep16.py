"""Address books in the code page of the user's Windows, decided from the whole file (``sources/code_pages.py``).

Outlook for Windows writes its contacts CSV with the English header on every Windows whose Outlook is English, in that
Windows' ANSI code page. Such a file was read as cp1252, every non-Western name mojibake ("£ukasz Wiœniewski",
"Ayþe Yýldýrým"), and a Russian one was taken for Greek ("Outlook CSV (Greek)") and read as Latin-1
("Íàòàëüÿ Ñîêîëîâà"). The fixtures hold four contacts, a row cut short after four fields and a row naming nobody."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import assert_nothing_lost, fixture, query, zip_folder
from ingest.models import MemberNote, Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from ingest.sources.code_pages import code_page, readable
from test_addressbook import people

FIXTURES = {
    "outlook-csv-en-cp1251": ("cp1251 (Cyrillic)", [
        ("Наталья Соколова", "n.sokolova@example.ru", "ООО «Северный ветер»", "Главный бухгалтер"),
        ("Олег Ким", "oleg.kim@example.com", None, None),
        ("Дмитрий Сергеевич Орлов", "dorlov@example.com", None, None),
        ("Типография Восток", None, "Типография Восток", None)]),
    "outlook-csv-en-cp1250": ("cp1250 (Central European)", [
        ("Łukasz Wiśniewski", "l.wisniewski@example.pl", "Piekarnia Żak", "Kierownik"),
        ("Kateřina Dvořáková", "katerina.dvorakova@example.cz", None, None),
        ("Paweł Nowak", "pawel.nowak@example.com", None, None),
        ("Autoservis Říčany", None, "Autoservis Říčany", None)]),
    "outlook-csv-en-cp1254": ("cp1254 (Turkish)", [
        ("Ayşe Yıldırım", "ayse.yildirim@example.com.tr", "Yıldırım Fırın", "Müdür"),
        ("Çağlar Öztürk", "caglar.ozturk@example.com", None, None),
        ("İsmail Şahin", "ismail.sahin@example.com", None, None),
        ("Güneş Matbaası", None, "Güneş Matbaası", None)]),
}


def records_of(export: Export) -> list:
    assert detect_source(export) is addressbook
    return list(addressbook.parse(export))


@pytest.mark.parametrize("vintage", sorted(FIXTURES))
@pytest.mark.parametrize("zipped", [False, True])
def test_an_english_outlook_csv_in_a_windows_code_page_is_read_in_it(vintage, zipped, tmp_path):
    folder = fixture("addressbook", vintage)
    records = records_of(Export(zip_folder(folder, tmp_path / f"{vintage}.zip") if zipped else folder))
    code_page_said, expected = FIXTURES[vintage]
    assert [(p[2], p[3], p[5], p[6]) for p in people(records)] == expected
    notes = [r.note for r in records if isinstance(r, MemberNote)]
    assert notes == [f"Outlook CSV; not UTF-8: read as {code_page_said}"]
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (4, "row has 4 fields, the header 92"), (7, "first name, last name, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


def test_cyrillic_is_not_read_as_greek_and_greek_still_is():
    russian = records_of(Export(fixture("addressbook", "outlook-csv-en-cp1251")))
    greek = records_of(Export(fixture("addressbook", "outlook-csv-el")))
    assert "Outlook CSV (Greek)" not in [r.note for r in russian if isinstance(r, MemberNote)]
    assert [r.note for r in greek if isinstance(r, MemberNote)] == ["Outlook CSV; not UTF-8: read as cp1253 (Greek)"]
    assert [p[2] for p in people(greek)] == ["Γιάννης Παπαδόπουλος", "Ελένη Μαρία Κωνσταντίνου", "Τυπογραφείο Ερμής"]


HEADER = ("First Name", "Last Name", "Company", "E-mail Address", "Mobile Phone")
# (code page, names written in it): each file an English Outlook header with two or three contacts
NAMES = [
    ("cp1252", ["Hélène Lefèvre", "François Béranger", "Jürgen Weiß"]),  # never Czech "Hélčne Lefčvre"
    ("cp1252", ["Åsa Lindström", "Iñaki Núñez"]),
    ("cp1250", ["Ştefan Năstase", "Ana Mureşan"]),
    ("cp1251", ["Олег Ким", "Ирина Белова"]),  # three-letter words that read as Greek too
    ("cp1253", ["Νίκος Ρήγας", "Ελένη Κωνσταντίνου"]),  # read as Cyrillic: "НЯкпт", "ЕлЭнз"
    ("cp1254", ["Çağlar Öztürk", "Gülşen Doğan"]),
    ("cp1257", ["Rūta Žukauskienė", "Jānis Bērziņš"]),
    ("cp1255", ["נועה כהן", "יוסי לוי"]),
    ("cp1256", ["ليلى حداد", "عمر فاروق"]),
    ("cp874", ["สมชาย ใจดี", "สุดา รักไทย"]),
    ("cp932", ["山田 花子", "すずき たろう", "カトウ ケン"]),
    ("cp949", ["김 민준", "이 서연"]),
    ("cp936", ["李 伟", "陈 静"]),
]


def _outlook_csv(names: list[str], encoding: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for number, name in enumerate(names):
        writer.writerow([*name.split(" ", 1), "", f"p{number}@example.com", f"+1 555 010{number}"])
    return out.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding, names", NAMES, ids=[f"{e}-{n[0]}" for e, n in NAMES])
def test_the_code_page_is_the_one_whose_words_read_as_names(encoding, names, tmp_path):
    (tmp_path / "contacts.csv").write_bytes(_outlook_csv(names, encoding))
    records = records_of(Export(tmp_path / "contacts.csv"))
    assert [p[2] for p in people(records)] == names
    assert [f"read as {encoding} (" in r.note for r in records if isinstance(r, MemberNote)] == [True]


def test_a_thunderbird_csv_with_the_system_charset_on_a_russian_windows_is_read_in_cp1251(tmp_path):
    # Thunderbird's "system charset" option writes the English header in the Windows code page too
    text = "First Name,Last Name,Display Name,Nickname,Primary Email\r\nИрина,Белова,Ирина Белова,,ib@example.ru\r\n"
    (tmp_path / "Personal Address Book.csv").write_bytes(text.encode("cp1251"))
    records = records_of(Export(tmp_path / "Personal Address Book.csv"))
    assert [p[2] for p in people(records)] == ["Ирина Белова"]


@pytest.mark.parametrize("word, codec, expected", [
    ("Müller", "cp1252", True), ("Dvoøáková", "cp1252", False), ("£ukasz", "cp1252", False),
    ("Íàòàëüÿ", "cp1252", False), ("ЕлЭнз", "cp1251", False), ("НЯкпт", "cp1251", False), ("НАТАЛЬЯ", "cp1251", True),
    ("MacÁrtaigh", "cp1252", True), ("ﾍｲ", "cp932", False),
])
def test_a_word_reads_as_a_word_of_the_code_page_or_not(word, codec, expected):
    assert readable(word, codec) is expected


def test_bytes_that_no_code_page_reads_go_to_cp1252():
    assert code_page(b"\x81\x8d\x8f\x90\x9d", ("cp1252",)) == "cp1252"
    assert code_page(b"") == "cp1252"


def test_the_code_pages_reconcile_through_the_command_line(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", *(fixture("addressbook", v) for v in sorted(FIXTURES)), "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    assert query(db, "select export_path, records_read, records_loaded, records_quarantined from ingested_exports "
                     "order by 1") == [(v, 6, 4, 2) for v in sorted(FIXTURES)]
    assert query(db, "select count(distinct display_name) from raw_accounts where display_name in ('Наталья Соколова', "
                     "'Łukasz Wiśniewski', 'Ayşe Yıldırım')") == [(3,)]
    assert [n for n in ("Соколова", "Łukasz", "Yıldırım", "example") if n in result.out + result.err] == []
    # the decision is the owner's to see, with what to do if it is wrong (the not_read view, summary.html)
    assert query(db, "select source_file, reason, is_actionable, what_to_do like 'nothing to do unless names look "
                     "garbled%' from not_read where handling = 'parsed' order by 1") == [
        (v, f"Outlook CSV; not UTF-8: read as {FIXTURES[v][0]}", False, True) for v in sorted(FIXTURES)]


def test_a_becky_address_book_in_shift_jis_is_read_in_cp932(tmp_path):
    # Becky! writes .bab files in the Windows code page, Shift_JIS on a Japanese Windows, with no CHARSET; read as
    # Latin-1 "山田 花子" was "\x8eR\x93c \x89Ô\x8eq". The last card is cut off.
    for zipped in (False, True):
        folder = fixture("addressbook", "becky-addrbook-cp932")
        records = records_of(Export(zip_folder(folder, tmp_path / "becky.zip") if zipped else folder))
        assert [(p[2], p[3], p[5]) for p in people(records)] == [
            ("山田 花子", "hanako.yamada@example.jp", "山田製作所"), ("鈴木 太郎", "taro.suzuki@example.com", None),
            ("カトウ ケン", "ken.kato@example.co.jp", None), ("東京印刷株式会社", None, "東京印刷株式会社")]
        assert [r.note for r in records if isinstance(r, MemberNote)] == ["vCards; not UTF-8: read as cp932 (Japanese)"]
        assert [(q.line, q.reason, "佐藤 由紀" in q.excerpt) for q in records if isinstance(q, Quarantined)] == [
            (39, "END:VCARD: missing (vCard cut off)", True)]
        assert_nothing_lost(records)


CARDS_21 = ("BEGIN:VCARD\r\nVERSION:2.1\r\nN:{family};{given}\r\nFN:{given} {family}\r\nEMAIL;INTERNET:{email}\r\n"
            "ORG;ENCODING=QUOTED-PRINTABLE:{org}\r\nEND:VCARD\r\n")


def _quoted(text: str, encoding: str) -> str:
    return "".join(f"={b:02X}" if b > 0x7E or b in b"=;:" else chr(b) for b in text.encode(encoding))


@pytest.mark.parametrize("encoding, people_", [
    ("cp1250", [("Łukasz", "Wiśniewski", "Piekarnia Żak"), ("Kateřina", "Dvořáková", "Pekařství Dvořák")]),
    ("cp1251", [("Наталья", "Соколова", "Типография Восток"), ("Олег", "Ким", "Северный ветер")]),
])
def test_vcards_21_without_a_charset_are_read_in_the_code_page_of_the_file(encoding, people_, tmp_path):
    # 2.1 cards as Windows programs write them on a Central European or Cyrillic Windows: 8-bit names and
    # quoted-printable values, no CHARSET anywhere; each was read as Latin-1 ("£ukasz", "Íàòàëüÿ")
    text = "".join(CARDS_21.format(given=given, family=family, email=f"p{n}@example.com", org=_quoted(org, encoding))
                   for n, (given, family, org) in enumerate(people_))
    (tmp_path / "contacts.vcf").write_bytes(text.encode(encoding))
    records = records_of(Export(tmp_path / "contacts.vcf"))
    assert [(p[2], p[5]) for p in people(records)] == [(f"{g} {f}", org) for g, f, org in people_]
    assert [r.note for r in records if isinstance(r, MemberNote)] == [
        f"vCards; not UTF-8: read as {encoding} ({'Central European' if encoding == 'cp1250' else 'Cyrillic'})"]


def test_latin_1_vcards_keep_their_note_and_their_names(tmp_path):
    org = _quoted("Bäckerei Groß", "latin-1")
    text = CARDS_21.format(given="Jürgen", family="Weiß", email="jw@example.de", org=org)
    (tmp_path / "contacts.vcf").write_bytes(text.encode("latin-1"))
    records = records_of(Export(tmp_path / "contacts.vcf"))
    assert [(p[2], p[5]) for p in people(records)] == [("Jürgen Weiß", "Bäckerei Groß")]
    assert [r.note for r in records if isinstance(r, MemberNote)] == ["vCards"]
