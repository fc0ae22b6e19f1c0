"""Direct messages, one-to-one and group, with their reactions (formats.md §2.3, §2.4).

``direct-message.js`` / ``direct-message-group.js`` (T1), ``direct-messages.js`` /
``direct-messages-group.js`` (T2 and later), ``-partN`` files, and the ``…-headers.js`` files (the
same conversations without text, read only when the full file is absent). DMs name people by numeric
id only; their handles and names come from the tweets (``Harvest``). Group conversations: ``groups.py``.

A large archive holds hundreds of thousands of one-to-one messages, nearly all of one form: between the
owner and the other person of the conversation id, with a time in the archive's own form and an id not
read before. A conversation made only of those is read at once, column by column
(``_all_at_once``; in a one-to-one file, decoded into the fields those need only: ``decoded.py``); any
other is read message by message with every check (``_one_by_one``). Both give the same rows. A group file's
long conversations are decoded and read at once in the same way (``group_columns.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import accumulate

import orjson

from ...collector import collector_paused
from ...columns import Columns
from ...models import MemberNote, Record
from .common import FIRST_YEAR, UNKNOWN_OWNER, account_id
from .decoded import Conversation, Decoded, Messages, conversation_decoder, message_columns
from .dmfile import (DmFile, Repeated, archive_times, decimal_id, decimal_ids, iso_time, reaction_counterpart,
                     required_id)
from .group_columns import fast_group
from .groups import group_conversation
from .jsfiles import Unparsable, iter_items

__all__ = ["DmFile", "parse_messages"]

# Events of a one-to-one conversation besides messageCreate (alkihis/twitter-archive-reader GDPRDMs.ts,
# DirectMessageEventContainer): a business's automatic welcome message, with a message's fields but no reactions,
# read as a message from its sender; and a reaction kept as an event of its own ({"senderId", "reactionKey",
# "eventId", "createdAt"}), read as a reaction nested in its message is. No real sample of the second is known.
WELCOME, REACTION = "welcomeMessageCreate", "reactionCreate"
BATCH = 50_000
AT_ONCE = 8  # messages from which a conversation costs less column by column
DECODED_BYTES = 4096  # about AT_ONCE messages as the archive writes them (400-500 bytes each)
_END = object()


def parse_messages(data: bytes, dm: DmFile) -> Iterator[Record | Columns]:
    """Every record of one DM file, then its MemberNote."""
    fast = conversation_decoder(dm.keep_text, DECODED_BYTES, dm.group_file)
    conversations = iter_items(data, "dmConversation", fast)
    while _read_next(conversations, dm):
        yield from dm.out
        dm.out.clear()
        if len(dm.rows["line"]) + len(dm.to_groups["line"]) >= BATCH:
            yield from dm.take()
    yield from dm.take()
    yield MemberNote(member=dm.member, line=0, handling="parsed", note=_file_note(dm), records_read=dm.read)


def _file_note(dm: DmFile) -> str:
    """The file's closing note: its conversations, and the events without another person, not counted as read."""
    note = f"{dm.conversations} conversation{'s' if dm.conversations != 1 else ''}"
    if dm.skipped:
        note += f"; {dm.skipped} events without another person (group renamed, the owner leaving) not counted"
    if dm.to_self:
        reactions = f" and {dm.to_self_reactions} of the owner's reactions to them" if dm.to_self_reactions else ""
        note += f"; {dm.to_self} notes to self{reactions} (a conversation with oneself): no other person, not counted"
    return note


def _read_next(conversations: Iterator[object], dm: DmFile) -> bool:
    """Decode and read the next conversation of the file; False at its end."""
    with collector_paused():
        item = next(conversations, _END)
        if item is _END:
            return False
        dm.conversations += 1
        _conversation(item, dm)
    return True


def _conversation(item: object, dm: DmFile) -> None:
    if type(item) is Decoded:
        if dm.group_file and fast_group(item.conversation, _thread_of(item.conversation.conversationId), dm):
            return
        if not dm.group_file and _fast_direct(item.conversation, dm):
            return
        item = orjson.loads(item.raw)
    conversation = item.get("dmConversation") if isinstance(item, dict) else None
    events = conversation.get("messages") if isinstance(conversation, dict) else None
    if isinstance(item, Unparsable) or not isinstance(events, list):
        dm.line += 1
        problem = "not valid JSON (truncated or damaged file?)" if isinstance(item, Unparsable) else "no messages list"
        dm.quarantine(dm.line, ValueError(f"dmConversation: {problem}"), item)
        return
    thread = _thread_of(conversation.get("conversationId"))
    if dm.group_file or (thread is not None and "-" not in thread):
        group_conversation(events, thread, dm)
    else:
        _direct_conversation(events, thread, dm)


def _thread_of(value: object) -> str | None:
    return str(value) if isinstance(value, (str, int)) and str(value) else None


def _fast_direct(conversation: Conversation, dm: DmFile) -> bool:
    """A decoded one-to-one conversation whose messages are all of the common form, at once, whatever its
    length; False, with nothing read, for any other (then read from its plain JSON)."""
    thread = _thread_of(conversation.conversationId)
    if dm.group_file or thread is None or "-" not in thread:
        return False
    other = _other_half(thread, dm.owner)
    if other is None or account_id(other) != other:
        return False
    columns = message_columns(conversation, dm.keep_text)
    return columns is not None and _columns_at_once(columns, other, thread, dm)


def _direct_conversation(events: list, thread: str | None, dm: DmFile) -> None:
    """A one-to-one conversation: a long one at once when every message allows it, else message by message."""
    if dm.owner is not None and thread == f"{dm.owner}-{dm.owner}":
        _notes_to_self(events, thread, dm)
        return
    other = _other_half(thread, dm.owner)
    known = other if other is not None and account_id(other) == other else None  # the common messages' counterpart
    if not events and known is not None:
        # A conversation whose messages are all gone is kept as "messages" : [ ] (MichaelS20/twit-shit
        # direct-message-headers.js, October 2018: 2 of 11): its other person is named by the id alone, a person
        # the owner wrote with, read as an entry of its own whose row is their account (as a follower's is)
        dm.line += 1
        dm.name_accounts([known], dm.line)
        return
    if known is not None and len(events) >= AT_ONCE and _all_at_once(events, known, thread, dm):
        return
    _one_by_one(events, thread, dm, other, known)


def _notes_to_self(events: list, thread: str, dm: DmFile) -> None:
    """The owner's conversation with themself: its notes to self are no interaction, counted in the file's note
    only. Any other event of it (a welcome message, another sender) is read with every check."""
    # The conversation id names the owner twice, and each message has the owner as sender and recipient
    # (jeremyfranklin/twitter, 2011-2012; RobErskine/robs-twitter, 2018). Never decoded at once: the
    # decoded reader finds no other person in such an id and leaves it to the plain one (``_fast_direct``).
    owner = dm.owner
    for event in events:
        dm.line += 1
        create = event.get("messageCreate") if type(event) is dict else None
        if type(create) is not dict or account_id(create.get("senderId")) != owner \
                or account_id(create.get("recipientId")) not in (owner, None):
            _direct_event(event, create, thread, dm, owner, None)
        elif dm.repeated(create.get("id")):
            dm.quarantine(dm.line, Repeated("messageCreate.id: a message already read (the export repeats "
                                            "conversations)"), event)
            _self_reactions(create.get("reactions"), thread, True, dm)
        else:
            dm.to_self += 1
            _self_reactions(create.get("reactions"), thread, False, dm)


def _self_reactions(reactions: object, thread: str, repeated: bool, dm: DmFile) -> None:
    """Reactions to a note to self: the owner's no interaction either; anyone else's read with every check."""
    if not reactions:
        return
    for reaction in reactions if isinstance(reactions, list) else [reactions]:
        if not repeated and type(reaction) is dict and account_id(reaction.get("senderId")) == dm.owner:
            dm.line += 1
            dm.to_self_reactions += 1
        else:
            _reactions([reaction], None, thread, repeated, dm)


def _other_half(thread: str | None, owner: str | None) -> str | None:
    """The other person of a one-to-one conversation id ``<a>-<b>`` (ids in either order) that names the owner."""
    halves = (thread or "").split("-")
    if len(halves) == 2 and owner in halves:  # every id X writes; three or more parts only in damaged ones
        half = halves[1] if halves[0] == owner else halves[0]
        return half if half != owner and half.isdigit() else None
    return next((h for h in halves if h != owner and h.isdigit()), None) if owner in halves else None


def _all_at_once(events: list, known: str, thread: str | None, dm: DmFile) -> bool:
    """Messages that are all of the common form (see the module docstring), column by column; False,
    with nothing read, when any is not. Their counterpart is ``known``: an Account at its first message
    when it is new to the file."""
    try:
        creates = _creates(events)
        columns = Messages([c["senderId"] for c in creates], [c.get("recipientId") for c in creates],
                           [c["createdAt"] for c in creates], [c["id"] for c in creates],
                           [c.get("reactions") for c in creates],
                           [c.get("text") for c in creates] if dm.keep_text else None)
    except (KeyError, TypeError, AttributeError):
        return False
    return _columns_at_once(columns, known, thread, dm)


def _creates(events: list) -> list:
    """Each event's message: its messageCreate, else its welcome message, looked for only when an event is not
    a messageCreate (KeyError when one is neither)."""
    try:
        return [event["messageCreate"] for event in events]
    except KeyError:
        return [event.get("messageCreate") or event[WELCOME] for event in events]


def _columns_at_once(columns: Messages, known: str, thread: str | None, dm: DmFile) -> bool:
    """``_all_at_once`` of messages already cut into columns."""
    owner, senders, recipients, ids = dm.owner, columns.senders, columns.recipients, columns.ids
    if not ids or not decimal_ids(ids):
        return False
    times = archive_times(columns.stamps)
    if times is None:
        return False
    directions = ["in" if s == known else "out" if s == owner and r in (known, None) else None
                  for s, r in zip(senders, recipients)]
    keys = [int(i) for i in ids]
    if None in directions or len(set(keys)) != len(keys) or not dm.seen.isdisjoint(keys):
        return False
    dm.seen.update(keys)
    _add_messages(columns, directions, times, known, thread, dm)
    return True


def _add_messages(columns: Messages, directions: list[str], times: list[datetime], known: str,
                  thread: str | None, dm: DmFile) -> None:
    """The rows of messages checked by ``_all_at_once``, then their reactions, each on its own line."""
    n, rows, reactions = len(directions), dm.rows, columns.reactions
    steps = [1 + (len(r) if type(r) is list else 1) if r else 1 for r in reactions]
    lines = list(accumulate(steps[:-1], initial=dm.line + 1))
    texts = columns.texts if columns.texts is not None else [None] * n
    rows["line"].extend(lines), rows["account_ref"].extend([known] * n), rows["kind"].extend(["message"] * n)
    rows["direction"].extend(directions), rows["occurred_at"].extend(times), rows["thread_ref"].extend([thread] * n)
    rows["is_group"].extend([False] * n)
    rows["message_text"].extend([t if type(t) is str and t else None for t in texts])
    dm.read += n
    if known not in dm.accounts:
        dm.add_account(known, lines[0])
    end = dm.line + sum(steps)
    for line, reaction in zip(lines, reactions):
        if reaction:
            dm.line = line
            _reactions(reaction, known, thread, False, dm, trusted=True)
    dm.line = end


def _one_by_one(events: list, thread: str | None, dm: DmFile, other: str | None, known: str | None) -> None:
    """Message by message: the common message is added inline (with the Account of its counterpart
    when new), anything else takes ``_direct_event`` and every check."""
    owner, rows, seen, accounts, keep_text = dm.owner, dm.rows, dm.seen, dm.accounts, dm.keep_text
    fromiso = datetime.fromisoformat
    for event in events:
        dm.line += 1
        create = event.get("messageCreate") if type(event) is dict else None
        if type(create) is dict and known is not None:
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
            key = int(message_id) if type(message_id) is str and decimal_id(message_id) else None
            if at is not None and at.tzinfo is None and at.year >= FIRST_YEAR and key is not None and key not in seen:
                seen.add(key)
                dm.read += 1
                if known not in accounts:
                    dm.add_account(known, dm.line)
                text = create.get("text") if keep_text else None
                rows["line"].append(dm.line), rows["account_ref"].append(known), rows["kind"].append("message")
                rows["direction"].append(direction), rows["occurred_at"].append(at)
                rows["thread_ref"].append(thread), rows["is_group"].append(False)
                rows["message_text"].append(text if type(text) is str and text else None)
                if create.get("reactions"):
                    _reactions(create["reactions"], known, thread, False, dm, trusted=True)
                continue
        _direct_event(event, create, thread, dm, owner, other)


def _direct_event(event: object, create: object, thread: str | None, dm: DmFile, owner: str | None,
                  other: str | None, key: str = "messageCreate") -> None:
    """One event of a one-to-one conversation, with every check; ``dm.line`` is already its line. ``create``
    is the message, under ``key`` in the event."""
    if type(create) is not dict:
        _other_direct_event(event, thread, dm, owner, other)
        return
    repeated = False
    try:
        at = iso_time(create.get("createdAt"), f"{key}.createdAt")
        ref, direction = _direct_counterpart(create, owner, other, key)
        repeated = dm.repeated(create.get("id"))
        if repeated:
            raise Repeated(f"{key}.id: a message already read (the export repeats conversations)")
    except ValueError as exc:
        dm.quarantine(dm.line, exc, event)
    else:
        dm.emit(dm.line, (ref,), "message", direction, at, thread, False, create.get("text"))
    if create.get("reactions"):
        _reactions(create["reactions"], other or _partner(create, owner), thread, repeated, dm)


def _other_direct_event(event: object, thread: str | None, dm: DmFile, owner: str | None, other: str | None) -> None:
    """An event of a one-to-one conversation that is not a messageCreate (``WELCOME``, ``REACTION``)."""
    welcome, reaction = (event.get(WELCOME), event.get(REACTION)) if type(event) is dict else (None, None)
    if type(welcome) is dict:
        _direct_event(event, welcome, thread, dm, owner, other, WELCOME)
    elif type(reaction) is dict and dm.repeated_event(REACTION, reaction):
        dm.quarantine(dm.line, Repeated(f"{REACTION}: a reaction already read (the export repeats conversations)"),
                      reaction)
    elif type(reaction) is dict:
        _reaction(reaction, other, thread, False, dm, REACTION)
    else:
        dm.quarantine(dm.line, ValueError("messageCreate: missing (not a one-to-one message)"), event)


def _direct_counterpart(create: dict, owner: str | None, other: str | None, key: str) -> tuple[str, str]:
    sender = required_id(create.get("senderId"), f"{key}.senderId")
    if owner is None:
        raise ValueError(f"{key}.senderId: {UNKNOWN_OWNER}")
    if sender != owner:
        return sender, "in"
    recipient = account_id(create.get("recipientId")) or other
    if recipient is None or recipient == owner:
        raise ValueError(f"{key}.recipientId: missing, or the owner's own account")
    return recipient, "out"


def _partner(create: dict, owner: str | None) -> str | None:
    """The other person of a one-to-one message, when the conversation id does not tell."""
    sender, recipient = account_id(create.get("senderId")), account_id(create.get("recipientId"))
    return recipient if sender == owner else sender


def _reactions(reactions: object, counterpart: str | None, thread: str | None, repeated: bool, dm: DmFile,
               trusted: bool = False) -> None:
    """Reactions to a one-to-one message: the other person's (in) or the owner's (out). ``trusted``: the
    counterpart is the conversation id's other person, an account id as it should be; then the common
    reaction, by either of them at a time in the archive's own form, is added inline."""
    owner, fromiso = dm.owner, datetime.fromisoformat
    inline = trusted and not repeated and owner is not None and account_id(owner) == owner
    for reaction in reactions if isinstance(reactions, list) else [reactions]:
        dm.line += 1
        if inline and type(reaction) is dict:
            sender, created = reaction.get("senderId"), reaction.get("createdAt")
            direction = "in" if sender == counterpart else "out" if sender == owner else None
            try:
                at = fromiso(created[:-1]) if direction and type(created) is str and created[-1:] == "Z" else None
            except ValueError:
                at = None
            if at is not None and at.tzinfo is None and at.year >= FIRST_YEAR:
                dm.emit_one(dm.line, counterpart, "reaction", direction, at, thread, False)
                continue
        _reaction(reaction, counterpart, thread, repeated, dm)


def _reaction(reaction: object, counterpart: str | None, thread: str | None, repeated: bool, dm: DmFile,
              field: str = "reactions") -> None:
    """One reaction with every check; ``dm.line`` is already its line. ``field``: where it stands (nested in
    its message's ``reactions``, or an event of its own)."""
    try:
        if repeated:
            raise Repeated("reactions: on a message already read (the export repeats conversations)")
        body = reaction if isinstance(reaction, dict) else {}
        at = iso_time(body.get("createdAt"), f"{field}.createdAt")
        ref, direction = reaction_counterpart(body, counterpart, dm.owner, field)
    except ValueError as exc:
        dm.quarantine(dm.line, exc, reaction)
    else:
        dm.emit(dm.line, (ref,), "reaction", direction, at, thread, False)

