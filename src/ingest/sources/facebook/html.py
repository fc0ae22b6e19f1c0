"""The HTML variant of the download (formats.md §1.7): its records, and Messenger threads (lists: html_people.py).

Class names are CSS hashes that change between versions, so records are found by structure: the
leaves whose whole text is a date sit in elements of one shape (tag and classes), the records;
a record's first child is the person (the sender, or the friend). F2-F4 wrap a record in
``div.uiBoxWhite``, F5/F6 in ``section._a6-g``; neither name is relied on. HTML carries no
message types (Messenger's notices are told by their text, as in typeless JSON: ``html_message_kind``),
reactions only as a list under a message's text (read as JSON's: ``html_reactions``) and local times without
a zone, which are stored as written.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING

from ..archive import Export
from ...models import Record
from ..text_repair import repair
from ..zones import note_zone
from .notices import HINT, notice_kind
from .rows import Tally
from .text import f0_time, html_time, without_bidi_marks
from .thread_people import ThreadPeople, group_threads, incoming_only
from .threads import thread_ref_of
from .writer import ThreadWriter, nameless

if TYPE_CHECKING:  # bs4 is imported when an HTML export is read: a JSON export's ingest does without it
    from bs4 import BeautifulSoup

SKIPPED_TAGS = {"script", "style", "title", "head"}
FACEBOOK_ID = "@facebook.com"  # an F0 thread's participant named by the id alone: "568143865@facebook.com"
CODE_TAGS = ["script", "style", "template"]
HEAD_BYTES = 65536
# "Participants: A, B and C" above the messages (F2-F4); German assumed [U]. French "Participants : A, B et C"
# (hunchoap/fbdata, 2021: the last two were one participant "B et C") [C]; Spanish "Participantes: A y B"
# (DskyDsky/Aldemar-Snow-, 2024: a participant who never wrote was missed) [C].
_PARTICIPANTS = re.compile(r"^(?:Participants|Participantes|Teilnehmer(?:innen)?|Teilnehmende)\s*:\s*(?P<names>.+)$")
_AND = re.compile(r",\s*|\s+(?:and|und|et|y)\s+")
# A call's duration under its text: "Duration: 1 minute" (English 2021-2024), "Thời lượng: 15 phút" (nhoo6199/vbhk,
# Vietnamese)
_DURATION = re.compile(r"[^\W\d][^:]{0,30}: \d+ \w+(?: \d+ \w+)*")
_MEDIA = ["a", "img", "video", "audio"]
# The class of the time cell of a record in every HTML layout of 2018-2026 (F2-F6: ``_3-94 _2lem``, ``_3-94 _a6-o``).
# A record whose time is in a form no reader knows is still a record: found by this cell, it is quarantined for its
# time instead of vanishing (a Vietnamese thread with evening times in a word the date reader lacks lost those
# messages without a word; a page where every time was such said "no record was read").
TIME_CELL = re.compile(r"(?:^|\s)_3-94(?:\s|$)")  # classes are one string here (``_soup``)
UNREAD_TIME = "time: in a form this version does not read (a language or layout not yet known)"
_REACTOR = re.compile(r"^[^\w]+")  # the emoji before a reactor's name: "❤️Mira Kallio", "😆Nora Quist"


@dataclass(frozen=True)
class Block:
    """One record of an HTML page: its person (None if absent), time (None if absent), other texts."""

    name: str | None
    at: datetime | None
    time_text: str
    body: tuple[str, ...]


def soup_of(export: Export, member: str) -> BeautifulSoup:
    # class="a b c" kept as one string: splitting every class list costs a third of the parse
    with export.open(member) as stream:
        return _soup(stream.read())


def head_soup(export: Export, member: str, size: int) -> BeautifulSoup:
    """The first ``size`` bytes of a page parsed: its header, without reading a long page whole."""
    return _soup(export.head(member, size))


def main_part(soup):
    """The page's ``role="main"`` part, its records, without the header and the 2022 navigation bar; the whole page
    where it has none."""
    return soup.find(attrs={"role": "main"}) or soup


def table_rows(table) -> list:
    """The rows of a table itself, not those of the tables inside its cells (a record's nested blocks)."""
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def _soup(data: bytes) -> BeautifulSoup:
    from bs4 import BeautifulSoup

    try:
        soup = BeautifulSoup(data, "lxml", multi_valued_attributes=None)
    except ValueError:
        # lxml refuses a charset name with control characters (a damaged <meta charset>); Facebook
        # writes UTF-8, so the page is decoded as that and handed over as text
        soup = BeautifulSoup(data.decode("utf-8", errors="replace"), "lxml", multi_valued_attributes=None)
    return _without_code(soup)


def _without_code(soup: BeautifulSoup) -> BeautifulSoup:
    """The page without scripts, styles and templates. Facebook's pages carry a stylesheet; a page
    edited or forged by anyone else may carry scripts. Nothing is ever run (this is a parser, not a
    browser), but their text must not be read as data either: a record's first child is taken as
    the person, and a <script> there would become one."""
    for node in soup.find_all(CODE_TAGS):
        node.decompose()
    return soup


def blocks_of(soup: BeautifulSoup, undated: bool = False) -> list[Block]:
    """Every record of an F2-F6 page, in document order.

    A record is an element of the shape (tag and classes) that most date leaves sit in; a date in
    a message body is inside a record and does not make one. With ``undated``, a record without a
    date is kept (a friend whose date is missing); otherwise it is not a record (a thread's header).
    """
    return [block for _, block in _page_records(soup, undated)]


def _page_records(soup: BeautifulSoup, undated: bool = False, unread_times: bool = False) -> list[tuple]:
    """(element, Block) of every record of ``blocks_of``; the element None on a flat page. With ``unread_times``
    (a thread's messages), a record whose time no reader knows is kept with its time unread (``TIME_CELL``)."""
    leaves = _date_leaves(soup) or (_time_cells(soup) if unread_times else [])
    holders = [_holder(string) for string, _ in leaves]
    if holders and max(Counter(map(id, holders)).values()) > 2:  # a flat page: one element holds every record
        return [(None, _flat_block(string, at)) for string, at in leaves]
    return records_of(soup, undated, leaves, unread_times)


def records_of(soup: BeautifulSoup, undated: bool = False, leaves: list | None = None,
               unread_times: bool = False) -> list[tuple]:
    """(element, Block) of every record of a page of blocks (``blocks_of``). A page that
    groups its records in sections of the same shape (recently_visited.html, people_and_friends.html of
    2021-2024: a "Visites de profil" block around the visits) keeps the records, never the section."""
    leaves = _date_leaves(soup) if leaves is None else leaves
    if not leaves:
        return []
    shape = _record_shape(leaves)
    times: dict[int, tuple] = {}
    for string, at in leaves:
        record = next((p for p in string.parents if _shape(p) == shape), None)
        if record is not None:
            times[id(record)] = (string.strip(), at)  # the last date in a record is its time
    records = [n for n in soup.find_all(shape[0]) if _shape(n) == shape]
    for cell in soup.find_all(class_=TIME_CELL) if unread_times else ():  # a record kept, its time unread
        # the cell sits a few levels inside its record in every layout; looked for upwards, so that a deeply
        # nested page costs no more than its length
        record = next((p for p in islice(cell.parents, 8) if _shape(p) == shape), None)
        if record is not None and id(record) not in times and (text := _first_text(cell)):
            times[id(record)] = (text.strip(), None)
    sections = {id(p) for n in records if id(n) in times for p in n.parents}
    return [(n, _block(n, *times.get(id(n), ("", None)))) for n in records
            if id(n) in times or (undated and id(n) not in sections)]


def _record_shape(leaves: list[tuple]) -> tuple:
    """The shape most dates sit in, counting those of the records' time cells alone when the page has any: a date
    inside a post is no record's time. A Russian 2024 export's page of one post, a life event "День рождения: 19 мая
    2005 г." with the birthday again in a ``div._a703`` (giviua/jiafei your_posts__check_ins__photos_and_videos_1
    .html), tied the birthday with the time: the post's inner ``<div>``s became five records, four "time: missing"
    and one dated by the birthday."""
    timed = [string for string, _ in leaves if _in_time_cell(string)] or [string for string, _ in leaves]
    return Counter(_shape(_holder(string)) for string in timed).most_common(1)[0][0]


def _in_time_cell(string) -> bool:
    return any(TIME_CELL.search(p.get("class") or "") for p in islice(string.parents, 4))


def section_of(node) -> str:
    """The heading of the section a record sits in: the first line of the nearest element of its shape
    around it ("Visites de profil"), "" when there is none."""
    from bs4 import Tag

    section = next((p for p in node.parents if _shape(p) == _shape(node)), None)
    children = _children(section) if section is not None else []
    if not children:
        return ""
    return children[0].get_text(" ", strip=True) if isinstance(children[0], Tag) else children[0].strip()


def main_blocks(soup: BeautifulSoup) -> list[Block]:
    """The records of a page without a single date, each the child of the page's ``role="main"`` part
    (below the wrappers with one child): people_who_follow_you.html of 2021 (hunchoap/fbdata, French),
    one ``<div>`` a follower with the name alone. Both record layouts (``uiBoxWhite``, ``_a6-g``) have
    that part."""
    from bs4 import Tag

    main = soup.find(attrs={"role": "main"})
    children = _children(main) if main is not None else []
    while len(children) == 1 and isinstance(children[0], Tag):
        children = _children(children[0])
    return [_block(node, "", None) for node in children if isinstance(node, Tag)]


def _date_leaves(soup: BeautifulSoup) -> list[tuple]:
    return [(s, at) for s in soup.find_all(string=True)
            if s.parent.name not in SKIPPED_TAGS and (at := html_time(s.strip())) and not _in_page_header(s)]


def _time_cells(soup: BeautifulSoup) -> list[tuple]:
    """The texts of the page's time cells, none read: a thread whose every time is in an unknown form."""
    return [(s, None) for cell in soup.find_all(class_=TIME_CELL) if (s := _first_text(cell))]


def _first_text(node):
    return node.find(string=lambda s: bool(s.strip()))


def _in_page_header(string) -> bool:
    """A time of the page's own header, no record's: F6 pages of 2026 open with ``<header>`` … ``<aside
    role="contentinfo">`` "<owner> generated on <time>" and "Contains data you requested from <time> to <time>"
    (nktuyen/FacebookFollowersComparison, in Vietnamese). On a list without times of its own (the followers) the
    last of them was read as a follower named "Contains data you requested from", and the followers were lost."""
    return any(p.name == "header" or p.get("role") == "contentinfo" for p in string.parents)


def _shape(node) -> tuple:
    return node.name, node.get("class")


def _holder(string):
    """The nearest element above a date leaf that holds something besides it."""
    node = string.parent
    for _ in range(4):
        if len(_children(node)) >= 2 or node.parent is None or node.parent.name in ("body", "[document]"):
            break
        node = node.parent
    return node


def _children(node) -> list:
    from bs4 import Tag

    return [c for c in node.children if isinstance(c, Tag) or c.strip()]


def _block(node, time_text: str, at: datetime | None) -> Block:
    """The person is the record's first child (sender line, friend's name), without direction marks
    (``text.BIDI_MARKS``: a 2020 thread wraps a sender's name in them); an empty one is missing."""
    from bs4 import Tag

    children = [c.get_text(" ", strip=True) if isinstance(c, Tag) else c.strip() for c in _children(node)]
    if children and children[0] == time_text:
        children = children[1:]
    name = without_bidi_marks(repair(children[0])).strip() if children else None
    return Block(name or None, at, time_text, tuple(c for c in children[1:] if c != time_text))


def _flat_block(string, at: datetime) -> Block:
    previous = string.find_previous(string=lambda s: s.strip() and s.parent.name not in SKIPPED_TAGS)
    name = repair(previous) if previous and html_time(previous.strip()) is None else None
    return Block(name or None, at, string.strip(), ())


def thread_page(soup: BeautifulSoup) -> tuple[str | None, list[str], list[tuple]]:
    """Title, participants (when the page lists them) and (element, Block) of each message of an F2-F6
    thread page."""
    title = soup.title.get_text(strip=True) if soup.title else None
    line = next((m for s in soup.find_all(string=True) if (m := _PARTICIPANTS.match(s.strip()))), None)
    participants = names_listed(line["names"]) if line else []
    records = _absent_senders(_page_records(soup, unread_times=True))
    title = without_bidi_marks(repair(title)).strip() if title else None
    return title or None, [p for p in participants if p], records


def _absent_senders(records: list[tuple]) -> list[tuple]:
    """The records of a thread page with the sender of those that have no sender cell unset. The cell of a sender
    Facebook no longer names is left out (readourchat/readourchat.github.io, 2022: an empty title, no participants
    line, and most blocks the body and the time only), so the body came first and its text was read as a sender
    (a person named by a message). Such a record is told by its first child: of the shape the body has in the
    records with a sender (tag and classes, as ``records_of`` tells records), not the sender cell's."""
    from bs4 import Tag

    kids = {id(node): _children(node) for node, _ in records if node is not None}
    full = [k for k in kids.values() if len(k) >= 3 and isinstance(k[0], Tag) and isinstance(k[1], Tag)]
    if not full:  # no record with a sender cell to compare with
        return records
    sender = Counter(_shape(k[0]) for k in full).most_common(1)[0][0]
    body = Counter(_shape(k[1]) for k in full).most_common(1)[0][0]
    if sender == body:
        return records
    found = []
    for node, block in records:
        first = kids.get(id(node), [None])[0]
        if block.name is not None and isinstance(first, Tag) and _shape(first) == body:
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
    parts = [c for c in _children(node)[1:] if isinstance(c, Tag)
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
    soup = _soup(export.head(member, HEAD_BYTES))
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
