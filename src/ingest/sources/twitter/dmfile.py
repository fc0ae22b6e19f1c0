"""What the one-to-one and the group DM parsers share: the file being read, its rows, times, ids, reactions.

``line`` is the 1-based number of the event in its file, counting messages, their reactions, group events and
conversations without any event in file order: a conversation is nested, so no array index identifies an event.

An owner's message to a group is one row (``account_ref`` ``GROUP_REF``), its members a list of
``Recipient`` rows written once for all the messages that went to the same members: a group of fifty was
fifty rows per message, most of the load. Staging makes it one interaction per member again.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

import orjson

from ...columns import Columns
from ...models import GROUP_REF, Account, Interaction, Recipient
from .common import FIRST_YEAR, MAX_ID_DIGITS, PLATFORM, UNKNOWN_OWNER, Harvest, account_id, millis_time, quarantined

# Interaction fields that vary from row to row; member and platform are the file's
ROW_FIELDS = ("line", "account_ref", "kind", "direction", "occurred_at", "thread_ref", "is_group", "message_text")
ACCOUNT_FIELDS = ("line", "account_ref", "handle", "display_name")
# an owner's message to a group: what varies (kind, direction and account_ref do not), and its list of members
GROUP_FIELDS = ("line", "occurred_at", "thread_ref", "is_group", "message_text", "recipients_line")
RECIPIENT_FIELDS = ("line", "account_ref")


def iso_time(value: object, name: str) -> datetime:
    """UTC of ``2020-01-20T21:42:09.068Z`` (DMs, account, manifest), or of milliseconds since 1970, naive."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name}: missing")
    if value.isdigit():  # checked first: Python reads some 13 digits as a basic ISO date of the year 14xx or 15xx
        # the 2018 archive (T1, direct-message.js with one-to-one and group conversations in one file) gives every
        # DM event's createdAt so (natalieacpm/na direct-message.js, 2,783 events)
        return millis_time(value, name)
    try:
        at = datetime.fromisoformat(value[:-1]) if value[-1] == "Z" else datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}: date in no known format") from None
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    if at.year < FIRST_YEAR:
        raise ValueError(f"{name}: a year before {FIRST_YEAR} (a known export bug)")
    return at


def archive_times(stamps: list) -> list[datetime] | None:
    """The times of ``stamps`` that are all in the archive's own form (``…Z``, from FIRST_YEAR on), as
    ``iso_time`` reads them; None when any is not (then each is read with every check)."""
    if not stamps:
        return []
    fromiso = datetime.fromisoformat  # looked up once, not per stamp: 20 ms instead of 26 for 100,000
    try:  # TypeError for a value that is not a string (a list is left out by its last item, not "Z")
        times = [fromiso(s[:-1]) for s in stamps if s[-1:] == "Z"]
        earliest = min(times)  # TypeError when times with and without a UTC offset are mixed
    except (TypeError, ValueError):
        return None
    if len(times) != len(stamps) or earliest.tzinfo is not None or earliest.year < FIRST_YEAR:
        return None
    return times


def decimal_ids(ids: list) -> bool:
    """Every message id a string of decimal digits, as the common message's is (``message_key``)."""
    try:
        return "" not in ids and "".join(ids).isdecimal() and max(map(len, ids), default=0) <= MAX_ID_DIGITS
    except TypeError:  # an id that is not a string
        return False


def decimal_id(text: str) -> bool:
    """A message id ``int`` reads: decimal digits, as many as a 64-bit number has at most."""
    return text.isdecimal() and len(text) <= MAX_ID_DIGITS


class Repeated(ValueError):
    """A message (or its reaction) seen before: one conversation can be split over several entries."""


def required_id(value: object, name: str) -> str:
    ref = account_id(value)
    if ref is None:
        raise ValueError(f"{name}: {'missing' if value in (None, '') else 'not a numeric account id'}")
    return ref


def message_key(message_id: object) -> object:
    """What tells two messages apart: ``"123"`` and ``123`` are one id; None when there is no usable id.

    ``isdecimal``, not ``isdigit``: a superscript digit passes ``isdigit`` and breaks ``int``; nor does ``int`` read
    more than 4,300 digits (ids are 64-bit numbers: ``MAX_ID_DIGITS``)."""
    if type(message_id) is str:
        return int(message_id) if decimal_id(message_id) else message_id
    return message_id if type(message_id) is int else None


@dataclass
class DmFile:
    """One DM file being read: counters, the accounts already yielded, the rows not yet handed over."""

    member: str
    owner: str | None
    harvest: Harvest
    seen: set  # ids of messages read so far in the whole export
    group_file: bool
    keep_text: bool = False
    line: int = 0
    read: int = 0
    skipped: int = 0
    to_self: int = 0  # notes to self (a conversation with oneself): no other person, not counted as read
    to_self_reactions: int = 0  # the owner's reactions to them, the same
    conversations: int = 0
    accounts: set = field(default_factory=set)
    rows: dict[str, list] = field(default_factory=lambda: {name: [] for name in ROW_FIELDS})
    new_accounts: dict[str, list] = field(default_factory=lambda: {name: [] for name in ACCOUNT_FIELDS})
    to_groups: dict[str, list] = field(default_factory=lambda: {name: [] for name in GROUP_FIELDS})
    recipients: dict[str, list] = field(default_factory=lambda: {name: [] for name in RECIPIENT_FIELDS})
    # id of a conversation's member list → (the list, kept so that its id is not reused; the line of its rows)
    lists: dict[int, tuple[list, int]] = field(default_factory=dict)
    expanded: int = 0  # interactions the owner's group messages not yet handed over stand for
    out: list = field(default_factory=list)

    def quarantine(self, line: int, exc: ValueError, raw: object) -> None:
        self.read += 1
        self.out.append(quarantined(self.member, line, exc, raw))

    def emit(self, line: int, refs: Sequence[str], kind: str, direction: str, at: datetime, thread: str | None,
             group: bool, text: object = None) -> None:
        """Rows of one record: an Interaction per counterpart, an Account for each one new to the file; the
        message's ``text`` only when the owner opted in."""
        if len(refs) == 1:
            self.emit_one(line, refs[0], kind, direction, at, thread, group, text)
            return
        self.add_accounts(refs, line)
        self._extend(line, refs, kind, direction, at, thread, group, text)

    def to_group(self, line: int, members: list[str], at: datetime, thread: str | None, group: bool,
                 text: object) -> None:
        """The owner's message to the other ``members`` of a group: one row; the members listed, with an
        Account for each new to the file, the first time a message goes to this list (the parser hands the
        same list object to the messages of one conversation with no change of members in between)."""
        self.read += 1
        self.expanded += len(members)
        known = self.lists.get(id(members))
        if known is None:
            self.add_accounts(members, line)
            self.recipients["line"].extend([line] * len(members)), self.recipients["account_ref"].extend(members)
            known = self.lists[id(members)] = (members, line)
        rows = self.to_groups
        rows["line"].append(line), rows["occurred_at"].append(at), rows["thread_ref"].append(thread)
        rows["is_group"].append(group), rows["recipients_line"].append(known[1])
        rows["message_text"].append(text if self.keep_text and type(text) is str and text else None)

    def _extend(self, line: int, refs: Sequence[str], kind: str, direction: str, at: datetime, thread: str | None,
                group: bool, text: object) -> None:
        # a group event of several people (joins, leaves): one row each
        self.read += 1
        text = text if self.keep_text and type(text) is str and text else None
        rows, n = self.rows, len(refs)
        rows["line"].extend([line] * n), rows["account_ref"].extend(refs), rows["kind"].extend([kind] * n)
        rows["direction"].extend([direction] * n), rows["occurred_at"].extend([at] * n)
        rows["thread_ref"].extend([thread] * n), rows["is_group"].extend([group] * n)
        rows["message_text"].extend([text] * n)

    def add_accounts(self, refs: Sequence[str], line: int) -> None:
        for ref in refs:
            if ref not in self.accounts:
                self.add_account(ref, line)

    def emit_one(self, line: int, ref: str, kind: str, direction: str, at: datetime, thread: str | None,
                 group: bool, text: object = None) -> None:
        """``emit`` of a record with one counterpart, the common case, in fewer steps."""
        self.read += 1
        if ref not in self.accounts:
            self.add_account(ref, line)
        rows = self.rows
        rows["line"].append(line), rows["account_ref"].append(ref), rows["kind"].append(kind)
        rows["direction"].append(direction), rows["occurred_at"].append(at), rows["thread_ref"].append(thread)
        rows["is_group"].append(group)
        rows["message_text"].append(text if self.keep_text and type(text) is str and text else None)

    def name_accounts(self, refs: Sequence[str], line: int) -> None:
        """A group event that is no interaction: read when it names someone (a member renaming the group),
        its rows their Accounts, whether or not they are known already; else skipped (the owner renaming it
        or leaving). Not marked as known, so the plain and the decoded reader, which meet events in another
        order, add the same rows."""
        if not refs:
            self.skipped += 1
            return
        self.read += 1
        for ref in refs:
            self._account_row(ref, line)

    def add_account(self, ref: str, line: int) -> None:
        """The Account of a counterpart new to the file, named by the tweets if they did."""
        self.accounts.add(ref)
        self._account_row(ref, line)

    def _account_row(self, ref: str, line: int) -> None:
        handle, name = self.harvest.handle(ref), self.harvest.name(ref)
        accounts = self.new_accounts
        accounts["line"].append(line), accounts["account_ref"].append(ref)
        # stripped as the Account model strips: a handle "@ x" is " x" once its @ is gone
        accounts["handle"].append(handle.strip() if handle else handle)
        accounts["display_name"].append(name.strip() if name else name)

    def take(self) -> Iterator[Columns]:
        """The rows gathered so far as batches, column by column (appending row by row costs much more):
        the Interactions, then the Accounts they named first."""
        batch = Columns(Interaction)
        batch.extend(self.rows, member=self.member, platform=PLATFORM)
        self.rows = {name: [] for name in ROW_FIELDS}
        yield batch
        yield from self._take_groups()
        accounts = Columns(Account)
        accounts.extend(self.new_accounts, member=self.member.strip(), platform=PLATFORM)
        self.new_accounts = {name: [] for name in ACCOUNT_FIELDS}
        yield accounts

    def _take_groups(self) -> Iterator[Columns]:
        """The owner's messages to groups and their lists of members. ``member`` stripped in both, as
        validation strips it in a row it checks one by one: they are joined on it."""
        if not self.to_groups["line"]:
            return
        member = self.member.strip()
        messages = Columns(Interaction)
        messages.extend(self.to_groups, member=member, platform=PLATFORM, account_ref=GROUP_REF, kind="message",
                        direction="out")
        messages.stands_for, self.expanded = self.expanded, 0  # rows counted against ``base.capped_rows``
        self.to_groups = {name: [] for name in GROUP_FIELDS}
        yield messages
        members = Columns(Recipient)
        members.extend(self.recipients, member=member, platform=PLATFORM)
        self.recipients = {name: [] for name in RECIPIENT_FIELDS}
        yield members

    def repeated_event(self, kind: str, body: dict) -> bool:
        """An event with no id of its own (a ``reactionCreate``: its ``eventId`` may be its message's) seen
        before, the same in every field: a conversation repeated in the export repeats it."""
        try:
            key = (kind, orjson.dumps(body, option=orjson.OPT_SORT_KEYS))
        except TypeError:  # nested past orjson's 255 levels: no event of X's, never the same as another
            key = (kind, object())
        if key in self.seen:
            return True
        self.seen.add(key)
        return False

    def repeated(self, message_id: object) -> bool:
        """A conversation can be split over several entries, and repeat messages (formats.md §2.4)."""
        key = message_key(message_id)
        if key is None:
            return False  # no usable id: nothing to compare
        if key in self.seen:
            return True
        self.seen.add(key)
        return False


def reaction_counterpart(body: dict, counterpart: str | None, owner: str | None,
                         field: str = "reactions") -> tuple[str, str]:
    """(counterpart, direction) of a reaction: the reactor's (in), or whom the owner reacted to (out)."""
    reactor = required_id(body.get("senderId"), f"{field}.senderId")
    if owner is None:
        raise ValueError(f"{field}.senderId: {UNKNOWN_OWNER}")
    if reactor != owner:
        return reactor, "in"
    if counterpart is None or counterpart == owner:
        raise ValueError(f"{field}: the owner reacting to their own message")
    return counterpart, "out"
