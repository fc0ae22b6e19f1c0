"""The one date reader: every form the exports write, the zone table, and the day and month order of a file."""

from __future__ import annotations

import csv
import importlib.util
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.sources.dates import (DATA, DAY_FIRST, MONTH_FIRST, Order, decide_order, holds_slashed_dates, read_datetime,
                          read_instant)
from ingest.sources.zones import note_zone, read_zone

ROOT = Path(__file__).resolve().parents[1]

# Facebook F0 (2013-2017) in each language fbchat-archive-parser met (tests/test_timestamps.py and the 25
# formats of fbchat_archive_parser/time.py), rewritten for Wednesday 15 March 2017, 21:07 local time.
F0_FORMS = [
    ("en-US 12h", "Wednesday, March 15, 2017 at 9:07pm PDT", datetime(2017, 3, 16, 4, 7)),
    ("en-US 24h", "Wednesday, March 15, 2017 at 21:07 EDT", datetime(2017, 3, 16, 1, 7)),
    ("en-GB", "Wednesday, 15 March 2017 at 21:07 UTC", datetime(2017, 3, 15, 21, 7)),
    ("fr", "mercredi 15 mars 2017, 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("de", "Mittwoch, 15. März 2017 um 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("nb", "15. mars 2017 kl. 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("es", "miércoles, 15 de marzo de 2017 a las 21:07 UTC-03", datetime(2017, 3, 16, 0, 7)),
    ("it", "Mercoledì 15 marzo 2017 alle ore 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("hu", "2017. március 15., 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("sv", "den 15 mars 2017 kl. 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("nl", "woensdag 15 maart 2017 om 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("da", "15. marts 2017 kl. 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("ro", "15 martie 2017 la 21:07 UTC+02", datetime(2017, 3, 15, 19, 7)),
    ("sl", "15. marec 2017 ob 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("cs", "15. březen 2017 v 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),  # nominative, as Facebook wrote it
    ("sk", "15. marec 2017, 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("pt-BR", "15 de março de 2017 às 21:07 UTC-03", datetime(2017, 3, 16, 0, 7)),
    ("pt-PT", "Quarta-feira, 15 de Março de 2017 às 21:07 UTC", datetime(2017, 3, 15, 21, 7)),
    ("pl", "15 marzec 2017 o 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("hr", "15. ožujka 2017 u 21:07 CET UTC+01", datetime(2017, 3, 15, 20, 7)),  # a name and an offset
    ("sr", "15. март 2017. у 21:07 UTC+01", datetime(2017, 3, 15, 20, 7)),
    ("fi", "15. maaliskuuta 2017 kello 21:07 UTC+02", datetime(2017, 3, 15, 19, 7)),
    ("ru", "15 марта 2017 г. в 21:07 UTC+03", datetime(2017, 3, 15, 18, 7)),
    ("lt", "2017 m. kovas 15 d., 21:07 UTC+02", datetime(2017, 3, 15, 19, 7)),
    ("leet", "W3dn3sd4y, m4rch 15, 2017 @ 9:07pm PDT", datetime(2017, 3, 16, 4, 7)),
]


@pytest.mark.parametrize("language, text, utc", F0_FORMS, ids=[f[0] for f in F0_FORMS])
def test_facebook_f0_long_forms_in_every_language(language, text, utc):
    assert read_instant(text) == utc == read_datetime(text)


OTHER_FORMS = [
    # ISO: LinkedIn messages.csv, journals, offsets
    ("2024-10-26 11:43:11 UTC", None, datetime(2024, 10, 26, 11, 43, 11)),
    ("2024-10-26T11:43:11Z", None, datetime(2024, 10, 26, 11, 43, 11)),
    ("2024-10-26T13:43:11+02:00", None, datetime(2024, 10, 26, 11, 43, 11)),
    ("2025-06-14", None, datetime(2025, 6, 14)),
    ("2025-06-14 18:30", None, datetime(2025, 6, 14, 18, 30)),
    ("2025-06-14 6:30 PM", None, datetime(2025, 6, 14, 18, 30)),
    # LinkedIn: the short US form (2018 Complete export, Invitations, Recommendations), endorsements, Connected On
    ("1/8/18, 6:14 PM", False, datetime(2018, 1, 8, 18, 14)),
    ("07/21/19, 12:11 PM", False, datetime(2019, 7, 21, 12, 11)),
    ("1/8/18, 12:05 AM", False, datetime(2018, 1, 8, 0, 5)),
    ("01/08/2018", False, datetime(2018, 1, 8)),
    ("01/08/2018", True, datetime(2018, 8, 1)),
    ("2024/07/16 10:00:00 UTC", None, datetime(2024, 7, 16, 10)),
    ("05 Mar 2024", None, datetime(2024, 3, 5)),
    ("Jan 8, 2018", None, datetime(2018, 1, 8)),
    # Facebook HTML F2-F6: local times without a zone, stored as written
    ("Feb 12, 2021, 3:04 PM", None, datetime(2021, 2, 12, 15, 4)),
    ("12.02.2021, 15:04", None, datetime(2021, 2, 12, 15, 4)),
    ("Jun 04, 2025 6:46:10 pm", None, datetime(2025, 6, 4, 18, 46, 10)),
    ("Feb 12, 2021 at 3:04 PM", None, datetime(2021, 2, 12, 15, 4)),
    ("12 Feb 2021, 15:04", None, datetime(2021, 2, 12, 15, 4)),
    # Facebook HTML in Vietnamese (2021): numbered months, "tháng 10" not read as "tháng 1"
    ("11:29, 18 tháng 4, 2015", None, datetime(2015, 4, 18, 11, 29)),
    ("09:05, 18 tháng 10, 2015", None, datetime(2015, 10, 18, 9, 5)),
    ("Thứ Bảy, 18 tháng 4, 2015 lúc 11:29", None, datetime(2015, 4, 18, 11, 29)),
    # and from 2022 (nhoo6199/vbhk, phongpro321/MessageFB, Bangsaint05/abc123): the English order, Facebook's
    # "sáng" and "chiều" for AM and PM written against the time; CLDR's "ch" in 2026
    # (nktuyen/FacebookFollowersComparison)
    ("Tháng 6 14, 2023 4:25:08chiều", None, datetime(2023, 6, 14, 16, 25, 8)),
    ("Tháng 11 2, 2022 10:17:45sáng", None, datetime(2022, 11, 2, 10, 17, 45)),
    ("Tháng 12 31, 2022 12:15:00sáng", None, datetime(2022, 12, 31, 0, 15)),
    ("Tháng 8 9, 2025 2:05:33 ch", None, datetime(2025, 8, 9, 14, 5, 33)),
    # Facebook HTML in Chinese: "2 月" in 2025 (VoidPharah41/fb_old), numbers against their units in 2021
    # (AlanZJW/fb, 7070587/temp), CLDR's 上午 and 下午 for AM and PM
    ("3 月 18, 2023 8:12:40 上午", None, datetime(2023, 3, 18, 8, 12, 40)),
    ("11 月 05, 2021 4:47:19 下午", None, datetime(2021, 11, 5, 16, 47, 19)),
    ("6 月 01, 2017 12:30:00 下午", None, datetime(2017, 6, 1, 12, 30)),
    ("2020年9月14日 下午7:26", None, datetime(2020, 9, 14, 19, 26)),
    ("2019年11月3日 上午12:05", None, datetime(2019, 11, 3, 0, 5)),
    # Facebook HTML in Thai (questghostz-ux/my-profile, 2026): the Gregorian year, the English clock
    ("ส.ค. 19, 2016 11:21:07 pm", None, datetime(2016, 8, 19, 23, 21, 7)),
    ("3 ต.ค. 1988", None, datetime(1988, 10, 3)),
    # Facebook HTML in Arabic (Mahmmadzoude/shiny-disco): Arabic-Indic digits, right-to-left marks around it,
    # CLDR's ص for AM and م for PM
    ("\u200fيوليو ١٢, ٢٠٢٣ ١٠:١١:١٢ ص\u200f", None, datetime(2023, 7, 12, 10, 11, 12)),
    ("\u200fمارس ٠٢, ٢٠٢٢ ٩:٣٠:٠٠ م\u200f", None, datetime(2022, 3, 2, 21, 30)),
    # journals typed by hand
    ("14.06.2024", None, datetime(2024, 6, 14)),
    ("14.06.24", None, datetime(2024, 6, 14)),
    ("June 14, 2025", None, datetime(2025, 6, 14)),
    ("14. Juni 2025", None, datetime(2025, 6, 14)),
    ("Sept 5, 2024", None, datetime(2024, 9, 5)),
    # zones: abbreviations, German names, tz database names (fbchat-archive-parser #48)
    ("Friday, October 4, 2013 at 10:05pm PDT", None, datetime(2013, 10, 5, 5, 5)),
    ("Sonntag, 4. Dezember 2016 um 13:54 UTC-07", None, datetime(2016, 12, 4, 20, 54)),
    ("Sonntag, 4. Dezember 2016 um 13:54 MEZ", None, datetime(2016, 12, 4, 12, 54)),
    ("Friday, 28 February 2014 at 15:14 UTC+05:30", None, datetime(2014, 2, 28, 9, 44)),
    ("Tuesday, June 2, 1970 at 3:26pm Asia/Kuala_Lumpur", None, datetime(1970, 6, 2, 7, 56)),  # UTC+07:30 then
    # "listopad" is October in Croatian, November in Polish and Czech: the words around it tell which
    ("4. listopada 2016 u 13:54 UTC+01", None, datetime(2016, 10, 4, 12, 54)),
    ("4 listopada 2016 o 13:54 UTC+01", None, datetime(2016, 11, 4, 12, 54)),
    # Leet Speak's Friday is three words
    ("r3b3cc4 b14k d4y, d3c3mb3r 2, 2016 @ 1:54pm PDT", None, datetime(2016, 12, 2, 20, 54)),
    # Romanian typed with a cedilla where CLDR has a comma below
    ("marţi, 7 martie 2017 la 10:00 UTC+02", None, datetime(2017, 3, 7, 8)),
]


@pytest.mark.parametrize("text, day_first, expected", OTHER_FORMS)
def test_every_other_form_met(text, day_first, expected):
    assert read_datetime(text, day_first) == expected


REFUSED = [
    ("yesterday at noon", None, "date in no known format"),
    ("31 Foo 2021", None, "date in no known format"),
    ("32.13.2025", None, "date in no known format"),
    ("2019-13-45", None, "date in no known format"),
    ("13/25/2020", False, "date in no known format"),
    ("08-01-2018", False, "date in no known format"),  # dashes only year first: ISO
    ("03/04/2025", None, "day and month order of this file not decided"),
    ("Monday, December 4, 2016 at 1:54pm PDT", None, "weekday does not match the date"),
    ("Sunday, December 4, 2016 at 1:54pm XYZ", None, "time zone not known"),
    ("Sunday, December 4, 2016 at 13:54 UTC+15", None, "time zone offset out of range"),
    ("Sunday, December 4, 2016 at 13:54pm PDT", None, "date in no known format"),
    ("4 lis 2016", None, "month name of different months in different languages"),
    ("4 Dec 2016 10:00 11:00", None, "date in no known format"),
    ("0001-01-01T00:00:00+01:00", None, "date out of range"),
    ("Sunday, December 4, 2016 at 1:54pm America/Argentina", None, "time zone not known"),  # a folder of zones
    ("Tháng 6 14, 2023 16:25:08chiều", None, "date in no known format"),  # PM on a 24-hour clock
    ("2020年9月14日 下午", None, "date in no known format"),  # PM of no time
    ("Tháng 6 14, 2023 4:25:08 am chiều", None, "date in no known format"),  # AM and PM
]


@pytest.mark.parametrize("text, day_first, reason", REFUSED)
def test_what_is_no_date_is_refused_with_a_reason_that_names_no_value(text, day_first, reason):
    with pytest.raises(ValueError) as refused:
        read_datetime(text, day_first)
    assert str(refused.value) == reason


PIECES = ["Sunday", "Sonntag", ",", " ", "4.", "4", "Dezember", "December", "listopada", "2016", "0001", "9999", "um",
          "at", "13:54", "1:54pm", "12:00 AM", "UTC-07", "UTC+14:00", "+01:00", "PDT", "CST", "XYZ", "Z", "1/8/18",
          "13/13/13", "12.02.2021", "2024-10-26", "T23:59:59", "0001-01-01T00:00", "9999-12-31 23:00",
          "America/Argentina", "Asia/Kuala_Lumpur", "Foo/Bar", "r3b3cc4 b14k d4y", "\u00a0", "г.", "٣"]


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=12).map("".join) | st.text(max_size=40),
       day_first=st.sampled_from([None, False, True]))
def test_any_text_is_a_datetime_or_a_refusal(text, day_first):
    try:
        value = read_datetime(text, day_first)
    except ValueError as refused:
        assert str(refused) and not any(ch.isdigit() for ch in str(refused))  # names no value
    else:
        assert value is None or isinstance(value, datetime)


def test_empty_values_and_times_without_zone():
    assert read_datetime(None) is None and read_datetime("  ") is None
    with pytest.raises(ValueError, match="^time without a UTC offset$"):
        read_instant("Tuesday, 3 March 2015 at 10:20")
    with pytest.raises(ValueError, match="^missing$"):
        read_instant("")


# --- zones ----------------------------------------------------------------------------------------

ZONES = [  # abbreviation, offset, the reading taken when ambiguous
    ("PDT", -7, ""), ("PST", -8, "Pacific"), ("MST", -7, "Mountain"), ("CST", -6, "Central"), ("CDT", -5, "Central"),
    ("EST", -5, "Eastern"), ("EDT", -4, ""), ("AST", -4, "Atlantic"), ("IST", 5.5, "India"), ("BST", 1, "British"),
    ("GMT", 0, ""), ("CET", 1, ""), ("CEST", 2, ""), ("MEZ", 1, ""), ("MESZ", 2, ""), ("NST", -3.5, ""),
    ("AEDT", 11, ""),
]


@pytest.mark.parametrize("abbreviation, hours, reading", ZONES)
def test_zone_abbreviations_and_the_reading_of_ambiguous_ones(abbreviation, hours, reading):
    zone = read_zone(abbreviation)
    assert zone.offset == timedelta(hours=hours)
    assert bool(zone.also) == bool(reading) and reading in zone.meaning


def test_the_zone_table_is_well_formed_and_its_ambiguous_rows_are_the_known_ones():
    with open(DATA / "time_zones.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    assert len({r["abbreviation"] for r in rows}) == len(rows)
    assert all(read_zone(r["abbreviation"]).offset is not None and r["meaning"] for r in rows)
    assert {r["abbreviation"] for r in rows if r["also"]} == {"PST", "MST", "CST", "CDT", "EST", "AST", "BST", "IST"}


def test_an_ambiguous_zone_is_named_in_the_note_and_an_unambiguous_one_is_not():
    assert note_zone("Sunday, December 4, 2016 at 1:54pm CST") == (
        "zone CST read as Central Standard Time (US and Canada), UTC-06:00")
    assert note_zone("x 10:00 IST") == "zone IST read as India Standard Time, UTC+05:30"
    assert note_zone("Sunday, December 4, 2016 at 1:54pm PDT") is None
    assert note_zone("Sonntag, 4. Dezember 2016 um 13:54 UTC-07") is None


# --- day and month order of a whole file ---------------------------------------------------------

ORDERS = [
    (["1/8/18, 6:14 PM", "3/23/16, 10:26 AM", "10/6/17"], MONTH_FIRST, False,
     "dates read month-first (US): 1 value has a second field over 12"),
    (["03/04/2025", "25/12/2024", "31/01/2025"], DAY_FIRST, True,
     "dates read day-first: 2 values have a first field over 12"),
    (["1/8/18, 6:14 PM", "25/12/2024"], MONTH_FIRST, True, "dates read day-first: 1 value has a first field over 12"),
    (["1/8/18, 6:14 PM", "10/6/17", None, ""], MONTH_FIRST, False, "dates read month-first (US): no value proves otherwise"),
    (["03/04/2025"], DAY_FIRST, True, "dates read day-first: no value proves otherwise"),
    (["13/1/20", "14/1/20", "1/13/20"], MONTH_FIRST, True, "dates read day-first: 2 values prove it, 1 the other order "
                                                          "(quarantined)"),
    (["13/1/20", "1/13/20"], MONTH_FIRST, False, "dates read month-first (US): as many values prove each order (1); "
                                                 "the export's own holds, the others are quarantined"),
    (["2024-10-26 11:43:11 UTC", "05 Mar 2024", "14.06.2024"], MONTH_FIRST, False, ""),
]


@pytest.mark.parametrize("values, default, day_first, note", ORDERS)
def test_the_order_is_decided_once_from_the_whole_file(values, default, day_first, note):
    order = decide_order(values, default)
    assert (order.day_first, order.note) == (day_first, note)


def test_a_decided_order_reads_every_value_of_the_file_alike():
    values = ["03/04/2025", "25/12/2024"]
    order = decide_order(values, MONTH_FIRST)
    assert [read_datetime(v, order.day_first) for v in values] == [datetime(2025, 4, 3), datetime(2024, 12, 25)]
    assert Order(day_first=False).note == ""


@pytest.mark.parametrize("data, expected", [
    (b'First Name,Connected On\nJonas,"1/8/18, 6:14 PM"\n', True),
    (b"Endorsement Date\n2024/07/16 10:00:00 UTC\n", True),
    (b"DATE,CONTENT\n2024-10-26 11:43:11 UTC,see https://example.org/a/b\n", False),
    (b"x" * ((1 << 20) - 3) + b" 1/8/18 ", True),  # cut in two by the chunk size
    ("\ufeffdate\n".encode("utf-16"), True),  # UTF-16 hides its digits: always read
])
def test_only_files_holding_slashed_dates_are_read_twice(data, expected):
    assert holds_slashed_dates(io.BytesIO(data)) is expected


# --- the names table is CLDR's -------------------------------------------------------------------

def test_the_names_table_is_what_the_generator_writes_from_cldr():
    pytest.importorskip("babel")
    spec = importlib.util.spec_from_file_location("make_date_names", ROOT / "scripts" / "make_date_names.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    assert (DATA / "date_names.csv").read_text(encoding="utf-8") == generator.table()
