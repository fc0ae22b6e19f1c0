"""Who is in a Messenger thread and which files make it: participants, senders and titles, for finding the
owner when no profile names them (``infer_owner``); a thread's files in order (``group_threads``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..archive import Export
from .notices import added_you, first_person, notice_kind
from .people import BrokenFile, load_json
from .rows import Owner
from .text import as_list, is_assistant, is_placeholder, name_of

_NUMBER = re.compile(r"(?:^|/)message(?:_(\d+))?(?P<copy> \(\d+\))?\.\w+$")  # "message_1 (2).json": a copy
E2EE_STEM = re.compile(r"(.+)_\d+")  # threadName "Ines Walter_3": the file's stem (e2ee_title)


@dataclass(frozen=True)
class ThreadPeople:
    """Who is in one thread, for finding the owner: participants and senders, and the title."""

    people: frozenset[str]
    title: str | None
    selves: frozenset[str] = frozenset()  # senders of the owner's own notices ("You added … to the group.")
    reacted_to: tuple[str, ...] = ()  # the senders of the messages "… reacted 😆 to your message" notices point at


def participants_of(data: dict, key: str = "participants") -> list[str]:
    """Participant names: ``[{"name": …}]`` in DYI, plain strings in the E2EE export and, reportedly,
    in spring 2018 (F2), when the owner was left out of the list [R]."""
    raw = data.get(key) if isinstance(data, dict) else None
    names = [name_of(p.get("name") if isinstance(p, dict) else p) for p in as_list(raw) if p]
    return list(dict.fromkeys(n for n in names if n))


def has_unnamed(data: dict, key: str = "participants") -> bool:
    """Whether a participant is there with an empty name: Facebook's "" for an account it no longer names (a 2025
    thread folder of digits only, ``inbox/<16 digits>``, tieubachlongblog/thanhbobber). ``participants_of`` leaves
    it out, so that it is never made a person."""
    raw = data.get(key) if isinstance(data, dict) else None
    return any(_blank(p.get("name") if isinstance(p, dict) else p) for p in as_list(raw))


def _blank(value) -> bool:
    """"", or a name of invisible characters alone (text.is_blank)."""
    return isinstance(value, str) and name_of(value) is None


def incoming_only(title: str | None, participants: Iterable[str], senders: Iterable[str]) -> bool:
    """Whether every message of a thread is the other person's, whoever the owner is: a one-to-one thread
    whose only sender is the person its title names (the title of a two-person thread is the other person;
    a group's is its name or several names, and lists more participants). A profile that never replied has
    no name common to its threads (DyskyDsky/FACKBOY, 2024: an additional profile's HTML, no
    profile_information.html, spam and requests only) [C]. A note to oneself, titled with the owner's own
    name, would pass too; the owner is unknown then only if they wrote in no other thread [U: none seen]."""
    others = set(participants) - {title}
    return bool(title) and set(senders) == {title} and len(others) <= 1


def group_threads(members: list[str]) -> dict[str, list[list[str]]]:
    """Thread folder name → its folders (sorted) → their message files in N order (message_1 first)."""
    folders: dict[tuple[str, str], list[str]] = {}
    for member in members:
        # a thread file saved under a name of its own (scan.is_lone_thread: piter.json, message_marine.json) is a
        # whole thread, not a part of the one beside it; Windows' copies ("message_1 (2).json") a folder of their
        # own of the same thread, sharing its repeats as a thread in inbox/ and archived_threads/ does
        number = _NUMBER.search(member)
        key = (member.rsplit("/", 1)[0], number["copy"] or "") if number else (member, "")
        folders.setdefault(key, []).append(member)
    groups: dict[str, list[list[str]]] = {}
    for folder, copy in sorted(folders):
        files = sorted(folders[folder, copy], key=lambda m: (_file_number(m), m))
        groups.setdefault(folder.rsplit("/", 1)[-1], []).append(files)
    return {name: groups[name] for name in sorted(groups)}


def _file_number(member: str) -> int:
    """N of message_N.json|html (0 for message.json), in a messages/ tree or a thread file on its own."""
    match = _NUMBER.search(member)
    return int(match[1]) if match and match[1] else 0


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
    messages = [m for m in as_list(data.get("messages")) if isinstance(m, dict)]
    return ThreadPeople(people, name_of(data.get("title")), _selves(messages, people), _reacted_to(messages))


def _selves(messages: list[dict], people: frozenset[str]) -> frozenset[str]:
    """The owner as Messenger's notices name them: the sender of "You added … to the group.", and the one person
    another member's "… added you to the group." names (notices.added_you)."""
    selves = {name for m in messages if first_person(m) for name in [name_of(m.get("sender_name"))] if name}
    added = {name_of(added_you(m)) for m in messages}
    return frozenset(selves | {name for name in added if name in people})


# "<nickname> reacted 😆 to your message", a message of the reactor's (2024 on, no ``type``; Hafsi07/FCB_MSGS_PARSER
# data/message_1.json at 3e22894: a group chat of 14 given alone, 50 such notices, no other trace of the owner). Its
# time, to the second, is that of the reactor's reaction (``reactions[].timestamp``, seconds) on the message reacted
# to, which is the owner's: "your message".
def _reacted_to(messages: list[dict]) -> tuple[str, ...]:
    """The sender of each message a reaction notice of the thread points at (by reactor and second)."""
    notices = {(name, m["timestamp_ms"] // 1000) for m in messages for name in [name_of(m.get("sender_name"))]
               if name and type(m.get("timestamp_ms")) is int and notice_kind(m, name) == "reaction_notice"}
    if not notices:
        return ()
    return tuple(name for m in messages for r in as_list(m.get("reactions")) if isinstance(r, dict)
                 and (name_of(r.get("actor")), r.get("timestamp")) in notices
                 for name in [name_of(m.get("sender_name"))] if name)


def merge_parts(parts: list[ThreadPeople]) -> ThreadPeople:
    """One thread's people from all its message_N files: a long group chat may hold the owner's own notices only
    in its older parts (Tran-Phillip/My-degenerate-friends, a group of 8 in five parts: "You added … to the
    group." only in message_2 to message_5)."""
    return ThreadPeople(frozenset().union(*(p.people for p in parts)), parts[0].title,
                        frozenset().union(*(p.selves for p in parts)),
                        tuple(name for p in parts for name in p.reacted_to))


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
    the other person's name. The senders of the owner's own notices ("You added … to the group.") come first:
    one group chat alone has its every participant in one thread (badface734/messengerWordleTally). Last, when
    nothing else tells, the one sender every "… reacted 😆 to your message" notice points at (its note says so)."""
    # A thread of the title's person alone holds no trace of the owner: only the other person wrote (the
    # requests and spam a profile never answered, DyskyDsky/FACKBOY). Counted, it would make that person
    # the name in most threads once they wrote in a thread the owner answered too (a request, then a chat).
    threads = [t for t in threads if not t.people <= {t.title}]
    # Meta AI, a sender in threads it is no participant of, is no one's name: a one-to-one thread would have three.
    threads = [replace(t, people=frozenset(p for p in t.people if not is_assistant(p))) for t in threads]
    counts = Counter(name for thread in threads for name in thread.people)
    top = max(counts.values(), default=0)
    candidates = {name for name, count in counts.items() if count == top}
    selves = {name for thread in threads for name in thread.selves}
    if len(candidates) > 1 and len(candidates & selves) == 1:
        candidates &= selves
    if len(candidates) > 1 and candidates & actors:
        candidates &= actors
    if len(candidates) > 1:
        titles = {t.title for t in threads if len(t.people) == 2 and t.title}
        candidates = candidates - titles or candidates
    if not candidates and len(actors) == 1:
        candidates = set(actors)
    note = None
    if len(candidates) > 1:
        candidates, note = _reacted_owner(threads, candidates)
    if len(candidates) != 1:
        return Owner()
    name = candidates.pop()
    return Owner(name, frozenset({name}), note=note)


REACTED_NOTE = ('the owner taken from {count} "… reacted to your message" notices, each pointing at a message of '
                'theirs (no profile, no name common to the threads)')


def _reacted_owner(threads: list[ThreadPeople], candidates: set[str]) -> tuple[set[str], str | None]:
    """The one candidate the reaction notices of every thread point at, with the note that says so; only when
    they all point at the same person."""
    reacted = [name for thread in threads for name in thread.reacted_to]
    if len(set(reacted)) != 1 or reacted[0] not in candidates:
        return candidates, None
    return {reacted[0]}, REACTED_NOTE.format(count=len(reacted))


def thread_parts(members: list[str]) -> list[list[str]]:
    """The files of every thread folder, in N order (message_1 or message first)."""
    return [files for folders in group_threads(members).values() for files in folders]


def first_files(members: list[str]) -> list[str]:
    """The first file of every thread folder (message_1 or message)."""
    return [files[0] for files in thread_parts(members)]
