"""Two shapes of published archives that were misreported: the data/ folder given alone, and DMs to oneself.

- ``2025-data-folder-only``: the archive's ``data/`` folder chosen alone, its ``manifest.js`` still naming every
  file ``data/<name>.js``. Every file is read; the summary must not send the user looking for zips of a split
  delivery that do not exist.
- ``2025-dm-note-to-self``: a conversation ``<owner>-<owner>`` (notes to self) beside an ordinary one. The notes
  are no interaction with anyone: neither loaded nor quarantined, named in the file's note.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from datetime import datetime

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.columns import Columns
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import twitter
from ingest.sources.archive import Export
from ingest.sources.twitter import messages
from ingest.sources.twitter.common import Harvest

ILSE, SIGRID = "1520334871", "3901772654"  # 2025-data-folder-only
TOBIAH, NOOR = "48213377", "702918455"  # 2025-dm-note-to-self
DMS = "data/direct-messages.js"
SPLIT = "put every zip of a split download into the inbox"


def stored(records) -> list:
    out = []
    for record in records:
        out += [record.model(**row) for row in record.rows(range(len(record)))] if isinstance(record, Columns) \
            else [record]
    return out


def notes(records) -> dict[str, MemberNote]:
    return {r.member: r for r in records if isinstance(r, MemberNote)}


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_the_data_folder_alone_is_read_without_a_note_of_missing_files(unsocial, tmp_path, form):
    folder = fixture("twitter", "2025-data-folder-only")
    export = folder if form == "folder" else zip_folder(folder, tmp_path / "data.zip")
    result = unsocial("ingest", export, "--db", tmp_path / "u.duckdb", "--owner", "ilse")
    assert result.code == 0, result.err
    assert "not in this export" not in result.out and SPLIT not in result.out
    records = stored(twitter.parse(Export(export)))
    assert notes(records)["manifest.js"].note == "archive manifest listing 5 files"
    assert {r.account_ref for r in records if isinstance(r, Interaction)} == {SIGRID}
    assert_nothing_lost(records)


def test_the_manifest_counts_are_checked_against_the_files_beside_it(tmp_path):
    """Found under their own names, the files are held to the manifest's counts again (follower.js: 2)."""
    folder = shutil.copytree(fixture("twitter", "2025-data-folder-only"), tmp_path / "data")
    text = (folder / "follower.js").read_text()
    (folder / "follower.js").write_text(text.replace("[ {", "[ {\"follower\": {\"accountId\": \"5550001\"}}, {", 1))
    note = notes(stored(twitter.parse(Export(folder))))["follower.js"].note
    assert note.endswith("manifest.js counts 2 entries, the file holds 3")


def test_a_file_really_missing_from_the_data_folder_is_still_named(tmp_path):
    folder = shutil.copytree(fixture("twitter", "2025-data-folder-only"), tmp_path / "data")
    (folder / "following.js").unlink()
    note = notes(stored(twitter.parse(Export(folder))))["manifest.js"].note
    assert note == ("archive manifest listing 5 files; 1 not in this export (another zip of a split delivery?): "
                    "data/following.js")


def test_notes_to_self_are_not_quarantined_and_are_named_in_the_note(unsocial, tmp_path):
    folder = fixture("twitter", "2025-dm-note-to-self")
    records = stored(twitter.parse(Export(folder)))
    assert [r for r in records if isinstance(r, Quarantined)] == []
    note = notes(records)[DMS]
    assert note.note == "2 conversations; 3 notes to self (a conversation with oneself): no other person, not counted"
    assert note.records_read == 2
    assert [(r.line, r.account_ref, r.direction, r.occurred_at) for r in records if isinstance(r, Interaction)] == [
        (1, NOOR, "in", datetime(2022, 4, 7, 16, 21, 9, 114000)),
        (2, NOOR, "out", datetime(2022, 4, 7, 16, 2, 51, 480000))]
    assert {r.account_ref for r in records if isinstance(r, Account) and not r.is_owner} == {NOOR}
    assert_nothing_lost(records)
    result = unsocial("ingest", folder, "--db", tmp_path / "u.duckdb", "--owner", "tobiah")
    assert result.code == 0, result.err
    assert "recipientId" not in result.out and "download it again" not in result.out


def test_notes_to_self_without_account_js_the_owner_from_the_conversation_ids(tmp_path):
    (tmp_path / "data").mkdir()
    shutil.copy(fixture("twitter", "2025-dm-note-to-self", DMS), tmp_path / DMS)
    records = stored(twitter.parse(Export(tmp_path)))
    assert [r for r in records if isinstance(r, Quarantined)] == []
    assert "3 notes to self" in notes(records)[DMS].note


def _message(i: int, sender: str, recipient: str, **extra) -> dict:
    return {"messageCreate": {"id": str(9000 + i), "senderId": sender, "recipientId": recipient, "text": "…",
                              "createdAt": f"2012-03-{10 + i % 9:02d}T07:11:5{i % 10}.000Z", "reactions": [],
                              "urls": [], "mediaUrls": [], **extra}}


def _dm_file(conversations: list) -> bytes:
    return ("window.YTD.direct_messages.part0 = " + json.dumps(conversations, indent=2)).encode()


@pytest.mark.parametrize("keep_text", [False, True])
def test_notes_to_self_give_the_same_rows_decoded_or_plain(monkeypatch, keep_text):
    """A long self-conversation (long enough to be decoded), the owner reacting to a note, then an ordinary
    conversation, and the self-conversation repeated (the export repeats conversations): the same rows either way."""
    reaction = {"senderId": TOBIAH, "reactionKey": "like", "eventId": "1", "createdAt": "2012-03-20T08:00:00.000Z"}
    selves = [_message(i, TOBIAH, TOBIAH, **({"reactions": [reaction]} if i == 0 else {})) for i in range(30)]
    ordinary = [_message(100 + i, *((TOBIAH, NOOR) if i % 2 else (NOOR, TOBIAH))) for i in range(30)]
    self_conversation = {"dmConversation": {"conversationId": f"{TOBIAH}-{TOBIAH}", "messages": selves}}
    data = _dm_file([self_conversation, {"dmConversation": {"conversationId": f"{TOBIAH}-{NOOR}",
                                                             "messages": ordinary}}, self_conversation])

    def rows(decoded_bytes: int) -> list:
        monkeypatch.setattr(messages, "DECODED_BYTES", decoded_bytes)
        dm = messages.DmFile(DMS, TOBIAH, Harvest(), set(), False, keep_text)
        return stored(messages.parse_messages(data, dm))

    fast, read = [], messages._fast_direct
    monkeypatch.setattr(messages, "_fast_direct", lambda c, dm: fast.append(read(c, dm)) or fast[-1])
    decoded, plain = rows(4096), rows(1 << 40)
    assert decoded == plain
    assert fast == [False, True, False]  # a self-conversation is left to the plain reader, the other one decoded
    [note] = [r for r in plain if isinstance(r, MemberNote)]
    assert note.note == ("3 conversations; 30 notes to self and 1 of the owner's reactions to them (a conversation "
                         "with oneself): no other person, not counted")
    assert Counter(r.reason for r in plain if isinstance(r, Quarantined)) == {
        "messageCreate.id: a message already read (the export repeats conversations)": 30,
        "reactions: on a message already read (the export repeats conversations)": 1}
    assert Counter(r.account_ref for r in plain if isinstance(r, Interaction)) == {NOOR: 30}
    assert_nothing_lost(plain)


def test_a_message_of_someone_else_in_a_self_conversation_is_read_as_theirs():
    """Not a note to self: read with every check (a damaged id, or a sender the id does not name)."""
    conversation = {"dmConversation": {"conversationId": f"{TOBIAH}-{TOBIAH}",
                                       "messages": [_message(1, NOOR, TOBIAH), _message(2, TOBIAH, TOBIAH)]}}
    dm = messages.DmFile(DMS, TOBIAH, Harvest(), set(), False)
    records = stored(messages.parse_messages(_dm_file([conversation]), dm))
    assert [(r.line, r.account_ref, r.direction) for r in records if isinstance(r, Interaction)] == [(1, NOOR, "in")]
    assert "1 notes to self" in records[-1].note
    assert_nothing_lost(records)
