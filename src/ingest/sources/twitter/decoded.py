"""One-to-one DM conversations decoded into the few fields their common messages need (formats.md §2.3).

A message of ``direct-messages.js`` carries urls, mediaUrls, reactions, editHistory and its text; a
plain JSON decoder builds a dict for each and a Python object for every value, most of which nothing
reads. Decoded against these shapes, only the id, the two accounts, the time and the reactions (and the
text, when the owner keeps it) become objects: about a third of the cost. A conversation of any other
shape (an event that is not a message, ``messages`` not a list) fails to decode here and is read from
its plain JSON, as is one whose messages are not all of the common form (``messages._fast_direct``).
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


class EventWithText(msgspec.Struct, gc=False):
    messageCreate: CreateWithText | None = None


class Conversation(msgspec.Struct, gc=False):
    messages: list[Event]
    conversationId: Any = None


class ConversationWithText(msgspec.Struct, gc=False):
    messages: list[EventWithText]
    conversationId: Any = None


class Item(msgspec.Struct, gc=False):
    dmConversation: Conversation


class ItemWithText(msgspec.Struct, gc=False):
    dmConversation: ConversationWithText


class Decoded(NamedTuple):
    """A conversation decoded into these shapes, and its bytes, to read it again as plain JSON."""

    conversation: Conversation | ConversationWithText
    raw: memoryview


class Messages(NamedTuple):
    """A conversation's messages cut into columns: what ``messages._columns_at_once`` checks and reads."""

    senders: list
    recipients: list
    stamps: list
    ids: list
    reactions: list
    texts: list | None  # only when the owner keeps message text


def conversation_decoder(keep_text: bool, min_bytes: int):
    """``jsfiles.iter_items``' ``fast`` decoder of a one-to-one DM file's conversations of ``min_bytes`` or
    more; a shorter one is left to the plain decoder (None): a conversation of a few messages is read
    faster one by one than cut into columns."""
    decode = msgspec.json.Decoder(ItemWithText if keep_text else Item).decode

    def decoded(raw: memoryview) -> Decoded | None:
        return Decoded(decode(raw).dmConversation, raw) if len(raw) >= min_bytes else None

    return decoded


def message_columns(conversation: Conversation | ConversationWithText, keep_text: bool) -> Messages | None:
    """The conversation's messages as columns; None when an event is not a message."""
    creates = [event.messageCreate for event in conversation.messages]
    if None in creates:
        return None
    return Messages([c.senderId for c in creates], [c.recipientId for c in creates], [c.createdAt for c in creates],
                    [c.id for c in creates], [c.reactions for c in creates],
                    [c.text for c in creates] if keep_text else None)
