"""Group conversations decoded into the fields read (``decoded.py``), their rows built column by column.

A group conversation holds thousands of messages and a handful of other events (the owner added, people
joining and leaving, the group renamed). When every event is of the common form (a time in the archive's
own form, a message id not read before, account ids as the archive writes them, an event of a known kind,
another member known whenever the owner wrote, nobody reacting to their own message), its rows are those
``groups.group_conversation`` gives, made a column at a time: others' messages and reactions one row
each, the owner's messages one row each with their list of members, the few other events one by one by
``groups``' own rules. Any other conversation gives False with nothing read, and is read from its plain
JSON event by event.
"""

from __future__ import annotations

from datetime import datetime
from itertools import accumulate, compress
from typing import NamedTuple

from msgspec.structs import asdict

from .common import account_id
from .decoded import Change, GroupConversation
from .dmfile import DmFile, archive_times, decimal_ids
from .groups import CHANGES, MOVES, account_ids, change_counterparts, named_members


class _Messages(NamedTuple):
    lines: list[int]
    senders: list[str]
    times: list[datetime]
    keys: list[int]
    reactions: list[list | None]
    texts: list | None  # only when the owner keeps message text


class _Reactions(NamedTuple):
    lines: list[int]
    refs: list[str]
    directions: list[str]
    times: list[datetime]


class _Change(NamedTuple):
    line: int
    kind: str  # one of CHANGES
    body: Change
    at: datetime
    fields: dict  # the body as ``groups``' rules read it
    # the account ids of its userIds and participantsSnapshot (none of anything but a list), read once: a
    # snapshot names up to fifty members, and the members are replayed from these
    users: set[str]
    snapshot: set[str]


def fast_group(conversation: GroupConversation, thread: str | None, dm: DmFile) -> bool:
    """A decoded group conversation whose events are all of the common form (see the module docstring),
    at once; False, with nothing read, for any other."""
    owner = dm.owner
    if owner is None or account_id(owner) != owner:
        return False
    events = conversation.messages
    creates = [event.messageCreate for event in events]
    steps = [1 + len(create.reactions) if create is not None and create.reactions else 1 for create in creates]
    lines = list(accumulate(steps, initial=dm.line + 1))  # each event's line, then the line after the last
    messages = _messages(creates, lines, dm)
    changes = _changes(events, creates, lines) if messages is not None else None
    if changes is None:
        return False
    reactions = _reactions(messages, owner)
    members = _members_when_owner_wrote(messages, changes, thread, owner)
    outcomes = _outcomes(changes, owner)
    if reactions is None or members is None or outcomes is None:
        return False
    group = dm.group_file or thread is None or "-" not in thread
    _add_rows(messages, reactions, members, changes, outcomes, thread, group, dm)
    dm.line = lines[-1] - 1
    return True


def _messages(creates: list, lines: list[int], dm: DmFile) -> _Messages | None:
    """The messages as columns; None unless each is of the common form (as ``groups._flatten`` reads it)."""
    is_message = [create is not None for create in creates]
    found = list(compress(creates, is_message))
    ids, senders = [c.id for c in found], [c.senderId for c in found]
    times = archive_times([c.createdAt for c in found])
    if (ids and not decimal_ids(ids)) or times is None or not _all_account_ids(senders):
        return None
    if any(c.userIds is not None or c.participantsSnapshot is not None for c in found):
        return None  # counted as members by the plain reader, whatever event carries them
    keys = list(map(int, ids))
    if len(set(keys)) != len(keys) or not dm.seen.isdisjoint(keys):
        return None  # repeated (formats.md §2.4): quarantined by the plain reader
    texts = [c.text for c in found] if dm.keep_text else None
    return _Messages(list(compress(lines, is_message)), senders, times, keys, [c.reactions for c in found], texts)


def _changes(events: list, creates: list, lines: list[int]) -> list[_Change] | None:
    """The events that are not messages; None when one is of no known kind or at a time of another form."""
    found = [(line, event) for line, event, create in zip(lines, events, creates) if create is None]
    kinds = [next((k for k in CHANGES if getattr(event, k) is not None), None) for _, event in found]
    if None in kinds:
        return None
    bodies = [getattr(event, kind) for (_, event), kind in zip(found, kinds)]
    times = archive_times([body.createdAt for body in bodies])
    if times is None:
        return None
    return [_change(line, kind, body, at) for (line, _), kind, body, at in zip(found, kinds, bodies, times)]


def _change(line: int, kind: str, body: Change, at: datetime) -> _Change:
    users, snapshot = account_ids(body.userIds), account_ids(body.participantsSnapshot)
    return _Change(line, kind, body, at, asdict(body), users, snapshot)


def _reactions(messages: _Messages, owner: str) -> _Reactions | None:
    """Each reaction on the line after its message (or its reaction before): the reactor's (in), or whom
    the owner reacted to (out); None unless all are of the common form."""
    found = [(line + k, reaction, sender)
             for line, sender, reactions in zip(messages.lines, messages.senders, messages.reactions) if reactions
             for k, reaction in enumerate(reactions, 1)]
    lines, bodies, parents = [f[0] for f in found], [f[1] for f in found], [f[2] for f in found]
    reactors = [body.senderId for body in bodies]
    times = archive_times([body.createdAt for body in bodies])
    if times is None or not _all_account_ids(reactors):
        return None
    if any(body.userIds is not None or body.participantsSnapshot is not None for body in bodies):
        return None
    refs = [parent if reactor == owner else reactor for reactor, parent in zip(reactors, parents)]
    if owner in refs:
        return None  # the owner reacting to their own message: quarantined by the plain reader
    return _Reactions(lines, refs, ["out" if reactor == owner else "in" for reactor in reactors], times)


def _all_account_ids(values: list) -> bool:
    """Every value an account id as the archive writes it (``account_id`` gives it back unchanged)."""
    try:
        distinct = set(values)
    except TypeError:  # a list or an object where an id belongs
        return False
    return all(type(value) is str and account_id(value) == value for value in distinct)


def _members_when_owner_wrote(messages: _Messages, changes: list[_Change], thread: str | None,
                              owner: str) -> dict[int, list[str]] | None:
    """``groups._members_when_owner_wrote`` of these columns; None when the owner wrote with no other
    member known (quarantined by the plain reader).

    A sender who never joins or leaves is a member from the start to the end: only the owner's messages,
    those of senders who do, and the changes are replayed."""
    moved = set()
    present = account_ids(thread.split("-")) if thread and "-" in thread else set()
    present.update(messages.senders)
    for change in changes:
        if change.kind in MOVES:
            moved |= change.users
        present |= change.snapshot
    current, members, listed = present - moved, {}, None
    replayed = [(at, line, sender, None) for at, line, sender in zip(messages.times, messages.lines, messages.senders)
                if sender == owner or sender in moved]
    replayed += [(change.at, change.line, None, change) for change in changes]
    # by time, then file order (lines are unique), as the plain reader's stable sort on the time
    for _, line, sender, change in sorted(replayed, key=lambda step: (step[0], step[1])):
        if change is not None:
            body = change.body
            if change.kind == "participantsLeave":
                gone = change.users
                if not current.isdisjoint(gone):
                    current, listed = current - gone, None
            elif isinstance(body.userIds, list) or isinstance(body.participantsSnapshot, list):
                joined = change.users | change.snapshot
                if not joined <= current:
                    current, listed = current | joined, None
        elif sender not in current:
            current.add(sender)
            listed = None
        if sender == owner:
            listed = listed if listed is not None else sorted(current - {owner})
            if not listed:
                return None
            members[line] = listed
    return members


def _outcomes(changes: list[_Change], owner: str) -> list[tuple[list[str], str, str]] | None:
    """(counterparts, kind, direction) of each change, by ``groups``' rules; None where one is quarantined."""
    try:
        return [change_counterparts(change.kind, change.fields, change.line, owner) for change in changes]
    except ValueError:
        return None


def _add_rows(messages: _Messages, reactions: _Reactions, members: dict[int, list[str]], changes: list[_Change],
              outcomes: list, thread: str | None, group: bool, dm: DmFile) -> None:
    """The conversation's rows, once every event has been found of the common form."""
    dm.seen.update(messages.keys)
    owner = dm.owner
    inbound = [sender != owner for sender in messages.senders]
    own = [not flag for flag in inbound]
    own_lines = list(compress(messages.lines, own))
    lists = [members[line] for line in own_lines]
    written = {}  # a list of members → (the line of the first message to it, where it is written; the list)
    for line, listed in zip(own_lines, lists):
        written.setdefault(id(listed), (line, listed))
    in_lines, in_refs = list(compress(messages.lines, inbound)), list(compress(messages.senders, inbound))
    # everyone a change names is a member with an account (``groups.named_members``); a change that is no
    # interaction has those accounts for its rows (``DmFile.name_accounts``)
    named = [named_members(change.fields, owner) for change in changes]
    change_rows = [(change.line, ref) for change, (refs, _, _), others in zip(changes, outcomes, named) if refs
                   for ref in (*refs, *others)]
    _add_accounts([(in_lines, in_refs), (reactions.lines, reactions.refs),
                   ([line for line, _ in change_rows], [ref for _, ref in change_rows]),
                   ([line for line, listed in written.values() for _ in listed],
                    [ref for _, listed in written.values() for ref in listed])], dm)
    _extend(dm, in_lines, in_refs, "message", ["in"] * len(in_lines), list(compress(messages.times, inbound)),
            thread, group, _some(messages.texts, inbound))
    _extend(dm, reactions.lines, reactions.refs, "reaction", reactions.directions, reactions.times, thread, group,
            None)
    for change, (refs, kind, direction), others in zip(changes, outcomes, named):
        if refs:
            dm.emit(change.line, refs, kind, direction, change.at, thread, group)
        else:
            dm.name_accounts(others, change.line)
    _to_groups(dm, own_lines, lists, written, list(compress(messages.times, own)), thread, group,
               _some(messages.texts, own))


def _some(texts: list | None, chosen: list[bool]) -> list | None:
    """The kept texts of the ``chosen`` messages (none when none are kept)."""
    return None if texts is None else list(compress(texts, chosen))


def _kept_texts(texts: list | None, count: int) -> list:
    """The message_text column of ``count`` rows: the texts kept (none unless the owner keeps them), empty
    ones as none."""
    return [None] * count if texts is None else [text if type(text) is str and text else None for text in texts]


def _add_accounts(named: list[tuple[list[int], list[str]]], dm: DmFile) -> None:
    """An Account for each counterpart new to the file, at the first line that names it, as the plain
    reader adds them; ``named``: (lines, counterparts) of each kind of row, each in file order."""
    first: dict[str, int] = {}
    for lines, refs in named:
        for ref in set(refs) - dm.accounts:
            line = lines[refs.index(ref)]
            first[ref] = min(line, first.get(ref, line))
    for ref, line in sorted(first.items(), key=lambda item: (item[1], item[0])):
        dm.add_account(ref, line)


def _extend(dm: DmFile, lines: list[int], refs: list[str], kind: str, directions: list[str], times: list[datetime],
            thread: str | None, group: bool, texts: list | None) -> None:
    """Rows of one counterpart each (the Accounts already added)."""
    rows, n = dm.rows, len(lines)
    rows["line"].extend(lines), rows["account_ref"].extend(refs), rows["kind"].extend([kind] * n)
    rows["direction"].extend(directions), rows["occurred_at"].extend(times), rows["thread_ref"].extend([thread] * n)
    rows["is_group"].extend([group] * n)
    rows["message_text"].extend(_kept_texts(texts, n))
    dm.read += n


def _to_groups(dm: DmFile, lines: list[int], lists: list[list[str]], written: dict, times: list[datetime],
               thread: str | None, group: bool, texts: list | None) -> None:
    """``DmFile.to_group`` of each of the owner's messages: one row each, each list of members written once."""
    for line, listed in written.values():
        dm.recipients["line"].extend([line] * len(listed)), dm.recipients["account_ref"].extend(listed)
    rows, n = dm.to_groups, len(lines)
    rows["line"].extend(lines), rows["occurred_at"].extend(times), rows["thread_ref"].extend([thread] * n)
    rows["is_group"].extend([group] * n), rows["recipients_line"].extend([written[id(m)][0] for m in lists])
    rows["message_text"].extend(_kept_texts(texts, n))
    dm.read += n
    dm.expanded += sum(map(len, lists))
