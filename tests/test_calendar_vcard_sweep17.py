"""Calendars and address books as published files showed them (sweep of issue #13, round 17).

kalender.digital's guests written as names alone (``ATTENDEE:Jana\\, Ole``) were read as nobody; Zimbra's owner
organising under an alias with the owner's own name was a guest met in their own meetings; address books written
in a country's national form were read as German numbers; Android's ``X-YAHOO`` was not read; Huawei's
pre-installed service card was loaded as people; a card whose only TEL is empty was said to have none."""

from __future__ import annotations

from pathlib import Path

from conftest import fixture, query

KALENDER_DIGITAL = fixture("calendar", "kalender-digital-2025")
ZIMBRA_ALIAS = fixture("calendar", "zimbra-alias-2016")


def ingest(unsocial, tmp_path: Path, export: Path) -> Path:
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", export, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    return db


def note(db: Path) -> str:
    return query(db, "select note from raw_members")[0][0]


def test_kalender_digital_guests_written_as_names_alone_are_met(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, KALENDER_DIGITAL)
    met = query(db, "select line, account_ref, mode from raw_interactions order by line, account_ref")
    by_line: dict[int, list[str]] = {}
    for line, ref, _ in met:
        by_line.setdefault(line, []).append(ref)
    assert list(by_line.values())[:7] == [
        ["Ben", "Karla"],  # Karla\, Ben
        ["Jonte", "Mirko", "Olga"],  # Mirko|Olga|Jonte
        ["Ben", "Olga"],  # Ben und Olga
        ["Ben", "Olga"],  # Ben & Olga
        ["Mirko", "Paul", "Rosa"],  # Mirko/Paul\, Rosa
        ["pia"],  # pia\;
        ["Tilda Bergmann"]]  # a name of two words stays whole
    assert len(by_line) == 8 and len(by_line[max(by_line)]) == 9
    assert {mode for line, _, mode in met if line == max(by_line)} == {"group"}  # 9 guests: a group event
    assert query(db, "select count(*), count(email), bool_or(is_owner) from raw_accounts") == [(10, 0, False)]
    text = note(db)
    assert "guests written as a name alone (no address), read by that name: 24" in text
    assert "owner: not found (no address is written; no name is in half of the 9 events naming anyone)" in text
    assert "nobody but the owner 2" in text  # no ATTENDEE, and "Kontakt: …" (a scheme: no name)


def test_zimbra_owner_s_alias_with_the_owner_s_name_is_the_owner(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, ZIMBRA_ALIAS)
    assert query(db, "select account_ref, is_owner from raw_accounts order by 1") == [
        ("lene.aigner@hs-example.ac.at", True), ("ruth.pichler@hs-example.ac.at", False),
        ("tobias.wallner@hs-example.ac.at", False)]
    assert query(db, "select account_ref, count(*) from raw_interactions group by 1 order by 1") == [
        ("ruth.pichler@hs-example.ac.at", 2), ("tobias.wallner@hs-example.ac.at", 1)]
    assert "1 other address(es) written only with the owner's name taken as the owner's" in note(db)


INDIA = fixture("addressbook", "android-2.1-india")
HUAWEI_CI = fixture("addressbook", "huawei-2.1-ci")


def phones(db: Path) -> dict[str, str | None]:
    return dict(query(db, "select display_name, phone from raw_accounts where display_name is not null"))


def test_national_numbers_are_read_in_the_region_the_file_s_international_numbers_show(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, INDIA)
    found = phones(db)
    assert found["Tarun Shah"] == "+919845000000"  # 09845000000, written again with +91: one number
    assert query(db, "select count(*) from raw_accounts where display_name = 'Tarun Shah'") == [(1,)]
    assert found["Meera Bose"] == "+919812345678"  # 9812345678, no trunk 0
    assert found["Anil Mehta"] == "+919845000000"  # as written
    assert "numbers without a country code read in IN (12 of the 12 numbers written with a country code are +91)" \
        in note(db)


def test_a_number_is_cut_at_a_dial_pause(unsocial, tmp_path):
    found = phones(ingest(unsocial, tmp_path, INDIA))
    assert found["Card Care Bank"] == "+919876543210"  # 9876543210w12
    assert found["Hari Menon"] == "+912223456789"  # 02223456789p45


def test_without_a_decided_region_numbers_stay_as_written(tmp_path):
    from ingest.normalise import e164
    from ingest.sources.phone_regions import international
    from ingest.sources.vcard_fields import phone

    assert phone("9876543210w12") == "9876543210" and phone("tel:+49-89-1234567") == "+49-89-1234567"
    assert e164("0170 1234567w12") == "+491701234567" and e164("0800 FLOWERS") == "+498003569377"
    assert international("09845000000", "IN", phone) == "+919845000000"
    assert international("+49 170 1234567", "IN", phone) == "+49 170 1234567"
    assert international("1909", "IN", phone) == "1909"  # a short code: no number of any region


def test_too_few_international_numbers_decide_no_region(unsocial, tmp_path):
    book = tmp_path / "book.vcf"
    cards = [f"BEGIN:VCARD\nVERSION:2.1\nFN:Person {i}\nTEL;CELL:+91984500{i:04d}\nEND:VCARD" for i in range(9)]
    book.write_text("\n".join([*cards, "BEGIN:VCARD\nVERSION:2.1\nFN:Local\nTEL;CELL:09845000000\nEND:VCARD"]) + "\n")
    db = ingest(unsocial, tmp_path, book)
    assert phones(db)["Local"] == "09845000000"
    assert "country code" not in note(db)


def test_a_yahoo_id_is_read_as_the_other_chat_addresses(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, INDIA)
    assert query(db, "select email from raw_accounts where display_name = 'Neha Kapoor'") == [
        ("neha.kapoor@yahoo.co.in",)]
    assert query(db, "select email from raw_accounts where display_name = 'yashw_22'") == [(None,)]


def test_a_card_whose_only_number_is_empty_says_so(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, INDIA)
    assert query(db, "select reason from raw_quarantine") == [("FN, N, EMAIL, TEL: all missing or empty",)]


def test_huawei_s_service_cards_are_left_out_and_old_ivorian_numbers_keep_their_country(unsocial, tmp_path):
    db = ingest(unsocial, tmp_path, HUAWEI_CI)
    assert query(db, "select count(*) from raw_accounts where email = 'mobile@huawei.com' or phone like '+86%'") == [
        (0,)]
    assert query(db, "select count(distinct account_ref) from raw_accounts") == [(12,)]
    assert "phone makers' service cards, not people (left out): 2" in note(db)
    assert "read in CI (10 of the 11 numbers written with a country code are +225)" in note(db)
    assert phones(db)["Rose Kaboré"] == "+22507123456"  # eight digits, as before 2021: never read as German


def test_a_group_named_where_a_name_belongs_is_no_guest():
    # "Mitglieder und Gäste", "Vorstand": how the booking names a group (davidfoerster/irrlicht-kalender-backup)
    import icalendar

    from ingest.sources.calendar.dialects import _names_only

    def names(value):
        return [str(a.params["CN"]) for a in _names_only(icalendar.vCalAddress(value, params={}))]

    assert names("Mitglieder und Gäste") == [] and names("Vorstand") == []
    assert names("Jana und Gäste") == ["Jana"] and names("Jana, Ole") == ["Jana", "Ole"]
