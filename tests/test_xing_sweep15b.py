"""XING shapes found in the second XING sweep of issue #13 (round 15): the data copy's notes file, whose people were
lost with the file left out ("notes not read")."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from conftest import assert_nothing_lost, fixture, forms, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source
from ingest.sources.archive import Export

NOTES_COPY = "gdpr-notes-2026"
FILES = "data/network-inquiry/files/"
CONTACTS = FILES + "4f1a9c2e7b3d5f8a0c6e2b4d8f1a3c5e.csv"
NOTES = FILES + "b7e3d1f9a5c8e2b4d6f0a1c3e5b7d9f2.csv"
MESSAGES = "data/messages-backend/files/e2c4a6b8d0f1a3c5e7b9d1f3a5c7e9b1.csv"
NOTE_WORDS = ("Posen", "Barcamp", "Eigene Notiz", "gelöschten", "Bremen")  # the owner's notes, kept nowhere
NOTED_UNSURE = ("Name: not among the contacts, and the owner is unknown (no messages to tell them by): the notes "
                "hold a row of the owner's own, so this may be the owner")


def from_member(records, model, member: str) -> list:
    return [r for r in records if isinstance(r, model) and r.member == member]


def copy_without_messages(tmp_path: Path) -> Export:
    folder = shutil.copytree(fixture("xing", NOTES_COPY), tmp_path / "Datenauskunft")
    (folder / MESSAGES).unlink()
    return Export(folder)


def test_the_people_of_the_notes_file_are_read_by_name(tmp_path):
    # skoelle/chat-archive api/app/parsers/xing.py: "Name","Erstellt am","Text der Notiz", a row named like the
    # owner. Before: the file "ignored", Karsten Ølund (named there only) lost.
    for export in forms(NOTES_COPY, tmp_path, "xing"):
        records = parse(export)
        people = [(a.line, a.account_ref, a.display_name, a.is_owner) for a in from_member(records, Account, NOTES)]
        assert people == [(2, "Tomasz Wiśniewski", "Tomasz Wiśniewski", False),
                          (4, "Karsten Ølund", "Karsten Ølund", False),  # a note spanning two lines
                          (5, "Rieke Albers", "Rieke Albers", True),  # the owner's own row: the owner, no contact
                          (7, "Lea Brandt", "Lea Brandt", False)]  # an empty date is no reason to refuse
        assert [(q.line, q.reason) for q in from_member(records, Quarantined, NOTES)] == [(6, "Name: missing")]
        assert_nothing_lost(records)


def test_a_note_is_no_interaction_and_its_text_is_kept_nowhere():
    records = parse(Export(fixture("xing", NOTES_COPY)))
    assert from_member(records, Interaction, NOTES) == []
    assert [w for w in NOTE_WORDS if w in repr(records)] == []
    assert [q.excerpt for q in from_member(records, Quarantined, NOTES)] == [",2017-10-09 10:10:10 UTC,…"]
    note, = from_member(records, MemberNote, NOTES)
    assert (note.handling, note.records_read) == ("parsed", 5)
    assert note.note == "the owner's notes on people: the people only (a note is no interaction; its text not kept)"


def test_a_text_cut_by_a_comma_outside_quotes_stays_out_of_the_excerpt(tmp_path):
    export = copy_without_messages(tmp_path)
    notes = Path(export.path) / NOTES
    notes.write_text('"Name","Erstellt am","Text der Notiz"\n'
                     'Tomasz Wiśniewski,2020-01-15 09:12:00 UTC,Posen, später mehr\n', encoding="utf-8")
    refused, = from_member(parse(export), Quarantined, NOTES)
    assert (refused.line, refused.reason) == (2, "row has 4 fields, the header 3")
    assert refused.excerpt == "Tomasz Wiśniewski,2020-01-15 09:12:00 UTC,…"


def test_without_messages_only_the_contacts_among_the_noted_are_read(tmp_path):
    # No messages file: nobody is known to be the owner, and the notes hold the owner's own row. A name among the
    # contacts is someone else; any other may be the owner, and is refused rather than taken for a contact.
    records = parse(copy_without_messages(tmp_path))
    assert [a.account_ref for a in from_member(records, Account, NOTES)] == ["Tomasz Wiśniewski", "Lea Brandt"]
    assert [(q.line, q.reason) for q in from_member(records, Quarantined, NOTES)] == [
        (4, NOTED_UNSURE), (5, NOTED_UNSURE), (6, "Name: missing")]
    assert not any(a.is_owner for a in records if isinstance(a, Account))
    assert_nothing_lost(records)


def test_a_copy_holding_only_notes_is_still_xings(tmp_path):
    folder = tmp_path / "export"
    (folder / FILES).mkdir(parents=True)
    shutil.copy(fixture("xing", NOTES_COPY, NOTES), folder / NOTES)
    assert detect_source(Export(folder)).NAME == "xing"


def test_ingest_of_the_notes_reconciles_and_the_noted_person_is_a_contact(unsocial, tmp_path):
    inbox, db = tmp_path / "inboxes" / "rieke", tmp_path / "u.duckdb"
    shutil.copytree(fixture("xing", NOTES_COPY), inbox / "Datenauskunft")
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports")
    assert result.code == 0, result.err
    assert [w for w in NOTE_WORDS if w in result.out + result.err] == []
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select records_read, records_loaded, records_quarantined from ingested_exports"
                           ).fetchall() == [(11, 10, 1)]  # 3 contacts, 5 notes rows, 3 messages
        assert [n for (n,) in con.execute("select display_name from contacts order by 1").fetchall()] == [
            "Henrike Sommer", "Karsten Ølund", "Lea Brandt", "Tomasz Wiśniewski"]  # the owner is none of them


def test_a_notes_file_of_its_header_alone_is_read_as_empty(tmp_path):
    export = copy_without_messages(tmp_path)
    (Path(export.path) / NOTES).write_text('"Name","Erstellt am","Text der Notiz"\n', encoding="utf-8")
    note, = from_member(parse(export), MemberNote, NOTES)
    assert (note.handling, note.records_read) == ("parsed", 0)
