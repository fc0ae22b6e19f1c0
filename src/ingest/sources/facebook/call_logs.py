"""The phone's call log Facebook's Android apps uploaded (2015-2018, with "continuous contact upload" on), in the JSON
download of 2018-2020 (F3): ``calls_and_messages/call_logs.json``. F0's pages held the same history as tables
(``f0_contacts.py``).

One list of calls per number, the number a key as the phone wrote it (SamuelePilleri/facebook-schemas
``calls_and_messages/call_logs.json``, a schema written from real downloads)::

    {"call_logs": {"+4915100000001": [{"call_type": "OUTGOING", "start_timestamp": 1456789012, "duration": 125,
                                       "contact_name": "Jonas Weber", "number_label": "Mobile"}, …], …}}

A phone call is offline contact (design.md), so the calls are read as a phone's call log is (``calls.records``): the
number the person's (platform ``calls``, linking to the address book's card), a call that took place an offline
interaction of mode ``call``, a missed or rejected one an attempt. The types are the F0 pages' (Android's
``CallLog.Calls`` types by name). ``calls_and_messages/message_logs.json`` beside it holds the text messages' numbers
and times, no names and no text: listed, not read, as a phone's text messages are (a message is no offline contact).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Record
from ..archive import Export
from ..calls.call import Call
from ..calls.records import log_records, log_region, type_code
from .people import BrokenFile, broken_file, load_json
from .rows import Tally

SHAPE = "the phone's call log Facebook uploaded (F3 JSON)"
NOT_A_LOG = "file: not valid JSON of a call log (no \"call_logs\" object of numbers)"
NOT_A_CALL = "call: not valid JSON of a call (not an object)"


def read_call_logs(export: Export, member: str) -> Iterator[Record]:
    """The file's calls as a phone's call log; a file that is no call log one record read and refused, with its note
    (without the note it was refused and not counted read: the export's counts did not reconcile)."""
    try:
        data = load_json(export, member)
    except BrokenFile as exc:
        yield from broken_file(Tally(member), exc, SHAPE)
        return
    logs = data.get("call_logs") if isinstance(data, dict) else None
    if not isinstance(logs, dict):
        yield from broken_file(Tally(member), BrokenFile(NOT_A_LOG), SHAPE)
        return
    calls = list(_calls(logs))
    yield from log_records(member, calls, log_region(call.number for call in calls), set(), SHAPE)


def _calls(logs: dict) -> Iterator[Call]:
    """Each call, numbered from 1 in the file's order."""
    line = 0
    for number, entries in logs.items():
        for entry in entries if isinstance(entries, list) else [entries]:
            line += 1
            if not isinstance(entry, dict):
                yield Call(line, number, None, None, None, None, None, str(entry)[:300], problem=NOT_A_CALL)
                continue
            yield Call(line, number, _millis(entry.get("start_timestamp")), _type(entry.get("call_type")),
                       _text(entry.get("duration")), _text(entry.get("contact_name")), None,
                       f"{entry.get('call_type')}, {entry.get('start_timestamp')}, {entry.get('duration')}")


def _millis(seconds: object) -> str | None:
    return str(seconds * 1000) if type(seconds) is int else None


def _type(value: object) -> str | None:
    return type_code(value) if isinstance(value, str) else None


def _text(value: object) -> str | None:
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
