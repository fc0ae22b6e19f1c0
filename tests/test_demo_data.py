"""The demo inbox generator: deterministic, in the real LinkedIn export format, with the planted faults."""
from __future__ import annotations

import csv
import io
import re
import zipfile
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from ingest.demo_data import DEMO_OWNER, DEMO_OWNER_URL, write_demo_inbox

AS_OF = date(2026, 11, 27)
ZIP_NAME = "Complete_LinkedInDataExport_11-20-2026.zip"
EXPECTED_FILES = {
    "Profile.csv", "Connections.csv", "messages.csv", "Invitations.csv", "Endorsement_Received_Info.csv",
    "Endorsement_Given_Info.csv", "Recommendations_Received.csv", "Recommendations_Given.csv",
    "Email Addresses.csv", "Skills.csv", "Reactions.csv", "Jobs/Job Applications.csv",
}
CONNECTIONS_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo_inbox(tmp_path_factory.mktemp("demo") / "nested" / "inbox")


def read_member(inbox: Path, name: str) -> str:
    with zipfile.ZipFile(inbox / ZIP_NAME) as zf:
        return zf.read(name).decode("utf-8-sig")


def dict_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def connections(inbox: Path) -> list[dict[str, str]]:
    lines = read_member(inbox, "Connections.csv").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines[:10]) if line.startswith("First Name"))
    return dict_rows("".join(lines[start:]))


def parse_connected_on(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%d %b %Y").date()
    except ValueError:
        return None


def test_same_seed_gives_identical_bytes(inbox: Path, tmp_path: Path) -> None:
    again = write_demo_inbox(tmp_path / "again")
    assert sorted(p.name for p in again.iterdir()) == sorted(p.name for p in inbox.iterdir()) == [
        ZIP_NAME, "journal.csv"]
    for path in inbox.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
    other = write_demo_inbox(tmp_path / "other", seed=7)
    assert (other / ZIP_NAME).read_bytes() != (inbox / ZIP_NAME).read_bytes()


def test_zip_holds_the_export_files_in_sorted_order(inbox: Path) -> None:
    with zipfile.ZipFile(inbox / ZIP_NAME) as zf:
        names = zf.namelist()
        assert set(names) == EXPECTED_FILES and names == sorted(names)
        assert {info.date_time for info in zf.infolist()} == {(2026, 11, 20, 6, 30, 0)}
        assert zf.read("Profile.csv").startswith(b"\xef\xbb\xbf")  # BOM on some files
        assert not zf.read("messages.csv").startswith(b"\xef\xbb\xbf")
    profile = dict_rows(read_member(inbox, "Profile.csv"))
    assert [(p["First Name"], p["Last Name"], p["Geo Location"]) for p in profile] == [
        (*DEMO_OWNER, "Hamburg, Germany")]


def test_connections_preamble_header_and_rows(inbox: Path) -> None:
    lines = read_member(inbox, "Connections.csv").split("\n")
    assert lines[0] == "Notes:" and lines[1].startswith('"When exporting') and lines[2] == ""
    assert lines[3] == CONNECTIONS_HEADER
    rows = connections(inbox)
    assert 190 <= len(rows) <= 210
    assert all(len(row) == 7 and None not in row for row in rows)
    urls = [row["URL"] for row in rows]
    assert len(set(urls)) == len(urls)
    assert all(re.fullmatch(r"https://www\.linkedin\.com/in/[a-z0-9-]+", url) for url in urls)
    assert DEMO_OWNER_URL not in urls
    assert " ".join(DEMO_OWNER) not in {f"{r['First Name']} {r['Last Name']}" for r in rows}
    dates = [parse_connected_on(row["Connected On"]) for row in rows]
    bad = [row["Connected On"] for row, d in zip(rows, dates) if d is None]
    assert len(bad) == 1 and re.fullmatch(r"31 Foo \d{4}", bad[0])  # the planted malformed row
    valid = [d for d in dates if d]
    assert max(valid) <= AS_OF and (max(valid) - min(valid)).days > 8 * 365
    assert 2 <= sum(1 for row in rows if row["Email Address"]) <= 12


def test_connections_have_namesakes_and_decorated_names(inbox: Path) -> None:
    rows = connections(inbox)
    full = Counter(f"{r['First Name']} {r['Last Name']}" for r in rows)
    assert sorted(full.values())[-3:] == [1, 2, 2]
    names = " ".join(full)
    assert "Dr. " in names and ", PhD" in names and re.search(r"[äöüß]", names)
    assert re.search(r"[\U0001F300-\U0001FAFF\u2600-\u26FF]", names)


def test_messages_dates_urls_and_shape(inbox: Path) -> None:
    rows = dict_rows(read_member(inbox, "messages.csv"))
    assert 1500 <= len(rows) <= 2500
    assert all(datetime.strptime(r["DATE"], "%Y-%m-%d %H:%M:%S UTC").date() <= AS_OF for r in rows)
    known = {row["URL"] for row in connections(inbox)} | {DEMO_OWNER_URL}
    foreign: dict[str, set[str]] = {}
    for r in rows:
        recipients = r["RECIPIENT PROFILE URLS"].split(", ")
        assert all(url.startswith("https://www.linkedin.com/in/") for url in recipients)
        assert DEMO_OWNER_URL in recipients + [r["SENDER PROFILE URL"]]
        for url in [r["SENDER PROFILE URL"], *recipients]:
            if url not in known:
                foreign.setdefault(url, set()).add(r["CONVERSATION ID"])
    assert len(foreign) == 5  # the recruiters, each in one InMail conversation with a subject
    subject_conversations = {r["CONVERSATION ID"] for r in rows if r["SUBJECT"]}
    assert set().union(*foreign.values()) == subject_conversations
    by_conversation = Counter(r["CONVERSATION ID"] for r in rows)
    assert 90 <= len(by_conversation) <= 100 and max(by_conversation.values()) >= 100
    groups = {r["CONVERSATION ID"] for r in rows if ", " in r["RECIPIENT PROFILE URLS"]}
    assert len(groups) == 3
    assert any("\n" in r["CONTENT"] for r in rows) and any("," in r["CONTENT"] for r in rows)


def test_invitations_endorsements_recommendations(inbox: Path) -> None:
    invitations = dict_rows(read_member(inbox, "Invitations.csv"))
    assert 20 <= len(invitations) <= 30
    assert {r["Direction"] for r in invitations} == {"INCOMING", "OUTGOING"}
    assert all(re.fullmatch(r"\d{1,2}/\d{1,2}/\d\d, \d{1,2}:\d\d [AP]M", r["Sent At"]) for r in invitations)
    urls = {row["URL"] for row in connections(inbox)}
    others = {r["inviteeProfileUrl"] if r["Direction"] == "OUTGOING" else r["inviterProfileUrl"] for r in invitations}
    assert others & urls and others - urls  # some accepted, some pending
    for name, column, count in (("Endorsement_Received_Info.csv", "Endorser", 40),
                                ("Endorsement_Given_Info.csv", "Endorsee", 25)):
        rows = dict_rows(read_member(inbox, name))
        assert len(rows) == count and {r["Endorsement Status"] for r in rows} == {"ACCEPTED"}
        assert all(f"https://{r[f'{column} Public Url']}" in urls for r in rows)
        assert all(re.fullmatch(r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d UTC", r["Endorsement Date"]) for r in rows)
    assert len(dict_rows(read_member(inbox, "Recommendations_Received.csv"))) == 3
    assert len(dict_rows(read_member(inbox, "Recommendations_Given.csv"))) == 2


def test_journal_header_faults_and_coverage(inbox: Path) -> None:
    raw = (inbox / "journal.csv").read_bytes()
    assert raw.startswith(b"date,name,email,phone,kind,note\r\n")
    rows = dict_rows(raw.decode("utf-8"))
    assert {r["kind"] for r in rows} <= {"meeting", "call", "meal", "event", "letter", "gift", "other"}

    def parse(value: str) -> date | None:
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.strptime(value, fmt).date()
            except ValueError:
                pass
        return None

    dates = [parse(r["date"]) for r in rows]
    assert [r["date"] for r, d in zip(rows, dates) if d is None] == ["32.13.2025"]
    assert sum(1 for d in dates if d and d > AS_OF) == 2
    assert any(re.fullmatch(r"\d\d\.\d\d\.\d{4}", r["date"]) for r in rows)
    past = [r for r, d in zip(rows, dates) if d and d <= AS_OF]
    assert 55 <= len(past) <= 90
    conns = connections(inbox)
    plain = {re.sub(r"^Dr\. |, PhD$| \W+$", "", f"{c['First Name']} {c['Last Name']}") for c in conns}
    names = {r["name"] for r in past}
    assert {"Gesine Thormählen", "Bastian Quade", "Ilse Brodersen"} <= names - plain
    met = sum(1 for c in conns if f"{c['First Name']} {c['Last Name']}" in names
              or re.sub(r"^Dr\. |, PhD$| \W+$", "", f"{c['First Name']} {c['Last Name']}") in names
              or (c["Email Address"] and c["Email Address"] in {r["email"] for r in past}))
    assert 0.65 <= 1 - met / len(conns) <= 0.85  # most connections were never met offline
