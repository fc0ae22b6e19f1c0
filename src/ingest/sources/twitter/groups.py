"""Group conversations (``direct-messages-group.js``, and any conversation id without ``-``; formats.md §2.3).

Messages name their sender only; who else was in the group when the owner wrote is worked out from
the conversation's events: ``joinConversation`` (the owner added, with a snapshot of the members),
``participantsJoin``, ``participantsLeave``, and every sender. An owner's message counts as an
interaction with each of the others (``Interaction.is_group``), stored as one row and its list of members
(``DmFile.to_group``); a renamed group names no one.
"""

from __future__ import annotations

from datetime import datetime
from operator import itemgetter
from typing import NamedTuple

from .common import FIRST_YEAR, UNKNOWN_OWNER, account_id
from .dmfile import DmFile, Repeated, decimal_id, iso_time, reaction_counterpart, required_id

GROUP_EVENTS = ("messageCreate", "joinConversation", "participantsJoin", "participantsLeave",
                "conversationNameUpdate")


class _Event(NamedTuple):
    line: int
    kind: str  # a key of GROUP_EVENTS, or "reaction"
    body: dict
    raw: object
    at: datetime | None
    problem: ValueError | None
    parent: str | None = None  # a reaction's message sender
    sender: str | None = None  # a message's


_AT = itemgetter(4)
MOVES = ("participantsJoin", "participantsLeave")
CHANGES = GROUP_EVENTS[1:]  # the events that are not messages: they change the members or the name
_CREATED = {kind: f"{kind}.createdAt" for kind in GROUP_EVENTS}


def group_conversation(events: list, thread: str | None, dm: DmFile) -> None:
    """A group conversation: who was in it when the owner wrote is worked out from its events first.

    Nearly every event is a message or a reaction of one counterpart, or the owner's message to the
    members, who change seldom: those rows are added inline; anything else takes ``_group_event``."""
    flat = _flatten(events, dm)
    members = _members_when_owner_wrote(flat, thread, dm.owner)
    group, owner, accounts = dm.group_file or thread is None or "-" not in thread, dm.owner, dm.accounts
    dm.lists.clear()  # lists of the conversation before: none is shared with this one
    rows, keep_text = dm.rows, dm.keep_text
    lines, refs, kinds = rows["line"].append, rows["account_ref"].append, rows["kind"].append
    directions, times, threads = rows["direction"].append, rows["occurred_at"].append, rows["thread_ref"].append
    groups, texts = rows["is_group"].append, rows["message_text"].append
    for event in flat:
        line, kind, body, raw, at, problem, parent, sender = event
        if problem is not None:
            dm.quarantine(line, problem, raw)
            continue
        ref = None
        if owner is None:
            pass
        elif sender is not None:
            if sender != owner:  # a message to the owner
                ref, what, direction = sender, "message", "in"
            elif members.get(line):  # the owner writing to the group
                dm.to_group(line, members[line], at, thread, group, body.get("text"))
                continue
        elif kind == "reaction":
            reactor = body.get("senderId")
            if type(reactor) is str and reactor.isascii() and reactor.isdigit() and reactor.strip("0"):
                if reactor != owner:
                    ref, what, direction = reactor, "reaction", "in"
                elif parent is not None and parent != owner:
                    ref, what, direction = parent, "reaction", "out"
        if ref is not None:
            dm.read += 1
            if ref not in accounts:
                dm.add_account(ref, line)
            text = body.get("text") if keep_text and what == "message" else None
            lines(line), refs(ref), kinds(what), directions(direction), times(at), threads(thread), groups(group)
            texts(text if type(text) is str and text else None)
            continue
        _other_event(event, members, thread, group, dm)


def _other_event(event: _Event, members: dict[int, list[str]], thread: str | None, group: bool, dm: DmFile) -> None:
    """A group event with every check."""
    try:
        refs, kind, direction = _group_event(event, members, dm.owner)
    except ValueError as exc:
        dm.quarantine(event.line, exc, event.raw)
        return
    named = named_members(event.body, dm.owner) if event.kind in CHANGES else []
    if refs and kind == "message" and direction == "out":
        dm.to_group(event.line, refs, event.at, thread, group, event.body.get("text"))
    elif refs:
        dm.emit(event.line, refs, kind, direction, event.at, thread, group,
                event.body.get("text") if kind == "message" else None)
        dm.add_accounts(named, event.line)
    else:
        dm.name_accounts(named, event.line)


def _flatten(events: list, dm: DmFile) -> list[_Event]:
    """Events in file order, each message followed by its reactions, each numbered."""
    flat, seen, fromiso, new, line = [], dm.seen, datetime.fromisoformat, tuple.__new__, dm.line
    for raw in events:
        body = raw.get("messageCreate") if type(raw) is dict else None
        event = None
        if type(body) is dict:  # the common message (a time in the archive's own form, an id not read before)
            created, message_id = body.get("createdAt"), body.get("id")
            if type(created) is str and created[-1:] == "Z" and type(message_id) is str and decimal_id(message_id):
                try:
                    at = fromiso(created[:-1])
                except ValueError:
                    at = None
                key = int(message_id)
                if at is not None and at.tzinfo is None and at.year >= FIRST_YEAR and key not in seen:
                    seen.add(key)
                    line += 1
                    sender = body.get("senderId")
                    if not (type(sender) is str and sender.isascii() and sender.isdigit() and sender.strip("0")):
                        sender = account_id(sender)
                    event = new(_Event, (line, "messageCreate", body, raw, at, None, None, sender))
        if event is None:
            dm.line = line
            event = _event(raw, dm)
            line = dm.line
        flat.append(event)
        reactions = body.get("reactions") if event.kind == "messageCreate" else None
        if reactions:
            common = event.problem is None  # then, as for messages, the common reaction is read inline
            for reaction in reactions if isinstance(reactions, list) else [reactions]:
                created = reaction.get("createdAt") if common and type(reaction) is dict else None
                try:
                    at = fromiso(created[:-1]) if type(created) is str and created[-1:] == "Z" else None
                except ValueError:
                    at = None
                if at is not None and at.tzinfo is None and at.year >= FIRST_YEAR:
                    line += 1
                    flat.append(new(_Event, (line, "reaction", reaction, reaction, at, None, event.sender, None)))
                    continue
                dm.line = line
                flat.append(_reaction_event(reaction, event, dm))
                line = dm.line
    dm.line = line
    return flat


def _reaction_event(raw: object, message: _Event, dm: DmFile) -> _Event:
    dm.line += 1
    body, sender = (raw if isinstance(raw, dict) else {}), message.sender
    try:
        if isinstance(message.problem, Repeated):
            raise Repeated("reactions: on a message already read (the export repeats conversations)")
        at = iso_time(body.get("createdAt"), "reactions.createdAt")
    except ValueError as exc:
        return _Event(dm.line, "reaction", body, raw, None, exc, sender)
    return _Event(dm.line, "reaction", body, raw, at, None, sender)


def _kind(raw: object) -> str | None:
    """The event's type: its key whose value is an object (messages first: nearly every event is one)."""
    if type(raw) is not dict:
        return None
    if type(raw.get("messageCreate")) is dict:
        return "messageCreate"
    return next((k for k in GROUP_EVENTS if type(raw.get(k)) is dict), None)


def _event(raw: object, dm: DmFile) -> _Event:
    dm.line += 1
    kind = _kind(raw)
    body = raw[kind] if kind else {}
    try:
        if kind is None:
            raise ValueError("dmConversation.messages: an event of unknown type")
        at = iso_time(body.get("createdAt"), _CREATED[kind])
        if kind == "messageCreate" and dm.repeated(body.get("id")):
            raise Repeated("messageCreate.id: a message already read (the export repeats conversations)")
    except ValueError as exc:
        return _Event(dm.line, kind or "", body, raw, None, exc, None, _sender(kind, body))
    return _Event(dm.line, kind, body, raw, at, None, None, _sender(kind, body))


def _sender(kind: str | None, body: dict) -> str | None:
    return account_id(body.get("senderId")) if kind == "messageCreate" else None


def account_ids(values: object) -> set[str]:
    """The account ids of a list (``userIds``, ``participantsSnapshot``); none of anything else."""
    return {r for r in map(account_id, values if isinstance(values, list) else []) if r}


def named_members(body: dict, owner: str | None) -> list[str]:
    """Everyone a change names but the owner: who was in the group when the owner was added
    (``participantsSnapshot``), who joined or left, who added them or renamed the group (``initiatingUserId``).

    Members of the group, whether or not they ever write: an account each. A group of a 2023 archive
    (rust-utilities/twitter-archive src/structs/direct_messages_group.rs; code index id 42965301669, a real
    archive's path schema) often names most of its members in the owner's ``joinConversation`` alone."""
    named = account_ids(body.get("participantsSnapshot")) | account_ids(body.get("userIds"))
    named.add(account_id(body.get("initiatingUserId")))
    return sorted(named - {owner, None})


def _members_when_owner_wrote(flat: list[_Event], thread: str | None, owner: str | None) -> dict[int, list[str]]:
    """Line of each of the owner's messages → the other members at that moment.

    Joins and leaves are replayed in time order (the export's order is not guaranteed). Whoever
    sends or is in a snapshot but never joins or leaves in the export was there all along, like the
    two halves of a one-to-one conversation id. Messages of the owner with no change of members in
    between share one list.
    """
    moved, present = set(), account_ids((thread or "").split("-")) if thread and "-" in thread else set()
    present.update([event.sender for event in flat if event.kind == "messageCreate"])
    for event in [e for e in flat if e.kind in MOVES or "participantsSnapshot" in e.body]:
        if event.kind in MOVES:
            moved |= account_ids(event.body.get("userIds"))
        if "participantsSnapshot" in event.body:
            present |= account_ids(event.body["participantsSnapshot"])
    current, members, listed = {r for r in present if r} - moved, {}, None
    # a stable sort on the time alone keeps file order among events of one time
    for line, kind, body, _, _, _, _, sender in sorted([e for e in flat if e.at is not None], key=_AT):
        if kind == "participantsLeave":
            gone = account_ids(body.get("userIds"))
            if not current.isdisjoint(gone):
                current, listed = current - gone, None
        elif ("userIds" in body or "participantsSnapshot" in body) and (
                isinstance(body.get("userIds"), list) or isinstance(body.get("participantsSnapshot"), list)):
            joined = account_ids(body.get("userIds")) | account_ids(body.get("participantsSnapshot"))
            if not joined <= current:
                current, listed = current | joined, None
        if sender:
            if sender not in current:
                current.add(sender)
                listed = None
            if sender == owner:
                listed = listed if listed is not None else sorted(current - {owner})
                members[line] = listed
    return members


def _group_event(event: _Event, members: dict[int, list[str]], owner: str | None) -> tuple[list[str], str, str]:
    """(counterparts, kind, direction) of one group event; no counterparts for an event without one."""
    body = event.body
    if owner is None:
        raise ValueError(f"{event.kind}: {UNKNOWN_OWNER}")
    if event.kind == "reaction":
        ref, direction = reaction_counterpart(body, event.parent, owner)
        return [ref], "reaction", direction
    if event.kind == "messageCreate":
        sender = event.sender or required_id(body.get("senderId"), "messageCreate.senderId")
        if sender != owner:
            return [sender], "message", "in"
        if not members.get(event.line):
            raise ValueError("messageCreate: no other member of the group is known")
        return members[event.line], "message", "out"
    if event.kind == "conversationNameUpdate":
        return [], "", ""  # names the group, not a person
    if event.kind == "joinConversation":
        snapshot = account_ids(body.get("participantsSnapshot"))
        return _owner_joined(account_id(body.get("initiatingUserId")), snapshot, owner)
    return _participants(event, owner)


def change_counterparts(kind: str, body: dict, line: int, owner: str) -> tuple[list[str], str, str]:
    """``_group_event`` of an event that changes the members or the name, given its kind and fields
    (``group_columns.py``); ValueError where that event would be quarantined."""
    return _group_event(_Event(line, kind, body, body, None, None), {}, owner)


def _participants(event: _Event, owner: str) -> tuple[list[str], str, str]:
    """Others joining (added by the owner: out; by someone else: in) or leaving (in); the owner alone: none."""
    initiator, users = account_id(event.body.get("initiatingUserId")), account_ids(event.body.get("userIds"))
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
