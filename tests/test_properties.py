"""Property-based tests of every parser: whatever the input, records, quarantine entries or a named error.

Inputs are the committed fixtures cut, flipped, spliced or replaced by random bytes (also inside
zips), and files that are well-formed JSON, CSV or vCard with odd values. Each goes through the
real entry points (discover_exports, then parse_export with the source under test) in a thread
with a time bound. A parse that succeeds must reconcile: every record read is loaded or
quarantined (database.py's count). Deterministic (``derandomize``, no example database) and small:
about 300 examples in all.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import fixture, zip_folder
from ingest.errors import UnsocialError
from ingest.pipeline import Found, discover_exports, parse_export
from ingest.sources import vcard
from test_hostile import bounded, loaded_records

SETTINGS = settings(max_examples=15, deadline=timedelta(seconds=5), derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# source → the fixture exports mutated for it (a folder, or a single file for file sources)
VINTAGES = {
    "linkedin": [("linkedin", v) for v in ("2020", "2021-12", "2024-basic", "2024-complete")],
    "facebook": [("facebook", v) for v in ("f0-2017", "f1-2018-01", "f2-2018-04", "f3-2020", "f4-2021-html",
                                           "f4-2022", "f6-2025", "f6-2025-html", "e2ee-2024")],
    "twitter": [("twitter", v) for v in ("2013-grailbird", "2019", "2022", "2024-parts")],
    "xing": [("xing", "concatenated-4.0"), ("xing", "vcards-2014")],
    "addressbook": [("addressbook", "phone-3.0", "contacts.vcf")],
    "journal": [("journal", "comma", "journal.csv"), ("journal", "semicolon-latin1", "journal.csv")],
    "calendar": [("calendar", v) for v in ("apple-2024", "google-2026", "outlook-2025")],
    "calls": [("calls", v) for v in ("sbr-v10-2025", "oppo-2024", "sms-ie-2025", "ios-17-callhistory",
                                     "android-calllog-db", "google-voice-2018")],
}
PARSED_SUFFIXES = (".csv", ".json", ".js", ".htm", ".html", ".vcf", ".ics", ".xml", ".db", ".storedata")


def check(source: str, export: Path) -> str:
    """Discovery and parsing of one export must end in records or a named error, in bounded time."""
    inbox, work = export.parent, export.parent.parent / "work"
    bounded(discover_exports, inbox)  # collects named errors; anything else propagates here
    try:
        parsed = bounded(parse_export, Found(export, inbox, source), "marta", work)
    except UnsocialError as exc:
        assert "\n" not in exc.message()
        return type(exc).__name__
    assert parsed.read == loaded_records(parsed) + parsed.quarantined, (parsed.read, parsed.quarantined)
    return "parsed"


def copy_export(parts: tuple[str, ...], root: Path) -> Path:
    """The fixture copied into ``root/inbox``: the folder, or the single file."""
    source, inbox = fixture(*parts), root / "inbox"
    inbox.mkdir()
    if source.is_dir():
        return Path(shutil.copytree(source, inbox / "export"))
    return Path(shutil.copy(source, inbox / source.name))


def members_of(export: Path) -> list[Path]:
    if export.is_file():
        return [export]
    return sorted(p for p in export.rglob("*") if p.is_file() and p.suffix.lower() in PARSED_SUFFIXES)


# A mutation: where (a fraction of the file, in 1/1000) and what.
MUTATIONS = st.one_of(
    st.tuples(st.just("truncate"), st.integers(0, 1000)),
    st.tuples(st.just("flip"), st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 255)), min_size=1, max_size=8)),
    st.tuples(st.just("insert"), st.integers(0, 1000), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("repeat"), st.integers(0, 1000), st.integers(0, 1000)),
    st.tuples(st.just("random"), st.binary(max_size=600)),
)


def mutate(data: bytes, mutation: tuple) -> bytes:
    at = lambda permille: len(data) * permille // 1000  # noqa: E731
    kind = mutation[0]
    if kind == "truncate":
        return data[: at(mutation[1])]
    if kind == "flip":
        out = bytearray(data)
        for where, value in mutation[1]:
            if out:
                out[min(at(where), len(out) - 1)] = value
        return bytes(out)
    if kind == "insert":
        return data[: at(mutation[1])] + mutation[2] + data[at(mutation[1]):]
    if kind == "repeat":
        start, end = sorted((at(mutation[1]), at(mutation[2])))
        return data[:end] + data[start:end] * 3 + data[end:]
    return mutation[1]


def mutated_fixture_test(source: str, options: settings = SETTINGS):
    @options
    @given(vintage=st.sampled_from(VINTAGES[source]), pick=st.integers(0, 10_000), mutation=MUTATIONS)
    def test(vintage, pick, mutation):
        with tempfile.TemporaryDirectory() as tmp:
            export = copy_export(vintage, Path(tmp))
            files = members_of(export)
            target = files[pick % len(files)]
            target.write_bytes(mutate(target.read_bytes(), mutation))
            check(source, export)
    test.__name__ = f"test_mutated_{source}_fixtures_end_in_records_or_a_named_error"
    return test


test_mutated_linkedin = mutated_fixture_test("linkedin")
test_mutated_facebook = mutated_fixture_test("facebook")
test_mutated_twitter = mutated_fixture_test("twitter")
test_mutated_xing = mutated_fixture_test("xing")
test_mutated_addressbook = mutated_fixture_test("addressbook")
test_mutated_journal = mutated_fixture_test("journal")
test_mutated_calendar = mutated_fixture_test("calendar")
test_mutated_calls = mutated_fixture_test("calls")


@SETTINGS
@given(vintage=st.sampled_from([v for vs in VINTAGES.values() for v in vs if len(v) == 2]),
       flips=st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 255)), min_size=1, max_size=6))
def test_zipped_fixtures_with_flipped_bytes_end_in_records_or_a_named_error(vintage, flips):
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        export = zip_folder(fixture(*vintage), inbox / f"{vintage[1]}.zip")
        export.write_bytes(mutate(export.read_bytes(), ("flip", flips)))
        check(vintage[0], export)


# --- well-formed files with odd values -------------------------------------------------------------

ODD_TEXT = st.text(st.characters(codec="utf-8"), max_size=24) | st.sampled_from(
    ["", " ", "Jonas Weber", "Marta Lindqvist", "Facebook user", "Anna M\u00c3\u00bcller", "=cmd|'/C calc'!A0",
     "\u202eevil", "a\x00b", "\ufeffname", "05 Mar 2024", "1/2/3", "2025-02-30", "9999-12-31 23:59:59 UTC"])
ODD_NUMBER = st.integers(-(2**70), 2**70) | st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [0, -1, 1634498460, 1634498460000, 253402300800000, 2**63, 1e300])
ODD_JSON = st.recursive(st.none() | st.booleans() | ODD_NUMBER | ODD_TEXT,
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ODD_TEXT, inner, max_size=3),
                        max_leaves=6)


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return root


def odd_json_test(source: str, build):
    @SETTINGS
    @given(data=st.data())
    def test(data):
        with tempfile.TemporaryDirectory() as tmp:
            check(source, write(Path(tmp) / "inbox" / "export", build(data)))
    test.__name__ = f"test_{source}_json_with_odd_values_ends_in_records_or_a_named_error"
    return test


def odd(source, strategy=ODD_JSON, **fields):
    """An object with the given fields, each the normal value or an odd one (``source``: hypothesis data)."""
    return {k: source.draw(st.just(v) | strategy) for k, v in fields.items()}


def facebook_files(data) -> dict[str, str]:
    friends = [odd(data, name="Jonas Weber", timestamp=1388534400) for _ in range(data.draw(st.integers(0, 4)))]
    messages = [odd(data, sender_name="Jonas Weber", timestamp_ms=1634498460000, content="x", type="Generic",
                    reactions=[{"actor": "Marta Lindqvist", "reaction": "x"}])
                for _ in range(data.draw(st.integers(0, 4)))]
    thread = odd(data, participants=[{"name": "Jonas Weber"}, {"name": "Marta Lindqvist"}], messages=messages,
                 title="Jonas Weber", thread_path="inbox/jonasweber_1")
    profile = {"profile_v2": odd(data, name={"full_name": "Marta Lindqvist"})}
    reactions = [odd(data, title="Marta Lindqvist reacted to Jonas Weber's post.", timestamp=1634498460,
                     data=[{"reaction": {"actor": "Marta Lindqvist"}}]) for _ in range(data.draw(st.integers(0, 2)))]
    return {"profile_information/profile_information.json": json.dumps(profile),
            "friends_and_followers/friends.json": json.dumps({"friends_v2": friends}, indent=1),
            "comments_and_reactions/posts_and_comments.json": json.dumps({"reactions_v2": reactions}),
            "messages/inbox/jonasweber_1/message_1.json": json.dumps(data.draw(st.just(thread) | ODD_JSON), indent=1)}


def twitter_files(data) -> dict[str, str]:
    def js(name: str, value) -> str:
        return f"window.YTD.{name}.part0 = " + json.dumps(value, indent=2)
    account = [{"account": odd(data, accountId="1204857362", username="marta")}]
    followers = [{"follower": odd(data, accountId="2847561930")} for _ in range(data.draw(st.integers(0, 3)))]
    tweets = [{"tweet": odd(data, created_at="Sat Aug 12 16:10:37 +0000 2023", full_text="@jonas hi", id_str="1",
                            in_reply_to_user_id_str="2847561930",
                            entities={"user_mentions": [{"id_str": "2847561930", "screen_name": "jonas"}]})}
              for _ in range(data.draw(st.integers(0, 3)))]
    events = [{"messageCreate": odd(data, senderId="2847561930", recipientId="1204857362", id="5",
                                    createdAt="2022-09-25T17:40:02.220Z", reactions=[])}
              for _ in range(data.draw(st.integers(0, 3)))]
    conversation = {"dmConversation": odd(data, conversationId="1204857362-2847561930", messages=events)}
    return {"data/account.js": js("account", account), "data/follower.js": js("follower", followers),
            "data/tweets.js": js("tweets", tweets), "data/direct-messages.js": js("direct_messages", [conversation])}


test_facebook_odd_values = odd_json_test("facebook", facebook_files)
test_twitter_odd_values = odd_json_test("twitter", twitter_files)

CSV_TEXT = ODD_TEXT | st.sampled_from(['"', '""', "a,b", "a;b", "line\nbreak", "\r", "\\", "#"])


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@SETTINGS
@given(rows=st.lists(st.lists(CSV_TEXT, min_size=0, max_size=9), max_size=5),
       messages=st.lists(st.lists(CSV_TEXT, min_size=5, max_size=9), max_size=4))
def test_linkedin_csv_with_odd_values_ends_in_records_or_a_named_error(rows, messages):
    connections = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    message_header = ["CONVERSATION ID", "FROM", "SENDER PROFILE URL", "TO", "RECIPIENT PROFILE URLS", "DATE",
                      "CONTENT"]
    with tempfile.TemporaryDirectory() as tmp:
        export = write(Path(tmp) / "inbox" / "export", {
            "Profile.csv": csv_text(["First Name", "Last Name", "Headline"], [["Marta", "Lindqvist", "Data"]]),
            "Connections.csv": csv_text(connections, rows), "messages.csv": csv_text(message_header, messages)})
        check("linkedin", export)


@SETTINGS
@given(rows=st.lists(st.lists(CSV_TEXT, min_size=2, max_size=7), min_size=1, max_size=6),
       delimiter=st.sampled_from([",", ";"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
def test_journal_with_odd_values_ends_in_records_or_a_named_error(rows, delimiter, encoding):
    text = csv_text(["date", "name", "email", "phone", "kind", "note"], rows, delimiter)
    with tempfile.TemporaryDirectory() as tmp:
        journal = Path(tmp) / "inbox" / "journal.csv"
        journal.parent.mkdir()
        journal.write_bytes(text.encode(encoding, errors="replace"))
        check("journal", journal)


VCARD_PROPERTY = st.sampled_from(["FN", "N", "EMAIL", "TEL", "ORG", "TITLE", "URL", "UID", "VERSION", "PHOTO",
                                  "item1.EMAIL", "X-XING-ID", "BEGIN", "END"])
VCARD_PARAMS = st.lists(st.sampled_from([";CHARSET=ISO-8859-1", ";CHARSET=UTF-8", ";CHARSET=bogus",
                                         ";ENCODING=QUOTED-PRINTABLE", ";QUOTED-PRINTABLE", ";TYPE=WORK", ";PREF=1",
                                         ';TYPE="a;b"', ";ENCODING=b"]), max_size=3)
VCARD_VALUE = ODD_TEXT | st.sampled_from(["=C3=BC=", "=\r\n", "Weber;Jonas;;;", "tel:+49", "\\,", "a,b,c", "=XX"])


@SETTINGS
@given(cards=st.lists(st.lists(st.tuples(VCARD_PROPERTY, VCARD_PARAMS, VCARD_VALUE), max_size=6),
                     min_size=1, max_size=4),
       source=st.sampled_from(["xing", "addressbook"]), encoding=st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_vcards_with_odd_values_end_in_records_or_a_named_error(cards, source, encoding):
    lines = [line for card in cards for line in
             ["BEGIN:VCARD", "VERSION:3.0", *(f"{p}{''.join(params)}:{v}" for p, params, v in card), "END:VCARD"]]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inbox" / ("xing" if source == "xing" else "phone") / "contacts.vcf"
        path.parent.mkdir(parents=True)
        path.write_bytes("\r\n".join(lines).encode(encoding, errors="replace"))
        check(source, path.parent if source == "xing" else path)


ICS_PROPERTY = st.sampled_from(["DTSTART", "DTSTART;TZID=Europe/Berlin", "DTSTART;VALUE=DATE", "DTSTART;TZID=Mars/Base",
                                "DTEND", "DURATION", "RRULE", "EXDATE", "RDATE", "RECURRENCE-ID", "STATUS", "TRANSP",
                                "ATTENDEE;PARTSTAT=DECLINED", "ATTENDEE;CN=Jonas Weber", "ORGANIZER", "UID",
                                "DTSTAMP", "X-UNSOCIAL-LINE", "BEGIN", "END", " "])
ICS_VALUE = ODD_TEXT | st.sampled_from(["20260907T100000", "20260907T100000Z", "20260907", "FREQ=DAILY;COUNT=3",
                                        "FREQ=WEEKLY;UNTIL=19000101", "FREQ=MONTHLY;BYDAY=-9XX", "PT1H", "P-1D",
                                        "mailto:jonas.weber@example.de", "mailto:marta@example.se", "CANCELLED",
                                        "TRANSPARENT", "VEVENT", "VALARM", "VCALENDAR", "VTIMEZONE"])
ICS_EVENT = ["UID:{uid}", "DTSTAMP:20261120T091500Z", "DTSTART;TZID=Europe/Berlin:20260907T100000",
             "ORGANIZER;CN=Marta Lindqvist:mailto:marta@example.se",
             "ATTENDEE;PARTSTAT=ACCEPTED;CN=Jonas Weber:mailto:jonas.weber@example.de"]


@SETTINGS
@given(events=st.lists(st.lists(st.tuples(ICS_PROPERTY, ICS_VALUE), max_size=4), min_size=1, max_size=3),
       encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_calendar_with_odd_values_ends_in_records_or_a_named_error(events, encoding):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "X-WR-CALNAME:marta@example.se"]
    for number, extra in enumerate(events):
        lines += ["BEGIN:VEVENT", *(line.format(uid=number) for line in ICS_EVENT), *(f"{p}:{v}" for p, v in extra),
                  "END:VEVENT"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inbox" / "calendar.ics"
        path.parent.mkdir()
        path.write_bytes("\r\n".join(lines + ["END:VCALENDAR"]).encode(encoding, errors="replace"))
        check("calendar", path)


# --- the chunked line reader of vCards is the whole-file reader it replaced -----------------------

LINE_PIECES = [b"a", b"\r", b"\n", b"\r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00"]


@settings(max_examples=60, derandomize=True, database=None)
@given(raw=st.binary(max_size=80) | st.lists(st.sampled_from(LINE_PIECES), max_size=30).map(b"".join),
       chunk=st.integers(1, 9))
def test_vcard_lines_read_in_chunks_are_the_lines_of_the_whole_file(raw, chunk):
    original = vcard.CHUNK
    vcard.CHUNK = chunk
    try:
        lines = list(vcard._physical_lines(io.BytesIO(raw), None))
    finally:
        vcard.CHUNK = original
    assert lines == vcard.decoded_bytes(raw).splitlines()


# --- a Twitter data file's elements are cut where the regular expression they replaced cut them ------------------

ELEMENT_PIECES = [b"{", b"}", b":", b",", b" ", b"\n", b"\t", b"\x0b", b"\\", b'"', b'"dmConversation"', b"x", b"["]


@settings(max_examples=200, derandomize=True, database=None)
@given(pieces=st.lists(st.sampled_from(ELEMENT_PIECES), max_size=40), start=st.integers(0, 3), cut=st.integers(0, 3))
def test_element_openings_are_those_the_regular_expression_finds(pieces, start, cut):
    import re

    from ingest.sources.twitter.jsfiles import _opening

    data = b"".join(pieces)
    end = max(start, len(data) - cut)
    expected = [m.start() for m in re.compile(rb'\{\s*"dmConversation"\s*:').finditer(data, start, end)]
    assert list(_opening(data, start, end, b'"dmConversation"')) == expected
