"""An owner's message to a Twitter group: stored once with its list of members (``raw_recipients``), one
interaction with each member from staging on, forgotten members gone from the lists, older databases migrated."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF, FIXTURES, zip_folder
from ingest.models import GROUP_REF, Interaction, Recipient
from ingest.sources import twitter
from ingest.sources.archive import Export
from test_twitter import ANNA, INES, JONAS, LUKAS1, OWNER, REPEATED, STRANGER, ZOE, rows, stored

GROUP = "1480000000000000000"
MEMBER = "data/direct-messages-group.js"


def message(n: int, sender: str, day: int) -> dict:
    return {"messageCreate": {"reactions": [], "urls": [], "text": f"message {n}", "mediaUrls": [],
                              "senderId": sender, "id": f"15770000000000{n:05d}", "createdAt": f"2022-10-{day:02d}T08:00:00.000Z"}}


def group_file() -> str:
    """A group of the owner, Jonas and Anna: three messages of the owner, Zoë added, two more, Jonas leaving,
    one more; in the export's order, newest first."""
    events = [
        {"joinConversation": {"initiatingUserId": OWNER, "participantsSnapshot": [OWNER, JONAS, ANNA],
                              "createdAt": "2022-10-01T07:00:00.000Z"}},
        message(1, OWNER, 1), message(2, OWNER, 2), message(3, ANNA, 3), message(4, OWNER, 4),
        {"participantsJoin": {"initiatingUserId": OWNER, "userIds": [ZOE], "createdAt": "2022-10-05T07:00:00.000Z"}},
        message(5, OWNER, 5), message(6, OWNER, 6),
        {"participantsLeave": {"userIds": [JONAS], "createdAt": "2022-10-07T07:00:00.000Z"}},
        message(7, OWNER, 7),
    ]
    conversation = {"dmConversation": {"conversationId": GROUP, "messages": events[::-1]}}
    return "window.YTD.direct_messages_group.part0 = " + json.dumps([conversation], indent=1)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The 2022 fixture with the group conversation of ``group_file``."""
    folder = tmp_path / "twitter-2022"
    shutil.copytree(FIXTURES / "twitter" / "2022", folder)
    (folder / MEMBER).write_text(group_file(), encoding="utf-8")
    return folder


def test_an_owners_group_message_is_one_row_and_its_members_a_list_written_once(archive):
    records = stored(twitter.parse(Export(archive)))
    group = sorted(r.line for r in records if isinstance(r, Interaction) and r.member == MEMBER)
    messages = [(r.line, r.account_ref, r.kind, r.direction, r.recipients_line) for r in records
                if isinstance(r, Interaction) and r.recipients_line is not None]
    lists = sorted((r.line, r.account_ref) for r in records if isinstance(r, Recipient))
    # lines in file order, newest first: 1 owner, 2 Jonas leaves, 3-4 owner, 5 Zoë added, 6 owner, 7 Anna,
    # 8-9 owner, 10 the owner starting the group; a list is written at the first line that goes to it
    assert sorted(messages) == [(n, GROUP_REF, "message", "out", first) for n, first in
                                ((1, 1), (3, 3), (4, 3), (6, 6), (8, 6), (9, 6))]
    assert lists == [(1, ANNA), (1, ZOE), (3, JONAS), (3, ANNA), (3, ZOE), (6, JONAS), (6, ANNA)]
    assert group == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]  # every line loaded; the start names two people


def test_after_staging_each_message_reaches_the_members_of_its_moment(archive):
    out = sorted((r.line, r.account_ref) for r in rows(twitter.parse(Export(archive)))
                 if isinstance(r, Interaction) and r.member == MEMBER and r.kind == "message" and r.direction == "out")
    assert out == [(1, ANNA), (1, ZOE), (3, JONAS), (3, ANNA), (3, ZOE), (4, JONAS), (4, ANNA), (4, ZOE),
                   (6, JONAS), (6, ANNA), (8, JONAS), (8, ANNA), (9, JONAS), (9, ANNA)]


def query(db: Path, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


@pytest.fixture
def run_2022(unsocial, tmp_path: Path) -> Path:
    """``unsocial run`` on the 2022 fixture (owner's group messages at lines 1 and 3)."""
    inbox = tmp_path / "inboxes" / "marta"
    inbox.mkdir(parents=True)
    zip_folder(FIXTURES / "twitter" / "2022", inbox / "twitter-2022-11-20-5f3a9c.zip")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "r", "--as-of", AS_OF)
    assert result.code == 0, result.err
    return db


GROUP_MESSAGES = """select line, list(account_ref order by account_ref) from interactions join person_accounts
    using (owner_id, person_id) where thread_ref = ? and kind = 'message' and direction = 'out'
    group by line order by line"""
CONTACTS = """select account_ref, online_interactions from contacts join person_accounts using (owner_id, person_id)
    where account_ref in (?, ?, ?) order by account_ref"""


def test_a_group_message_reaches_every_member_in_the_views(run_2022):
    assert query(run_2022, GROUP_MESSAGES, GROUP) == [(1, [LUKAS1, INES]), (3, [LUKAS1, ZOE, INES])]
    # as before the messages were stored once: each member's messages, reactions and joins
    assert query(run_2022, CONTACTS, LUKAS1, ZOE, INES) == [(LUKAS1, 3), (ZOE, 3), (INES, 2)]
    assert query(run_2022, "select count(*), count(distinct recipients_line) from raw_interactions "
                           "where account_ref = ?", GROUP_REF) == [(2, 2)]


def person_of(db: Path, account_ref: str) -> str:
    return query(db, "select person_id from person_accounts where platform = 'twitter' and account_ref = ?",
                 account_ref)[0][0]


def test_forgetting_a_member_takes_them_off_the_groups_lists(unsocial, run_2022, tmp_path):
    result = unsocial("forget", person_of(run_2022, ZOE), "--db", run_2022, "--reports", tmp_path / "r",
                      "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert query(run_2022, "select count(*) from raw_recipients where account_ref = ?", ZOE) == [(0,)]
    assert query(run_2022, GROUP_MESSAGES, GROUP) == [(1, [LUKAS1, INES]), (3, [LUKAS1, INES])]


def test_a_group_message_whose_members_are_all_forgotten_goes(unsocial, run_2022, tmp_path):
    for ref in (LUKAS1, INES):
        result = unsocial("forget", person_of(run_2022, ref), "--db", run_2022, "--reports", tmp_path / "r",
                          "--as-of", AS_OF)
        assert result.code == 0, result.err
    assert query(run_2022, "select line, account_ref from raw_recipients") == [(3, ZOE)]
    # the message of line 1 went to Lukas and Ines only: nothing of it stays
    assert query(run_2022, "select line from raw_interactions where recipients_line is not null") == [(3,)]
    assert query(run_2022, GROUP_MESSAGES, GROUP) == [(3, [ZOE])]


def test_a_database_of_schema_1_is_migrated_and_its_per_member_rows_still_read(unsocial, run_2022, tmp_path):
    from ingest.store.migrations import SCHEMA_VERSION

    before = query(run_2022, "select * from interactions order by all")
    with duckdb.connect(str(run_2022)) as con:  # as schema 1 stored a group message: one row per member
        con.execute("""insert into raw_interactions by name
            select m.* exclude (account_ref, recipients_line), r.account_ref from raw_interactions as m
            join raw_recipients as r on r.owner_id = m.owner_id and r.export_path = m.export_path
                and r.member = m.member and r.line = m.recipients_line""")
        con.execute("delete from raw_interactions where recipients_line is not null")
        con.execute("drop table raw_recipients")
        con.execute("alter table raw_interactions drop column recipients_line")
        con.execute("update settings set value = '1' where key = 'schema_version'")
    result = unsocial("run", tmp_path / "inboxes" / "marta", "--db", run_2022, "--reports", tmp_path / "r",
                      "--as-of", AS_OF)
    assert result.code == 0, result.err
    assert query(run_2022, "select value from settings where key = 'schema_version'") == [(str(SCHEMA_VERSION),)]
    assert query(run_2022, "select count(*) from raw_recipients") == [(0,)]  # the export was not read again
    assert query(run_2022, "select * from interactions order by all") == before


def test_the_backstop_counts_an_owners_group_message_once_per_member(archive, monkeypatch):
    """A group of thousands written to thousands of times is one row per message here, but millions of
    interactions in staging: the backstop on rows per byte counts those (``base.capped_rows``)."""
    from ingest.columns import Columns
    from ingest.errors import UnsafeArchiveError
    from ingest.models import Account
    from ingest.sources import base

    def count(records, meant: bool) -> int:
        return sum((getattr(r, "stands_for", len(r)) if meant else len(r)) if isinstance(r, Columns) else 1
                   for r in records if isinstance(r, (Account, Interaction))
                   or isinstance(r, Columns) and r.model in (Account, Interaction))

    records = list(twitter.parse(Export(archive)))
    stored_rows = count(records, meant=False)
    assert count(records, meant=True) == stored_rows + 8  # six messages to 2, 3, 3, 2, 2 and 2 members
    monkeypatch.setattr(base, "max_rows", lambda size: -(-stored_rows // base.BACKSTOP))
    with pytest.raises(UnsafeArchiveError):
        list(base.capped_rows(twitter.parse(Export(archive)), Export(archive), archive))


def long_group(conversation: str, first_id: int, members: list[str], n: int) -> list[dict]:
    """A group of the owner and ``members`` (the first of them adds the owner), renamed, then ``n`` messages
    in turn (every third the owner's, each fifth with reactions of two others and the owner) with the first
    member leaving a third of the way in and Ines added by the owner at two thirds; newest first."""
    first = members[0]
    events = [{"joinConversation": {"initiatingUserId": first, "participantsSnapshot": [OWNER, *members],
                                    "createdAt": "2022-10-01T07:00:00.000Z"}},
              {"conversationNameUpdate": {"initiatingUserId": OWNER, "name": "Crew",
                                          "createdAt": "2022-10-01T07:01:00.000Z"}}]
    others = list(members)
    for i in range(n):
        at = f"2022-10-{2 + i * 20 // n:02d}T{8 + i % 12:02d}:{i % 60:02d}:00.000Z"
        if i == n // 3:
            events.append({"participantsLeave": {"userIds": [first], "createdAt": at.replace(":00.000Z", ":00.500Z")}})
            others.remove(first)
        if i == 2 * n // 3:
            events.append({"participantsJoin": {"initiatingUserId": OWNER, "userIds": [INES],
                                                "createdAt": at.replace(":00.000Z", ":00.500Z")}})
            others.append(INES)
        sender = OWNER if i % 3 == 0 else others[i % len(others)]
        create = {"reactions": [], "urls": [], "text": f"{conversation} {i}", "mediaUrls": [], "senderId": sender,
                  "id": str(first_id + i), "createdAt": at.replace(":00.000Z", ":01.000Z")}
        if i % 5 == 0:
            reactors = [r for r in (OWNER, *others) if r != sender][:2] + ([OWNER] if sender != OWNER else [])
            create["reactions"] = [{"senderId": r, "reactionKey": "like", "eventId": str(first_id + n + i),
                                    "createdAt": at.replace(":00.000Z", ":30.000Z")} for r in dict.fromkeys(reactors)]
        events.append({"messageCreate": create})
    return {"dmConversation": {"conversationId": conversation, "messages": events[::-1]}}


def created(conversation: dict) -> list[dict]:
    return [e["messageCreate"] for e in conversation["dmConversation"]["messages"] if "messageCreate" in e]


@pytest.mark.parametrize("keep_text", [False, True])
def test_decoded_group_conversations_give_the_rows_of_plain_json(monkeypatch, keep_text):
    """Long group conversations are decoded into the fields read and built column by column
    (``group_columns.py``); one with an event of another form is read from plain JSON, with the same rows
    and quarantines."""
    from ingest.columns import Columns
    from ingest.models import Quarantined
    from ingest.sources.twitter import messages
    from ingest.sources.twitter.common import Harvest

    damaged = long_group("1480000000000000003", 3000, [ANNA, LUKAS1, ZOE], 40)
    created(damaged)[7]["senderId"] = None
    odd = long_group("1480000000000000004", 4000, [ANNA, JONAS], 40)
    created(odd)[5]["createdAt"] = "2022-10-03T10:00:00+01:00"  # read, as the plain reader reads it
    odd["dmConversation"]["messages"].insert(9, {"messageDelete": {"id": "4999"}})
    selfish = long_group("1480000000000000005", 5000, [JONAS, ZOE], 40)
    mine = next(create for create in created(selfish) if create["senderId"] == OWNER)
    mine["reactions"] = [{"senderId": OWNER, "reactionKey": "like", "createdAt": "2022-10-30T10:00:00.000Z"}]
    split = long_group("1480000000000000006", 1000, [LUKAS1, ZOE], 40)  # repeats the first one's ids
    returning = long_group("1480000000000000001", 1000, [JONAS, ANNA, ZOE], 60)
    created(returning)[3]["senderId"] = JONAS  # back after leaving, before the owner's last message
    returning["dmConversation"]["messages"][-2]["conversationNameUpdate"]["initiatingUserId"] = STRANGER  # silent
    conversations = [returning, long_group("1480000000000000002", 2000, [LUKAS1, ANNA], 40), damaged, odd,
                     selfish, split,
                     {"dmConversation": {"conversationId": "1480000000000000007", "messages": "x" * 5000}},
                     long_group("1480000000000000008", 8000, [ANNA, ZOE], 2)]
    fast = []
    read = messages.fast_group
    monkeypatch.setattr(messages, "fast_group", lambda c, thread, dm: fast.append(read(c, thread, dm)) or fast[-1])
    data = ("window.YTD.direct_messages_group.part0 = " + json.dumps(conversations, indent=2)).encode()

    def rows(decoded_bytes: int) -> list:
        monkeypatch.setattr(messages, "DECODED_BYTES", decoded_bytes)
        dm = messages.DmFile(MEMBER, OWNER, Harvest(), set(), True, keep_text)
        out = []
        for record in messages.parse_messages(data, dm):
            found = [(record.model.__name__, r) for r in record.rows(range(len(record)))] \
                if isinstance(record, Columns) else [(type(record).__name__, record.model_dump())]
            out += [repr(sorted(row.items(), key=str)) + name for name, row in found]
        return sorted(out)  # the same rows; not in the same order, nor in the same batches

    decoded, plain = rows(4096), rows(1 << 40)
    assert decoded == plain
    assert any(STRANGER in row and row.endswith("Account") for row in decoded)  # who renamed the group
    assert fast == [True, True, False, False, False, False]  # the short one is never decoded, the damaged never read
    reasons = Counter(r.reason for r in messages.parse_messages(data, messages.DmFile(
        MEMBER, OWNER, Harvest(), set(), True, keep_text)) if isinstance(r, Quarantined))
    assert reasons == {"messageCreate.senderId: missing": 1, "dmConversation.messages: an event of unknown type": 1,
                       "reactions: the owner reacting to their own message": 1, "dmConversation: no messages list": 1,
                       REPEATED: 40,  # the split conversation's messages, and their reactions
                       "reactions: on a message already read (the export repeats conversations)": 13}
