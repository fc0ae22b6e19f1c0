"""The HTML twins of the ``label_values`` files (labels.py), read by the JSON files' rules: each record rebuilt as
the JSON file writes it and handed to the JSON reader's handler (activity.py, posts.py, invites.py).

Seen in VoidPharah41/fb_old (Traditional Chinese, 2025: ``comments_and_reactions/likes_and_reactions.html``, 205 and
798 records, the people reacted to named in 174 and 406 of them; ``posts/posts_on_other_pages_and_profiles.html``,
4 and 8): one ``_a6-g`` block a record, its time in the block's own time cell (``html.TIME_CELL``), its
``label_values`` one table:

* a row of two cells, ``<td>名稱</td><td>Jonas Weber</td>``: ``{label, value}`` (``timestamp_value`` when the value
  is a time);
* a row of one cell, the label its own text and the value a ``div`` below it, ``網址<div><a>https://…</a></div>``;
* a row of one cell holding a titled block, ``<div>作者</div><div><div>名稱</div><div>…Jonas Weber…</div></div>``
  (JSON's ``{title, dict: [{title: "", dict: [{label, value}]}]}``), its entries label and value in turn, or the
  rows of a table inside it (a group's event: name, start time, description, link).

Media (a ``video``, ``img`` or ``audio`` with the upload's IP address under it) stand in JSON's ``media``, not among
the labels: left out, so that "Click to watch the video" never reads as a person.

Pages of lists are written the same way in 2025 (``label_blocks``): ``connections/friends/waving_emojis_you_sent_…
.html``, ``logged_information/activity_messages/people_and_friends.html`` (VoidPharah41/fb_old fb_02: 1 and 38
records), a block around a block holding the table of ``名稱`` (Name) and the person, the time in the outer block's
own time cell, left empty on the waving page.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from ..archive import Export
from ...models import Record
from .activity import LABELS as ACTIVITY_LABELS, Seen, labels_handler
from .html import TIME_CELL, UNREAD_TIME, Block, soup_of, table_rows
from .invites import LABEL as INVITES_LABEL, invite_handler
from .people import Handler, person_name, read_item
from .posts import HANDLERS, LABELS as POST_LABELS
from .rows import Batch, Owner, Tally
from .text import EPOCH, html_time
from .titles import KnownNames

KINDS = {"reaction_labels", "posts_on_others", "tagged_in", "group_invites"}
_MEDIA = ["video", "img", "audio"]


def read_html_labels(export: Export, member: str, kind: str, owner: Owner, seen: Seen, batch: Batch,
                     known: KnownNames) -> Iterator[Record]:
    """One HTML page of ``label_values`` records (``kind`` one of ``KINDS``); a record whose time is empty or
    not read is quarantined for it, as the JSON record without a timestamp is."""
    tally = Tally(member)
    handle = _handler(member, kind, owner, seen, batch, known, tally)
    for line, (node, time_text) in enumerate(label_records(soup_of(export, member)), 1):
        at = html_time(time_text)
        if at is None:
            tally.read += 1
            yield tally.quarantine(line, UNREAD_TIME if time_text else "time: missing", {"time": time_text})
            continue
        yield from read_item(tally, line, item_of(node, at), handle)
    if not tally.read:
        tally.note("no records found: HTML layout not recognised", None)
    yield tally.member_note(f"{(ACTIVITY_LABELS | POST_LABELS | {'group_invites': INVITES_LABEL})[kind]} (HTML)")


def _handler(member: str, kind: str, owner: Owner, seen: Seen, batch: Batch, known: KnownNames,
             tally: Tally) -> Handler:
    if kind == "reaction_labels":
        return labels_handler(member, owner, seen, batch, known, tally)
    if kind == "group_invites":
        return invite_handler(member, owner, batch)
    return HANDLERS[kind](member, owner, batch, known, tally)


def label_records(soup) -> list[tuple]:
    """(record, its time as written) of each block around a time cell, the outermost only."""
    records = {id(cell.parent): cell.parent for cell in soup.find_all(class_=TIME_CELL) if cell.parent is not None}
    found = []
    for node in records.values():
        if not any(id(p) in records for p in node.parents):
            cell = node.find(class_=TIME_CELL, recursive=False)
            found.append((node, cell.get_text(" ", strip=True) if cell is not None else ""))
    return found


def item_of(node, at: datetime | None) -> dict:
    """The record as the JSON file writes it: ``{timestamp, label_values}``, the HTML's local time as the
    ``timestamp`` (read back unchanged by ``text.at_seconds``, as every HTML time is kept as written); no
    ``timestamp`` when ``at`` is None."""
    table = node.find("table")
    values = [entry for row in (table_rows(table) if table is not None else []) if (entry := _entry(row))]
    return {"label_values": values} if at is None else {"timestamp": _seconds(at), "label_values": values}


def label_blocks(soup) -> list[tuple]:
    """(element, Block) of each record of a page of label tables, the person read by the label, as the JSON twin's
    (``people.person_name``), the time from the record's time cell; [] when no record holds a table. Read as blocks
    of a name line, the table's text was taken for the person ("名稱 <name>", a false account), the inner block
    for a second record and the empty time cell for a third, refused "name: missing"."""
    records = label_records(soup)
    if not any(node.find("table") is not None for node, _ in records):
        return []
    return [(node, Block(_name(item_of(node, None)), html_time(time_text) if time_text else None, time_text, ()))
            for node, time_text in records]


def _name(item: dict) -> str | None:
    try:
        return person_name(item)
    except ValueError:
        return None


def _seconds(at: datetime) -> int:
    return int((at - EPOCH).total_seconds())


def _entry(row) -> dict | None:
    """One row as a ``label_values`` entry; None for media and empty rows."""
    cells = row.find_all(["td", "th"], recursive=False)
    if not cells or row.find(_MEDIA):
        return None
    if len(cells) == 2:
        return _value(cells[0].get_text(" ", strip=True), cells[1].get_text(" ", strip=True))
    label = _own_text(cells[0])
    if label:  # 網址<div><a>https://…</a></div>
        value = cells[0].find("div")
        return _value(label, value.get_text(" ", strip=True) if value is not None else "")
    return _block(cells[0])


def _block(cell) -> dict | None:
    """A titled block: its first text the title, then its entries: a table's rows, or label and value in turn."""
    texts = [s.strip() for s in cell.find_all(string=True) if s.strip()]
    if not texts:
        return None
    tables = [t for t in cell.find_all("table") if t.find("table") is None]  # the innermost: a group's event
    if tables:
        inner = [entry for table in tables for row in table_rows(table) if (entry := _entry(row))]
    else:
        inner = [_value(label, value) for label, value in zip(texts[1::2], texts[2::2])]
    return {"title": texts[0], "dict": [{"title": "", "dict": [e for e in inner if e]}]}


def _own_text(cell) -> str:
    return " ".join(s.strip() for s in cell.find_all(string=True, recursive=False) if s.strip())


def _value(label: str, value: str) -> dict | None:
    if not label and not value:
        return None
    at = html_time(value) if value else None
    return {"label": label, "timestamp_value": _seconds(at)} if at is not None else {"label": label, "value": value}
