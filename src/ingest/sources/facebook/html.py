"""The HTML variant of the download (formats.md §1.7): friend lists and Messenger threads.

Class names are CSS hashes that change between versions, so records are found by structure: a
leaf whose whole text is a date, inside the smallest element that holds something else as well;
the first other text in it is the person (the sender, or the friend). HTML carries no reactions,
no message types and local times without a zone, which are stored as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from bs4 import BeautifulSoup

from ...archive import Export
from ...models import Record
from .people import LISTS
from .rows import Batch, Tally
from .text import f0_time, html_time, repair
from .threads import ThreadPeople, ThreadWriter, thread_ref_of

SKIPPED_TAGS = {"script", "style", "title", "head"}
# "Participants: A, B and C" above the messages (F2-F4); German assumed [U].
_PARTICIPANTS = re.compile(r"^(?:Participants|Teilnehmer(?:innen)?|Teilnehmende)\s*:\s*(?P<names>.+)$")
_AND = re.compile(r",\s*|\s+(?:and|und)\s+")


@dataclass(frozen=True)
class Block:
    """One record of an HTML page: its person (None if absent), time and the other texts."""

    name: str | None
    at: datetime
    time_text: str
    body: tuple[str, ...]


def soup_of(export: Export, member: str) -> BeautifulSoup:
    with export.open(member) as stream:
        return BeautifulSoup(stream.read(), "lxml")


def blocks_of(soup: BeautifulSoup) -> list[Block]:
    """Every record of an F2-F6 page, in document order."""
    leaves = [(s, at) for s in soup.find_all(string=True)
              if s.parent.name not in SKIPPED_TAGS and (at := html_time(s.strip()))]
    holders: dict[int, list] = {}
    for string, at in leaves:
        node = _holder(string)
        holders.setdefault(id(node), [node]).append((string, at))
    blocks = []
    for node, *times in holders.values():
        if len(times) > 2:  # a flat page: one element holds many records, each name just before its date
            blocks += [_flat_block(string, at) for string, at in times]
        else:
            blocks.append(_block(node, *times[-1]))
    return blocks


def _holder(string):
    node = string.parent
    for _ in range(3):
        if len(list(node.stripped_strings)) >= 2 or node.parent is None:
            break
        node = node.parent
    return node


def _block(node, string, at: datetime) -> Block:
    time_text = string.strip()
    texts = [t for t in node.stripped_strings if t != time_text]
    name = repair(texts[0]) if texts else None
    return Block(name or None, at, time_text, tuple(texts[1:]))


def _flat_block(string, at: datetime) -> Block:
    previous = string.find_previous(string=lambda s: s.strip() and s.parent.name not in SKIPPED_TAGS)
    name = repair(previous) if previous and html_time(previous.strip()) is None else None
    return Block(name or None, at, string.strip(), ())


def thread_page(soup: BeautifulSoup) -> tuple[str | None, list[str], list[Block]]:
    """Title, participants (when the page lists them) and message blocks of an F2-F6 thread page."""
    title = soup.title.get_text(strip=True) if soup.title else None
    line = next((m for s in soup.find_all(string=True) if (m := _PARTICIPANTS.match(s.strip()))), None)
    participants = [repair(n) for n in _AND.split(line["names"])] if line else []
    return (repair(title) if title else None), [p for p in participants if p], blocks_of(soup)


def people_of(title: str | None, participants: list[str], blocks: list[Block]) -> list[str]:
    """The thread's people: listed participants and senders; with no list, the title stands for the
    other person of a two-person thread."""
    senders = [b.name for b in blocks if b.name]
    if participants:
        return list(dict.fromkeys(participants + senders))
    return list(dict.fromkeys(senders + ([title] if title else [])))


def read_html_thread(export: Export, member: str, seen: set, writer: ThreadWriter) -> Iterator[Record]:
    title, participants, blocks = thread_page(soup_of(export, member))
    people = people_of(title, participants, blocks)
    if not participants:  # without the list, a title is only a person if no one else wrote
        people = [p for p in people if p != title] or people
    tally = writer.open(member, thread_ref_of(member), people, seen)
    for line, block in enumerate(blocks, 1):
        tally.read += 1
        reason = "sender: missing" if block.name is None else writer.message(
            line, block.name, block.at, "message", (block.name, block.time_text, block.body), None)
        if reason:
            yield tally.quarantine(line, reason, {"sender": block.name, "time": block.time_text})
    yield tally.member_note("Messenger thread (HTML)")


def html_thread_people(export: Export, member: str) -> ThreadPeople:
    title, participants, blocks = thread_page(soup_of(export, member))
    return ThreadPeople(frozenset(people_of(title, participants, blocks)), title)


def read_html_list(export: Export, member: str, list_kind: str, batch: Batch) -> Iterator[Record]:
    """A friend list (or requests, follows) in HTML: one block per person with the date."""
    _, kind, direction = LISTS[list_kind]
    tally = Tally(member)
    for line, block in enumerate(blocks_of(soup_of(export, member)), 1):
        tally.read += 1
        if block.name is None:
            yield tally.quarantine(line, "name: missing", {"time": block.time_text})
            continue
        batch.account(member, line, block.name, connected_at=block.at if list_kind == "friends" else None)
        batch.interaction(member, line, block.name, kind, direction, block.at)
    if not tally.read:
        tally.note("no records found: HTML layout not recognised", 0)
    yield tally.member_note(f"{list_kind} list (HTML)")


def read_f0_friends(export: Export, member: str, batch: Batch) -> Iterator[Record]:
    """F0 (≤2017) ``html/friends.htm``: a list of names, some followed by a parenthesis [R]; no dates."""
    tally = Tally(member)
    for line, item in enumerate(soup_of(export, member).select("div.contents li"), 1):
        tally.read += 1
        name = repair(re.split(r"\s[(\[]", item.get_text(" ", strip=True))[0])
        if not name:
            yield tally.quarantine(line, "name: missing", "")
            continue
        batch.account(member, line, name)
    yield tally.member_note("friends list (F0 HTML)")


def read_f0_threads(export: Export, member: str, writer: ThreadWriter) -> Iterator[Record]:
    """F0 ``html/messages.htm`` (every thread in one file) and F1 ``messages/<n>.html`` (one each):
    ``div.thread`` blocks of ``div.message`` with ``span.user`` and a localised ``span.meta`` time."""
    soup = soup_of(export, member)
    threads = soup.select("div.thread") or [soup]
    line, tallies = 0, []
    for number, thread in enumerate(threads, 1):
        tally = writer.open(member, f"{member}#{number}", _f0_people(soup, thread), set())
        tallies.append(tally)
        for message in thread.select("div.message"):
            line += 1
            tally.read += 1
            reason = _f0_message(writer, line, message)
            if reason:
                yield tally.quarantine(line, reason, {"meta": message.get_text(" ", strip=True)[-60:]})
    total = Tally(member, read=sum(t.read for t in tallies))
    for tally in tallies:
        for what, count in tally.notes.items():
            total.note(what, count)
    yield total.member_note("Messenger threads (F0/F1 HTML)")


def _f0_people(soup: BeautifulSoup, thread) -> list[str]:
    text = "".join(s for s in thread.find_all(string=True, recursive=False)).strip()
    if not text and soup.title:  # F1: "Conversation with X" [R]
        text = re.sub(r"^.*?\bwith\s+", "", soup.title.get_text(strip=True))
    return [repair(n) for n in _AND.split(text) if n.strip()]


def _f0_message(writer: ThreadWriter, line: int, message) -> str | None:
    user, meta = message.select_one("span.user"), message.select_one("span.meta")
    sender = repair(user.get_text(strip=True)) if user else ""
    if not sender:
        return "user: missing"
    try:
        at = f0_time(meta.get_text(strip=True) if meta else "")
    except ValueError as exc:
        return str(exc)
    body = message.find_next_sibling("p")
    key = (sender, at, body.get_text() if body else None)
    return writer.message(line, sender, at, "message", key, None)


def read_html_threads(export: Export, members: list[str], writer: ThreadWriter) -> Iterator[Record]:
    """HTML thread files, grouped by thread folder as the JSON ones are (repeats across folders)."""
    from .threads import group_threads

    for folders in group_threads(members).values():
        seen: set = set()
        for member in (m for files in folders for m in files):
            yield from read_html_thread(export, member, seen, writer)
            if writer.batch.full():
                yield from writer.batch.take()


def f0_thread_people(export: Export, member: str) -> list[ThreadPeople]:
    soup = soup_of(export, member)
    people = []
    for thread in soup.select("div.thread") or [soup]:
        senders = {repair(u.get_text(strip=True)) for u in thread.select("div.message span.user")}
        names = frozenset(_f0_people(soup, thread)) | {s for s in senders if s}
        people.append(ThreadPeople(names, None))
    return people
