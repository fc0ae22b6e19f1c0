"""Messenger threads: DYI JSON (F2-F6, formats.md §1.4) and the E2EE secure-storage export (§1.5).

One message is one record (``line`` = its 1-based place in the file's ``messages``). It yields one
Interaction per counterpart: from the sender ("in"), or from the owner to every other participant
("out"), plus one per reaction between the owner and the sender. Message text is read only to tell
repeated messages apart and is never kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath

from ...archive import Export
from ...columns import Columns
from ...models import Record
from .layout import THREAD
from .people import BrokenFile, load_json
from .rows import Batch, Owner, Tally
from .text import at_millis, is_placeholder, message_millis, name_of

REPEAT = "repeats of a message read from another file (account only)"


@dataclass(frozen=True)
class ThreadPeople:
    """Who is in one thread, for finding the owner: participants and senders, and the title."""

    people: frozenset[str]
    title: str | None


class ThreadWriter:
    """Turns the messages of one thread file into rows, whatever variant they were read from."""

    def __init__(self, owner: Owner, batch: Batch) -> None:
        self.owner, self.batch = owner, batch

    def open(self, member: str, thread_ref: str, people: Iterable[str], seen: set, group: bool = False) -> Tally:
        self.member, self.thread_ref, self.seen = member, thread_ref, seen
        self.others = [p for p in dict.fromkeys(people) if p not in self.owner and not is_placeholder(p)]
        self.is_group = group or len(self.others) > 1
        self.accounts: set[str] = set()
        self.tally = Tally(member)
        return self.tally

    def message(self, line: int, sender: str, at: datetime, kind: str, key: tuple, reactions) -> str | None:
        """Rows of one valid message; the quarantine reason when it cannot be loaded."""
        if not self.owner.known:
            return "sender_name: cannot tell the owner's messages apart (no profile, no name common to the threads)"
        if is_placeholder(sender):
            return "sender_name: a deleted or deactivated account, not one person"
        if key in self.seen:
            self.tally.note(REPEAT)
            self._account(line, sender, always=True)
            return None
        self.seen.add(key)
        if kind == "left":  # "Unsubscribe": someone left or was removed from a group; not a message
            self.tally.note("people leaving a group (account only)")
            self._account(line, sender, always=True)
            return None
        if sender in self.owner:
            if not self.others:
                return "participants: no one besides the owner"
            for other in self.others:
                self._interaction(line, other, kind, "out", at)
            self._account(line, sender)
        else:
            self._interaction(line, sender, kind, "in", at)
        if reactions:
            self._reactions(line, sender, reactions, at)
        return None

    def _account(self, line: int, name: str, always: bool = False) -> None:
        """The account once per file; ``always`` for a record whose only row it is (a repeat, a leaving)."""
        if always or name not in self.accounts:
            self.accounts.add(name)
            self.batch.account(self.member, line, name, is_owner=name in self.owner)

    def _interaction(self, line: int, ref: str, kind: str, direction: str, at: datetime) -> None:
        self.batch.interaction(self.member, line, ref, kind, direction, at, self.thread_ref, self.is_group)
        if ref not in self.accounts:
            self.accounts.add(ref)
            self.batch.account(self.member, line, ref)

    def _reactions(self, line: int, sender: str, reactions, at: datetime) -> None:
        """Who reacted to whose message; reactions carry no time of their own, so the message's is used."""
        mine = sender in self.owner
        for reaction in reactions if isinstance(reactions, list) else ():
            actor = name_of(reaction.get("actor")) if isinstance(reaction, dict) else None
            if actor is None or is_placeholder(actor):
                self.tally.note("reactions without a usable actor (not loaded)")
            elif actor in self.owner and not mine:
                self._interaction(line, sender, "reaction", "out", at)
            elif mine and actor not in self.owner:
                self._interaction(line, actor, "reaction", "in", at)


def participants_of(data: dict, key: str = "participants") -> list[str]:
    """Participant names: ``[{"name": …}]`` in DYI, plain strings in the E2EE export and, reportedly,
    in spring 2018 (F2), when the owner was left out of the list [R]."""
    raw = data.get(key) if isinstance(data, dict) else None
    names = [name_of(p.get("name") if isinstance(p, dict) else p) for p in raw or [] if p]
    return list(dict.fromkeys(n for n in names if n))


def message_kind(message: dict) -> str:
    kind = message.get("type")
    if kind == "Unsubscribe":
        return "left"
    return "call" if kind == "Call" or "call_duration" in message else "message"


def e2ee_kind(message: dict) -> str:
    # The E2EE export's "type" values are undocumented [U]: anything naming a call is a call.
    kind = message.get("type")
    return "call" if isinstance(kind, str) and "call" in kind.lower() else "message"


def read_messages(writer: ThreadWriter, messages: list, fields: tuple[str, str, str]) -> Iterator[Record]:
    """Every message of one file, by the variant's field names (sender, text, reactions)."""
    sender_field, text_field, reactions_field = fields
    tally, e2ee = writer.tally, sender_field == "senderName"
    for line, message in enumerate(messages, 1):
        tally.read += 1
        if type(message) is not dict:
            yield tally.quarantine(line, "message: not a JSON object", message)
            continue
        sender = name_of(message.get(sender_field))
        millis = message_millis(message)
        reason = None if sender else f"{sender_field}: missing"
        try:
            at = at_millis(millis, "timestamp" if e2ee else "timestamp_ms")
        except ValueError as exc:
            at, reason = None, reason or str(exc)
        if at is None and reason is None:
            reason = "timestamp_ms: missing"
        if reason is None:
            kind = e2ee_kind(message) if e2ee else message_kind(message)
            key = (sender, millis, message.get(text_field))
            reason = writer.message(line, sender, at, kind, key, message.get(reactions_field))
        if reason:
            yield tally.quarantine(line, reason, message)


DYI_FIELDS = ("sender_name", "content", "reactions")
E2EE_FIELDS = ("senderName", "text", "reactions")


def read_dyi_threads(export: Export, members: list[str], writer: ThreadWriter) -> Iterator[Record | Columns]:
    """DYI thread files, grouped by thread folder name: a thread in inbox/ and archived_threads/, or
    in two parts of one delivery, shares its repeats; ``message_N`` files are read in N order."""
    for files in group_threads(members).values():
        seen: set = set()
        for folder_files in files:
            people = None
            for member in folder_files:
                data, broken = _load_thread(export, member)
                if broken:
                    yield from broken
                    continue
                people = participants_of(data) if people is None else people
                yield from read_dyi_file(member, data, people, seen, writer)
                if writer.batch.full():
                    yield from writer.batch.take()


def group_threads(members: list[str]) -> dict[str, list[list[str]]]:
    """Thread folder name → its folders (sorted) → their message files in N order (message_1 first)."""
    folders: dict[str, list[str]] = {}
    for member in members:
        folders.setdefault(member.rsplit("/", 1)[0], []).append(member)
    groups: dict[str, list[list[str]]] = {}
    for folder in sorted(folders):
        files = sorted(folders[folder], key=lambda m: (int(THREAD.search(m)["n"] or 0), m))
        groups.setdefault(PurePosixPath(folder).name, []).append(files)
    return {name: groups[name] for name in sorted(groups)}


def _load_thread(export: Export, member: str) -> tuple[dict | None, list]:
    try:
        data = load_json(export, member)
    except BrokenFile as exc:
        tally = Tally(member, read=1)
        return None, [tally.quarantine(1, str(exc), ""), tally.member_note("Messenger thread")]
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        tally = Tally(member, read=1)
        return None, [tally.quarantine(1, "messages: missing", ""), tally.member_note("Messenger thread")]
    return data, []


def read_dyi_file(member: str, data: dict, people: list[str], seen: set, writer: ThreadWriter) -> Iterator[Record]:
    thread_ref = data.get("thread_path") if isinstance(data.get("thread_path"), str) else thread_ref_of(member)
    group = data.get("thread_type") == "RegularGroup"
    writer.open(member, thread_ref, people, seen, group)
    yield from read_messages(writer, data["messages"], DYI_FIELDS)
    yield writer.tally.member_note("Messenger thread")


def thread_ref_of(member: str) -> str:
    """``<folder>/<thread_dir>`` as DYI's own ``thread_path``, from the member path."""
    match = THREAD.search(member)
    return "/".join(p for p in (match["folder"], match["thread"]) if p) if match else member


def read_e2ee(export: Export, members: list[str], writer: ThreadWriter) -> Iterator[Record | Columns]:
    """Flat E2EE thread files. Whether ``<Name>_<N>`` numbers parts of one thread or tells apart two
    threads with the same name is not known [U]: each file is a thread of its own."""
    for member in members:
        data, broken = _load_thread(export, member)
        if broken:
            yield from broken
            continue
        writer.open(member, "e2ee/" + PurePosixPath(member).stem, participants_of(data), set())
        yield from read_messages(writer, data["messages"], E2EE_FIELDS)
        yield writer.tally.member_note("Messenger E2EE thread")
        if writer.batch.full():
            yield from writer.batch.take()


def json_thread_people(export: Export, member: str, e2ee: bool) -> ThreadPeople | None:
    """Participants, senders and title of one JSON thread file, for finding the owner."""
    try:
        data = load_json(export, member)
    except BrokenFile:
        return None
    if not isinstance(data, dict):
        return None
    sender = "senderName" if e2ee else "sender_name"
    senders = {name_of(m.get(sender)) for m in data.get("messages") or [] if isinstance(m, dict)}
    people = frozenset(participants_of(data)) | {s for s in senders if s and not is_placeholder(s)}
    return ThreadPeople(people, name_of(data.get("threadName" if e2ee else "title")))


def infer_owner(threads: list[ThreadPeople], actors: set[str]) -> Owner:
    """The owner when there is no profile: the name in most threads (formats.md: "the one name common
    to all threads"; most, not all, because the owner may have left a group). A tie (one thread) is
    broken by the actors of reactions and comments, then by titles of two-person threads, which are
    the other person's name."""
    counts = Counter(name for thread in threads for name in thread.people)
    top = max(counts.values(), default=0)
    candidates = {name for name, count in counts.items() if count == top}
    if len(candidates) > 1 and candidates & actors:
        candidates &= actors
    if len(candidates) > 1:
        titles = {t.title for t in threads if len(t.people) == 2 and t.title}
        candidates = candidates - titles or candidates
    if not candidates and len(actors) == 1:
        candidates = set(actors)
    if len(candidates) != 1:
        return Owner()
    name = candidates.pop()
    return Owner(name, frozenset({name}))


def first_files(members: list[str]) -> list[str]:
    """The first file of every thread folder (message_1 or message)."""
    return [files[0] for folders in group_threads(members).values() for files in folders]

