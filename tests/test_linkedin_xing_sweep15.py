"""LinkedIn and XING shapes found in the sweep of issue #13 (round 15): the 2026 Complete export's Notes.csv, the
owner's private notes on connections, whose people were lost with the file reported as unknown."""

from __future__ import annotations

from conftest import assert_nothing_lost, fixture, forms, ingested, parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources.archive import Export

NOTES = "2026-notes"
INES = "https://www.linkedin.com/in/ines-okafor-3b2a91"
JONAS = "https://www.linkedin.com/in/jonas-weber-77"  # named in Notes.csv only
NOTE_TEXT = "Met at the Hamburg data meetup"
NAMELESS = "name and profile URL empty: a member LinkedIn no longer names (likely a deleted or deactivated account)"


def from_notes(records, model) -> list:
    return [r for r in records if isinstance(r, model) and r.member == "Notes.csv"]


def test_the_people_of_notes_csv_are_read_by_profile_url(tmp_path):
    # skoelle/chat-archive api/app/parsers/linkedin.py: "Connection First Name,Connection Last Name,Connection Profile
    # URL,Note,Created On,Edited On". Before: Notes.csv "not a LinkedIn file this version reads", Jonas Weber lost.
    for export in forms(NOTES, tmp_path):
        records = parse(export)
        people = {(a.account_ref, a.display_name, a.first_name, a.last_name) for a in from_notes(records, Account)}
        assert people == {(INES, "Ines Okafor", "Ines", "Okafor"), (JONAS, "Jonas Weber", "Jonas", "Weber")}
        assert [(q.line, q.reason) for q in from_notes(records, Quarantined)] == [(4, NAMELESS)]
        assert_nothing_lost(records)


def test_a_note_is_no_interaction_and_its_text_is_kept_nowhere():
    records = parse(Export(fixture("linkedin", NOTES)))
    assert from_notes(records, Interaction) == []
    assert not any(NOTE_TEXT in repr(r) for r in records)
    assert not any("An empty note row" in q.excerpt for q in from_notes(records, Quarantined))
    note, = from_notes(records, MemberNote)
    assert (note.handling, note.records_read) == ("parsed", 3)


def test_an_empty_notes_csv_is_read_as_empty_not_unknown(tmp_path):
    # "usually empty" (skoelle/chat-archive): the header alone
    folder = tmp_path / "export"
    folder.mkdir()
    for name in ("Connections.csv", "Profile.csv"):
        (folder / name).write_bytes(fixture("linkedin", NOTES, name).read_bytes())
    header = fixture("linkedin", NOTES, "Notes.csv").read_text(encoding="utf-8").splitlines()[0]
    (folder / "Notes.csv").write_text(header + "\n", encoding="utf-8")
    note, = from_notes(parse(Export(folder)), MemberNote)
    assert (note.handling, note.records_read) == ("parsed", 0)


def test_ingest_of_notes_reconciles_and_knows_every_file(unsocial, tmp_path):
    exports, rows = ingested(unsocial, tmp_path, NOTES,
                             "select account_ref from raw_accounts where member = 'Notes.csv' order by 1")
    assert exports == [(6, 5, 1)]  # 2 connections, the profile, 3 note rows (one naming nobody)
    assert [r for (r,) in rows] == [INES, JONAS]
