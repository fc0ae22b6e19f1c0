"""SMS Import / Export's call log (tmo1/sms-ie, F-Droid): ``calls-YYYY-MM-DD.json``, a pretty-printed JSON array of
the phone's call-log rows as Android's ``content://call_log/calls`` has them, every value a string, columns that are
null left out, and ``display_name`` added where a contact matches (``ImportExportCallLog.kt``)::

    [{"_id": "1", "number": "+4915100000001", "date": "1738310400000", "duration": "125", "type": "2",
      "presentation": "1", "countryiso": "DE", "display_name": "Jonas Beispiel"}, …]

Android's own column ``name`` (the cached name) is read where ``display_name`` is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..archive import Export
from .call import Call

SHAPE = "SMS Import / Export's call log"
# Only files so named are opened: a platform's export holds thousands of JSON files
_NAME = re.compile(r"calls?(?:[-_ ].*)?\.json", re.I)
_FIRST_ROW = re.compile(rb'\s*\[\s*(?:\]|\{[^{}]*"(?:number|duration|type|date)"\s*:)', re.S)
_NAMES = ("display_name", "name")
NOT_A_LIST = "file: not a JSON list of calls (damaged, or not SMS Import / Export's call log)"


def named(member: str) -> bool:
    return bool(_NAME.fullmatch(member.rsplit("/", 1)[-1]))


def claims(head: bytes) -> bool:
    return bool(_FIRST_ROW.match(head.removeprefix(b"\xef\xbb\xbf")))


def shape(export: Export, member: str) -> str:
    return SHAPE


def calls(export: Export, member: str) -> Iterator[Call]:
    """The file's calls in order (``line``: the call's place in the list, from 1); one ``Call`` with its problem
    when the file is no list of calls."""
    from ..base import read_whole

    try:
        rows = json.loads(bytes(read_whole(export, member)).decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested past the interpreter's depth: no call log
        rows = None
    if not isinstance(rows, list):
        yield Call(0, None, None, None, None, None, None, "", problem=NOT_A_LIST)
        return
    for place, row in enumerate(rows, 1):
        yield _call(place, row) if isinstance(row, dict) else Call(place, None, None, None, None, None, None,
                                                                     str(row)[:300], problem="call: not an object")


def _call(place: int, row: dict) -> Call:
    def text(key: str) -> str | None:
        value = row.get(key)
        return _whole(str(value)) if value is not None and not isinstance(value, (dict, list)) else None

    name = next((text(key) for key in _NAMES if text(key)), None)
    return Call(place, text("number"), text("date"), text("type"), text("duration"), name, text("presentation"),
                _whole(json.dumps(row, ensure_ascii=False)[:300]), text("countryiso"))


# Kotlin's JSON writer escapes a text's UTF-16 units one by one, so a name cut inside an emoji comes as half of its
# pair ("Greta \ud83d"), which no text may hold: the half is the replacement character
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _whole(text: str) -> str:
    return _LONE_SURROGATE.sub("\ufffd", text)
