"""Direct messages, one-to-one and group, with their reactions (formats.md §2.3, §2.4).

``direct-message.js`` / ``direct-message-group.js`` (T1), ``direct-messages.js`` /
``direct-messages-group.js`` (T2 and later), ``-partN`` files, and the ``…-headers.js`` files (the
same conversations without text, read only when the full file is absent). DMs name people by numeric
id only; their handles and names come from the tweets (``Harvest``).

``line`` is the 1-based number of the event in its file, counting messages, their reactions and group
events in file order: a conversation is nested, so no array index identifies an event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import NamedTuple

from ...columns import Columns
from ...models import Account, Interaction, MemberNote, Record
from .common import FIRST_YEAR, PLATFORM, UNKNOWN_OWNER, Harvest, account_id, quarantined
from .jsfiles import Unparsable, iter_items

BATCH = 50_000
# Interaction fields that vary from row to row; member and platform are the file's
ROW_FIELDS = ("line", "account_ref", "kind", "direction", "occurred_at", "thread_ref", "is_group", "message_text")
GROUP_EVENTS = ("messageCreate", "joinConversation", "participantsJoin", "participantsLeave",
                "conversationNameUpdate")


def iso_time(value: object, name: str) -> datetime:
    """UTC of ``2020-01-20T21:42:09.068Z`` (DMs, account, manifest), naive."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name}: missing")
    try:
        at = datetime.fromisoformat(value[:-1]) if value[-1] == "Z" else datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}: date in no known format") from None
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    if at.year < FIRST_YEAR:
        raise ValueError(f"{name}: a year before {FIRST_YEAR} (a known export bug)")
    return at


class Repeated(ValueError):
    """A message (or its reaction) seen before: one conversation can be split over several entries."""


def _id(value: object, name: str) -> str:
    ref = account_id(value)
    if ref is None:
        raise ValueError(f"{name}: {'missing' if value in (None, '') else 'not a numeric account id'}")
    return ref


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
    conversations: int = 0
    accounts: set = field(default_factory=set)
    rows: dict[str, list] = field(default_factory=lambda: {name: [] for name in ROW_FIELDS})
    out: list = field(default_factory=list)

    def quarantine(self, line: int, exc: ValueError, raw: object) -> None:
        self.read += 1
        self.out.append(quarantined(self.member, line, exc, raw))

    def emit(self, line: int, refs: Iterable[str], kind: str, direction: str, at: datetime, thread: str | None,
             group: bool, text: object = None) -> None:
        """Rows of one record: an Interaction per counterpart, an Account for each one new to the file; the
        message's ``text`` only when the owner opted in."""
        self.read += 1
        text = text if self.keep_text and type(text) is str and text else None
        rows = self.rows
        for ref in refs:
            if ref not in self.accounts:
                self.accounts.add(ref)
                self.out.append(Account(member=self.member, line=line, platform=PLATFORM, account_ref=ref,
                                        handle=self.harvest.handle(ref), display_name=self.harvest.name(ref)))
            rows["line"].append(line), rows["account_ref"].append(ref), rows["kind"].append(kind)
            rows["direction"].append(direction), rows["occurred_at"].append(at), rows["thread_ref"].append(thread)
            rows["is_group"].append(group), rows["message_text"].append(text)

    def take(self) -> Columns:
        """The rows gathered so far as one batch (column by column: appending row by row costs much more)."""
        batch = Columns(Interaction)
        batch.extend(self.rows, member=self.member, platform=PLATFORM)
        self.rows = {name: [] for name in ROW_FIELDS}
        return batch

    def repeated(self, message_id: object) -> bool:
        """A conversation can be split over several entries, and repeat messages (formats.md §2.4)."""
        if type(message_id) is not str and type(message_id) is not int:
            return False  # no usable id: nothing to compare
        key = int(message_id) if type(message_id) is str and message_id.isdigit() else message_id
        if key in self.seen:
            return True
        self.seen.add(key)
        return False


def parse_messages(data: bytes, dm: DmFile) -> Iterator[Record | Columns]:
    """Every record of one DM file, then its MemberNote."""
    for item in iter_items(data, "dmConversation"):
        dm.conversations += 1
        _conversation(item, dm)
        yield from dm.out
        dm.out.clear()
        if len(dm.rows["line"]) >= BATCH:
            yield dm.take()
    yield dm.take()
    note = f"{dm.conversations} conversation{'s' if dm.conversations != 1 else ''}"
    if dm.skipped:
        note += f"; {dm.skipped} events without another person (group renamed, the owner leaving) not counted"
    yield MemberNote(member=dm.member, line=0, handling="parsed", note=note, records_read=dm.read)


def _conversation(item: object, dm: DmFile) -> None:
    conversation = item.get("dmConversation") if isinstance(item, dict) else None
    events = conversation.get("messages") if isinstance(conversation, dict) else None
    if isinstance(item, Unparsable) or not isinstance(events, list):
        dm.line += 1
        problem = "not valid JSON (truncated or damaged file?)" if isinstance(item, Unparsable) else "no messages list"
        dm.quarantine(dm.line, ValueError(f"dmConversation: {problem}"), item)
        return
    thread = conversation.get("conversationId")
    thread = str(thread) if isinstance(thread, (str, int)) and str(thread) else None
    if dm.group_file or (thread is not None and "-" not in thread):
        _group_conversation(events, thread, dm)
    else:
        _direct_conversation(events, thread, dm)


def _direct_conversation(events: list, thread: str | None, dm: DmFile) -> None:
    """A one-to-one conversation: the hot loop (a large archive holds a million messages).

    The common message, between the owner and the other person of the conversation id, with a time
    in the archive's own form, an id not read before, and an account already listed, is added inline;
    anything else takes ``_direct_event`` and every check.
    """
    owner, halves = dm.owner, (thread or "").split("-")
    other = next((h for h in halves if h != owner and h.isdigit()), None) if owner in halves else None
    known = other if other is not None and account_id(other) == other else None  # the fast path's counterpart
    rows, seen, accounts, keep_text = dm.rows, dm.seen, dm.accounts, dm.keep_text
    add_line, add_ref, add_kind, add_direction, add_time, add_thread, add_group, add_text = (
        rows[name].append for name in ROW_FIELDS)
    fromiso = datetime.fromisoformat
    for event in events:
        dm.line += 1
        create = event.get("messageCreate") if type(event) is dict else None
        if type(create) is dict and known is not None and known in accounts:
            sender, created, message_id = create.get("senderId"), create.get("createdAt"), create.get("id")
            if sender == known:
                direction = "in"
            elif sender == owner and create.get("recipientId") in (known, None):
                direction = "out"
            else:
                direction = None
            try:
                at = fromiso(created[:-1]) if direction and type(created) is str and created[-1:] == "Z" else None
            except ValueError:
                at = None
            key = int(message_id) if type(message_id) is str and message_id.isdigit() else None
            if at is not None and at.tzinfo is None and at.year >= FIRST_YEAR and key is not None and key not in seen:
                seen.add(key)
                dm.read += 1
                text = create.get("text") if keep_text else None
                add_line(dm.line), add_ref(known), add_kind("message"), add_direction(direction), add_time(at)
                add_thread(thread), add_group(False), add_text(text if type(text) is str and text else None)
                if create.get("reactions"):
                    _reactions(create["reactions"], known, thread, False, dm)
                continue
        _direct_event(event, create, thread, dm, owner, other)


def _direct_event(event: object, create: object, thread: str | None, dm: DmFile, owner: str | None,
                  other: str | None) -> None:
    """One event of a one-to-one conversation, with every check; ``dm.line`` is already its line."""
    if type(create) is not dict:
        dm.quarantine(dm.line, ValueError("messageCreate: missing (not a one-to-one message)"), event)
        return
    repeated = False
    try:
        at = iso_time(create.get("createdAt"), "messageCreate.createdAt")
        ref, direction = _direct_counterpart(create, owner, other)
        repeated = dm.repeated(create.get("id"))
        if repeated:
            raise Repeated("messageCreate.id: a message already read (the export repeats conversations)")
    except ValueError as exc:
        dm.quarantine(dm.line, exc, event)
    else:
        dm.emit(dm.line, (ref,), "message", direction, at, thread, False, create.get("text"))
    if create.get("reactions"):
        _reactions(create["reactions"], other or _partner(create, owner), thread, repeated, dm)


def _direct_counterpart(create: dict, owner: str | None, other: str | None) -> tuple[str, str]:
    sender = _id(create.get("senderId"), "messageCreate.senderId")
    if owner is None:
        raise ValueError(f"messageCreate.senderId: {UNKNOWN_OWNER}")
    if sender != owner:
        return sender, "in"
    recipient = account_id(create.get("recipientId")) or other
    if recipient is None or recipient == owner:
        raise ValueError("messageCreate.recipientId: missing, or the owner's own account")
    return recipient, "out"


def _partner(create: dict, owner: str | None) -> str | None:
    """The other person of a one-to-one message, when the conversation id does not tell."""
    sender, recipient = account_id(create.get("senderId")), account_id(create.get("recipientId"))
    return recipient if sender == owner else sender


def _reactions(reactions: object, counterpart: str | None, thread: str | None, repeated: bool, dm: DmFile) -> None:
    """Reactions to a one-to-one message: the other person's (in) or the owner's (out)."""
    for reaction in reactions if isinstance(reactions, list) else [reactions]:
        dm.line += 1
        try:
            if repeated:
                raise Repeated("reactions: on a message already read (the export repeats conversations)")
            at, ref, direction = _reaction(reaction, counterpart, dm.owner)
        except ValueError as exc:
            dm.quarantine(dm.line, exc, reaction)
        else:
            dm.emit(dm.line, (ref,), "reaction", direction, at, thread, False)


def _reaction(reaction: object, counterpart: str | None, owner: str | None) -> tuple[datetime, str, str]:
    """(time, counterpart, direction) of a reaction; ``counterpart`` is whom the owner would react to."""
    body = reaction if isinstance(reaction, dict) else {}
    at = iso_time(body.get("createdAt"), "reactions.createdAt")
    reactor = _id(body.get("senderId"), "reactions.senderId")
    if owner is None:
        raise ValueError(f"reactions.senderId: {UNKNOWN_OWNER}")
    if reactor != owner:
        return at, reactor, "in"
    if counterpart is None or counterpart == owner:
        raise ValueError("reactions: the owner reacting to their own message")
    return at, counterpart, "out"


class _Event(NamedTuple):
    line: int
    kind: str  # a key of GROUP_EVENTS, or "reaction"
    body: dict
    raw: object
    at: datetime | None
    problem: ValueError | None
    parent: str | None = None  # a reaction's message sender


def _group_conversation(events: list, thread: str | None, dm: DmFile) -> None:
    """A group conversation: who was in it when the owner wrote is worked out from its events first."""
    flat = _flatten(events, dm)
    members = _members_when_owner_wrote(flat, thread, dm.owner)
    group = dm.group_file or thread is None or "-" not in thread
    for event in flat:
        try:
            if event.problem is not None:
                raise event.problem
            refs, kind, direction = _group_event(event, members, dm.owner)
        except ValueError as exc:
            dm.quarantine(event.line, exc, event.raw)
            continue
        if refs:
            dm.emit(event.line, refs, kind, direction, event.at, thread, group,
                    event.body.get("text") if kind == "message" else None)
        else:
            dm.skipped += 1


def _flatten(events: list, dm: DmFile) -> list[_Event]:
    """Events in file order, each message followed by its reactions, each numbered."""
    flat = []
    for raw in events:
        event = _event(raw, dm)
        flat.append(event)
        reactions = event.body.get("reactions") if event.kind == "messageCreate" else None
        for reaction in (reactions if isinstance(reactions, list) else [reactions] if reactions else []):
            flat.append(_reaction_event(reaction, event, dm))
    return flat


def _reaction_event(raw: object, message: _Event, dm: DmFile) -> _Event:
    dm.line += 1
    body, sender = (raw if isinstance(raw, dict) else {}), account_id(message.body.get("senderId"))
    try:
        if isinstance(message.problem, Repeated):
            raise Repeated("reactions: on a message already read (the export repeats conversations)")
        at = iso_time(body.get("createdAt"), "reactions.createdAt")
    except ValueError as exc:
        return _Event(dm.line, "reaction", body, raw, None, exc, sender)
    return _Event(dm.line, "reaction", body, raw, at, None, sender)


def _event(raw: object, dm: DmFile) -> _Event:
    dm.line += 1
    kind = next((k for k in GROUP_EVENTS if isinstance(raw, dict) and isinstance(raw.get(k), dict)), None)
    body = raw[kind] if kind else {}
    try:
        if kind is None:
            raise ValueError("dmConversation.messages: an event of unknown type")
        at = iso_time(body.get("createdAt"), f"{kind}.createdAt")
        if kind == "messageCreate" and dm.repeated(body.get("id")):
            raise Repeated("messageCreate.id: a message already read (the export repeats conversations)")
    except ValueError as exc:
        return _Event(dm.line, kind or "", body, raw, None, exc)
    return _Event(dm.line, kind, body, raw, at, None)


def _ids(values: object) -> set[str]:
    return {r for r in map(account_id, values if isinstance(values, list) else []) if r}


def _members_when_owner_wrote(flat: list[_Event], thread: str | None, owner: str | None) -> dict[int, list[str]]:
    """Line of each of the owner's messages → the other members at that moment.

    Joins and leaves are replayed in time order (the export's order is not guaranteed). Whoever
    sends or is in a snapshot but never joins or leaves in the export was there all along, like the
    two halves of a one-to-one conversation id.
    """
    moved = set().union(*(_ids(e.body.get("userIds")) for e in flat if e.kind.startswith("participants")))
    present = {account_id(e.body.get("senderId")) for e in flat if e.kind == "messageCreate"}
    present |= set().union(*(_ids(e.body.get("participantsSnapshot")) for e in flat))
    present |= _ids((thread or "").split("-")) if thread and "-" in thread else set()
    current, members = {r for r in present if r} - moved, {}
    for event in sorted((e for e in flat if e.at is not None), key=lambda e: (e.at, e.line)):
        if event.kind == "participantsLeave":
            current -= _ids(event.body.get("userIds"))
        else:
            current |= _ids(event.body.get("userIds")) | _ids(event.body.get("participantsSnapshot"))
        sender = account_id(event.body.get("senderId"))
        if event.kind == "messageCreate" and sender:
            current.add(sender)
            if sender == owner:
                members[event.line] = sorted(current - {owner})
    return members


def _group_event(event: _Event, members: dict[int, list[str]], owner: str | None) -> tuple[list[str], str, str]:
    """(counterparts, kind, direction) of one group event; no counterparts for an event without one."""
    body = event.body
    if owner is None:
        raise ValueError(f"{event.kind}: {UNKNOWN_OWNER}")
    if event.kind == "reaction":
        _, ref, direction = _reaction(body, event.parent, owner)
        return [ref], "reaction", direction
    if event.kind == "messageCreate":
        sender = _id(body.get("senderId"), "messageCreate.senderId")
        if sender != owner:
            return [sender], "message", "in"
        if not members.get(event.line):
            raise ValueError("messageCreate: no other member of the group is known")
        return members[event.line], "message", "out"
    if event.kind == "conversationNameUpdate":
        return [], "", ""  # names the group, not a person
    if event.kind == "joinConversation":
        return _owner_joined(account_id(body.get("initiatingUserId")), _ids(body.get("participantsSnapshot")), owner)
    return _participants(event, owner)


def _participants(event: _Event, owner: str) -> tuple[list[str], str, str]:
    """Others joining (added by the owner: out; by someone else: in) or leaving (in); the owner alone: none."""
    initiator, users = account_id(event.body.get("initiatingUserId")), _ids(event.body.get("userIds"))
    others = sorted(users - {owner})
    if event.kind == "participantsLeave":
        return others, "group_leave", "in"
    if owner in users and initiator and initiator != owner:
        return sorted({initiator, *others}), "group_join", "in"
    return others, "group_join", "out" if initiator == owner else "in"


def _owner_joined(initiator: str | None, snapshot: set[str], owner: str) -> tuple[list[str], str, str]:
    """The owner entering a group: added by someone (in), or creating it with its first members (out)."""
    if initiator is None:
        raise ValueError("joinConversation.initiatingUserId: missing")
    if initiator != owner:
        return [initiator], "group_join", "in"
    return sorted(snapshot - {owner}), "group_join", "out"
