"""Reading a call log export: each file by its reader (``detection.READERS``), the rest listed as what it is."""

from __future__ import annotations

from collections.abc import Iterator

from ...models import MemberNote, Record
from ..archive import Export
from ..takeout import INDEX, folder_note
from . import call_db, voice
from .detection import reader_of, sms_backup, takeout_of
from .records import log_records, log_region

SMS_NOTE = "SMS Backup & Restore's text messages: a message is no offline contact, not read"
SUPER_BACKUP_SMS_NOTE = "Super Backup's text messages: a message is no offline contact, not read"
INDEX_NOTE = "Google Takeout's index of the archive: no people"


def parse_log(export: Export) -> Iterator[Record]:
    seen: set[tuple] = set()  # the calls of the files read before: a backup repeats the last one's
    products = {m: product for product, members in (takeout_of(export) or {}).items() for m in members}
    for member in export.members():
        if reader := reader_of(export, member):
            calls = list(reader.calls(export, member))  # read once: its numbers decide the region it is read in
            if note := call_db.contacts_only(member, calls):
                yield MemberNote(member=member, line=0, handling="no_people", note=note)
                continue
            region = None if getattr(reader, "INTERNATIONAL", False) else log_region(call.number for call in calls)
            yield from log_records(member, calls, region, seen, reader.shape(export, member))
        else:
            handling, note = _not_a_log(export, member, products.get(member))
            yield MemberNote(member=member, line=0, handling=handling, note=note)


def _not_a_log(export: Export, member: str, product: str | None) -> tuple[str, str]:
    """How a file that is no call log is listed: the same app's text messages, Google Voice's other files, a
    Takeout's other products (as ``takeout.folder_note`` tells) and its index; else unknown."""
    if sms_backup(export, member):
        return "ignored", SUPER_BACKUP_SMS_NOTE if b"<allsms" in export.head(member) else SMS_NOTE
    if call_db.beside(member):
        return "ignored", call_db.BESIDE_NOTE
    if product == voice.PRODUCT:
        return voice.companion(export, member) or ("unknown", voice.OTHER_NOTE)
    if product:
        return folder_note(product)
    if product == "" and member.rsplit("/", 1)[-1] == INDEX:
        return "ignored", INDEX_NOTE
    return "unknown", "not a call log: not read"
