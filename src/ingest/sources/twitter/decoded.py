"""DM conversations decoded into the few fields their common events need (formats.md §2.3).

A message of ``direct-messages.js`` carries urls, mediaUrls, reactions, editHistory and its text; a
plain JSON decoder builds a dict for each and a Python object for every value, most of which nothing
reads. Decoded against these shapes, only the id, the two accounts, the time and the reactions (and the
text, when the owner keeps it) become objects: about a third of the cost. A business's automatic welcome
message (``welcomeMessageCreate``) is a message too. A conversation of any other shape (an event that is not a
message, ``messages`` not a list) fails to decode here and is read from its plain JSON, as is one whose messages
are not all of the common form (``messages._fast_direct``).

Group conversations (``Group…``) the same way: a message without its recipient, and the events that change
the members or the name, each decoded into the fields ``groups.py`` reads (``group_columns.py``). The
fields that no message or reaction should carry (``userIds``, ``participantsSnapshot``) are decoded too,
so that one carrying them is left to the plain reader, which counts them whatever event holds them.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import msgspec


class Create(msgspec.Struct, gc=False):
    id: Any = None
    senderId: Any = None
    recipientId: Any = None
    createdAt: Any = None
    reactions: Any = None


class CreateWithText(Create, gc=False):
    text: Any = None


class Event(msgspec.Struct, gc=False):
    messageCreate: Create | None = None
    welcomeMessageCreate: Create | None = None  # a business's automatic welcome (messages.WELCOME)


class EventWithText(msgspec.Struct, gc=False):
    messageCreate: CreateWithText | None = None
    welcomeMessageCreate: CreateWithText | None = None


class GroupReaction(msgspec.Struct, gc=False):
    senderId: Any = None
    createdAt: Any = None
    userIds: Any = None
    participantsSnapshot: Any = None


class GroupCreate(msgspec.Struct, gc=False):
    id: Any = None
    senderId: Any = None
    createdAt: Any = None
    reactions: list[GroupReaction] | None = None
    userIds: Any = None
    participantsSnapshot: Any = None


class GroupCreateWithText(GroupCreate, gc=False):
    text: Any = None


class Change(msgspec.Struct, gc=False):
    """``joinConversation``, ``participantsJoin``, ``participantsLeave``, ``conversationNameUpdate``."""

    createdAt: Any = None
    initiatingUserId: Any = None
    userIds: Any = None
    participantsSnapshot: Any = None


class GroupEvent(msgspec.Struct, gc=False):
    messageCreate: GroupCreate | None = None
    joinConversation: Change | None = None
    participantsJoin: Change | None = None
    participantsLeave: Change | None = None
    conversationNameUpdate: Change | None = None


class GroupEventWithText(GroupEvent, gc=False):
    messageCreate: GroupCreateWithText | None = None


def _file_element(event: type) -> type:
    """The element of a DM file around conversations of ``event``s:
    ``{"dmConversation": {"conversationId": …, "messages": [event, …]}}``."""
    conversation = msgspec.defstruct(f"{event.__name__}Conversation",
                                     [("messages", list[event]), ("conversationId", Any, None)], gc=False)
    return msgspec.defstruct(f"{event.__name__}Item", [("dmConversation", conversation)], gc=False)


# (message text kept, group file) → the shape of the file's elements
ELEMENTS = {(False, False): _file_element(Event), (True, False): _file_element(EventWithText),
            (False, True): _file_element(GroupEvent), (True, True): _file_element(GroupEventWithText)}
# A decoded conversation, whichever of these shapes: ``messages`` (its events) and ``conversationId``.
Conversation = GroupConversation = msgspec.Struct


class Decoded(NamedTuple):
    """A conversation decoded into these shapes, and its bytes, to read it again as plain JSON."""

    conversation: Conversation
    raw: memoryview


class Messages(NamedTuple):
    """A conversation's messages cut into columns: what ``messages._columns_at_once`` checks and reads."""

    senders: list
    recipients: list
    stamps: list
    ids: list
    reactions: list
    texts: list | None  # only when the owner keeps message text


def conversation_decoder(keep_text: bool, min_bytes: int, group: bool = False):
    """``jsfiles.iter_items``' ``fast`` decoder of a DM file's conversations (of the group file's with
    ``group``) of ``min_bytes`` or more; a shorter one is left to the plain decoder (None): a
    conversation of a few messages is read faster one by one than cut into columns."""
    decode = msgspec.json.Decoder(ELEMENTS[keep_text, group]).decode

    def decoded(raw: memoryview) -> Decoded | None:
        return Decoded(decode(raw).dmConversation, raw) if len(raw) >= min_bytes else None

    return decoded


def message_columns(conversation: Conversation, keep_text: bool) -> Messages | None:
    """The conversation's messages as columns, a welcome message among them; None when an event is not a message."""
    creates = [event.messageCreate for event in conversation.messages]
    if None in creates:  # looked for only then: a welcome message is in few conversations, and first
        creates = [event.messageCreate or event.welcomeMessageCreate for event in conversation.messages]
        if None in creates:
            return None
    return Messages([c.senderId for c in creates], [c.recipientId for c in creates], [c.createdAt for c in creates],
                    [c.id for c in creates], [c.reactions for c in creates],
                    [c.text for c in creates] if keep_text else None)
