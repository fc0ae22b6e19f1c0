"""XING's GDPR data copy ("Datenauskunft"): contacts with their dates and messages in and out, as folder and zip.

The shape is documented by one parser (skoelle/chat-archive), not sampled: the fixture is invented to it."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.errors import UnknownLayoutError
from ingest.models import GROUP_REF, Account, Interaction, MemberNote, Quarantined, Recipient
from ingest.sources import detect_source, xing
from ingest.sources.archive import Export

COPY = fixture("xing", "gdpr-datenauskunft-2026")
MESSAGES = "data/messages-backend/files/7c1e0b5a9d3f4e2c8a6b1d0e9f8a7b6c.csv"
CONTACTS = "data/network-inquiry/files/2b4d6f8091a3c5e7f9b1d3f5a7c9e1b3.csv"
NOTES = "data/network-inquiry/files/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b.csv"
NAMES = ("Jana", "Kowal", "Lukas", "Berger", "Anna", "Müller", "Jürgen", "Straße", "Zoë", "Pieter", "Kaffee",
         "Hannover", "Netzwerktreffen")


@pytest.fixture(params=["folder", "zip"])
def copy(request, tmp_path) -> Export:
    # no "xing" in either name: the copy is known by its folders and headers
    if request.param == "folder":
        return Export(shutil.copytree(COPY, tmp_path / "Datenauskunft"))
    return Export(zip_folder(COPY, tmp_path / "export.zip"))


def parse(export: Export, **options) -> list:
    return list(xing.parse(export, **options))


def of(records, kind) -> list:
    return [r for r in records if isinstance(r, kind)]


def messages_file(tmp_path: Path, rows: str) -> Export:
    """A data copy of one messages file, ``rows`` as its CSV text."""
    path = tmp_path / "copy" / MESSAGES
    path.parent.mkdir(parents=True)
    path.write_text(rows, encoding="utf-8")
    return Export(tmp_path / "copy")


def test_the_copy_is_recognised_by_content_whatever_its_name(copy):
    assert xing.detect(copy)
    assert detect_source(copy).NAME == "xing"


def test_contacts_with_the_date_each_was_confirmed(copy):
    contacts = [a for a in of(parse(copy), Account) if a.member == CONTACTS]
    assert [(a.line, a.account_ref, a.display_name, a.connected_at) for a in contacts] == [
        (2, "Lukas Berger", "Lukas Berger", datetime(2014, 6, 19, 6, 32, 37)),
        (3, "Anna Müller", "Anna Müller", datetime(2016, 2, 29, 21, 5)),
        (4, "Jürgen Straße", "Jürgen Straße", datetime(2020, 5, 30, 7, 45, 12)),
        (5, "Zoë Martin", "Zoë Martin", datetime(2021, 1, 7, 16, 20, 59)),
        (6, "Pieter de Vries", "Pieter de Vries", None)]  # an empty date: a contact without one, not an error
    connections = [i for i in of(parse(copy), Interaction) if i.kind == "connection"]
    assert [(i.account_ref, i.direction) for i in connections] == [
        ("Lukas Berger", "mutual"), ("Anna Müller", "mutual"), ("Jürgen Straße", "mutual"), ("Zoë Martin", "mutual")]


def test_messages_in_and_out_per_person(copy):
    messages = [i for i in of(parse(copy), Interaction) if i.kind == "message"]
    assert [(i.line, i.account_ref, i.direction, i.occurred_at) for i in messages] == [
        (2, "Lukas Berger", "in", datetime(2019, 3, 4, 8, 15, 2)),
        (5, "Lukas Berger", "out", datetime(2019, 3, 4, 17, 40, 11)),
        (7, "Anna Müller", "in", datetime(2018, 11, 20, 12, 0)),  # a list of the owner alone: the sender is the other
        (9, "Jürgen Straße", "in", datetime(2020, 6, 1, 9, 30, 45)),
        (10, "Zoë Martin", "in", datetime(2020, 6, 1, 10, 2, 13))]
    assert {i.platform for i in messages} == {"xing"}


def test_the_group_conversation(copy):
    messages = [i for i in of(parse(copy), Interaction) if i.kind == "message"]
    groups = {i.account_ref: i.thread_ref for i in messages if i.is_group}
    assert sorted(groups) == ["Jürgen Straße", "Zoë Martin"]
    assert len(set(groups.values())) == 1
    assert len({i.thread_ref for i in messages}) == 3  # the fourth conversation has no message


def test_the_owner_is_the_name_on_every_conversation(copy):
    records = parse(copy)
    # the owner's own row of the notes file is the owner too (tests/test_xing_sweep15b.py)
    assert [a.account_ref for a in of(records, Account) if a.is_owner and a.member == MESSAGES] == ["Jana Kowal"]
    assert "Jana Kowal" not in {i.account_ref for i in of(records, Interaction)}
    note = next(n for n in of(records, MemberNote) if n.member == MESSAGES)
    assert note.note == "messages of 4 conversations (1 without messages); owner: the one name on every conversation"


def test_a_bad_timestamp_is_quarantined_with_file_line_and_reason(copy):
    records = parse(copy)
    assert [(q.member, q.line, q.reason) for q in of(records, Quarantined)] == [
        (MESSAGES, 11, "Zeitstempel: date in no known format")]
    assert "gültigen" not in of(records, Quarantined)[0].excerpt  # the message's text stays out
    assert_nothing_lost(records)


def test_notes_are_read_for_their_people_and_html_pages_listed_as_not_read(tmp_path):
    folder = shutil.copytree(COPY, tmp_path / "Datenauskunft")
    (folder / "index.html").write_text("<html><body>Datenauskunft</body></html>", encoding="utf-8")
    (folder / "data" / "profile" / "files").mkdir(parents=True)
    (folder / "data" / "profile" / "files" / "p.csv").write_text('"Vorname","Nachname"\n', encoding="utf-8")
    notes = {n.member: (n.handling, n.records_read) for n in of(parse(Export(folder)), MemberNote)}
    assert notes == {MESSAGES: ("parsed", 6), CONTACTS: ("parsed", 5), NOTES: ("parsed", 3),
                     "index.html": ("ignored", 0), "data/profile/files/p.csv": ("unknown", 0)}
    assert "Kennengelernt" not in str(parse(Export(folder)))


def test_message_text_only_when_the_owner_opts_in(copy):
    assert {i.message_text for i in of(parse(copy), Interaction)} == {None}
    texts = {i.line: i.message_text for i in of(parse(copy, message_text=True), Interaction) if i.kind == "message"}
    assert texts[5] == "Gern – Dienstag um 10?"
    assert texts[2].startswith("Hallo Jana,\nhast Du")
    assert "<p>" not in texts[7] and "Liebe Mitglieder" in texts[7]  # HTML contents as text


def test_the_owner_from_the_most_frequent_sender_and_replies_to_a_lone_list(tmp_path):
    # no name on every list; the owner wrote the most. The owner's reply in a list holding only them goes to
    # the one who wrote there (XING leaves deactivated members out of the list).
    export = messages_file(tmp_path, (
        '"A","2020-01-01 10:00:00 UTC","Ola Nowak,Ben Roth","","",""\n'
        '"","","","Ola Nowak","2020-01-01 10:00:00 UTC","Hi"\n'
        '"","","","Ben Roth","2020-01-01 11:00:00 UTC","Hallo"\n'
        '"B","2020-02-01 10:00:00 UTC","Ola Nowak","","",""\n'
        '"","","","Cem Aksoy","2020-02-01 10:00:00 UTC","Servus"\n'
        '"","","","Ola Nowak","2020-02-01 12:00:00 UTC","Gern"\n'
        '"C","2020-03-01 10:00:00 UTC","Dora Kim,Eli Sand","","",""\n'
        '"","","","Dora Kim","2020-03-01 10:00:00 UTC","?"\n'))
    assert detect_source(export).NAME == "xing"
    records = parse(export)
    assert [a.account_ref for a in of(records, Account) if a.is_owner] == ["Ola Nowak"]
    assert [(i.line, i.account_ref, i.direction) for i in of(records, Interaction)] == [
        (2, "Ben Roth", "out"), (3, "Ben Roth", "in"), (5, "Cem Aksoy", "in"), (6, "Cem Aksoy", "out"),
        (8, "Dora Kim", "in")]
    assert_nothing_lost(records)


def test_an_owners_message_to_a_group_is_one_row_and_its_members_a_list_written_once(tmp_path, unsocial):
    """As a Twitter group's: a row per member and message let a small file give millions of rows. Staging makes
    it one interaction with each member again."""
    export = messages_file(tmp_path, (
        '"Treffen","2021-05-01 10:00:00 UTC","Ola Nowak,Ben Roth,Cem Aksoy","","",""\n'
        '"","","","Ola Nowak","2021-05-01 10:00:00 UTC","Wann?"\n'
        '"","","","Ben Roth","2021-05-01 11:00:00 UTC","Freitag"\n'
        '"","","","Ola Nowak","2021-05-01 12:00:00 UTC","Gut"\n'))
    records = parse(export)
    assert [(i.line, i.account_ref, i.direction, i.recipients_line) for i in of(records, Interaction)] == [
        (2, GROUP_REF, "out", 2), (3, "Ben Roth", "in", None), (4, GROUP_REF, "out", 2)]
    assert [(r.line, r.account_ref) for r in of(records, Recipient)] == [(2, "Ben Roth"), (2, "Cem Aksoy")]
    assert_nothing_lost(records)
    inbox, db = tmp_path / "inboxes" / "ola", tmp_path / "u.duckdb"
    shutil.copytree(tmp_path / "copy", inbox / "Datenauskunft")
    assert unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports").code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select account_ref, direction, count(*) from stg_interactions where platform = 'xing' "
                           "and kind = 'message' group by all order by all").fetchall() == [
            ("Ben Roth", "in", 1), ("Ben Roth", "out", 2), ("Cem Aksoy", "out", 2)]


def test_an_undecided_owner_quarantines_the_messages_with_a_clear_reason(tmp_path):
    export = messages_file(tmp_path, (
        '"A","2020-01-01 10:00:00 UTC","Ola Nowak,Ben Roth","","",""\n'
        '"","","","Ola Nowak","2020-01-01 10:00:00 UTC","Hi"\n'
        '"","","","Ben Roth","2020-01-01 11:00:00 UTC","Hallo"\n'))
    records = parse(export)
    assert of(records, Interaction) == []
    assert {q.reason for q in of(records, Quarantined)} == {
        "Absender: cannot tell the owner's messages apart (no name is on every conversation, and several send "
        "the most messages)"}
    assert_nothing_lost(records)


def test_malformed_rows_are_quarantined_and_the_rest_read(tmp_path):
    export = messages_file(tmp_path, (
        '"","","","Ben Roth","2020-01-01 09:00:00 UTC","vor allem"\n'
        '"A","2020-01-01 10:00:00 UTC","Ola Nowak,Ben Roth","","",""\n'
        '"","","","Ben Roth","2020-01-01 11:00:00 UTC","Hallo","zu viel"\n'
        '"","","","","2020-01-01 11:00:00 UTC","ohne Absender"\n'
        '"A","2020-01-01 10:00:00 UTC","Ola Nowak","","","x"\n'
        '"","","","Ola Nowak","2020-01-01 12:00:00 UTC","Hi"\n'))
    records = parse(export)
    assert [(q.line, q.reason) for q in of(records, Quarantined)] == [
        (1, "a message row before any conversation row (the file cut off at its start?)"),
        (3, "row has 7 fields, the header 6 (implied: these files have none)"),
        (4, "Absender: missing"),
        (5, "neither a conversation row nor a message row")]
    assert [(i.line, i.account_ref, i.direction) for i in of(records, Interaction)] == [(6, "Ben Roth", "out")]
    assert_nothing_lost(records)


def test_a_xing_named_export_without_anything_known_still_says_what_it_found(tmp_path):
    folder = tmp_path / "xing-datenkopie"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "profil.csv").write_text("Vorname,Nachname\n", encoding="utf-8")
    with pytest.raises(UnknownLayoutError) as error:
        parse(Export(folder))
    assert "no vCard among its files (1 .csv)" in str(error.value)
    assert "data/messages-backend/" in str(error.value) and "not supported" not in str(error.value)


def test_counts_reconcile_through_the_command_line(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(COPY, inbox / "Datenauskunft")
    zip_folder(COPY, inbox / "export.zip")
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", inbox / "Datenauskunft", inbox / "export.zip", "--db", db, "--owner", "marta")
    assert result.code == 0, result.err
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select source, export_path, records_read, records_loaded, records_quarantined "
                           "from ingested_exports order by 2").fetchall() == [
            ("xing", "Datenauskunft", 14, 13, 1), ("xing", "export.zip", 14, 13, 1)]  # 3 notes rows read
        per_person = con.execute("select account_ref, direction, count(*) from raw_interactions "
                                 "where kind = 'message' and export_path = 'export.zip' group by all").fetchall()
        assert Counter({(a, d): n for a, d, n in per_person}) == Counter({
            ("Lukas Berger", "in"): 1, ("Lukas Berger", "out"): 1, ("Anna Müller", "in"): 1,
            ("Jürgen Straße", "in"): 1, ("Zoë Martin", "in"): 1})
        assert con.execute("select member, line, reason from raw_quarantine where export_path = 'export.zip'"
                           ).fetchall() == [(MESSAGES, 11, "Zeitstempel: date in no known format")]
    assert [n for n in NAMES if n in result.out + result.err] == []
