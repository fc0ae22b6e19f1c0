"""The F0 dump's contact page (2014-2017): ``html/contact_info.htm`` (``.html`` in 2017), the phone's address book the
owner let Facebook upload and, from 2017, the phone's call and SMS history.

Seen in two English dumps of 2014 (tudorbobei/tudorbobei.github.io, lazandrei/lazandrei.github.io): one list,
``<h2>Address Book</h2><ul><li><name><span class="meta"><ul><li><phone></li><li><e-mail></li>…``. In a Spanish
dump of 2017 (sienrik15/fbchull ``html/contact_info.html``): the address book a table (Nombre | Contactos), each
number an item "Contacto <number>" beside items of the phone's own ("meta_data: …", "whatsapp_profile: …"); then
"Historial de llamadas", "SMS History" and "MMS History", one table per number ("<b>Número:</b> <number>") holding
one row per call (Call Type | Inicio | Duración | Nombre | Number Label | Number Type: INCOMING, OUTGOING, MISSED,
REJECTED, REFUSED_LIST) or per message (type | Hora: INBOX, SENT, FAILED; MESSAGE_BOX_INBOX, MESSAGE_BOX_SENT for
MMS). Times "yyyy-mm-dd hh:mm:ss", the phone's local time without a zone: stored as written, as the later HTML
pages' times are (html.py).

The address book gives accounts with identity evidence and no interaction, as the later address books
(address_book.py). The calls are a phone's call log, read as one is (``calls.records``): each number the account of
the person at the other end (platform ``calls``, joined to the address book's contact by the number), a call that took
place an offline interaction, the name shown (Nombre) a name to look for; as F3's call_logs.json is (call_logs.py).
A text message is with the address-book contact holding its number; a number no contact holds is no person (refused).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..archive import Export
from ..contacts_csv import contact_accounts
from ..calls.call import Call
from ..calls.records import EPOCH, TYPE_NAMES, call_records, log_region, outcome_words, type_code
from ..dates import read_datetime
from ...models import MemberNote, Record
from ..text_repair import repair
from ..vcard_fields import email_address
from .html import soup_of
from .rows import PLATFORM, Batch, Tally
from .text import name_of

# A message row's type → (kind, direction); calls are told by their Android type names (``calls.records``)
TYPES = {"INBOX": ("message", "in"), "SENT": ("message", "out"), "MESSAGE_BOX_INBOX": ("message", "in"),
         "MESSAGE_BOX_SENT": ("message", "out")}
FAILED = {"FAILED"}  # an SMS the phone could not send
NEVER_SENT = "type: a message that failed, never sent"
NO_TYPE = "type: not one of " + ", ".join([*TYPE_NAMES, *TYPES])
NO_PERSON = "number: no contact of the address book holds it (a text message's number alone is no person)"
CALLS_NOTE = "calls read as a phone's call log (offline contact)"
LOCAL_TIMES = "call and message times as written: the phone's local time, no zone"
_LABELLED = re.compile(r"^[^\W\d]+:\s")  # "meta_data: …", "whatsapp_profile: …": the phone's own fields
_LABEL = re.compile(r"^[^\W\d]+\s+(?=[+\d(])")  # "Contacto +54 …": the word before the number
_CONTACT = "contact:"  # a contact point written with its label: no field of the phone's own
LABEL = "address book, calls and SMS (F0 HTML)"
# The address book's heading over an empty list, "<h2>Adressbuch</h2><ul></ul>": the owner uploaded no contact
# (Weingaertner23/FB.OLD html/contact_info.htm, German 2014). Read whole, nobody in it: no layout left unread.
EMPTY_BOOK = "the address book is empty (no contact uploaded) and there is no call or SMS history"
_NUMBER_LABEL = re.compile(r"^\W*n[úu]mero\W*$|^\W*number\W*$", re.IGNORECASE)


def read_f0_contacts(export: Export, member: str, batch: Batch) -> Iterator[Record]:
    soup = soup_of(export, member)
    tally, numbers = Tally(member), {}  # the address book's numbers (digits) → the contact's account_ref
    line = 0
    for line, (name, points) in enumerate(_book(soup), 1):
        tally.read += 1
        emails = list(dict.fromkeys(e for p in points if "@" in p and (e := email_address(p))))
        phones = list(dict.fromkeys(p for p in points if "@" not in p))
        if not (name or emails or phones):
            yield tally.quarantine(line, "name, contact points: all missing", "")
            continue
        accounts = contact_accounts(member, line, PLATFORM, name, emails, phones)
        numbers.update((_digits(p), accounts[0].account_ref) for p in phones)
        yield from accounts
    yield from _history(soup, member, line, numbers, batch, tally)
    if not tally.read and _empty_book(soup):
        yield MemberNote(member=member, line=0, handling="no_people", note=f"{LABEL}; {EMPTY_BOOK}")
        return
    if not tally.read:
        tally.note("no address book or history found: page layout not recognised", None)
    yield tally.member_note(LABEL)


def _empty_book(soup) -> bool:
    """Whether the page has the address book's heading over a list or table of no entry (``EMPTY_BOOK``)."""
    for heading in soup.select("div.contents h2"):
        listing = heading.find_next_sibling()
        if listing is not None and listing.name in ("ul", "table") and not listing.find(["li", "td"]):
            return True
    return False


def _book(soup) -> Iterator[tuple[str | None, list[str]]]:
    """(name, e-mails and numbers) of every contact: each ``span.meta`` list with the name written before it."""
    for meta in soup.select("span.meta"):
        holder = meta.find_parent("tr") or meta.parent
        cell = holder.find("td") if holder.name == "tr" else holder
        words = [s for s in cell.find_all(string=True, recursive=holder.name == "tr") if not s.find_parent("span")]
        name = name_of(repair(" ".join(" ".join(words).split()))) if words else None
        points = [p for li in meta.find_all("li") if (p := _point(li.get_text(" ", strip=True)))]
        if name and "@" in name and (address := email_address(name)):
            name, points = None, [address, *points]  # a contact saved under an e-mail address alone
        yield name, points


def _point(text: str) -> str | None:
    """A number or e-mail of an item; None for the phone's own fields ("meta_data: …")."""
    text = " ".join(text.split())
    if text.lower().startswith(_CONTACT):  # "contact: <e-mail>" (dhilipsiva/facebook html/contact_info.htm, 2015)
        text = text[len(_CONTACT):].strip()
    elif not text or _LABELLED.match(text):
        return None
    text = _LABEL.sub("", text)
    return text if "@" in text or sum(c.isdigit() for c in text) >= 3 else None


def _digits(number: str) -> str:
    return "".join(c for c in number if c.isdigit())


def _history(soup, member: str, line: int, numbers: dict, batch: Batch, tally: Tally) -> Iterator[Record]:
    """Every call and message row, numbered on from the address book: the calls as a phone's call log (``calls``),
    the messages here."""
    calls = []
    for number, cells in _history_rows(soup):
        line += 1
        tally.read += 1
        if cells[0].strip().upper() in TYPE_NAMES:
            calls.append(_call(line, number, cells))
            continue
        try:
            _message(member, line, cells, number, numbers, batch, tally)
        except ValueError as exc:
            yield tally.quarantine(line, str(exc), {"type": cells[0], "time": cells[1:2]})
    if calls:
        _, outcomes, _ = yield from call_records(member, calls, log_region(c.number for c in calls), set())
        tally.note(f"{CALLS_NOTE}: {', '.join(outcome_words(outcomes)) or 'none took place'}", None)
        tally.note(LOCAL_TIMES, None)


def _history_rows(soup) -> Iterator[tuple[str, list[str]]]:
    """(the number, the row's cells) of every row of the history's tables, each table once, credited to the last
    number label before it: labels sharing one table read it again for each (a fuzzed page of 1,200 labels around one
    table of 1,200 calls gave 1,440,000 calls, each with a wrong number), where a page holds one label per table."""
    tables: dict[int, tuple[str, object]] = {}
    for label in soup.find_all("b"):
        if not _NUMBER_LABEL.match(label.get_text()):
            continue
        outer = label.find_parent("table")
        inner = outer.find("table") if outer is not None else None
        if inner is not None:
            tables[id(inner)] = " ".join(str(label.next_sibling or "").split()), inner
    for number, inner in tables.values():
        for row in inner.find_all("tr"):
            cells = [td.get_text(" ", strip=True) for td in row.find_all("td", recursive=False)]
            if cells:
                yield number, cells


def _call(line: int, number: str, cells: list[str]) -> Call:
    """A call row (Call Type | Inicio | Duración | Nombre | …) as a phone's call log gives it, its time as
    written."""
    try:
        at = read_datetime(cells[1] if len(cells) > 1 else None)
    except ValueError as exc:  # "1/8/18, 6:14 PM": no order decided for the page (a traceback stopped the run)
        return Call(line, number, None, None, None, None, None, ", ".join(cells[:3]), problem=f"time: {exc}")
    millis = str(int((at - EPOCH).total_seconds() * 1000)) if at is not None else None
    name = name_of(repair(cells[3])) if len(cells) > 3 and cells[3].strip() else None
    return Call(line, number, millis, type_code(cells[0]), cells[2] if len(cells) > 2 else None, name, None,
                ", ".join(cells[:3]))


def _message(member: str, line: int, cells: list[str], number: str, numbers: dict, batch: Batch,
             tally: Tally) -> None:
    kind, direction = TYPES.get(cells[0].strip().upper(), (None, None))
    if kind is None:
        raise ValueError(NEVER_SENT if cells[0].strip().upper() in FAILED else NO_TYPE)
    at = read_datetime(cells[1] if len(cells) > 1 else None)
    if at is None:
        raise ValueError("time: missing")
    booked = numbers.get(_digits(number) or None)  # the contact of the address book holding the number
    if booked is None:
        raise ValueError(NO_PERSON)
    batch.interaction(member, line, booked, kind, direction, at)
    batch.account(member, line, booked, phone=number)
    tally.note(LOCAL_TIMES, None)
