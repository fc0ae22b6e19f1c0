"""X Chat, the end-to-end encrypted DMs of late 2025 on: ``message-event.js``.

``window.YTD.message_event.part0 = [{"messageEvent": {senderId, conversationId, createdAtMsec, messageId,
sequenceId, conversationToken, messageEventSignature, detail: {<one event>}}}, …]``, seen in two published
archives of December 2025 and February 2026 (milahu/twitter-milahu104 and
shauntmcgovern/SABBusinessEntrepreneurialConcept-GateyExploreEducator-MarketerArtistRoze-ededededed89,
``data/message-event.js``), beside the legacy ``direct-messages.js``. The events name their kind by the key in
``detail`` (X's thrift ``MessageEventDetail``, code index id 63257027355): ``messageCreateEvent`` (a message,
its ``contents`` encrypted: who wrote to whom and when is all that can be read), ``conversationKeyChangeEvent``,
``markConversationReadEvent`` and others that are no message.

Quirks: the conversation id joins the two account ids with ``:`` (``"<smaller>:<larger>"``), not with the ``-``
of the legacy DMs, and a message's id is a UUID, so no message is both here and in direct-messages.js (the
samples' read receipts point at legacy message ids, their messages are in neither file twice). Group chats exist
in X Chat (``groupChangeEvent``) but no sample of their conversation ids is known: an event of a conversation
that is not two account ids is quarantined, not guessed.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import datetime

import orjson

from ...models import Account, Interaction, Record
from .common import PLATFORM, UNKNOWN_OWNER, Context, account_id, millis_time, parsed_note, quarantined
from .jsfiles import Unparsable, iter_items, unwrap

WRAPPER, MESSAGE = "messageEvent", "messageCreateEvent"
NOT_A_MESSAGE = "X Chat events that are no message (read receipts, key changes): the other person's account only"


def parse_xchat(data: bytes, member: str, ctx: Context) -> Iterator[Record]:
    """A message per ``messageCreateEvent``; the other person's Account for every other event; then the note."""
    entries = others = 0
    for line, item in enumerate(iter_items(data, WRAPPER), 1):
        entries = line
        try:
            records = _records(item, member, line, ctx)
        except ValueError as exc:
            yield quarantined(member, line, exc, _trimmed(item))
            continue
        others += not any(isinstance(r, Interaction) for r in records)
        yield from records
    note = f"{entries} X Chat events (encrypted messages: who wrote to whom and when, no text)"
    yield parsed_note(member, entries, note + (f"; {others} {NOT_A_MESSAGE}" if others else ""), ctx, entries)


def _records(item: object, member: str, line: int, ctx: Context) -> list[Record]:
    if isinstance(item, Unparsable):
        raise ValueError(f"{WRAPPER}: not valid JSON (truncated or damaged file?)")
    event = unwrap(item, WRAPPER)
    if not isinstance(event, dict):
        raise ValueError(f"{WRAPPER}: not an object")
    owner = ctx.owner or _token_owner(event)
    if owner is None:
        raise ValueError(f"{WRAPPER}: {UNKNOWN_OWNER}")
    other = _counterpart(event.get("conversationId"), owner)
    account = Account(member=member, line=line, platform=PLATFORM, account_ref=other,
                      handle=ctx.harvest.handle(other), display_name=ctx.harvest.name(other))
    detail = event.get("detail")
    if not (isinstance(detail, dict) and MESSAGE in detail):
        return [account]
    sender = account_id(event.get("senderId"))
    if sender not in (owner, other):
        raise ValueError(f"{WRAPPER}.senderId: missing or not one of the conversation's two accounts")
    at = _millis(event.get("createdAtMsec"))
    return [account, Interaction(member=member, line=line, platform=PLATFORM, account_ref=other, kind="message",
                                 direction="out" if sender == owner else "in", occurred_at=at,
                                 thread_ref=event["conversationId"])]


def _counterpart(conversation: object, owner: str) -> str:
    """The other account of ``"<id>:<id>"``, one of which is the owner's."""
    ids = [account_id(part) for part in conversation.split(":")] if isinstance(conversation, str) else []
    if len(ids) != 2 or None in ids or owner not in ids or ids[0] == ids[1]:
        raise ValueError(f"{WRAPPER}.conversationId: not two account ids of which one is the owner's "
                         "(a group chat? no sample of their ids is known)")
    return ids[1] if ids[0] == owner else ids[0]


def _millis(value: object) -> datetime:
    text = value if isinstance(value, str) else str(value) if isinstance(value, int) else ""
    if not text.isdigit():
        raise ValueError(f"{WRAPPER}.createdAtMsec: missing or not a number")
    return millis_time(text, f"{WRAPPER}.createdAtMsec")


def _token_owner(event: dict) -> str | None:
    """Without account.js: the archive's owner is the ``requestingUser`` of the conversation token, an unsigned
    JSON payload between the JWT's dots (both samples: the owner's id, whoever sent the event)."""
    token = event.get("conversationToken")
    parts = token.split(".") if isinstance(token, str) else []
    if len(parts) != 3:
        return None
    try:
        payload = orjson.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, orjson.JSONDecodeError):
        return None
    return account_id(payload.get("requestingUser")) if isinstance(payload, dict) else None


def _trimmed(item: object) -> object:
    """What a quarantine excerpt shows of an event: who, where, when and what kind, not the keys and signatures."""
    event = unwrap(item, WRAPPER)
    if not isinstance(event, dict):
        return item
    detail = event.get("detail")
    return {"senderId": event.get("senderId"), "conversationId": event.get("conversationId"),
            "createdAtMsec": event.get("createdAtMsec"),
            "detail": sorted(detail) if isinstance(detail, dict) else detail}
