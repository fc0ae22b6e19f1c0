"""Telling a phone's call log by its content (``sources.calls``), importing no more than its readers' light modules
(``lxml``, ``bs4`` and the records' models are imported when a log is read).

A call log is told by what it holds, never by its name alone: ``calls.xml`` is also the usual name of Twilio's TwiML
files and of TestNG suites (CJKuo/test_xml, stephenjohn97/Stephen-John). An export is a call log when each of its
files is one, or a backup of text messages written beside it by the same app (``sms_backup``).
"""

from __future__ import annotations

import re
from types import ModuleType

from ..archive import Export
from ..takeout import PRODUCTS_NOT_READ, takeout_products
from . import android_xml, call_db, imazing_csv, nokia_logexport, sms_ie, voice, wm_callhistory

# Each reader of a call log's shape: ``named(member)`` and ``claims(head)`` tell its files by name and head (importing
# nothing heavy), ``shape(export, member)`` names it for the file's note, ``calls(export, member)`` reads its calls.
READERS: tuple[ModuleType, ...] = (android_xml, sms_ie, voice, call_db, imazing_csv, nokia_logexport, wm_callhistory)
HEAD = 4096
# The text messages a backup app writes beside its call log: SMS Backup & Restore's ``<smses count="…">``, Super
# Backup's ``<allsms count="…">`` (one ``<sms address time date type body read service_center name/>`` per message)
_SMS_ROOT = re.compile(rb"<(?:smses|allsms)\b")


def detect(export: Export) -> bool:
    """Every file of the export a call log, the same app's text messages or a file kept beside a call history, and
    one of them a call log; or a Google Takeout whose Voice holds Google Voice's pages (``voice_takeout``)."""
    if (products := takeout_of(export)) is not None:
        return voice_takeout(export, products)
    kinds = set()
    for member in export.members():  # the first file of another kind decides: a platform's export opens no more
        kind = kind_of(export, member)
        if kind is None:
            return False
        kinds.add(kind)
    return "calls" in kinds


def reads_part(export: Export) -> bool:
    """Whether the export is one file of which the call log reads a part, another source the rest
    (``sources.split_export``): Android's ``contacts2.db`` (before Android 7), whose ``calls`` table is the call log and
    whose contacts the address book reads."""
    members = export.members()
    return len(members) == 1 and call_db.shares_file(members[0]) and reader_of(export, members[0]) is call_db


def voice_takeout(export: Export, products: dict[str, list[str]]) -> bool:
    """A Google Takeout, or its Voice product shared out (``sources.split_export``), whose Voice holds a call or text
    page of Google Voice's, beside no product another source reads: a Takeout with Calendar or Contacts is theirs,
    and they give Voice over, each of its files. One of Voice alone (GunEcstasy/voice ``Takeout/Voice/``) was the
    address book's, every call "not read by this version"."""
    others = [product for product in products if product not in ("", voice.PRODUCT)]
    if voice.PRODUCT not in products or any(product not in PRODUCTS_NOT_READ for product in others):
        return False
    if export.only is not None and list(products) == [voice.PRODUCT]:
        return True  # Voice's files shared out one by one (the ``Takeout/`` folder given itself): Phones.vcf too
    pages = (m for m in products[voice.PRODUCT] if m.lower().endswith(".html"))
    return any(voice.claims(head) or voice.text_page(head) for head in (_head(export, m) for m in pages))


def takeout_of(export: Export) -> dict[str, list[str]] | None:
    """A Takeout's members by product (``takeout.takeout_products``); the ``Takeout/`` folder itself given holds
    ``Voice/…``."""
    return takeout_products(export.members(), export.path.name if export.kind == "folder" else "")


def kind_of(export: Export, member: str) -> str | None:
    """``calls`` for a call log of a shape this version reads, ``sms`` for a backup app's messages, ``beside``
    for a file a phone keeps beside its call history (``call_db.beside``); else None."""
    if reader_of(export, member):
        return "calls"
    return "sms" if sms_backup(export, member) else "beside" if call_db.beside(member) else None


def reader_of(export: Export, member: str) -> ModuleType | None:
    """The reader of the call log ``member`` is, if any."""
    candidates = [reader for reader in READERS if reader.named(member)]
    head = _head(export, member) if candidates else b""
    return next((reader for reader in candidates if reader.claims(head)), None)


def sms_backup(export: Export, member: str) -> bool:
    return member.lower().endswith(".xml") and bool(_SMS_ROOT.search(_head(export, member)))


def _head(export: Export, member: str) -> bytes:
    try:
        return export.head(member, HEAD)
    except (OSError, ValueError):
        return b""
