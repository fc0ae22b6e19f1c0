"""Outlook for Windows' contacts CSV in every language Outlook writes it (``sources/data/outlook_contacts_columns.csv``,
from Exchange's OutlookCsvLanguageSelect): a header in the user's language, in that language's Windows code page. In
a language no hand-written shape named (Russian, Czech, Turkish, Japanese, Swedish, Lithuanian, Hebrew, Arabic, Thai,
…) the whole file was refused and everyone in it lost; Greek, whose Outlook writes the English header in cp1253, lost
every name to mojibake."""

from __future__ import annotations

import csv
import io

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Quarantined
from ingest.sources import addressbook, contacts_csv, contacts_shapes, detect_source
from ingest.sources.archive import Export
from ingest.sources.tabular import decodes
from test_addressbook import evidence, ingest_books, people

LANGUAGES = ("ru", "cs", "tr", "ja", "sv", "el", "lt", "he", "ar", "th")


def parsed(vintage: str, zipped_in=None) -> list:
    folder = fixture("addressbook", vintage)
    export = Export(zip_folder(folder, zipped_in / f"{vintage}.zip") if zipped_in else folder)
    assert detect_source(export) is addressbook
    return list(addressbook.parse(export))


def quarantined(records) -> list[tuple]:
    return [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)]


# Each fixture: a contact with company, job title, business and mobile phone (and a fax, no phone); one whose first
# e-mail is an Exchange path (E-mail Type EX) and whose second is an address, with a home phone (and a pager, no
# phone); a company without a name; a row naming nobody. Written by Outlook's columns in the language's code page.
EXPECTED = {
    "ru": ("Контакты.CSV", "имя, фамилия", [
        (2, "n.sokolova@example.ru", "Наталья Соколова", "n.sokolova@example.ru", "+7 495 555-01-42",
         "ООО Северный ветер", "Главный бухгалтер"),
        (3, "dorlov@example.com", "Дмитрий Сергеевич Орлов", "dorlov@example.com", "+7 812 555-02-10", None, None),
        (4, "Типография Восток", "Типография Восток", None, "+7 343 555-03-00", "Типография Восток", None)]),
    "cs": ("Kontakty.CSV", "jméno, příjmení", [
        (2, "katerina.dvorakova@example.cz", "Kateřina Dvořáková", "katerina.dvorakova@example.cz",
         "+420 221 555 142", "Pekařství Dvořák", "Vedoucí"),
        (3, "tomas.cerny@example.com", "Tomáš Jiří Černý", "tomas.cerny@example.com", "+420 543 555 210", None, None),
        (4, "Autoservis Říčany", "Autoservis Říčany", None, "+420 323 555 300", "Autoservis Říčany", None)]),
    "tr": ("Kişiler.CSV", "i̇lk adı, soyadı", [
        (2, "ayse.yildirim@example.com.tr", "Ayşe Yıldırım", "ayse.yildirim@example.com.tr", "+90 212 555 01 42",
         "Yıldırım Fırın", "Müdür"),
        (3, "caglar.ozturk@example.com", "Çağlar Emre Öztürk", "caglar.ozturk@example.com", "+90 312 555 02 10", None,
         None),
        (4, "Güneş Matbaası", "Güneş Matbaası", None, "+90 232 555 03 00", "Güneş Matbaası", None)]),
    "ja": ("連絡先.CSV", "名, 姓", [
        (2, "hanako.yamada@example.jp", "花子 山田", "hanako.yamada@example.jp", "03-5555-0142", "山田製作所", "部長"),
        (3, "taro.suzuki@example.com", "太郎 鈴木", "taro.suzuki@example.com", "06-5555-0210", None, None),
        (4, "東京印刷株式会社", "東京印刷株式会社", None, "045-555-0300", "東京印刷株式会社", None)]),
    "sv": ("Kontakter.CSV", "förnamn, efternamn", [
        (2, "asa.lindstrom@example.se", "Åsa Lindström", "asa.lindstrom@example.se", "+46 8 555 014 20",
         "Lindströms Bageri", "Föreståndare"),
        (3, "po.hakansson@example.com", "Per-Olof Erik Håkansson", "po.hakansson@example.com", "+46 31 555 021 00",
         None, None),
        (4, "Bilverkstad Söder", "Bilverkstad Söder", None, "+46 40 555 030 00", "Bilverkstad Söder", None)]),
    "el": ("Επαφές.CSV", "first name, last name", [
        (2, "g.papadopoulos@example.gr", "Γιάννης Παπαδόπουλος", "g.papadopoulos@example.gr", "+30 210 555 0142",
         "Φούρνος Παπαδόπουλος", "Διευθυντής"),
        (3, "eleni.k@example.com", "Ελένη Μαρία Κωνσταντίνου", "eleni.k@example.com", "+30 2310 555 210", None, None),
        (4, "Τυπογραφείο Ερμής", "Τυπογραφείο Ερμής", None, "+30 2610 555 300", "Τυπογραφείο Ερμής", None)]),
    "lt": ("Kontaktai.CSV", "vardas, pavardė", [
        (2, "ruta.zukauskiene@example.lt", "Rūta Žukauskienė", "ruta.zukauskiene@example.lt", "+370 5 555 0142",
         "Kepykla Žiedas", "Vadovė"),
        (3, "m.simkus@example.com", "Mindaugas Jonas Šimkus", "m.simkus@example.com", "+370 37 555 210", None, None),
        (4, "Spaustuvė Šiaurė", "Spaustuvė Šiaurė", None, "+370 46 555 300", "Spaustuvė Šiaurė", None)]),
    "he": ("אנשי קשר.CSV", "שם פרטי, שם משפחה", [
        (2, "noa.cohen@example.co.il", "נועה כהן", "noa.cohen@example.co.il", "+972 3 555 0142", "מאפיית כהן", "מנהלת"),
        (3, "yossi.levi@example.com", "יוסי דוד לוי", "yossi.levi@example.com", "+972 4 555 0210", None, None),
        (4, "דפוס הצפון", "דפוס הצפון", None, "+972 8 555 0300", "דפוס הצפון", None)]),
    "ar": ("جهات الاتصال.CSV", "الاسم الأول, اسم العائلة", [
        (2, "layla.haddad@example.sa", "ليلى حداد", "layla.haddad@example.sa", "+966 11 555 0142", "مخبز حداد",
         "مديرة"),
        (3, "omar.nassar@example.com", "عمر خالد نصار", "omar.nassar@example.com", "+966 12 555 0210", None, None),
        (4, "مطبعة الشروق", "مطبعة الشروق", None, "+966 13 555 0300", "مطبعة الشروق", None)]),
    "th": ("ที่ติดต่อ.CSV", "ชื่อ, นามสกุล", [
        (2, "somsri.jaidee@example.co.th", "สมศรี ใจดี", "somsri.jaidee@example.co.th", "+66 2 555 0142",
         "ร้านขนมใจดี", "ผู้จัดการ"),
        (3, "prasert.w@example.com", "ประเสริฐ วงศ์ทอง", "prasert.w@example.com", "+66 53 555 0210", None, None),
        (4, "โรงพิมพ์รุ่งเรือง", "โรงพิมพ์รุ่งเรือง", None, "+66 76 555 0300", "โรงพิมพ์รุ่งเรือง", None)]),
}


MOBILES = {"ru": "+7 916 555-01-43", "cs": "+420 602 555 143", "tr": "+90 532 555 01 43", "ja": "090-5555-0143",
           "sv": "+46 70 555 01 43", "el": "+30 694 555 0143", "lt": "+370 612 55143", "he": "+972 52 555 0143",
           "ar": "+966 50 555 0143", "th": "+66 81 555 0143"}


@pytest.mark.parametrize("form", ["folder", "zip"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_an_outlook_csv_in_the_language_is_read(language, form, tmp_path):
    member, name_columns, expected = EXPECTED[language]
    records = parsed(f"outlook-csv-{language}", tmp_path if form == "zip" else None)
    assert people(records) == expected
    first, second = expected[0], expected[1]
    assert evidence(records, first[1]) == ([first[3]], [first[4], MOBILES[language]])  # the business fax is no phone
    assert evidence(records, second[1]) == ([second[3]], [second[4]])  # no Exchange path; the pager is no phone
    assert quarantined(records) == [(member, 5, f"{name_columns}, e-mail and phone columns: all empty")]
    assert_nothing_lost(records)


# --- every language of the table, from a header made from it ----------------------------------------------------

def _table() -> dict[str, list[dict[str, str]]]:
    languages: dict[str, list[dict[str, str]]] = {}
    with open(contacts_shapes.OUTLOOK_COLUMNS, encoding="utf-8") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            languages.setdefault(row["locale"], []).append(row)
    return languages


TABLE = _table()


def test_the_table_holds_every_language_exchange_lists_but_english_and_greek():
    assert len(TABLE) == 33
    assert {rows[0]["code_page"] for rows in TABLE.values()} == {
        "cp1250", "cp1251", "cp1252", "cp1254", "cp1255", "cp1256", "cp1257", "cp874", "cp932", "cp936", "cp949",
        "cp950"}
    for locale, rows in TABLE.items():
        fields = [row["field"] for row in rows]
        assert fields.count("given") == fields.count("family") == 1, locale
        assert fields.count("email") >= 3 and fields.count("phone") >= 13, locale
        assert not any(word in row["column"].casefold() for row in rows for word in ("fax", "pager", "telex")), locale


def _made_from_table(rows: list[dict[str, str]], encoding: str) -> bytes:
    """Every column of a language, quoted as Outlook quotes; one contact: its company the word for "company" in the
    language's own script, to show the file is read in the right code page."""
    columns = list(dict.fromkeys(row["column"] for row in rows))
    field = {row["field"]: row["column"] for row in reversed(rows)}  # each field's first column
    values = {field["given"]: "Ana", field["family"]: "Example", field["company"]: field["company"],
              field["email"]: "ana@example.org", field["phone"]: "+1 555 0100"}
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows([columns, [values.get(column, "") for column in columns]])
    return out.getvalue().encode(encoding)


@pytest.mark.parametrize("encoding", ["code page", "utf-8"])
@pytest.mark.parametrize("locale", sorted(TABLE))
def test_every_language_of_the_table_is_recognised_and_read(locale, encoding, tmp_path):
    rows = TABLE[locale]
    path = tmp_path / "contacts.csv"
    path.write_bytes(_made_from_table(rows, rows[0]["code_page"] if encoding == "code page" else "utf-8"))
    export = Export(path)
    assert contacts_csv.shape_of(export, export.members()[0]).name == f"Outlook CSV ({rows[0]['language']})"
    company = next(row["column"] for row in rows if row["field"] == "company")
    assert people(addressbook.parse(export)) == [
        (2, "ana@example.org", "Ana Example", "ana@example.org", "+1 555 0100", company, None)]


def test_a_japanese_file_whose_first_8_kib_end_inside_a_character_is_read(tmp_path):
    # the header is told from the file's first 8 KiB; in cp932 they may end on the first byte of a character, and
    # such a head, undecodable as cp932, was read as Latin-1: no header of any language
    header, row = fixture("addressbook", "outlook-csv-ja", "連絡先.CSV").read_bytes().split(b"\r\n")[:2]
    for pad in range(len(row)):  # spaces in the first row's (empty) courtesy title move the boundary
        first = row.replace(b'""', b'"' + b" " * pad + b'"', 1)
        data = header + b"\r\n" + b"\r\n".join([first] + [row] * 39) + b"\r\n"
        if not decodes(data[:8192], "cp932"):
            break
    else:
        pytest.fail("no padding puts the 8 KiB boundary inside a character")
    (tmp_path / "contacts.csv").write_bytes(data)
    records = list(addressbook.parse(Export(tmp_path / "contacts.csv")))
    assert {p[2] for p in people(records)} == {"花子 山田"} and len(people(records)) == 40




def test_a_greek_outlook_csv_saved_as_utf8_is_read_as_utf8(tmp_path):
    text = fixture("addressbook", "outlook-csv-el", "Επαφές.CSV").read_bytes().decode("cp1253")
    (tmp_path / "contacts.csv").write_text(text, encoding="utf-8")
    records = list(addressbook.parse(Export(tmp_path / "contacts.csv")))
    assert [p[2] for p in people(records)] == ["Γιάννης Παπαδόπουλος", "Ελένη Μαρία Κωνσταντίνου", "Τυπογραφείο Ερμής"]


def test_a_western_outlook_csv_stays_cp1252():
    records = list(addressbook.parse(Export(fixture("addressbook", "outlook-desktop"))))
    assert "Chloé Dubois" in [p[2] for p in people(records)]


def test_the_languages_reconcile_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", *(f"outlook-csv-{v}" for v in LANGUAGES))
    assert counts == sorted((f"outlook-csv-{v}", "addressbook", 4, 3, 1) for v in LANGUAGES)
    assert [n for n in ("Соколова", "Dvořák", "Yıldırım", "山田", "Lindström", "Παπαδόπουλος", "Šimkus", "כהן",
                        "حداد", "ใจดี", "example")
            if n in result.out + result.err] == []
