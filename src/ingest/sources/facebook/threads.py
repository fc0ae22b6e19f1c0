"""Messenger threads: DYI JSON (F2-F6, formats.md §1.4) and the E2EE secure-storage export (§1.5).

One message is one record (``line`` = its 1-based place in the file's ``messages``). It yields one
Interaction per counterpart: from the sender ("in"), or from the owner to every other participant
("out"), plus one per reaction between the owner and the sender. Message text is read to tell
repeated messages apart, and kept only when the owner opts in (``keep_text``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from ..archive import Export
from ...columns import Columns
from ...models import MemberNote, Record
from ..text_repair import repair
from .layout import THREAD, split
from .notices import HINT, NOTICE, REACTION_NOTICE, notice_kind
from .people import BrokenFile, load_json
from .rows import Batch, Owner, Tally
from .text import as_list, at_millis, is_placeholder, message_millis, name_of

ROW_FIELDS = ("line", "account_ref", "kind", "direction", "occurred_at")
REPEAT = "repeats of a message read from another file (account only)"
GONE_ONLY = "participants: no one besides the owner but a deleted or deactivated account"
# Records that are no message, each loaded as its sender's account only and counted in the file's note.
ACCOUNT_ONLY = {"left": "people leaving a group (account only)", "notice": NOTICE, "reaction_notice": REACTION_NOTICE}
# Field names of each variant: sender, time (ms), text (only to tell repeats apart), reactions.
DYI_FIELDS = ("sender_name", "timestamp_ms", "content", "reactions")
E2EE_FIELDS = ("senderName", "timestamp", "text", "reactions")
# Message types that are simply messages (DYI; E2EE "text"). A tuple, not a set: a damaged file
# can hold a list or an object as "type", and a set lookup of one raises TypeError.
PLAIN = (None, "Generic", "Share", "text")
MAX_MILLIS = 253_402_300_799_000  # 9999-12-31, the last time a datetime holds
_NUMBER = re.compile(r"(?:^|/)message(?:_(\d+))?\.\w+$")
E2EE_STEM = re.compile(r"(.+)_\d+")  # threadName "Ines Walter_3": the file's stem (e2ee_title)
_NAMES: dict[str, str | None] = {}  # raw name → repaired: a pure function's memo, shared by every file


@dataclass(frozen=True)
class ThreadPeople:
    """Who is in one thread, for finding the owner: participants and senders, and the title."""

    people: frozenset[str]
    title: str | None


class ThreadWriter:
    """Turns the messages of one thread file into rows, whatever variant they were read from.

    Rows of a file are gathered column by column and handed to the batch when the file is closed.
    """

    COUNTERPART, OWNER, PLACEHOLDER = 0, 1, 2  # read_messages' fast path compares with 0 and 1 directly

    def __init__(self, owner: Owner, batch: Batch, keep_text: bool = False) -> None:
        self.owner, self.batch, self.keep_text = owner, batch, keep_text
        self.fields = ROW_FIELDS + ("message_text",) * keep_text
        self.roles: dict[str, int] = {}

    def open(self, member: str, thread_ref: str, people: Iterable[str], seen: set | None, group: bool = False,
             label: str = "Messenger thread", incoming: bool = False) -> Tally:
        """``incoming``: no message of the file can be the owner's (``incoming_only``), so they are read
        even when the owner is not known."""
        self.member, self.thread_ref, self.seen, self.label = member, thread_ref, seen, label
        self.incoming = incoming
        people = list(dict.fromkeys(people))
        self.others = [p for p in people if self.role(p) == self.COUNTERPART]
        self.gone = any(self.role(p) == self.PLACEHOLDER for p in people)  # a deleted account is in it
        self.is_group = group or len(self.others) > 1
        self.accounts: set[str] = set()
        self.others_listed = False
        self.rows: dict[str, list] = {name: [] for name in self.fields}
        self.tally = Tally(member)
        return self.tally

    def add(self, line: int, ref: str, kind: str, direction: str, at: datetime | int,
            text: str | None = None) -> None:
        """One row; ``at`` a datetime or microseconds since the epoch (``Columns`` takes both)."""
        rows = self.rows
        rows["line"].append(line), rows["account_ref"].append(ref), rows["kind"].append(kind)
        rows["direction"].append(direction), rows["occurred_at"].append(at)
        if self.keep_text:
            rows["message_text"].append(text)

    def flush(self) -> None:
        self.batch.extend_interactions(self.member, self.rows, thread_ref=self.thread_ref, is_group=self.is_group)
        self.rows = {name: [] for name in self.fields}

    def close(self) -> MemberNote:
        self.flush()
        return self.tally.member_note(self.label)

    def role(self, name: str) -> int:
        role = self.roles.get(name)
        if role is None:
            role = self.OWNER if name in self.owner else self.PLACEHOLDER if is_placeholder(name) else self.COUNTERPART
            self.roles[name] = role
        return role

    def message(self, line: int, sender: str, at: datetime | int, kind: str, key: tuple, reactions) -> str | None:
        """Rows of one valid message; the quarantine reason when it cannot be loaded."""
        if not self.owner.known and not self.incoming:
            return "sender_name: cannot tell the owner's messages apart (no profile, no name common to the threads)"
        role = self.role(sender)
        if role == self.PLACEHOLDER:
            return "sender_name: a deleted or deactivated account, not one person"
        if self.seen is not None:
            if key in self.seen:
                self.tally.note(REPEAT)
                self._account(line, sender, always=True)
                return None
            self.seen.add(key)
        if kind in ACCOUNT_ONLY:  # someone left a group, or Messenger's own notice (notices.py): not a message
            self.tally.note(ACCOUNT_ONLY[kind])
            self._account(line, sender, always=True)
            return None
        text = _text_of(key[2]) if self.keep_text and kind == "message" else None
        if role == self.OWNER:
            if not self.others:
                return GONE_ONLY if self.gone else "participants: no one besides the owner"
            for other in self.others:
                self.add(line, other, kind, "out", at, text)
            if not self.others_listed:  # the first message to them all: their accounts, and the owner's
                self.others_listed = True
                for name in (sender, *self.others):
                    self._account(line, name)
        else:
            self.add(line, sender, kind, "in", at, text)
            self._account(line, sender)
        if reactions:
            self._reactions(line, sender, role, reactions, at)
        return None

    def _account(self, line: int, name: str, always: bool = False) -> None:
        """The account once per file; ``always`` for a record whose only row it is (a repeat, a leaving)."""
        if always or name not in self.accounts:
            self.accounts.add(name)
            self.batch.account(self.member, line, name, is_owner=self.role(name) == self.OWNER)

    def _reactions(self, line: int, sender: str, role: int, reactions, at: datetime | int) -> None:
        """Who reacted to whose message; reactions carry no time of their own, so the message's is used."""
        for reaction in reactions if isinstance(reactions, list) else ():
            actor = name_of(reaction.get("actor")) if isinstance(reaction, dict) else None
            actor_role = self.role(actor) if actor else self.PLACEHOLDER
            if actor_role == self.PLACEHOLDER:
                self.tally.note("reactions without a usable actor (not loaded)")
            elif actor_role == self.OWNER and role == self.COUNTERPART:
                self.add(line, sender, "reaction", "out", at)
            elif role == self.OWNER and actor_role == self.COUNTERPART:
                self.add(line, actor, "reaction", "in", at)
                self._account(line, actor)


def _text_of(body) -> str | None:
    """A message's text as its variant gives it: a string (JSON, mojibake repaired), an HTML record's texts."""
    if isinstance(body, tuple):
        body = "\n".join(part for part in body if isinstance(part, str) and part)
    return (repair(body) or None) if isinstance(body, str) else None


def participants_of(data: dict, key: str = "participants") -> list[str]:
    """Participant names: ``[{"name": …}]`` in DYI, plain strings in the E2EE export and, reportedly,
    in spring 2018 (F2), when the owner was left out of the list [R]."""
    raw = data.get(key) if isinstance(data, dict) else None
    names = [name_of(p.get("name") if isinstance(p, dict) else p) for p in as_list(raw) if p]
    return list(dict.fromkeys(n for n in names if n))


def incoming_only(title: str | None, participants: Iterable[str], senders: Iterable[str]) -> bool:
    """Whether every message of a thread is the other person's, whoever the owner is: a one-to-one thread
    whose only sender is the person its title names (the title of a two-person thread is the other person;
    a group's is its name or several names, and lists more participants). A profile that never replied has
    no name common to its threads (DyskyDsky/FACKBOY, 2024: an additional profile's HTML, no
    profile_information.html, spam and requests only) [C]. A note to oneself, titled with the owner's own
    name, would pass too; the owner is unknown then only if they wrote in no other thread [U: none seen]."""
    others = set(participants) - {title}
    return bool(title) and set(senders) == {title} and len(others) <= 1


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
    if at is None:
        at, reason = _slow_checks(sender, sender_field, millis, e2ee)
        if reason:
            return reason
    if not sender:
        return f"{sender_field}: missing"
    kind = e2ee_kind(message) if e2ee else message_kind(message, sender)
    key = (sender, millis, message.get(text_field))
    return writer.message(line, sender, at, kind, key, message.get(reactions_field))


def _slow_checks(sender: str | None, sender_field: str, millis, e2ee: bool) -> tuple[datetime | None, str | None]:
    if not sender:
        return None, f"{sender_field}: missing"
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
                if people is None:
                    people, seen = participants_of(data), _shared_seen(data, seen, shared or {})
                yield from read_dyi_file(member, data, people, seen, writer)
                if writer.batch.full():
                    yield from writer.batch.take()


def _shared_seen(data: dict, seen: set | None, shared: dict[str, set]) -> set | None:
    """The repeat check of a thread: its group chat's messages read from your_group_messages/ when its
    title is that chat's name, joined with the messages of the thread's other folders."""
    keys = shared.get(name_of(data.get("title")))
    if keys is None:
        return seen
    return keys | seen if seen else keys


def group_threads(members: list[str]) -> dict[str, list[list[str]]]:
    """Thread folder name → its folders (sorted) → their message files in N order (message_1 first)."""
    folders: dict[str, list[str]] = {}
    for member in members:
        folders.setdefault(member.rsplit("/", 1)[0], []).append(member)
    groups: dict[str, list[list[str]]] = {}
    for folder in sorted(folders):
        files = sorted(folders[folder], key=lambda m: (_file_number(m), m))
        groups.setdefault(folder.rsplit("/", 1)[-1], []).append(files)
    return {name: groups[name] for name in sorted(groups)}


def _file_number(member: str) -> int:
    """N of message_N.json|html (0 for message.json), in a messages/ tree or a thread file on its own."""
    match = _NUMBER.search(member)
    return int(match[1]) if match and match[1] else 0


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
    writer.open(member, thread_ref, people, seen, group)
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
                    label="Messenger E2EE thread")
        yield from read_messages(writer, data["messages"], E2EE_FIELDS)
        yield writer.close()
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
    senders = {name_of(m.get(sender)) for m in as_list(data.get("messages")) if isinstance(m, dict)}
    participants = participants_of(data)
    people = frozenset(participants) | {s for s in senders if s and not is_placeholder(s)}
    if e2ee:
        return ThreadPeople(people, e2ee_title(data.get("threadName"), participants))
    return ThreadPeople(people, name_of(data.get("title")))


def e2ee_title(raw, participants: list[str]) -> str | None:
    """An E2EE thread's title. Since 2025 the download may write the file's stem as ``threadName``, ``_N``
    included ("<Name>_86" in a real FacebookData/messages/<Name>_86.json, code index id 71154058305;
    "Alice_15", id 60567152792): without it the title names the other person, as in the 2024 files. Only a
    rest that is a participant's name is taken, so a group named like "Lesekreis_2024" keeps its name."""
    title = name_of(raw)
    match = E2EE_STEM.fullmatch(title) if title else None
    return match[1] if match and match[1] in participants else title


def infer_owner(threads: list[ThreadPeople], actors: set[str]) -> Owner:
    """The owner when there is no profile: the name in most threads (formats.md: "the one name common
    to all threads"; most, not all, because the owner may have left a group). A tie (one thread) is
    broken by the actors of reactions and comments, then by titles of two-person threads, which are
    the other person's name."""
    # A thread of the title's person alone holds no trace of the owner: only the other person wrote (the
    # requests and spam a profile never answered, DyskyDsky/FACKBOY). Counted, it would make that person
    # the name in most threads once they wrote in a thread the owner answered too (a request, then a chat).
    threads = [t for t in threads if not t.people <= {t.title}]
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

