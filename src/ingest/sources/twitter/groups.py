"""Group conversations (``direct-messages-group.js``, and any conversation id without ``-``; formats.md §2.3).

Messages name their sender only; who else was in the group when the owner wrote is worked out from
the conversation's events: ``joinConversation`` (the owner added, with a snapshot of the members),
``participantsJoin``, ``participantsLeave``, and every sender. An owner's message counts as an
interaction with each of the others (``Interaction.is_group``); a renamed group names no one.
"""

from __future__ import annotations

from datetime import datetime
from operator import itemgetter
from typing import NamedTuple

from .common import FIRST_YEAR, UNKNOWN_OWNER, account_id
from .dmfile import DmFile, Repeated, iso_time, reaction_counterpart, required_id

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


_IN_TIME_ORDER = itemgetter(4, 0)  # (at, line)
_CREATED = {kind: f"{kind}.createdAt" for kind in GROUP_EVENTS}


def group_conversation(events: list, thread: str | None, dm: DmFile) -> None:
    """A group conversation: who was in it when the owner wrote is worked out from its events first."""
    flat = _flatten(events, dm)
    members = _members_when_owner_wrote(flat, thread, dm.owner)
    group, owner = dm.group_file or thread is None or "-" not in thread, dm.owner
    for event in flat:
        if event.problem is not None:
            dm.quarantine(event.line, event.problem, event.raw)
            continue
        if event.sender is not None and event.sender != owner and owner is not None:  # a message to the owner
            dm.emit_one(event.line, event.sender, "message", "in", event.at, thread, group, event.body.get("text"))
            continue
        try:
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
        body = raw.get("messageCreate") if type(raw) is dict else None
        event = (type(body) is dict and _common_message(raw, body, dm)) or _event(raw, dm)
        flat.append(event)
        reactions = event.body.get("reactions") if event.kind == "messageCreate" else None
        for reaction in (reactions if isinstance(reactions, list) else [reactions] if reactions else []):
            flat.append(_reaction_event(reaction, event, dm))
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


def _common_message(raw: dict, body: dict, dm: DmFile) -> _Event | None:
    """``_event`` of the common message: a time in the archive's own form, an id not read before; None,
    with nothing read, for any other."""
    created, message_id = body.get("createdAt"), body.get("id")
    if type(created) is not str or created[-1:] != "Z" or type(message_id) is not str or not message_id.isdecimal():
        return None
    try:
        at = datetime.fromisoformat(created[:-1])
    except ValueError:
        return None
    key = int(message_id)
    if at.tzinfo is not None or at.year < FIRST_YEAR or key in dm.seen:
        return None
    dm.seen.add(key)
    dm.line += 1
    return _Event(dm.line, "messageCreate", body, raw, at, None, None, account_id(body.get("senderId")))


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


def _ids(values: object) -> set[str]:
    return {r for r in map(account_id, values if isinstance(values, list) else []) if r}


def _members_when_owner_wrote(flat: list[_Event], thread: str | None, owner: str | None) -> dict[int, list[str]]:
    """Line of each of the owner's messages → the other members at that moment.

    Joins and leaves are replayed in time order (the export's order is not guaranteed). Whoever
    sends or is in a snapshot but never joins or leaves in the export was there all along, like the
    two halves of a one-to-one conversation id. Messages of the owner with no change of members in
    between share one list.
    """
    moved, present = set(), _ids((thread or "").split("-")) if thread and "-" in thread else set()
    for event in flat:
        if event.kind == "messageCreate":
            present.add(event.sender)
        elif event.kind in ("participantsJoin", "participantsLeave"):
            moved |= _ids(event.body.get("userIds"))
        if "participantsSnapshot" in event.body:
            present |= _ids(event.body["participantsSnapshot"])
    current, members, listed = {r for r in present if r} - moved, {}, None
    for event in sorted((e for e in flat if e.at is not None), key=_IN_TIME_ORDER):
        body = event.body
        if event.kind == "participantsLeave":
            gone = _ids(body.get("userIds"))
            if not current.isdisjoint(gone):
                current, listed = current - gone, None
        elif isinstance(body.get("userIds"), list) or isinstance(body.get("participantsSnapshot"), list):
            joined = _ids(body.get("userIds")) | _ids(body.get("participantsSnapshot"))
            if not joined <= current:
                current, listed = current | joined, None
        sender = event.sender
        if sender:
            if sender not in current:
                current.add(sender)
                listed = None
            if sender == owner:
                listed = listed if listed is not None else sorted(current - {owner})
                members[event.line] = listed
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
