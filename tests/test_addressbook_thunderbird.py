"""Address-book shapes of real exports that were lost whole (docs/formats.md, address book): Thunderbird's export of one
book in several formats kept in one folder, its LDIF and "Tab Delimited" exports, Outlook in Italian and
Thunderbird in Russian (and in any language, by its columns' order)."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, MemberNote, Quarantined
from ingest.sources import addressbook, detect_source
from ingest.sources.archive import Export
from test_addressbook import evidence, parsed, people

EXPORT_SET = fixture("addressbook", "thunderbird-export-set")
BOOK = "Personal Address Book"


def notes(records) -> dict[str, tuple[str, int]]:
    return {n.member.rsplit("/", 1)[-1]: (n.handling, n.records_read) for n in records if isinstance(n, MemberNote)}


# --- one book exported as .vcf, .csv and .ldif into one folder, and files no address book reads beside it -----------

@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_thunderbird_book_exported_in_three_formats_is_read_from_each(form, tmp_path):
    export = Export(EXPORT_SET if form == "folder" else zip_folder(EXPORT_SET, tmp_path / "Thunderbird.zip"))
    assert detect_source(export) is addressbook
    records = list(addressbook.parse(export))
    assert notes(records) == {f"{BOOK}.csv": ("parsed", 2), f"{BOOK}.ldif": ("parsed", 2),
                              f"{BOOK}.vcf": ("parsed", 2)}
    for suffix in (".csv", ".ldif", ".vcf"):
        accounts = [a for a in records if isinstance(a, Account) and a.member.endswith(suffix)]
        assert [(a.display_name, a.email, a.phone) for a in accounts] == [
            ("Henrike Vos", "henrike.vos@example.nl", "+31 6 5550 1122"),
            ("Osei Mensah", "osei.mensah@example.com", None)]
    assert_nothing_lost(records)


def with_beside(tmp_path, *names: str):
    folder = tmp_path / "Thunderbird"
    shutil.copytree(EXPORT_SET, folder)
    for name in names:
        (folder / name).write_text("// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> // (f=iso-8859-1)>\n",
                                   encoding="utf-8")
    return folder


def test_a_file_no_address_book_reads_is_listed_not_read_and_the_rest_is_read(tmp_path):
    # Thunderbird's own address-book file (Mork, abook.mab, before version 78) copied beside the exports
    records = list(addressbook.parse(Export(with_beside(tmp_path, "abook.mab"))))
    assert detect_source(Export(with_beside(tmp_path / "again", "abook.mab"))) is addressbook
    [unknown] = [n for n in records if isinstance(n, MemberNote) and n.handling == "unknown"]
    assert (unknown.member, unknown.records_read) == ("abook.mab", 0)
    assert len({(a.member, a.line) for a in records if isinstance(a, Account)}) == 6
    assert_nothing_lost(records)


def test_the_unknown_file_is_named_in_the_run_summary_and_no_person_is(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", with_beside(tmp_path, "abook.mab"), "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select source, records_read, records_loaded, records_quarantined "
                           "from ingested_exports").fetchall() == [("addressbook", 6, 6, 0)]
    assert "unknown file abook.mab" in result.out
    assert [n for n in ("Henrike", "Osei", "example.nl", "5550") if n in result.out + result.err] == []


def test_an_unknown_csv_beside_address_books_is_listed_when_they_outnumber_it(tmp_path):
    folder = with_beside(tmp_path)
    (folder / "budget.csv").write_text("Month,Amount\nJanuary,12\n", encoding="utf-8")
    records = list(addressbook.parse(Export(folder)))
    assert detect_source(Export(folder)) is addressbook
    assert notes(records)["budget.csv"] == ("unknown", 0)
    # one vCard beside one CSV that is no address book: it may be another platform's, so the folder is not taken
    alone = tmp_path / "pair"
    alone.mkdir()
    shutil.copy(EXPORT_SET / f"{BOOK}.vcf", alone)
    shutil.copy(folder / "budget.csv", alone)
    assert not addressbook.detect(Export(alone))


@pytest.mark.parametrize("vintage", ["2018-11", "2020", "2024-complete", "2021-contacts", "2025-imported-contacts"])
def test_other_platforms_exports_with_a_contacts_csv_are_still_not_address_books(vintage):
    export = Export(fixture("linkedin", vintage))
    assert not addressbook.detect(export)
    assert detect_source(export).NAME == "linkedin"


def test_a_takeout_with_a_calendar_beside_contacts_is_still_the_calendars():
    assert not addressbook.detect(Export(fixture("calendar", "takeout-2024")))


# --- Thunderbird LDIF -------------------------------------------------------------------------------------------------

def test_a_thunderbird_ldif_is_read_with_base64_names_and_its_mailing_list_left_out():
    records = parsed("thunderbird-ldif")
    assert people(records) == [
        # dn:: and sn:: base64 (Thunderbird writes every non-ASCII value so)
        (8, "malin.ostergaard@example.dk", "Malin Østergaard", "malin.ostergaard@example.dk", "+45 20 55 50 17",
         None, None),
        (22, "teodor.blum@example.org", "Teodor Blum", "teodor.blum@example.org", "+49 30 5550177",
         "Blum & Partner", '"Architekt"'),
        (39, "Farida Haddad", "Farida Haddad", None, "+33 1 55 50 12 34", None, None)]  # a phone only, no mail
    assert evidence(records, "malin.ostergaard@example.dk") == (
        ["malin.ostergaard@example.dk", "malin@example.net"], ["+45 20 55 50 17"])  # mozillaSecondEmail
    malin = next(a for a in records if isinstance(a, Account) and a.line == 8)
    assert (malin.first_name, malin.last_name) == ("Malin", "Østergaard")
    [note] = [n for n in records if isinstance(n, MemberNote)]
    assert note.records_read == 3 and "mailing lists, not people (left out): 1" in note.note
    assert_nothing_lost(records)


LDIF = """version: 1
dn: cn=Ada Zorn,mail=ada@example.org
objectclass: top
objectclass: mozillaAbPersonAlpha
cn: Ada Zorn
mail: ada@exa
 mple.org

# a comment between entries
dn: cn=Broken
objectclass: person
sn:: not*base64

dn: cn=
objectclass: person
modifytimestamp: 0
"""


def test_ldif_folded_lines_and_bad_entries(tmp_path):
    # named .txt: an LDIF file is known by its first lines, not only by its name
    path = tmp_path / "book.txt"
    path.write_text(LDIF, encoding="utf-8")
    export = Export(path)
    assert detect_source(export) is addressbook
    records = list(addressbook.parse(export))
    assert people(records) == [(2, "ada@example.org", "Ada Zorn", "ada@example.org", None, None, None)]
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (10, "sn: not base64 UTF-8"),
        (14, "cn, givenName, sn, mail, telephoneNumber, homePhone, mobile: all missing")]
    assert_nothing_lost(records)


def test_an_ldif_entry_too_long_is_quarantined_and_the_next_read(tmp_path, monkeypatch):
    """A folded value of megabytes (a photo; a hostile file) is read past in bounded memory, not held whole:
    that entry is refused with its reason, the one after it read."""
    from ingest.sources import ldif

    monkeypatch.setattr(ldif, "MAX_ENTRY", 1 << 20)
    photo = "\n".join(" " + "QUJD" * 19 for _ in range(20_000))  # 1.5 MB folded over 20,000 lines
    path = tmp_path / "book.ldif"
    path.write_text(f"dn: cn=Big\nobjectclass: person\ncn: Big\njpegphoto:: QUJD\n{photo}\n\n" + LDIF.split("\n\n")[0]
                    .removeprefix("version: 1\n"), encoding="utf-8")
    records = list(addressbook.parse(Export(path)))
    assert [r.display_name for r in records if isinstance(r, Account)] == ["Ada Zorn"]
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (1, "LDIF: an entry longer than 1 MiB characters")]
    assert_nothing_lost(records)


# --- Thunderbird "Tab Delimited" --------------------------------------------------------------------------------------

def test_a_thunderbird_tab_delimited_export_is_read():
    records = parsed("thunderbird-tab")
    assert people(records) == [
        (2, "ingrid.solheim@example.no", "Ingrid Solheim", "ingrid.solheim@example.no", "+47 915 55 017",
         "Fjordlys AS", "Skipper"),
        # a tab inside the quoted Notes does not split the row
        (3, "paulo.ferraz@example.pt", "Paulo Ferraz", "paulo.ferraz@example.pt", "+351 21 555 0190", None, None),
        (4, "Quentin Marchal", "Quentin Marchal", None, "+33 4 55 50 66 70", None, None),
        (5, "anon.sender@example.com", None, "anon.sender@example.com", None, None, None)]
    assert evidence(records, "paulo.ferraz@example.pt")[0] == ["paulo.ferraz@example.pt", "pferraz@example.org"]
    assert not [q for q in records if isinstance(q, Quarantined)]
    assert_nothing_lost(records)


# --- Outlook in Italian -----------------------------------------------------------------------------------------------

def test_an_italian_outlook_csv_is_read():
    records = parsed("outlook-csv-it")  # Windows-1252
    assert people(records) == [
        (2, "niccolo.bellandi@example.it", "Niccolò Bellandi", "niccolo.bellandi@example.it", "+39 347 555 0121",
         "Trattoria Dà Nonna", "Cuoco"),
        (3, "l.ferre@example.com", "Lucrezia Anna Ferrè", "l.ferre@example.com", "+39 02 555 0188", None, None),
        # "Tipo posta elettronica" EX: an Exchange directory path, no address
        (4, "Ettore Gialli", "Ettore Gialli", None, None, None, None),
        # a business: the company as its name, "Telefono principale società" its number
        (5, "Ferramenta Sòle", "Ferramenta Sòle", None, "+39 055 555 0909", "Ferramenta Sòle", None)]
    assert evidence(records, "l.ferre@example.com")[0] == ["l.ferre@example.com", "lucrezia@example.org"]
    assert not [q for q in records if isinstance(q, Quarantined)]
    assert_nothing_lost(records)


# --- Thunderbird in Russian, and in any language --------------------------------------------------------------------

RU = fixture("addressbook", "thunderbird-csv-ru", "Личная адресная книга.csv")
RU_PEOPLE = [
    (2, "vsevolod.krylov@example.ru", "Всеволод Крылов", "vsevolod.krylov@example.ru", "+7 916 555-01-23",
     "ООО «Ромашка»", "Инженер"),
    (3, "zlata.orlova@example.org", "Злата Орлова", "zlata.orlova@example.org", "+7 495 555-77-88", None, None),
    (4, "Тимур Алиев", "Тимур Алиев", None, "+7 843 555-40-40", None, None),  # a home phone only
    (5, "no.name@example.com", None, "no.name@example.com", None, None, None)]


def test_a_russian_thunderbird_csv_is_read():
    records = parsed("thunderbird-csv-ru")
    assert people(records) == RU_PEOPLE
    assert evidence(records, "zlata.orlova@example.org")[0] == ["zlata.orlova@example.org", "zlata@example.net"]
    assert_nothing_lost(records)


def test_a_russian_thunderbird_csv_in_windows_1251_is_read(tmp_path):
    # "Comma Separated (System Charset)" on a Russian Windows
    path = tmp_path / "Личная адресная книга.csv"
    path.write_bytes(RU.read_text(encoding="utf-8").encode("cp1251"))
    export = Export(path)
    assert detect_source(export) is addressbook
    assert people(addressbook.parse(export)) == RU_PEOPLE


def test_a_thunderbird_csv_in_another_language_is_read_by_its_columns_order(tmp_path):
    # Italian Thunderbird's header (roundcube it_IT csv2vcard.inc names the first ones), no shape names it
    header = ["Nome", "Cognome", "Nome visualizzato", "Soprannome", "Email primaria", "Email secondaria",
              "Nome schermo", "Telefono lavoro", "Telefono casa", "Numero fax", "Numero cercapersone",
              "Numero cellulare", *(f"Colonna {n}" for n in range(13, 25)), "Qualifica", "Reparto",
              "Organizzazione", *(f"Colonna {n}" for n in range(28, 37)), "Note"]
    english = fixture("addressbook", "thunderbird-export-set", f"{BOOK}.csv").read_text(encoding="utf-8")
    path = tmp_path / "Rubrica personale.csv"
    path.write_text(",".join(header) + "\r\n" + english.split("\n", 1)[1], encoding="utf-8")
    export = Export(path)
    assert detect_source(export) is addressbook
    records = list(addressbook.parse(export))
    assert people(records) == [
        (2, "henrike.vos@example.nl", "Henrike Vos", "henrike.vos@example.nl", "+31 6 5550 1122", None, None),
        (3, "osei.mensah@example.com", "Osei Mensah", "osei.mensah@example.com", None, None, None)]
    assert_nothing_lost(records)
