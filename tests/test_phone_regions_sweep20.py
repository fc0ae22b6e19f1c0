"""Address books of other countries, sweep 20 (``phone_regions``): a Coolpad phone book of China writing one number
with +86 (Ben-wu14/contect-1 ``00001.vcf``) is read in CN by its national numbers' validity; a Sri Lankan Android
book writing no number internationally (asiridissa/ics ``00001.vcf``) is still read in UNSOCIAL_PHONE_REGION, and
its note says so."""

from __future__ import annotations

import duckdb
import pytest

from conftest import assert_nothing_lost
from ingest.models import MemberNote
from ingest.sources.phone_regions import AS_WRITTEN, file_region, international
from test_addressbook import evidence, ingest_books, parsed, people
from test_addressbook_sweep18 import one_file

COOLPAD_CN = "coolpad-3.0-cn"
SRI_LANKA = "android-3.0-lk-nine-digits"

CN_ONLY = [f"{prefix} 5550 {i:04d}" for i in range(12) for prefix in ("138", "139", "135", "137", "136")]  # 60
GERMAN = [f"{prefix} 555{i:04d}" for i in range(10) for prefix in ("0170", "030", "089", "0176", "0221", "069")]


def note(records) -> str:
    return next(r.note for r in records if isinstance(r, MemberNote))


def phones(records) -> dict[str, str | None]:
    return {name: phone for _, _, name, _, phone, *_ in people(records) if name}


def _cards(numbers: list[str]) -> str:
    return "".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nN:{i};Person;;;\nTEL;TYPE=CELL:{number}\nEND:VCARD\n"
                   for i, number in enumerate(numbers))


# --- 1. one number written with +86, and the national ones overwhelmingly Chinese ---

def test_a_chinese_book_writing_one_number_with_86_reads_its_mobiles_in_cn():
    records = parsed(COOLPAD_CN)
    assert ("numbers without a country code read in CN (1 of the 1 numbers written with a country code are +86; of "
            "80 written without one, 60 are valid only in CN, 0 only in DE)") in note(records)
    found = phones(records)
    assert found["Wei Zhao"] == "+8613855500000"  # "138 5550 0000", not "+4913855500000"
    assert found["Yan Zhao"] == "+8615055500006"  # "150 …": valid in DE too, read in the book's region
    assert found["Hong Lin"] == "+86 138 5550 0999"  # written with +86: as written
    assert found["Kefu"] == "10086"  # the operator's short code, as written
    assert_nothing_lost(records)


@pytest.mark.parametrize("numbers, region", [
    (["+86 138 5550 0119"] + CN_ONLY, "CN"),  # the Coolpad book: one is enough
    (["+86 138 5550 0119"] + CN_ONLY[:49], None),  # 49 valid only in CN: not overwhelming
    (["+86 138 5550 0119"] + CN_ONLY[:10], None),  # ten: too few to tell with one written with +86 (sweep 18)
    (["+86 138 5550 0119"] + CN_ONLY + GERMAN * 3, None),  # 60 against 180 valid only in DE
    (["+86 138 5550 0119"] + CN_ONLY + [GERMAN[0]] * 16, None),  # 60 against 16: not four times as many
    (["+86 138 5550 0119"] + CN_ONLY + [GERMAN[0]] * 15, "CN"),  # four times as many
    # valid in both first: of the first 300, 100 valid only in CN, none only in DE, under 0.4 of them
    (["+86 138 5550 0119"] + ["150 5550 0001"] * 200 + CN_ONLY * 2, None),
])
def test_one_number_written_internationally_decides_a_book_only_when_the_evidence_is_overwhelming(numbers, region):
    found = file_region(numbers)
    assert (found and found.region) == region


def test_a_german_book_with_one_chinese_friend_stays_german(tmp_path):
    records = one_file(tmp_path, "contacts.vcf", _cards(["+86 138 5550 0119"] + GERMAN))
    assert note(records) == "vCards"
    assert evidence(records, "Person 1")[1] == ["0170 5550000"]  # read in DE by linking, as before


# --- 2. no number written internationally, many of them not valid in UNSOCIAL_PHONE_REGION ---

def test_a_sri_lankan_book_of_nine_digit_numbers_says_where_they_were_read():
    records = parsed(SRI_LANKA)
    assert note(records) == ("vCards; numbers without a country code read in DE, the region UNSOCIAL_PHONE_REGION "
                             "sets, though many are not valid there (2 of 12 not valid in DE, none written with a "
                             "country code)")
    assert phones(records)["Nuwan Perera"] == "712555014"  # as written: read in DE by linking, as before
    assert_nothing_lost(records)


def test_the_note_on_a_book_read_in_the_wrong_region_tells_how_to_change_it(unsocial, tmp_path):
    db = tmp_path / "u.duckdb"
    ingest_books(unsocial, db, SRI_LANKA)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select reason, is_actionable, what_to_do from not_read "
                           "where handling = 'parsed'").fetchall()
    assert len(rows) == 1 and "2 of 12 not valid in DE" in rows[0][0] and rows[0][1]
    assert "set UNSOCIAL_PHONE_REGION" in rows[0][2]


@pytest.mark.parametrize("numbers", [
    GERMAN,  # a German book: valid in DE
    ["712555014"] * 9,  # too few to say anything
    ["+94 71 255 5014"] + ["745550108", "112555019"] * 10,  # one written internationally: left as sweep 18 left it
])
def test_no_note_where_the_numbers_are_valid_there_or_too_few(numbers):
    assert file_region(numbers) is None


def test_numbers_of_a_book_read_as_written_stay_as_written():
    assert international("712555014", AS_WRITTEN, str) == "712555014"
    assert international("3366", "FR", str) == "3366"  # a short code: never written with a country code here


def test_a_short_code_is_no_number_to_link_two_cards_by():
    """A French Android book saves its operator's voicemail (888) and account line (3366) on cards of their own, most
    twice (Younizia74/UniAccess 00001.vcf): read in UNSOCIAL_PHONE_REGION they were +49888 and +493366, and each pair
    of cards was linked as one person by the same phone."""
    from ingest.normalise import e164

    assert [e164(n) for n in ("888", "3366", "10086", "11 22")] == [None] * 4
    assert e164("0170 5550101") == "+491705550101" and e164("+33 6 98 76 54 32") == "+33698765432"
    assert e164("123456") is not None  # six digits: a subscriber number of some places, kept
