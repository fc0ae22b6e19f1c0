"""The owner's notifications (``notifications/notifications.json``, F4 2021): ``{"notifications_v2": [{timestamp,
unread, href, text}]}``, the person only in the English ``text`` (AntonisPar/chatbot-trained-with-facebook-data,
2021: about 9 of 99 name someone).

Most notifications are pages' posts ("Radio Norr was live: …", "Radio Norr posted a new video: …") or
Facebook's own ("Your request to join Vandring Norr has been approved."): the owner's records, naming nobody.
The sentences that name people acting towards the owner, as seen there: "Jonas Weber mentioned you in a
comment in Vandring Norr." (a ``mention`` in); "Lena Vogel invited you to like Pizzeria Da Marco.", "Pizzeria
Da Marco: Omar Haddad invited you to like Pizzeria Da Marco." and "Reminder: Lena Vogel invited you to like …"
(an ``invitation`` in; the words before the colon are no person); "Tomás Novak, Ines Duarte and 3 other people
reacted to your comment: "…"." (a ``reaction`` in from each named); "Aylin Demir replied to your comment on a
photo in Vandring Norr." and "Jonas Weber, Lena Vogel and 2 others commented on a photo you're following in
Vandring Norr." (a ``comment`` in). Only the names before the verb are read: a group or page named after it
never becomes a person. "X, Y and 21 other people recently reacted to your photo: …" (Mdfee/faria.github.io
notifications/notifications.html, English 2021) keeps the count out of the names.

The same file as an HTML page (``notifications/notifications.html``, 2021, ``read_html_notifications``): one
``uiBoxWhite`` block per notification, a table of label and value rows, Time, Status, Text and href in English
(Mdfee/faria.github.io), Fecha y hora, Estado, Texto and href in Spanish (MarioAlbertoSierra/Facebook, times
"16 jun. 2021 00:45"). The Spanish sentences seen there: "X te mencionó en un comentario en <grupo>." (a
``mention``), "X te invitó a que indiques que te gusta <página>." (an ``invitation``), "A X, Y y Z les gusta tu
comentario: …", "X y 2 personas más reaccionaron a tu publicación en …", "X, Y y 7 personas más indicaron hace
poco que les gusta tu publicación en …" (a ``reaction``), "X comentó una publicación que sigues en …" (a
``comment``). Sentences in other languages are not read [U: none seen] and count as naming nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime

from ..archive import Export
from ...models import Record
from ..text_repair import repair
from .html import records_of, soup_of
from .people import Handler, read_file
from .rows import Batch, Owner, Tally
from .text import at_seconds, is_placeholder, name_of

# (sentence, interaction kind); ``people``: one name, "X and Y", or "X, Y and 3 other people" / "… 2 others".
SENTENCES = (
    (re.compile(r"^(?P<people>.+?) mentioned you in "), "mention"),
    (re.compile(r"^(?:[^:]+: )?(?P<people>.+?) invited you to like "), "invitation"),
    (re.compile(r"^(?P<people>.+?) (?:recently )?reacted to your "), "reaction"),
    (re.compile(r"^(?P<people>.+?) replied to your comment"), "comment"),
    (re.compile(r"^(?P<people>.+?) commented on (?:your|a \w+ you're following) "), "comment"),
    # Spanish (MarioAlbertoSierra/Facebook, 2021): the verb singular or plural after one or several names
    (re.compile(r"^(?P<people>.+?) te (?:mencionó|mencionaron) en "), "mention"),
    (re.compile(r"^(?:[^:]+: )?(?P<people>.+?) te invitó a que indiques que te gusta "), "invitation"),
    (re.compile(r"^A (?P<people>.+?) les? gusta tu "), "reaction"),
    (re.compile(r"^(?P<people>.+?) (?:reaccionó|reaccionaron) a tu "), "reaction"),
    (re.compile(r"^(?P<people>.+?) (?:indicó|indicaron)(?: hace poco)? que les? gusta tu "), "reaction"),
    (re.compile(r"^(?P<people>.+?) (?:comentó|comentaron) (?:tu|una \w+ que sigues) "), "comment"),
)
_OTHERS = re.compile(r"(?:(?:,| and) \d+ others?(?: people)?| y \d+ personas? más)$")
_SEPARATOR = re.compile(r", | and | y ")
NOBODY = ("notifications naming nobody in an English or Spanish sentence known here (pages' posts, Facebook's own; "
          "other languages)")


def read_notifications(export: Export, member: str, owner: Owner, batch: Batch) -> Iterator[Record]:
    """Each notification naming people as an interaction in from each; the others as the owner's records."""
    tally = Tally(member)
    yield from read_file(export, member, "notifications", ("notifications_v2",), _handler(member, owner, batch, tally),
                         tally)


def _handler(member: str, owner: Owner, batch: Batch, tally: Tally) -> Handler:
    def handle(line: int, item: dict) -> None:
        at, text = at_seconds(item.get("timestamp"), "timestamp"), name_of(item.get("text"))
        if at is None or text is None:
            raise ValueError("timestamp: missing" if at is None else "text: missing")
        _add(member, line, at, text, owner, batch, tally)
    return handle


def _add(member: str, line: int, at: datetime, text: str, owner: Owner, batch: Batch, tally: Tally) -> None:
    """One notification: an interaction in from each person it names, else the owner's record."""
    people, kind = people_in(text)
    people = [p for p in people if p not in owner and not is_placeholder(p)]
    if not people:
        if owner.ref is None:
            raise ValueError("text: names no other person and the owner is unknown")
        tally.note(NOBODY)
        batch.account(member, line, owner.ref, is_owner=True)
    for person in people:
        batch.interaction(member, line, person, kind, "in", at)
        batch.account(member, line, person)


def read_html_notifications(export: Export, member: str, owner: Owner, batch: Batch) -> Iterator[Record]:
    """notifications/notifications.html: each block's table read as the JSON record, its time the block's date,
    its text the row above ``href`` (the labels are in the account's language, "href" in every one seen)."""
    tally = Tally(member)
    for line, (node, block) in enumerate(records_of(soup_of(export, member)), 1):
        tally.read += 1
        text = _text_row(node)
        try:
            if block.at is None or text is None:
                raise ValueError("time: missing" if block.at is None else "text: missing")
            _add(member, line, block.at, text, owner, batch, tally)
        except ValueError as exc:
            yield tally.quarantine(line, str(exc), {"time": block.time_text})
    if not tally.read:
        tally.note("no records found: HTML layout not recognised", None)
    yield tally.member_note("notifications (HTML)")


def _text_row(node) -> str | None:
    # the date leaf makes its own row the record: the notification is the table around it
    table = next((p for p in (node, *node.parents) if p.name == "table"), node)
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])] for row in table.find_all("tr")]
    rows = [row for row in rows if len(row) == 2]
    labels = [label.casefold() for label, _ in rows]
    at = labels.index("href") - 1 if "href" in labels else 2  # Time, Status, Text, href
    return name_of(repair(rows[at][1])) if 0 <= at < len(rows) else None


def people_in(text: str) -> tuple[list[str], str | None]:
    """(the people a notification names as acting towards the owner, the interaction kind); ([], None) for
    the rest."""
    for sentence, kind in SENTENCES:
        found = sentence.match(text)
        if found:
            named = _OTHERS.sub("", found.group("people"))
            return [name for name in _SEPARATOR.split(named) if name.strip()], kind
    return [], None
