"""Messenger end-to-end-encrypted chats as real downloads and their readers show them (formats.md §1.5).

1. The flat E2EE files put directly in a DYI export's messages folder, beside inbox/
   (your_activity_across_facebook/messages/<Name>_<N>.json: kenn-io/msgvault discover.go and its testdata/e2ee_simple;
   a real FacebookData/messages/<Name>_86.json, code index id 71154058305) were taken for Messenger settings and
   left out, and a folder named messages/ holding only such files was no export at all.
2. A one-chat download whose threadName is the file's stem, ``_N`` included ("Ines Walter_3"): the title named
   no participant, so the owner could not be told and every message was quarantined.

Both fixtures as a folder and as a zip, through the parser and through `unsocial ingest`.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from test_facebook_activity import people
from test_facebook_group_timeline import forms
from test_facebook_shapes import parse
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources import detect_source, facebook
from ingest.sources.archive import Export
from ingest.sources.facebook import scan
from ingest.sources.facebook.thread_people import e2ee_title

IN_DYI = fixture("facebook", "e2ee-2025-in-dyi-messages")
ONE_THREAD = fixture("facebook", "e2ee-2025-one-thread")
MESSAGES = "your_activity_across_facebook/messages/"
INES, GROUP = MESSAGES + "Ines Walter_3.json", MESSAGES + "Wandergruppe_7.json"
JANOS = MESSAGES + "inbox/janoswerner_7023456789012345/message_1.json"
OWNER = "Pia Kessler"
SETTINGS = "Messenger settings or metadata, no conversation"
NO_OWNER = "sender_name: cannot tell the owner's messages apart (no profile, no name common to the threads)"


def owners(records) -> set[str]:
    return {r.account_ref for r in records if isinstance(r, Account) and r.is_owner}


def interactions(records, member: str) -> list[tuple]:
    return [(r.line, r.account_ref, r.kind, r.direction) for r in records
            if isinstance(r, Interaction) and r.member == member]


def notes(records) -> dict[str, tuple[str, str]]:
    return {n.member: (n.handling, n.note) for n in records if isinstance(n, MemberNote)}


def copy_with(source: Path, target: Path, files: dict[str, object]) -> Path:
    """A copy of ``source`` at ``target`` with ``files`` (path → JSON) written into it."""
    shutil.copytree(source, target)
    for path, data in files.items():
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(json.dumps(data), encoding="utf-8")
    return target


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


# --- 1. E2EE files directly in a DYI export's messages folder -------------------------------------------------

def test_e2ee_files_beside_inbox_are_read_with_the_dyi_threads(tmp_path):
    for export in forms(IN_DYI, tmp_path):
        assert detect_source(export) is facebook
        records = parse(export)
        assert people(records) == {"Janos Werner", "Ines Walter", "Oskar Brandl"}
        assert owners(records) == {OWNER}
        assert interactions(records, INES) == [(1, "Ines Walter", "message", "in"), (2, "Ines Walter", "message", "out")]
        # a group of three: Oskar wrote, the owner reacted; Ines wrote nothing and was written nothing alone
        assert interactions(records, GROUP) == [(1, "Oskar Brandl", "message", "in"),
                                                (1, "Oskar Brandl", "reaction", "out")]
        assert interactions(records, JANOS) == [(1, "Janos Werner", "message", "in")]
        assert notes(records)[INES] == notes(records)[GROUP] == ("parsed", "Messenger E2EE thread")
        assert not [q for q in records if isinstance(q, Quarantined)]
        assert_nothing_lost(records)


def test_a_folder_named_messages_holding_only_e2ee_files_is_a_facebook_export(tmp_path):
    # the real download's place, FacebookData/messages/<Name>_86.json (code index id 71154058305)
    folder = tmp_path / "FacebookData"
    shutil.copytree(fixture("facebook", "e2ee-2024"), folder / "messages")
    for export in forms(folder, tmp_path):
        assert detect_source(export) is facebook
        records = parse(export)
        flat = parse(Export(fixture("facebook", "e2ee-2024")))  # the same files at the download's root
        assert people(records) == people(flat) and owners(records) == owners(flat)
        assert interactions(records, "messages/Tomás Novak_1.json") == interactions(flat, "Tomás Novak_1.json")
        assert notes(records)["messages/secret_conversations.json"] == ("ignored", SETTINGS)
        assert_nothing_lost(records)


def test_messengers_own_files_in_messages_are_still_left_out(tmp_path):
    no_thread = {"participants": ["Pia Kessler"]}  # participants, but neither threadName nor senderName
    folder = copy_with(IN_DYI, tmp_path / "facebook-pia", {
        MESSAGES + "secret_conversations.json": {"secret_conversations_v2": {"armadillo_devices": []}},
        MESSAGES + "autofill_information.json": {"autofill_information_v2": {}},
        MESSAGES + "support_messages_1.json": {"support_messages": []},
        MESSAGES + "your_messenger_settings_2.json": no_thread})
    records = parse(Export(folder))
    left_out = notes(records)
    for name in ("secret_conversations", "autofill_information", "support_messages_1", "your_messenger_settings_2"):
        assert left_out[f"{MESSAGES}{name}.json"] == ("ignored", SETTINGS)
    assert people(records) == {"Janos Werner", "Ines Walter", "Oskar Brandl"}
    assert_nothing_lost(records)


@pytest.mark.parametrize("vintage, member", [
    ("f6-2025-activity", "your_facebook_activity/messages/messenger_contacts_you've_blocked.json"),
    ("f6-2025-invites", "your_facebook_activity/messages/chat_invites_received.json"),
    ("e2ee-2024", "secret_conversations.json")])
def test_the_settings_files_of_the_fixtures_keep_their_reasons(vintage, member):
    records = parse(Export(fixture("facebook", vintage)))
    handling, note = notes(records)[member]
    assert handling == "ignored" and note != "" and not interactions(records, member)


def test_e2ee_shaped_files_deeper_in_messages_are_dyis(tmp_path):
    """inbox/, archived_threads/ and thread folders hold DYI's files: an E2EE-looking name there is not taken."""
    e2ee = json.loads((IN_DYI / INES).read_text(encoding="utf-8"))
    deeper = [MESSAGES + "inbox/Ines Walter_4.json", MESSAGES + "archived_threads/Ines Walter_5.json",
              MESSAGES + "inbox/janoswerner_7023456789012345/Ines Walter_6.json"]
    export = Export(copy_with(IN_DYI, tmp_path / "facebook-pia", dict.fromkeys(deeper, e2ee)))
    scanned = scan.scan(export)
    assert sorted(scanned.members("e2ee")) == [INES, GROUP]
    assert not set(deeper) & set(scanned.kinds)
    assert_nothing_lost(parse(export))


# --- 2. One E2EE chat whose threadName carries the file's _N --------------------------------------------------

def test_one_thread_download_finds_its_owner_from_the_title(tmp_path):
    for export in [*forms(ONE_THREAD, tmp_path), Export(ONE_THREAD / "Ines Walter_3.json")]:
        assert detect_source(export) is facebook
        records = parse(export)
        assert owners(records) == {OWNER} and people(records) == {"Ines Walter"}
        assert interactions(records, "Ines Walter_3.json") == [
            (1, "Ines Walter", "message", "in"), (1, "Ines Walter", "reaction", "out"),  # the owner's ❤
            (2, "Ines Walter", "message", "out"),  # type media
            (3, "Ines Walter", "message", "out"),  # type link
            (4, "Ines Walter", "message", "in")]  # type placeholder: an unsent message, counted as before
        assert not [q for q in records if isinstance(q, Quarantined)]
        assert_nothing_lost(records)


def test_a_lone_group_keeps_its_messages_quarantined_with_the_reason(tmp_path):
    """A group's name with _N names no one: the owner is not guessed from the order of participants."""
    folder = tmp_path / "one-group"
    folder.mkdir()
    shutil.copy(IN_DYI / GROUP, folder)
    records = parse(Export(folder))
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [(1, NO_OWNER)]
    assert not owners(records)
    assert_nothing_lost(records)


@pytest.mark.parametrize("raw, participants, title", [
    ("Ines Walter_3", ["Pia Kessler", "Ines Walter"], "Ines Walter"),
    ("Mai Lan_86", ["Hoa Tran", "Mai Lan"], "Mai Lan"),  # the real file's form, <Name>_86
    ("Tomás Novak", ["Ana Lima", "Tomás Novak"], "Tomás Novak"),  # 2024: no _N
    ("Wandergruppe_7", ["Pia Kessler", "Ines Walter", "Oskar Brandl"], "Wandergruppe_7"),  # no participant
    ("Team_2024", ["Team", "Pia Kessler"], "Team"),  # the rest is a participant's name
    ("Lesekreis_2024", ["Pia Kessler", "Ines Walter"], "Lesekreis_2024"),
    (None, ["Pia Kessler"], None)])
def test_e2ee_title(raw, participants, title):
    assert e2ee_title(raw, participants) == title


# --- through the command line ---------------------------------------------------------------------------------

@pytest.mark.parametrize("folder, counts, expected", [
    (IN_DYI, (5, 5, 0), {("Ines Walter", "message", "in"), ("Ines Walter", "message", "out"),
                         ("Oskar Brandl", "message", "in"), ("Oskar Brandl", "reaction", "out"),
                         ("Janos Werner", "message", "in")}),
    (ONE_THREAD, (4, 4, 0), {("Ines Walter", "message", "in"), ("Ines Walter", "message", "out"),
                             ("Ines Walter", "reaction", "out")})], ids=["in-dyi-messages", "one-thread"])
def test_counts_reconcile_through_unsocial_ingest(unsocial, tmp_path, folder, counts, expected):
    db = tmp_path / "u.duckdb"
    result = unsocial("ingest", folder, "--db", db, "--owner", "pia")
    assert result.code == 0, result.err
    assert query(db, "select source, records_read, records_loaded, records_quarantined from ingested_exports") == [
        ("facebook", *counts)]
    assert set(query(db, "select account_ref, kind, direction from raw_interactions")) == expected
    assert query(db, "select account_ref from raw_accounts where is_owner group by 1") == [(OWNER,)]
    assert query(db, "select count(*) from raw_quarantine")[0][0] == 0
    first = query(db, "select min(occurred_at) from raw_interactions where account_ref = 'Ines Walter'")[0][0]
    assert first == datetime(2025, 4, 30, 8, 0)
