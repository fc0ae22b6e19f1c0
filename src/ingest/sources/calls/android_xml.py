"""Android call logs saved as XML: SMS Backup & Restore's ``calls-<stamp>.xml``, an OPPO/ColorOS backup's
``callrecord_backup.xml`` and Super Backup's ``calllogs_<stamp>.xml`` (formats.md, Phone call logs).

SMS Backup & Restore (SyncTech; the older Call Logs Backup & Restore wrote the same) writes an XML declaration, a
comment naming the app and its version, in older versions a stylesheet, then ``<calls count="…" backup_set="…"
backup_date="…">`` and one ``<call …/>`` per call, CRLF (kmanwar89/pythonparser ``calls.xml``, v8.50.86)::

    <call number="0151…" duration="63" date="<unix ms>" type="1" presentation="1" subscription_id="1"
          post_dial_digits="" subscription_component_name="…" readable_date="27.04.2017 19:27:56"
          contact_name="(Unknown)" />

``readable_date`` is in the phone's locale and zone: ``date`` is read. Files converted by other tools write fewer
attributes, any of them may be missing (wjcarpenter/gvoice-sms-takeout-xml ``sms.py``). OPPO writes one line,
``<CallLog><CALL_RECORDS _id number duration type date name=" " numbertype numberlabel ring_time new features
countryiso/>…</CallLog>``, its unknown name a space (pepemano/OPPO-SMS-Call-Log-Recovery-Tool ``calls.xml``).
Super Backup & Restore (MobileIdea, Android) writes ``calllogs_<stamp>.xml``, ``<alllogs count="…">`` and one
``<log number time date type name new dur/>`` per call: ``date`` in unix ms, ``time`` the phone's readable form (not
read), the length in ``dur`` (novoid/Memacs ``memacs/tests/data/calls_superbackup.xml``).

The file is read element by element (a backup of years holds tens of thousands of calls), by an XML parser that
expands no entity and loads no DTD: a hostile file's entities are never expanded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..archive import Export
from .call import Call

# The root and its first call, after an XML declaration, comments and a stylesheet; or a backup of no call
_ROOT = re.compile(rb"<(?P<root>calls|CallLog|alllogs)\b[^>]*>\s*(?:<!--.*?-->\s*)*"
                   rb"(?:<(?:call|CALL_RECORDS|log)\b|</(?P=root)>)", re.S)
_EMPTY = re.compile(rb"<(?:calls|alllogs)\b[^>]*/>")
CALL_TAGS = ("call", "CALL_RECORDS", "log")
BROKEN = "file: not well-formed XML from here on (cut off or damaged): the calls before were read"
MAX_TOKEN = 1 << 20  # bytes without a ">": no phone writes a value that long, and lxml would hold it whole
TOO_LONG = "file: a value longer than 1 MiB from here on (not what a phone writes): the calls before were read"
SHAPES = {"call": "SMS Backup & Restore's call log", "CALL_RECORDS": "an OPPO backup's call log",
          "log": "Super Backup's call log"}
_NAMES = ("contact_name", "name")
_DURATIONS = ("duration", "dur")  # Super Backup's ``dur``


def named(member: str) -> bool:
    """An XML file (whatever its name: told by its head, ``claims``)."""
    return member.lower().endswith(".xml")


def claims(head: bytes) -> bool:
    return bool(_ROOT.search(head) or _EMPTY.search(head))


def shape(export: Export, member: str) -> str:
    head = export.head(member)
    if b"<alllogs" in head:
        return SHAPES["log"]
    return SHAPES["CALL_RECORDS"] if b"<CALL_RECORDS" in head or b"<CallLog" in head else SHAPES["call"]


def calls(export: Export, member: str) -> Iterator[Call]:
    """The file's calls in order; where its XML breaks off (a backup cut short, a damaged copy), a last ``Call``
    saying so: the calls before it are read."""
    from lxml import etree

    with export.open(member) as stream:
        events = etree.iterparse(_Bounded(stream), events=("end",), tag=CALL_TAGS, resolve_entities=False,
                                 load_dtd=False, no_network=True, huge_tree=False, remove_comments=True)
        place = 0  # the call's place in the file, from 1: OPPO writes every call on one line
        try:
            for place, (_, element) in enumerate(events, 1):
                yield _call(place, element)
                element.clear(keep_tail=False)
                # the calls read before it dropped; a call that is the document's root (before <calls>, after the
                # stylesheet line: lines moved in an edited backup) has the stylesheet before it and no parent
                while element.getprevious() is not None and element.getparent() is not None:
                    del element.getparent()[0]
        except etree.XMLSyntaxError:
            yield Call(place + 1, None, None, None, None, None, None, "", problem=BROKEN)
        except _TooLong:
            yield Call(place + 1, None, None, None, None, None, None, "", problem=TOO_LONG)


def _call(place: int, element) -> Call:
    get = element.attrib.get
    name = next((get(key) for key in _NAMES if get(key) is not None), None)
    duration = next((get(key) for key in _DURATIONS if get(key) is not None), None)
    excerpt = " ".join(f'{key}="{value}"' for key, value in element.attrib.items())
    return Call(place, get("number"), get("date"), get("type"), duration, name, get("presentation"), excerpt,
                get("countryiso"))


class _TooLong(Exception):
    """``MAX_TOKEN`` bytes passed without a ``>``."""


class _Bounded:
    """The file as lxml reads it, refused (``_TooLong``) where more than ``MAX_TOKEN`` bytes pass without a ``>``: an
    attribute of hundreds of megabytes would be held whole, twice (lxml's and Python's copy)."""

    def __init__(self, stream):
        self.stream, self.since = stream, 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size if size and size > 0 else 1 << 16)
        last = data.rfind(b">")
        self.since = len(data) - last - 1 if last != -1 else self.since + len(data)
        if self.since > MAX_TOKEN:
            raise _TooLong
        return data
