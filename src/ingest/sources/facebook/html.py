"""The HTML variant of the download (formats.md §1.7): its pages and their records (Messenger threads:
html_threads.py; lists: html_people.py).

Class names are CSS hashes that change between versions, so records are found by structure: the
leaves whose whole text is a date sit in elements of one shape (tag and classes), the records;
a record's first child is the person (the sender, or the friend). F2-F4 wrap a record in
``div.uiBoxWhite``, F5/F6 in ``section._a6-g``; neither name is relied on.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING

from ...errors import UnsafeArchiveError
from ..archive import Export
from ..zipcheck import limit_setting
from ..text_repair import repair
from .text import html_time, without_bidi_marks

if TYPE_CHECKING:  # bs4 is imported when an HTML export is read: a JSON export's ingest does without it
    from bs4 import BeautifulSoup

SKIPPED_TAGS = {"script", "style", "title", "head"}
CODE_TAGS = ["script", "style", "template"]
# The class of the time cell of a record in every HTML layout of 2018-2026 (F2-F6: ``_3-94 _2lem``, ``_3-94 _a6-o``).
# A record whose time is in a form no reader knows is still a record: found by this cell, it is quarantined for its
# time instead of vanishing (a Vietnamese thread with evening times in a word the date reader lacks lost those
# messages without a word; a page where every time was such said "no record was read").
TIME_CELL = re.compile(r"(?:^|\s)_3-94(?:\s|$)")  # classes are one string here (``parsed_soup``)
UNREAD_TIME = "time: in a form this version does not read (a language or layout not yet known)"


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
        data = stream.read()
    _check_tags(data, export, member)
    return parsed_soup(data)


# Tags of one page, counted before it is parsed: beautifulsoup holds about 700 bytes and 35 µs a tag (an 11 MB page of
# 1,000,000 empty divs took 38 s and 705 MB). Facebook writes about ten a message or list entry: a page of this many
# would hold 100,000 messages, ten times a JSON thread file's.
MAX_TAGS = 1_000_000  # default of UNSOCIAL_MAX_HTML_TAGS


def _check_tags(data: bytes, export: Export, member: str) -> None:
    limit = limit_setting("UNSOCIAL_MAX_HTML_TAGS", MAX_TAGS)
    if len(data) > limit and data.count(b"<") - data.count(b"</") > limit:
        # the page by its file name alone: a thread's folder is named after the people in it
        raise UnsafeArchiveError(export.path, f"an HTML page ({member.rpartition('/')[2]}) of more than {limit:,} "
                                 "tags (limit UNSOCIAL_MAX_HTML_TAGS): not a page the platform writes",
                                 "check that this is the export as downloaded; if it is, raise the limit")


def head_soup(export: Export, member: str, size: int) -> BeautifulSoup:
    """The first ``size`` bytes of a page parsed: its header, without reading a long page whole."""
    return parsed_soup(export.head(member, size))


def main_part(soup):
    """The page's ``role="main"`` part, its records, without the header and the 2022 navigation bar; the whole page
    where it has none."""
    return soup.find(attrs={"role": "main"}) or soup


def table_rows(table) -> list:
    """The rows of a table itself, not those of the tables inside its cells (a record's nested blocks)."""
    return [row for row in table.find_all("tr") if row.find_parent("table") is table]


def parsed_soup(data: bytes) -> BeautifulSoup:
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
    return [block for _, block in page_records(soup, undated)]


def page_records(soup: BeautifulSoup, undated: bool = False, unread_times: bool = False) -> list[tuple]:
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
    if leaves is None:  # a page whose every time is unread keeps its records too, with ``unread_times``
        leaves = _date_leaves(soup) or (_time_cells(soup) if unread_times else [])
    if not leaves:
        return []
    shape = _record_shape(leaves)
    times: dict[int, tuple] = {}
    for string, at in leaves:
        record = next((p for p in string.parents if shape_of(p) == shape), None)
        if record is not None:
            times[id(record)] = (string.strip(), at)  # the last date in a record is its time
    records = [n for n in soup.find_all(shape[0]) if shape_of(n) == shape]
    for cell in soup.find_all(class_=TIME_CELL) if unread_times else ():  # a record kept, its time unread
        # the cell sits a few levels inside its record in every layout; looked for upwards, so that a deeply
        # nested page costs no more than its length
        record = next((p for p in islice(cell.parents, 8) if shape_of(p) == shape), None)
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
    return Counter(shape_of(_holder(string)) for string in timed).most_common(1)[0][0]


def _in_time_cell(string) -> bool:
    return any(TIME_CELL.search(p.get("class") or "") for p in islice(string.parents, 4))


def section_of(node) -> str:
    """The heading of the section a record sits in: the first line of the nearest element of its shape
    around it ("Visites de profil"), "" when there is none."""
    from bs4 import Tag

    section = next((p for p in node.parents if shape_of(p) == shape_of(node)), None)
    children = children_of(section) if section is not None else []
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
    children = children_of(main) if main is not None else []
    while len(children) == 1 and isinstance(children[0], Tag):
        children = children_of(children[0])
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


def shape_of(node) -> tuple:
    return node.name, node.get("class")


def _holder(string):
    """The nearest element above a date leaf that holds something besides it."""
    node = string.parent
    for _ in range(4):
        if _holds_two(node) or node.parent is None or node.parent.name in ("body", "[document]"):
            break
        node = node.parent
    return node


def _holds_two(node) -> bool:
    """Whether ``children_of(node)`` has two or more, found by looking at no more children than that: a page of one
    element holding every record listed all of them again for each of its dates (400 KB: over a minute)."""
    return next(islice(_children(node), 1, None), None) is not None


def children_of(node) -> list:
    return list(_children(node))


def _children(node) -> Iterator:
    """The node's elements and texts that are not blank, in order."""
    from bs4 import Tag

    return (c for c in node.children if isinstance(c, Tag) or c.strip())


def _block(node, time_text: str, at: datetime | None) -> Block:
    """The person is the record's first child (sender line, friend's name), without direction marks
    (``text.BIDI_MARKS``: a 2020 thread wraps a sender's name in them); an empty one is missing."""
    from bs4 import Tag

    children = [c.get_text(" ", strip=True) if isinstance(c, Tag) else c.strip() for c in children_of(node)]
    if children and children[0] == time_text:
        children = children[1:]
    name = without_bidi_marks(repair(children[0])).strip() if children else None
    return Block(name or None, at, time_text, tuple(c for c in children[1:] if c != time_text))


def _flat_block(string, at: datetime) -> Block:
    previous = string.find_previous(string=lambda s: s.strip() and s.parent.name not in SKIPPED_TAGS)
    name = repair(previous) if previous and html_time(previous.strip()) is None else None
    return Block(name or None, at, string.strip(), ())
