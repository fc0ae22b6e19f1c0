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
never becomes a person. Sentences in other languages are not read [U: none seen] and count as naming nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..archive import Export
from ...models import Record
from .people import Handler, read_file
from .rows import Batch, Owner, Tally
from .text import at_seconds, is_placeholder, name_of

# (sentence, interaction kind); ``people``: one name, "X and Y", or "X, Y and 3 other people" / "… 2 others".
SENTENCES = (
    (re.compile(r"^(?P<people>.+?) mentioned you in "), "mention"),
    (re.compile(r"^(?:[^:]+: )?(?P<people>.+?) invited you to like "), "invitation"),
    (re.compile(r"^(?P<people>.+?) reacted to your "), "reaction"),
    (re.compile(r"^(?P<people>.+?) replied to your comment"), "comment"),
    (re.compile(r"^(?P<people>.+?) commented on (?:your|a \w+ you're following) "), "comment"),
)
_OTHERS = re.compile(r"(?:,| and) \d+ others?(?: people)?$")
_SEPARATOR = re.compile(r", | and ")
NOBODY = ("notifications naming nobody in an English sentence known here (pages' posts, Facebook's own; "
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
    return handle


def people_in(text: str) -> tuple[list[str], str | None]:
    """(the people a notification names as acting towards the owner, the interaction kind); ([], None) for
    the rest."""
    for sentence, kind in SENTENCES:
        found = sentence.match(text)
        if found:
            named = _OTHERS.sub("", found.group("people"))
            return [name for name in _SEPARATOR.split(named) if name.strip()], kind
    return [], None
