"""A call log's calls as records: the person called or calling (an ``Account`` of platform ``calls``, its number the
account_ref) and, for a call that took place, an offline interaction of mode ``call``. Every reader of a log
(``detection.READERS``) gives its calls as ``Call``s (``call``); what a call means is decided here, once for all.

An iPhone's FaceTime call made by Apple ID writes an e-mail address where the number goes: the address is the
person's, as a card's or a platform's e-mail is.

A call took place when it was answered (incoming, or on another of the owner's devices) or made (outgoing) and lasted
a second or more. A missed, rejected or blocked call, a voicemail, and an outgoing call no one answered (duration 0)
are attempts: the number is still the owner's contact's (an ``Account``), no interaction. A withheld or unknown
number (Android writes ``-1``, ``-2``, ``-3`` or nothing, with ``presentation`` 2, 3 or 4) and a service code or short
number (``*86``, the owner dialling their own voicemail; 3 to 5 digits) name no person: refused, saying so. A log's
names are the phone book's labels at the time of the call ("(Unknown)" when none matched; "Home" …): the number is
the evidence, the name only what the phone showed.

Backups overlap: SMS Backup & Restore keeps each backup in a file of its own (``calls-<stamp>.xml``), and an incremental
one repeats the calls of the last. A call (number, time to the millisecond, type, duration) already read from another
file of the export is refused as repeated, so that it counts once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ...columns import Columns
from ...models import Account, Interaction, MemberNote, Quarantined, Record
from ...normalise import MIN_NATIONAL_DIGITS, e164, normalise_email
from ..base import BATCH_ROWS
from ..phone_regions import Placement, file_region, international, place, region_note
from ..vcard_fields import SERVICE_CODE, phone
from .call import Call

NAME = "calls"  # the source's (``sources.calls``), its accounts' platform
EPOCH = datetime(1970, 1, 1)
FIRST_YEAR, LAST_YEAR = 1990, 2100  # a time outside is no call's (a date of 0: the field left empty)
REGION_SAMPLE = 2000  # numbers looked at to decide the log's region (``phone_regions.file_region``)

# Android's ``CallLog.Calls.TYPE``: what each code says happened
INCOMING, OUTGOING, MISSED, VOICEMAIL, REJECTED, BLOCKED, ANSWERED_ELSEWHERE = 1, 2, 3, 4, 5, 6, 7
DIRECTIONS = {INCOMING: "in", OUTGOING: "out", ANSWERED_ELSEWHERE: "in"}
ATTEMPTS = {MISSED: "missed", VOICEMAIL: "voicemails", REJECTED: "rejected", BLOCKED: "blocked"}
# The same types by the names Android gives them, as Facebook's copies of a phone's call log write them (F0 pages'
# call history, F3's calls_and_messages/call_logs.json); a blocked number is REFUSED_LIST there
TYPE_NAMES = {"INCOMING": INCOMING, "OUTGOING": OUTGOING, "MISSED": MISSED, "VOICEMAIL": VOICEMAIL,
              "REJECTED": REJECTED, "REFUSED_LIST": BLOCKED, "BLOCKED": BLOCKED}
HIDDEN_NUMBERS = frozenset({"", "-1", "-2", "-3", "-4"})
ALLOWED = "1"  # ``presentation``: the number shown; 2 restricted, 3 unknown, 4 a payphone
NO_NAMES = frozenset({"(unknown)", "unknown", "null", "(null)", "-1"})

HIDDEN = "number: withheld or unknown, no one to tie the call to"
SERVICE = "number: a service code or short number, no person"
REPEATED = "the same call as in another backup file of this export: counted once"


def type_code(name: str) -> str:
    """A type written by its name ("OUTGOING") as the code ``Call.type`` holds; an unknown name as written (a call
    "of another type")."""
    code = TYPE_NAMES.get(name.strip().upper())
    return str(code) if code is not None else name


def log_records(member: str, calls: Iterable[Call], region: Placement | None, seen: set[tuple],
                shape: str) -> Iterator[Record | Columns]:
    """The records of one file's calls (``seen``: the calls of the export's files read before, grows), closed by a
    ``MemberNote`` counting the calls read and what became of them."""
    read, outcomes, placed = yield from call_records(member, calls, region, seen)
    note = ", ".join([shape, *outcome_words(outcomes)])
    note += f"; {region_note(region, placed)}" if region else ""
    yield MemberNote(member=member, line=0, handling="parsed", note=note if read else f"{shape}: no calls",
                     records_read=read)


def call_records(member: str, calls: Iterable[Call], region: Placement | None,
                 seen: set[tuple]) -> Generator[Record | Columns, None, tuple[int, Counter, Counter]]:
    """The records of calls, refused ones quarantined; returns (calls read, what became of them, national numbers
    placed in ``region``). Accounts and calls are gathered into ``Columns`` and validated in bulk: a backup of years
    holds tens of thousands of calls, of a few hundred numbers."""
    log, read, outcomes = _Log(member, region, seen), 0, Counter()
    for call in calls:
        read += 1
        if call.problem:
            yield Quarantined(member=member, line=call.line, reason=call.problem, excerpt="")
            continue
        try:
            outcomes[log.add(call)] += 1
        except ValueError as exc:
            yield Quarantined(member=member, line=call.line, reason=str(exc), excerpt=call.excerpt[:300])
        yield from log.full_batches()
    yield from log.batches()
    return read, outcomes, log.placed


def outcome_words(outcomes: Counter) -> list[str]:
    """"calls: 2", "missed: 1", … for a note."""
    return [f"{kind}: {outcomes[kind]}" for kind in ("calls", *ATTEMPTS.values(), "not answered", "of another type")
            if outcomes[kind]]


def log_region(numbers: Iterable[str | None]) -> Placement | None:
    """The region of the log's numbers written without a country code, as an address book's (``phone_regions``)."""
    written = (number for number in map(_number, numbers) if number)
    return file_region([n for _, n in zip(range(REGION_SAMPLE), written)])


@dataclass
class _Log:
    """One file's calls as they are read: its accounts and calls gathered, each number read once."""

    member: str
    region: Placement | None
    seen: set[tuple]  # (account_ref, time, type, length) of every call read from the export: a repeat is refused
    placed: Counter = field(default_factory=Counter)  # national numbers placed in the log's region (the note)
    refs: dict = field(default_factory=dict)  # (number, country, presentation) → (account_ref, number as linked)
    accounts: Columns = field(default_factory=lambda: Columns(Account))
    interactions: Columns = field(default_factory=lambda: Columns(Interaction))

    def add(self, call: Call) -> str:
        """The call's account, and its interaction when it took place; what it was (the note's word)."""
        email = _email(call)  # FaceTime by Apple ID: the address is whom the call ties to
        ref, number = (email, None) if email else self._ref(call)
        at, code, duration = _time(call.at_ms), _code(call.type), _seconds(call.duration)
        key = (ref, call.at_ms.strip(), code, duration)
        if key in self.seen:
            raise ValueError(REPEATED)
        self.seen.add(key)
        self.accounts.append(member=self.member, line=call.line, platform=NAME, account_ref=ref,
                             display_name=_name(call), phone=number, email=email)
        direction = DIRECTIONS.get(code)
        if direction is None:
            return ATTEMPTS.get(code, "of another type")
        if duration <= 0:
            return "not answered"
        self.interactions.append(member=self.member, line=call.line, platform=NAME, account_ref=ref, kind="call",
                                 direction=direction, occurred_at=at, is_offline=True, mode="call")
        return "calls"

    def _ref(self, call: Call) -> tuple[str, str]:
        """(account_ref, number as linked) of the call's number, read once per number and country."""
        written = (call.number or "").strip(), (call.country or "").strip().upper(), call.presentation
        if written not in self.refs:
            number = _placed(_person_number(call), written[1], self.region, self.placed)
            self.refs[written] = (e164(number) or number, number)
        return self.refs[written]

    def full_batches(self) -> Iterator[Columns]:
        yield from (rows.take() for rows in (self.accounts, self.interactions) if len(rows) >= BATCH_ROWS)

    def batches(self) -> Iterator[Columns]:
        yield from (rows.take() for rows in (self.accounts, self.interactions) if len(rows))


def _email(call: Call) -> str | None:
    """The e-mail address an iPhone writes for a FaceTime call made by Apple ID, where a number would be."""
    written = (call.number or "").strip()
    return normalise_email(written) if "@" in written else None


def _placed(number: str, country: str, region: Placement | None, placed: Counter) -> str:
    """A national number in E.164 as read in the country the phone was in (``countryiso``), else in the log's region
    (counted in ``placed`` for the note, once per number), else as written."""
    if len(country) == 2 and country.isalpha():
        return international(number, country, phone)
    return place(number, region, phone, placed) or number if region is not None else number


def _person_number(call: Call) -> str:
    """The number of the person at the other end; ``HIDDEN`` or ``SERVICE`` when it names no one."""
    written = (call.number or "").strip()
    if written in HIDDEN_NUMBERS or (call.presentation or ALLOWED).strip() not in (ALLOWED, ""):
        raise ValueError(HIDDEN)
    number = _number(written)
    if number is None:
        raise ValueError(SERVICE if SERVICE_CODE.match(written) else HIDDEN)
    if not number.lstrip().startswith(("+", "00")) and sum(c.isdigit() for c in number) < MIN_NATIONAL_DIGITS:
        raise ValueError(SERVICE)
    return number


def _number(value: str | None) -> str | None:
    """A value's number, as an address book's (``vcard_fields.phone``): none for no digit or an operator's code."""
    return phone(value) if value and value.strip() not in HIDDEN_NUMBERS else None


def _time(value: str | None) -> datetime:
    try:
        at = EPOCH + timedelta(milliseconds=int((value or "").strip()))
    except (ValueError, OverflowError):
        raise ValueError("date: missing or not a time in milliseconds") from None
    if not FIRST_YEAR <= at.year < LAST_YEAR:
        raise ValueError("date: missing or not a time in milliseconds")
    return at


def _code(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def _seconds(value: str | None) -> int:
    """The call's length in whole seconds; none written is none (a missed call's)."""
    try:
        return int(float((value or "0").strip() or "0"))
    except (ValueError, OverflowError):
        raise ValueError("duration: not a number of seconds") from None


def _name(call: Call) -> str | None:
    """The phone book's name shown with the call; none for "(Unknown)", a blank, or the number itself."""
    name = (call.name or "").strip()
    if not name or name.casefold() in NO_NAMES or name == (call.number or "").strip():
        return None
    return name
