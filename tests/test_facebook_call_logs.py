"""The phone's call log Facebook's Android apps uploaded, in the JSON download of 2018-2020: phone calls, offline
contact, read as a phone's call log is (``sources/facebook/call_logs.py``). Before, calls_and_messages/ was "left
out on purpose: no other person", every call lost."""

from __future__ import annotations

import shutil

from conftest import AS_OF, assert_nothing_lost, fixture, parse, query
from ingest.models import Account, Interaction, MemberNote, Quarantined
from ingest.sources.archive import Export
from ingest.sources.calls.records import SERVICE

EXPORT = fixture("facebook", "f3-2018-call-logs")
LOG = "calls_and_messages/call_logs.json"


def test_calls_that_took_place_are_offline_calls_and_attempts_only_name_the_number():
    records = parse(Export(EXPORT))
    calls = sorted((r.account_ref, r.direction, r.mode) for r in records
                   if isinstance(r, Interaction) and r.platform == "calls")
    # the national number read in the phone's region (UNSOCIAL_PHONE_REGION, DE)
    assert calls == [("+4915112345678", "out", "call"), ("+491701112233", "in", "call")]
    numbers = {(r.account_ref, r.display_name) for r in records if isinstance(r, Account) and r.platform == "calls"}
    # a missed call names its number, a rejected one and one nobody answered too; the service code no one
    assert numbers == {("+4915112345678", "Jonas Weber"), ("+491701112233", "Greta Nachbar"), ("+4917098765432", None)}
    assert [(q.member, q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [(LOG, 6, SERVICE)]
    notes = {n.member: (n.handling, n.note) for n in records if isinstance(n, MemberNote)}
    assert notes[LOG] == ("parsed", "the phone's call log Facebook uploaded (F3 JSON), calls: 2, missed: 1, "
                                    "rejected: 1, not answered: 1")
    assert notes["calls_and_messages/message_logs.json"][0] == "ignored"
    assert_nothing_lost(records)


def test_a_log_that_is_no_log_is_refused_saying_so(tmp_path):
    export = tmp_path / "facebook-marta"
    shutil.copytree(EXPORT, export)
    (export / LOG).write_text('{"call_logs": [1, 2]}', encoding="utf-8")
    records = parse(Export(export))
    assert [(q.member, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (LOG, 'file: not valid JSON of a call log (no "call_logs" object of numbers)')]
    (export / LOG).write_text('{"call_logs": {"+4915112345678": [{"call_type": "OUTGOING", "duration": 3}, 7]}}',
                              encoding="utf-8")
    records = parse(Export(export))
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (1, "date: missing or not a time in milliseconds"), (2, "call: not valid JSON of a call (not an object)")]
    assert_nothing_lost(records)


def test_a_friend_called_is_met_and_the_log_says_nothing_personal(unsocial, tmp_path):
    inbox = tmp_path / "inboxes" / "marta"
    shutil.copytree(EXPORT, inbox / "facebook-marta")
    db = tmp_path / "u.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "reports", "--as-of", AS_OF)
    assert result.code == 0, result.err
    # Jonas Weber, a friend, called by the name the phone showed with his number; Aylin Demir never called
    assert query(db, "select display_name, has_offline_interaction from contacts where display_name in "
                     "('Jonas Weber', 'Aylin Demir') order by 1") == [("Aylin Demir", False), ("Jonas Weber", True)]
    assert [word for word in ("Jonas", "Greta", "15112345678", "1112233") if word in result.out + result.err] == []
