"""Messenger threads of the HTML variant (formats.md §1.7): F2-F6 thread pages (``message_N.html``) and the F0/F1
``messages.htm`` of before 2018, read through ``html``'s records. HTML carries no message types (Messenger's notices
are told by their text, as in typeless JSON: ``html_message_kind``), reactions only as a list under a message's text
(read as JSON's: ``html_reactions``) and local times without a zone, which are stored as written."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..archive import Export
from ...models import Record
from ..text_repair import repair
from ..zones import note_zone
from .html import UNREAD_TIME, Block, children_of, page_records, parsed_soup, records_of, shape_of, soup_of
from .notices import HINT, notice_kind
from .rows import Tally
from .text import f0_time, without_bidi_marks
from .thread_people import ThreadPeople, group_threads, incoming_only
from .threads import thread_ref_of
from .writer import ThreadWriter, nameless

if TYPE_CHECKING:
    from bs4 import BeautifulSoup

FACEBOOK_ID = "@facebook.com"  # an F0 thread's participant named by the id alone: "568143865@facebook.com"
HEAD_BYTES = 65536
# "Participants: A, B and C" above the messages (F2-F4); German assumed [U]. French "Participants : A, B et C"
# (hunchoap/fbdata, 2021: the last two were one participant "B et C") [C]; Spanish "Participantes: A y B"
# (DskyDsky/Aldemar-Snow-, 2024: a participant who never wrote was missed) [C].
_PARTICIPANTS = re.compile(r"^(?:Participants|Participantes|Teilnehmer(?:innen)?|Teilnehmende)\s*:\s*(?P<names>.+)$")
_AND = re.compile(r",\s*|(?<!\s)\s+(?:and|und|et|y)\s+")  # a run of spaces tried from its first only
# A call's duration under its text: "Duration: 1 minute" (English 2021-2024), "Thời lượng: 15 phút" (nhoo6199/vbhk,
# Vietnamese)
_DURATION = re.compile(r"[^\W\d][^:]{0,30}: \d+ \w+(?: \d+ \w+)*")
_MEDIA = ["a", "img", "video", "audio"]
_REACTOR = re.compile(r"^[^\w]+")  # the emoji before a reactor's name: "❤️Mira Kallio", "😆Nora Quist"


def thread_page(soup: BeautifulSoup) -> tuple[str | None, list[str], list[tuple]]:
    """Title, participants (when the page lists them) and (element, Block) of each message of an F2-F6
    thread page."""
    title = soup.title.get_text(strip=True) if soup.title else None
    line = next((m for s in soup.find_all(string=True) if (m := _PARTICIPANTS.match(s.strip()))), None)
    participants = names_listed(line["names"]) if line else []
    records = _absent_senders(page_records(soup, unread_times=True))
    title = without_bidi_marks(repair(title)).strip() if title else None
    return title or None, [p for p in participants if p], records


def _absent_senders(records: list[tuple]) -> list[tuple]:
    """The records of a thread page with the sender of those that have no sender cell unset. The cell of a sender
    Facebook no longer names is left out (readourchat/readourchat.github.io, 2022: an empty title, no participants
    line, and most blocks the body and the time only), so the body came first and its text was read as a sender
    (a person named by a message). Such a record is told by its first child: of the shape the body has in the
    records with a sender (tag and classes, as ``records_of`` tells records), not the sender cell's."""
    from bs4 import Tag

    kids = {id(node): children_of(node) for node, _ in records if node is not None}
    full = [k for k in kids.values() if len(k) >= 3 and isinstance(k[0], Tag) and isinstance(k[1], Tag)]
    if not full:  # no record with a sender cell to compare with
        return records
    sender = Counter(shape_of(k[0]) for k in full).most_common(1)[0][0]
    body = Counter(shape_of(k[1]) for k in full).most_common(1)[0][0]
    if sender == body:
        return records
    found = []
    for node, block in records:
        first = kids.get(id(node), [None])[0]
        if block.name is not None and isinstance(first, Tag) and shape_of(first) == body:
            block = Block(None, block.at, block.time_text, (block.name, *block.body))
        found.append((node, block))
    return found


def people_of(title: str | None, participants: list[str], blocks: list[Block]) -> list[str]:
    """The thread's people: listed participants and senders; with no list, the title stands for the
    other person of a two-person thread."""
    senders = [b.name for b in blocks if b.name]
    if participants:
        return list(dict.fromkeys(participants + senders))
    return list(dict.fromkeys(senders + ([title] if title else [])))


def read_html_thread(export: Export, member: str, seen: set | None, writer: ThreadWriter) -> Iterator[Record]:
    title, participants, records = thread_page(soup_of(export, member))
    blocks = [block for _, block in records]
    people = people_of(None, participants, blocks)
    if title and not participants and all(p in writer.owner for p in people):
        people.append(title)  # only the owner wrote: the title of a two-person thread is the other one
    incoming = incoming_only(title, participants, (b.name for b in blocks if b.name))
    # a sender cell empty or left out: an account Facebook no longer names, as "" in JSON (writer.NAMELESS)
    tally = writer.open(member, thread_ref_of(member), people, seen, label="Messenger thread (HTML)",
                        incoming=incoming, unnamed=any(b.name is None for b in blocks))
    for line, (node, block) in enumerate(records, 1):
        tally.read += 1
        reason = nameless("sender") if block.name is None else UNREAD_TIME if block.at is None else writer.message(
            line, block.name, block.at, html_message_kind(node, block), _message_key(node, block), html_reactions(node))
        if reason:
            yield tally.quarantine(line, reason, {"sender": block.name, "time": block.time_text})
    yield writer.close()


def _message_key(node, block: Block) -> tuple:
    """What tells a message from another of the same sender and second (``writer.message``'s repeat check): its
    texts and the files it shows. A sticker, a photo or a video has no text of its own, or Facebook's "Click for
    video:" (jdecpn-shru-error1/29.02.2024 ``message_1.html``: two stickers of ``stickers_used/`` in one second;
    lemuelblen ``messages/inbox/*/message_1.html``: three videos of one second), so its file is what differs."""
    return block.name, block.time_text, block.body, _media_of(node)


def _media_of(node) -> tuple[str, ...]:
    """The file names (or web addresses) of a record's links, images, videos and sounds. The name alone, as the same
    message in ``inbox/`` and ``archived_threads/`` links files under its own folder."""
    if node is None:
        return ()
    uris = (element.get("src") or element.get("href") or "" for element in node.find_all(_MEDIA))
    return tuple(uri if "://" in uri else uri.rsplit("/", 1)[-1] for uri in uris if uri)


def html_message_kind(node, block: Block) -> str:
    """"message", "call", or the notice's kind (``notices.notice_kind``: "left", "notice", "reaction_notice"),
    told as in a JSON thread: HTML carries no ``type``, so Messenger's notices are written as their actor's
    messages in the record of one (sender, text, time), e.g. "You are now connected on Messenger", "You missed
    a call from Ally." (H0meGr0wn/Messages and draygen/jarvis ``message_1.html``, 2024; the group's "X named
    the group Y.", "X left the group." in Instagram's pages of the same make, seanhochunho/seanhochunho.github.io
    ``message_1.html``, 2023). A call's duration
    (``call_duration`` in JSON) is a second text of the body, "Duration: 1 minute" ("Ally called you.",
    "The video chat ended."; draygen/jarvis, typixalplayboy/typixalplayboy ``message_1.html``)."""
    text = " ".join(block.body)
    if not block.name or not (HINT.search(text) or ":" in text):  # the common message: no notice, no duration
        return "message"
    message = _message_of(node, block)
    if message is None:
        return "message"
    if "call_duration" in message:
        return "call"
    return notice_kind(message, block.name) or "message"


def html_reactions(node) -> list[dict]:
    """The reactions listed under a message, ``<ul><li>❤️Mira Kallio</li></ul>`` (2022-2024 pages, the 5th
    place of the body; H0meGr0wn/Messages ``message_1.html``), as JSON writes them: the emoji, then the actor."""
    if node is None:
        return []
    found = []
    for item in node.find_all("li"):
        text = item.get_text(strip=True)
        actor = _REACTOR.sub("", text)
        if actor:
            found.append({"reaction": text[:len(text) - len(actor)], "actor": actor})
    return found


def _message_of(node, block: Block) -> dict | None:
    """The record as DYI JSON writes a message: its first text ``content``; a duration after it
    ``call_duration``; any other text, link, photo, sticker, video or audio an attachment (``share``).
    Reactions (a list under the text, "❤️Name") are left aside. None on a flat page (no record element)."""
    from bs4 import Tag

    if node is None:
        return None
    parts = [c for c in children_of(node)[1:] if isinstance(c, Tag)
             and c.get_text(" ", strip=True) != block.time_text]  # the body, without the sender and the time
    texts = [s for p in parts for s in p.find_all(string=True) if s.strip() and s.find_parent("li") is None]
    message: dict = {"content": texts[0].strip()} if texts else {}
    rest = texts[1:]
    if len(rest) == 1 and _DURATION.fullmatch(rest[0].strip()) and rest[0].parent.name == "span":
        message["call_duration"], rest = rest[0].strip(), []
    if rest or any(p.find(_MEDIA) for p in parts):
        message["share"] = True
    return message


def html_thread_people(export: Export, member: str) -> ThreadPeople:
    """Who is in a thread, from its first 64 KiB (the title, the participants line and the first
    few hundred messages are enough to find the owner; lxml reads the cut-off page)."""
    soup = parsed_soup(export.head(member, HEAD_BYTES))
    title, participants, records = thread_page(soup)
    return ThreadPeople(frozenset(people_of(title, participants, [block for _, block in records])), title)


def read_f0_threads(export: Export, member: str, writer: ThreadWriter) -> Iterator[Record]:
    """F0 ``html/messages.htm`` (every thread in one file) and F1 ``messages/<n>.html`` (one each):
    ``div.thread`` blocks of ``div.message`` with ``span.user`` and a localised ``span.meta`` time."""
    soup = soup_of(export, member)
    threads = soup.select("div.thread") or [soup]
    line, tallies = 0, []
    for number, thread in enumerate(threads, 1):
        thread_ref = f"{member}#{number}" if len(threads) > 1 else member
        # a thread of one file: nothing to repeat (a second "ok" of the same minute is a second message)
        tally = writer.open(member, thread_ref, _f0_people(soup, thread), None)
        tallies.append(tally)
        for message in thread.select("div.message"):
            line += 1
            tally.read += 1
            reason = _f0_message(writer, line, message)
            if reason:
                yield tally.quarantine(line, reason, {"meta": message.get_text(" ", strip=True)[-60:]})
        writer.flush()
    total = Tally(member, read=sum(t.read for t in tallies))
    if writer.owner.note and any(name.endswith(FACEBOOK_ID) for name in writer.owner.names):
        total.note(writer.owner.note, None)
    for tally in tallies:
        for what, count in tally.notes.items():
            total.note(what, count)
    yield total.member_note("Messenger threads (F0/F1 HTML)")


def _f0_people(soup: BeautifulSoup, thread) -> list[str]:
    text = "".join(s for s in thread.find_all(string=True, recursive=False)).strip()
    listed = _PARTICIPANTS.match(text)
    if listed:
        text = listed["names"]
    elif not text and soup.title:  # F1: "Conversation with X" [R]
        text = re.sub(r"^.*?\bwith\s+", "", soup.title.get_text(strip=True))
    return names_listed(text)


def names_listed(text: str) -> list[str]:
    """The names of "A, B and C" (und, et, y), mojibake repaired."""
    return [repair(n) for n in _AND.split(text) if n.strip()]


def _f0_message(writer: ThreadWriter, line: int, message) -> str | None:
    user, meta = message.select_one("span.user"), message.select_one("span.meta")
    sender = repair(user.get_text(strip=True)) if user else ""
    if not sender:
        return "user: missing"
    time_text = meta.get_text(strip=True) if meta else ""
    try:
        at = f0_time(time_text)
    except ValueError as exc:
        return str(exc)
    if zone := note_zone(time_text):  # "CST" is also China's: the reading taken is said in the file's note
        writer.tally.note(zone)
    body = message.find_next_sibling("p")
    key = (sender, at, body.get_text() if body else None)
    return writer.message(line, sender, at, "message", key, None)


def read_html_threads(export: Export, members: list[str], writer: ThreadWriter) -> Iterator[Record]:
    """HTML thread files, grouped by thread folder as the JSON ones are: repeats are looked for across a thread's
    files (``message_1.html``, ``message_2.html``, a copy in ``archived_threads/``), never in a thread of one."""
    for folders in group_threads(members).values():
        files = [m for files in folders for m in files]
        seen: set | None = set() if len(files) > 1 else None
        for member in files:
            yield from read_html_thread(export, member, seen, writer)
            if writer.batch.full():
                yield from writer.batch.take()


def f0_thread_headers(export: Export, member: str) -> list[list[str]]:
    """The participants each thread of an F0/F1 page lists above its messages."""
    soup = soup_of(export, member)
    return [_f0_people(soup, thread) for thread in soup.select("div.thread") or [soup]]


def f0_thread_people(export: Export, member: str) -> list[ThreadPeople]:
    soup = soup_of(export, member)
    people = []
    for thread in soup.select("div.thread") or [soup]:
        senders = {repair(u.get_text(strip=True)) for u in thread.select("div.message span.user")}
        names = frozenset(_f0_people(soup, thread)) | {s for s in senders if s}
        people.append(ThreadPeople(names, None))
    return people
