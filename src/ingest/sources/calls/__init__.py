"""A phone's call log: each call that took place is an offline interaction of mode ``call`` with the person at the
other end, known by their number (design.md: "a phone or video call" is offline contact). The number links the
caller to the address book's card and through it to the platforms; the name the phone showed is a name to look for.

Read: SMS Backup & Restore's ``calls-<stamp>.xml`` and an OPPO backup's call log (``android_xml``), SMS Import /
Export's ``calls-<date>.json`` (``sms_ie``); what a call means, and which calls count, is ``records``'. The same app's
text messages (``sms-<stamp>.xml``) are not read: a message is no offline contact (as in the journal).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import MemberNote, Record
from ..archive import Export
from .detection import detect, reader_of, sms_backup
from .records import NAME, log_records, log_region

__all__ = ["NAME", "SHARED_ARCHIVE", "detect", "parse"]

# A phone's backup folder holds the call log beside the contacts' vCards and other sources' files (sources.split_export)
SHARED_ARCHIVE = True
SMS_NOTE = "SMS Backup & Restore's text messages: a message is no offline contact, not read"


def parse(export: Export) -> Iterator[Record]:
    seen: set[tuple] = set()  # the calls of the files read before: a backup repeats the last one's
    for member in export.members():
        if reader := reader_of(export, member):
            region = log_region(call.number for call in reader.calls(export, member))
            yield from log_records(member, reader.calls(export, member), region, seen, reader.shape(export, member))
        elif sms_backup(export, member):
            yield MemberNote(member=member, line=0, handling="ignored", note=SMS_NOTE)
        else:
            yield MemberNote(member=member, line=0, handling="unknown", note="not a call log: not read")
