"""Messenger threads: DYI JSON (F2-F6, formats.md §1.4) and the E2EE secure-storage export (§1.5), read message by
message into a ``ThreadWriter`` (``writer``); who is in a thread and which files make it are ``thread_people``'s.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime

import orjson

from ..archive import Export
from ...columns import Columns
from ...models import Record
from .layout import THREAD, split
from .notices import HINT, notice_kind
from .people import BrokenFile, ignored_note, load_json
from .rows import Tally
from .text import at_millis, message_millis, name_of
from .thread_people import group_threads, has_unnamed, participants_of
from .writer import ROW_FIELDS, ThreadWriter, nameless

# Field names of each variant: sender, time (ms), text (only to tell repeats apart), reactions.
DYI_FIELDS = ("sender_name", "timestamp_ms", "content", "reactions")
E2EE_FIELDS = ("senderName", "timestamp", "text", "reactions")
# Message types that are simply messages (DYI; E2EE "text"). A tuple, not a set: a damaged file
# can hold a list or an object as "type", and a set lookup of one raises TypeError.
PLAIN = (None, "Generic", "Share", "text")
MAX_MILLIS = 253_402_300_799_000  # 9999-12-31, the last time a datetime holds
_NAMES: dict[str, str | None] = {}  # raw name → repaired: a pure function's memo, shared by every file


def message_kind(message: dict, sender: str | None = None) -> str:
    kind = message.get("type")
    if kind == "Unsubscribe":
        return "left"
    if kind == "Call" or "call_duration" in message:
        return "call"
    # No type (2024 on), or the types notices had before: Messenger's notices told by their text.
    notice = notice_kind(message, sender) if sender and kind in (None, "Generic", "Subscribe") else None
    return notice or "message"


def e2ee_kind(message: dict) -> str:
    # The E2EE export's "type" values are undocumented [U]: anything naming a call is a call.
    kind = message.get("type")
    return "call" if isinstance(kind, str) and "call" in kind.lower() else "message"


def read_messages(writer: ThreadWriter, messages: list, fields: tuple[str, str, str, str]) -> Iterator[Record]:
    """Every message of one file, by the variant's field names (sender, time, text, reactions).

    The hot loop of the parser (an export can hold 400,000 messages). Names and times are read
    column-wise first, times as microseconds since the epoch (``Columns`` takes them as they are).
    The common message (a counterpart already seen in the file, or the owner once the others are
    listed; a message or a call, no repeat check) is then added inline with its reactions; everything
    else goes through ``ThreadWriter.message`` and the slower checks.
    """
    sender_field, time_field, text_field, reactions_field = fields
    try:
        dicts = messages
        raw_senders, stamps = [m.get(sender_field) for m in dicts], [m.get(time_field) for m in dicts]
    except AttributeError:  # a message that is not an object: quarantined on the slow path
        dicts = [m if type(m) is dict else {} for m in messages]
        raw_senders, stamps = [m.get(sender_field) for m in dicts], [m.get(time_field) for m in dicts]
    senders = names_of(raw_senders)
    times = [t * 1000 if type(t) is int and 0 < t < MAX_MILLIS else None for t in stamps]
    roles, accounts, others = writer.roles, writer.accounts, writer.others
    add_line, add_ref, add_kind, add_direction, add_time = (writer.rows[name].append for name in ROW_FIELDS)
    fast = writer.owner.known and writer.seen is None and not writer.keep_text  # the slow path keeps the text
    dyi = fields is DYI_FIELDS
    for line, message, sender, at in zip(range(1, len(dicts) + 1), dicts, senders, times):
        if fast and at is not None:
            kind = _plain_kind(message, dyi)
            role = roles.get(sender) if kind else None
            if role == 0 and sender in accounts:
                add_line(line), add_ref(sender), add_kind(kind), add_direction("in"), add_time(at)
            elif role == 1 and writer.others_listed:
                for other in others:
                    add_line(line), add_ref(other), add_kind(kind), add_direction("out"), add_time(at)
            else:
                role = None
            if role is not None:
                reactions = message.get(reactions_field)
                if reactions:
                    writer._reactions(line, sender, role, reactions, at)
                continue
        reason = _checked_message(writer, line, message, sender, at, fields)
        if reason:
            yield writer.tally.quarantine(line, reason, messages[line - 1])
    writer.tally.read += len(messages)


def _plain_kind(message: dict, dyi: bool) -> str | None:
    """"message" or "call" for the types the fast path takes (what ``message_kind`` and ``e2ee_kind``
    would say of them); None for any other type, left to the slow path."""
    kind = message.get("type")
    if kind in PLAIN:
        if not dyi:
            return "message"
        if "call_duration" in message:
            return "call"
        content = message.get("content")
        # a text that may be Messenger's notice (notices.py) is left to the slow path
        return None if type(content) is str and HINT.search(content) else "message"
    return "call" if dyi and kind == "Call" else None


def names_of(raws: list) -> list[str | None]:
    """Repaired names of a column of raw values: most are looked up in the cache of names seen."""
    known = _NAMES
    try:
        return [known[r] for r in raws]
    except (KeyError, TypeError):  # a name not seen before (most files bring one), or a value that is no name
        pass
    new = {r: name_of(r) for r in raws if type(r) is str and r not in known}
    if len(known) < 100_000:
        known.update(new)
    return [(new[r] if r in new else known[r]) if type(r) is str else None for r in raws]


def _checked_message(writer: ThreadWriter, line: int, message: dict, sender: str | None, at: datetime | int | None,
                     fields: tuple[str, str, str, str]) -> str | None:
    """The slow path: every check, then ``ThreadWriter.message``; the quarantine reason if any."""
    sender_field, time_field, text_field, reactions_field = fields
    if not message:
        return "message: not a JSON object"
    e2ee = sender_field == "senderName"
    millis = message_millis(message)
    if not sender:
        return _no_sender(message, sender_field)
    if at is None:
        at, reason = _slow_checks(millis, e2ee)
        if reason:
            return reason
    kind = e2ee_kind(message) if e2ee else message_kind(message, sender)
    key = (sender, millis, message.get(text_field))
    return writer.message(line, sender, at, kind, key, message.get(reactions_field))


def _no_sender(message: dict, sender_field: str) -> str:
    """A sender named "" (or by invisible characters alone, text.is_blank) is an account the export no longer
    names (``writer.NAMELESS``): nothing to recover. A sender field not there at all (or not a string) is a record
    cut short: "missing"."""
    raw = message.get(sender_field)
    return nameless(sender_field) if isinstance(raw, str) else f"{sender_field}: missing"


def _slow_checks(millis, e2ee: bool) -> tuple[datetime | None, str | None]:
    field = "timestamp" if e2ee else "timestamp_ms"
    try:
        at = at_millis(millis, field)
    except ValueError as exc:
        return None, str(exc)
    return (at, None) if at is not None else (None, f"{field}: missing")


def read_dyi_threads(export: Export, members: list[str], writer: ThreadWriter,
                     shared: dict[str, set] | None = None) -> Iterator[Record | Columns]:
    """DYI thread files, grouped by thread folder name: a thread in inbox/ and archived_threads/, or
    in two parts of one delivery, shares its repeats; ``message_N`` files are read in N order.
    ``shared``: the messages of group chats already read from your_group_messages/, by their title."""
    copies: dict[tuple, str] = {}
    for files in group_threads(members).values():
        # Repeats occur when a thread sits in two folders (inbox/ and archived_threads/, or two parts
        # of a delivery under different top folders). message_N files of one folder are disjoint
        # slices of the thread, so a thread in one folder is not checked: the hot loop stays fast.
        seen: set | None = set() if len(files) > 1 else None
        for folder_files in files:
            people = None
            for member in folder_files:
                data, broken = load_thread(export, member)
                if broken:
                    yield from broken
                    continue
                original = copy_of(member, data, copies)
                if original:
                    yield ignored_note(member, "ignored", COPY_NOTE)
                    continue
                if people is None:
                    people, seen = participants_of(data), _shared_seen(data, seen, shared or {})
                yield from read_dyi_file(member, data, people, seen, writer)
                if writer.batch.full():
                    yield from writer.batch.take()


# A whole thread saved twice outside a messages/ tree: gdemerges/social_network_data message_1_utf8.json is
# message_1.json re-indented, the same thread_path and messages (its mojibake written out as characters, the same
# once decoded). Read once; the copy's note says why it is not.
COPY_NOTE = "a copy of another thread file given (the same thread_path and messages): read once"


def copy_of(member: str, data: dict, copies: dict[tuple, str]) -> str | None:
    """The file a thread file given on its own copies, if one was read before; files in a messages/ tree are not
    compared (a thread in inbox/ and archived_threads/ shares its repeats instead: read_dyi_threads)."""
    if THREAD.search(member):
        return None
    try:
        digest = hashlib.sha256(orjson.dumps(data["messages"], option=orjson.OPT_SORT_KEYS)).digest()
    except orjson.JSONEncodeError:  # an integer beyond 64 bits: not compared, read as it is
        return None
    key = (data.get("thread_path") if isinstance(data.get("thread_path"), str) else None, digest)
    if key in copies:
        return copies[key]
    copies[key] = member
    return None


def _shared_seen(data: dict, seen: set | None, shared: dict[str, set]) -> set | None:
    """The repeat check of a thread: its group chat's messages read from your_group_messages/ when its
    title is that chat's name, joined with the messages of the thread's other folders."""
    keys = shared.get(name_of(data.get("title")))
    if keys is None:
        return seen
    return keys | seen if seen else keys


def load_thread(export: Export, member: str) -> tuple[dict | None, list]:
    try:
        data = load_json(export, member)
    except BrokenFile as exc:
        tally = Tally(member, read=1)
        return None, [tally.quarantine(1, str(exc), ""), tally.member_note("Messenger thread")]
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        tally = Tally(member, read=1)
        return None, [tally.quarantine(1, "messages: missing", ""), tally.member_note("Messenger thread")]
    return data, []


def read_dyi_file(member: str, data: dict, people: list[str], seen: set | None, writer: ThreadWriter) -> Iterator[Record]:
    thread_ref = data.get("thread_path") if isinstance(data.get("thread_path"), str) else thread_ref_of(member)
    group = data.get("thread_type") == "RegularGroup"
    writer.open(member, thread_ref, people, seen, group, unnamed=has_unnamed(data))
    yield from read_messages(writer, data["messages"], DYI_FIELDS)
    yield writer.close()


def thread_ref_of(member: str) -> str:
    """``<folder>/<thread_dir>`` as DYI's own ``thread_path``, from the member path."""
    match = THREAD.search(member)
    return "/".join(p for p in (match["folder"], match["thread"]) if p) if match else member


def read_e2ee(export: Export, members: list[str], writer: ThreadWriter) -> Iterator[Record | Columns]:
    """Flat E2EE thread files. Whether ``<Name>_<N>`` numbers parts of one thread or tells apart two
    threads with the same name is not known [U]: each file is a thread of its own."""
    for member in members:
        data, broken = load_thread(export, member)
        if broken:
            yield from broken
            continue
        writer.open(member, "e2ee/" + split(member)[1], participants_of(data), None,
                    label="Messenger E2EE thread", unnamed=has_unnamed(data))
        yield from read_messages(writer, data["messages"], E2EE_FIELDS)
        yield writer.close()
        if writer.batch.full():
            yield from writer.batch.take()

