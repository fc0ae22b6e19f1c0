"""The calls of Messenger's secret conversations, and the owner's own name Messenger keeps for autofill.

``messages/secret_conversations.json`` (draygen/jarvis, a published export of 2024): ``{"secret_conversations_v2":
{has_sent_message, has_received_message, tincan_devices, armadillo_devices, calls: [{start_time, end_time (Unix
seconds), call_type, call_participants: [{identifier: "<display name>"}], session_id}]}}``. Each call names its
participants by display name, the owner among them (9 calls, two participants each, the owner in every one); it is
read as a ``call`` with each participant who is not the owner. Who called whom is not written: ``mutual``.

``messages/autofill_information.json`` (draygen/jarvis; waqashassangorsi/PmmDesktopApp
dist1/messages/autofill_information.json): ``{"autofill_information_v2": {FULL_NAME, FIRST_NAME, EMAIL, …}}``,
each a list of strings (or a string): the owner's own details. Its FULL_NAME names the owner of a Messenger-only
download where nothing better does (parsing._find_owner).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Export
from ...models import Record
from .layout import SETTINGS_NOTE
from .people import BrokenFile, Handler, ignored_note, json_or_broken, load_json, read_items
from .rows import Batch, Owner, Tally
from .text import as_list, at_seconds, is_assistant, is_placeholder, name_of

LABEL = "calls of secret conversations"
UNKNOWN_OWNER = "call_participants: cannot tell the owner apart (no profile, no name common to the threads)"


def read_secret_calls(export: Export, member: str, owner: Owner, batch: Batch) -> Iterator[Record]:
    tally = Tally(member)
    data = yield from json_or_broken(export, member, tally, LABEL)
    if data is None:
        return
    inner = data.get("secret_conversations_v2") if isinstance(data, dict) else None
    calls = as_list(inner.get("calls")) if isinstance(inner, dict) else []
    if not calls:  # devices and flags alone: Messenger's settings, as before there were calls
        yield ignored_note(member, *SETTINGS_NOTE)
        return
    yield from read_items(tally, calls, call_handler(member, owner, batch))
    yield tally.member_note(LABEL)


def call_handler(member: str, owner: Owner, batch: Batch) -> Handler:
    def handle(line: int, item: dict) -> None:
        at = at_seconds(item.get("start_time"), "start_time")
        if at is None:
            raise ValueError("start_time: missing")
        if not owner.known:
            raise ValueError(UNKNOWN_OWNER)
        others = _others(item, owner)
        thread = f"secret_call/{item.get('session_id')}" if item.get("session_id") is not None else None
        for name in others:
            batch.account(member, line, name)
            batch.interaction(member, line, name, "call", "mutual", at, thread_ref=thread,
                              is_group=len(others) > 1)
    return handle


def _others(item: dict, owner: Owner) -> list[str]:
    """The participants of a call who are not the owner; a call of the owner alone is refused."""
    names = [name_of(p.get("identifier")) for p in as_list(item.get("call_participants")) if isinstance(p, dict)]
    others = [n for n in dict.fromkeys(names) if n and n not in owner and not is_placeholder(n)
              and not is_assistant(n)]
    if not others:
        raise ValueError("call_participants: no counterpart besides the owner")
    return others


def autofill_name(export: Export, member: str) -> str | None:
    """The FULL_NAME of autofill_information.json (a list of one string, or a string); None if not one name."""
    try:
        data = load_json(export, member)
    except BrokenFile:
        return None
    inner = data.get("autofill_information_v2") if isinstance(data, dict) else None
    raw = inner.get("FULL_NAME") if isinstance(inner, dict) else None
    names = {name_of(n) for n in (raw if isinstance(raw, list) else [raw])} - {None}
    return names.pop() if len(names) == 1 else None
