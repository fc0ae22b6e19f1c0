"""A phone's call log: each call that took place is an offline interaction of mode ``call`` with the person at the
other end, known by their number (design.md: "a phone or video call" is offline contact). The number links the
caller to the address book's card and through it to the platforms; the name the phone showed is a name to look for.

Read: SMS Backup & Restore's ``calls-<stamp>.xml``, an OPPO backup's call log and Super Backup's
``calllogs_<stamp>.xml`` (``android_xml``), SMS Import / Export's ``calls-<date>.json`` (``sms_ie``), Google Voice's
call pages in a Google Takeout (``voice``), phones' own call-history databases (``call_db``), iMazing's ``Call History
- <stamp>.csv`` of an iPhone (``imazing_csv``), a Nokia's LogExport ``log-<date>.csv`` (``nokia_logexport``) and
Windows Mobile's ``callhistory.tsv`` (``wm_callhistory``); what a call means, and which calls count, is ``records``'.
The same apps' text messages (``sms-<stamp>.xml``, Super Backup's ``<allsms>``, LogExport's ``Short message`` rows),
and Google Voice's, are not read: a message is no offline contact (as in the journal). A Takeout of Voice beside
products no source reads lists those as their product tells.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .detection import detect, reads_part

if TYPE_CHECKING:
    from ...models import Record
    from ..archive import Export

__all__ = ["NAME", "SHARED_ARCHIVE", "detect", "parse", "reads_part"]

NAME = "calls"
# A phone's backup folder holds the call log beside the contacts' vCards and other sources' files (sources.split_export)
SHARED_ARCHIVE = True


def parse(export: Export) -> Iterator[Record]:
    from .reading import parse_log  # the readers' models and rules: imported when a log is read, not to tell one

    yield from parse_log(export)
