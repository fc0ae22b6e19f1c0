"""Inputs a fuzz run of session 26 found to stop a whole run with a traceback, to lose a whole file, or to take time
growing with the square of their length, in the readers of call logs, calendars and Facebook's pages: each is now
read, or its one record refused, in bounded time (``bounded``: a hang fails; the quadratic forms took minutes)."""

from __future__ import annotations

import shutil

from conftest import assert_nothing_lost, fixture, ingest_written, parse, query
from test_hostile import bounded
from ingest.models import Interaction, Quarantined
from ingest.sources.archive import Export
from ingest.sources.calendar import dialects
from ingest.sources.calls.call import clock_seconds
from ingest.sources.facebook import html_profile, titles

EVENT = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
BEGIN:VEVENT\r
DTSTART;TZID="{zone}":20210401T100000\r
UID:u0@example.org\r
SUMMARY:Umzug\r
ORGANIZER;CN=Greta Holm:mailto:greta.holm@example.de\r
{attendee}\r
END:VEVENT\r
END:VCALENDAR\r
"""
GUEST = "ATTENDEE;CN=Lukas Ferber;PARTSTAT=ACCEPTED:mailto:lukas.ferber@example.org"


def calendar(tmp_path, zone: str = "Europe/Berlin", attendee: str = GUEST):
    folder = tmp_path / "calendar"
    folder.mkdir(parents=True)
    (folder / "calendar.ics").write_text(EVENT.format(zone=zone, attendee=attendee), encoding="utf-8")
    return Export(folder)


def test_a_display_name_of_an_offset_no_place_keeps_is_an_unknown_zone_not_a_traceback(tmp_path):
    """``(UTC+25:00)``: timezone() refused the offset and the whole calendar stopped with a traceback."""
    for n, zone in enumerate(("(UTC+25:00) Nowhere", "(UTC+23:99)", "(GMT-99:00)")):
        records = parse(calendar(tmp_path / str(n), zone))
        assert_nothing_lost(records)
        [refused] = [r for r in records if isinstance(r, Quarantined)]
        assert "unknown time zone" in refused.reason
    assert [type(r) for r in parse(calendar(tmp_path / "kiribati", "(UTC+14:00)"))
            if isinstance(r, Interaction)] == [Interaction]


def test_a_duration_in_other_digits_is_no_length():
    assert clock_seconds("00:02:45") == "165"
    assert clock_seconds("²:³") == "²:³" and clock_seconds("٣:٠٠:٠٠") == "٣:٠٠:٠٠"  # as written: refused later


def test_an_imazing_call_of_superscript_length_is_read_without_a_traceback(tmp_path, unsocial):
    db = ingest_written(unsocial, tmp_path, "iphone/Call History - 2026-02-03 21 10 00.csv",
                        "Call type,Date,Duration,Number,Contact,Location,Service\n"
                        "Outgoing,2026-01-28 14:30:00,²:³,+4915155501201,Hanne Wiesel,Germany,Phone: +4915155501201\n"
                        "Incoming,2026-01-28 15:45:30,00:01:20,+447700900456,Rupert Ashdown,United Kingdom,"
                        "Phone: +447700900456\n")
    [(read, loaded, refused)] = query(db, "select records_read, records_loaded, records_quarantined "
                                          "from ingested_exports")
    assert read == 2 == loaded + refused and loaded >= 1


def test_a_nokia_log_with_a_field_past_the_limit_keeps_its_other_calls(tmp_path, unsocial):
    """One field of over 1 MiB lost the whole file ("cannot be read (Error); download the export again")."""
    export = tmp_path / "nokia"
    shutil.copytree(fixture("calls", "nokia-logexport-2009"), export)
    log = export / "log-20090203.csv"
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(2, '02/02/2009,"20:00","Voice call","' + "x" * ((1 << 20) + 1) + '","Outgoing","1","58","","6",'
                    '"+436645550199",\r\n')
    log.write_text("".join(lines), encoding="utf-8")
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", export, "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    original = tmp_path / "original.duckdb"
    assert unsocial("ingest", fixture("calls", "nokia-logexport-2009"), "--db", original, "--owner", "marta").code == 0
    calls = "select account_ref, occurred_at from raw_interactions order by all"
    assert query(db, calls) == query(original, calls)
    assert query(db, "select reason from raw_quarantine where reason like '%1 MiB%'") != []


def test_an_organiser_line_of_a_long_run_of_at_signs_is_read_at_once(tmp_path):
    """The lenient reading of a broken person's line tried each "@" as the address's split (50,000: 3 minutes)."""
    line = 'ATTENDEE;CN="a"b";X=1:mailto:' + "@" * 50_000 + '"'
    records = bounded(parse, calendar(tmp_path, attendee=line), seconds=5.0)
    assert_nothing_lost(records)


def test_a_principal_path_of_a_long_run_of_dots_is_read_at_once(tmp_path):
    """A CalDAV principal's domain split at each of a long run of dots (20,000: 9 s); its address still read."""
    records = bounded(parse, calendar(tmp_path, attendee="ATTENDEE;CN=Pia:/a@" + "." * 50_000 + "/@/"), seconds=5.0)
    assert_nothing_lost(records)
    assert dialects._PRINCIPAL.fullmatch("/principals/users/pia.holm@example.org/")["address"] == \
        "pia.holm@example.org"


def test_a_relationship_cell_of_linking_words_is_read_at_once():
    """"In a relationship to to to … )" tried each linking word as the partner's start (50,000 characters: 90 s)."""
    assert bounded(html_profile._PARTNER.match, "In a relationship " + "to " * 17_000 + ")", seconds=5.0) is None
    assert html_profile._PARTNER.match("In a relationship with Jonas Weber (since 2019)")["partner"].strip() == \
        "Jonas Weber"


def test_a_title_of_many_tos_finds_no_timeline_at_once():
    timeline = titles.TITLE_LANGUAGES[0].timeline
    assert bounded(timeline.search, "to " * 20_000 + "x", seconds=5.0) is None
    assert timeline.search("added a new photo to Aylin Demir's timeline.")["target"] == "Aylin Demir"


F0_CONTACTS = "html/contact_info.html"


def f0_page(tmp_path, old: str, new: str):
    """The F0 contacts page of 2017 with its first ``old`` made ``new``."""
    export = shutil.copytree(fixture("facebook", "f0-2017-es-contacts"), tmp_path / "facebook-diego")
    page = export / F0_CONTACTS
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    return Export(export)


def test_an_old_call_time_of_no_decided_order_refuses_its_call_not_the_run(tmp_path):
    """"1/8/18, 6:14 PM" in F0's call history: the dates module's error was not caught, a traceback."""
    records = parse(f0_page(tmp_path, "2017-03-04 18:20:05 ", "1/8/18, 6:14 PM"))
    assert_nothing_lost(records)
    assert [q.reason for q in records if isinstance(q, Quarantined) and q.reason.startswith("time:")] == [
        "time: day and month order of this file not decided"]


def test_number_labels_sharing_one_call_table_read_it_once(tmp_path):
    """Each label read the table it shares with the others again: 1,200 labels around one table of 1,200 calls gave
    1,440,000 calls (66 s, 1.5 GB), each credited to a wrong number. The calls are the table's, once."""
    labels = "".join(f"<tr><b>Número:</b>+54911555500{n:02d}</tr>" for n in range(30))
    records = parse(f0_page(tmp_path, "<tr><b>Número:</b>+5491155550101</tr>",
                            "<tr><b>Número:</b>+5491155550101</tr>" + labels))
    plain = parse(Export(fixture("facebook", "f0-2017-es-contacts")))
    assert_nothing_lost(records)
    calls = sorted((r.account_ref, r.occurred_at) for r in records if isinstance(r, Interaction) and r.mode == "call")
    assert len(calls) == len([r for r in plain if isinstance(r, Interaction) and r.mode == "call"])


def test_a_facebook_call_log_that_is_no_call_log_is_counted_as_read(tmp_path, unsocial):
    """A call_logs.json cut off, or of another shape, was refused but not counted read: the summary said the counts
    did not reconcile."""
    for n, content in enumerate(('{"call_logs": {"+4915100000001": [{"call_type": "OUTG', '{"call_logs": []}')):
        export = tmp_path / f"facebook-{n}"
        (export / "calls_and_messages").mkdir(parents=True)
        (export / "calls_and_messages" / "call_logs.json").write_text(content, encoding="utf-8")
        (export / "friends").mkdir()
        (export / "friends" / "friends.json").write_text('{"friends": [{"name": "Jonas Weber", "timestamp": '
                                                         '1500000000}]}', encoding="utf-8")
        records = parse(Export(export))
        assert_nothing_lost(records)
        assert len([q for q in records if isinstance(q, Quarantined)]) == 1


def test_a_page_of_one_element_holding_every_friend_is_read_at_once(tmp_path):
    """An HTML friends page whose one element holds every record: each date listed that element's children again
    (a page of 400 KB: over a minute). 8,000 friends are read, each with the date beside them."""
    page = tmp_path / "facebook-page" / "friends_and_followers" / "friends.html"
    page.parent.mkdir(parents=True)
    rows = "".join(f"Friend Number{n}<br>Jan 1, 2014<br>" for n in range(8_000))
    page.write_text('<!DOCTYPE html><html><head><meta charset="utf-8" /><title>Friends</title></head><body>'
                    f'<div role="main"><div>{rows}</div></div></body></html>', encoding="utf-8")
    records = bounded(parse, Export(page.parent.parent), seconds=20.0)
    assert_nothing_lost(records)
    assert len({r.account_ref for r in records if isinstance(r, Interaction)}) == 8_000
