"""The owner's timeline (formats.md §1.6): posts other people wrote on it, and the owner's own posts with
the people tagged in them and the timelines they were written on.

As in a reaction, the other person of a post stands only in its ``title``, in the account's language
("Lena Vogel wrote on your timeline.", "Marta Lindqvist wrote on Aylin Demir's timeline."), read by the
names the export knows, a language table the fallback (titles.py). A post another person wrote on the
owner's timeline is a ``comment`` in, one the owner wrote on another's a ``comment`` out: written to the
other, in public, as a comment is. A tag is a ``mention`` out: the owner named the person in the owner's
post ("with Lena Vogel"), which says neither that they met nor that the other did anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from ..archive import Export
from ...models import Record
from .people import Handler, read_file
from .rows import Batch, Owner, Tally
from .text import as_list, at_seconds, is_placeholder, name_of
from .titles import KnownNames, UnknownLanguage, title_author, title_target

# other_people's_posts_to_your_timeline.json: {"wall_posts_sent_to_you": {"activity_log_data": […]}} in
# 2019 (code index id 48865756015), {"wall_posts_sent_to_you": […]} in 2018 (id 13561156449). The owner's
# posts: a plain list (F3-F6), under "status_updates" in 2018's your_posts.json (id 13561156449).
KEYS = {"wall_posts": ("wall_posts_sent_to_you",), "own_posts": ("status_updates",)}
LABELS = {"wall_posts": "posts others wrote on your timeline", "own_posts": "your posts"}
UNREAD_TITLE = "titles naming nobody the export knows, in a form not recognised (read as your own posts)"
DELETED = "deleted or deactivated accounts named (left out)"


def read_posts(export: Export, member: str, kind: str, owner: Owner, batch: Batch,
               known: KnownNames) -> Iterator[Record]:
    """One timeline file; ``known``: the people the export names elsewhere, by whom titles are read in
    any language. The people tagged in the owner's posts join them."""
    tally = Tally(member)
    make = _wall_handler if kind == "wall_posts" else _own_handler
    yield from read_file(export, member, LABELS[kind], KEYS[kind], make(member, owner, batch, known, tally), tally)


def _wall_handler(member: str, owner: Owner, batch: Batch, known: KnownNames, tally: Tally) -> Handler:
    def handle(line: int, item: dict) -> None:
        at, title = _time(item), name_of(item.get("title"))
        if title is None:
            raise ValueError("title: missing")
        try:
            author = title_author(title, owner.ref, known)
        except UnknownLanguage as exc:
            raise ValueError(str(exc)) from None
        if author and is_placeholder(author):  # "Facebook User": every deleted account, not one person
            raise ValueError("title: a deleted or deactivated account, not one person")
        _add(batch, member, line, at, owner, [(author, "comment")] if author else [], "in")
    return handle


def _own_handler(member: str, owner: Owner, batch: Batch, known: KnownNames, tally: Tally) -> Handler:
    def handle(line: int, item: dict) -> None:
        at, tags = _time(item), _tags(item, owner, tally)
        for tag in tags:
            known.add(tag)
        # "… is with Omar Haddad." names a tagged person: a tag, not a timeline
        target = _timeline(name_of(item.get("title")), owner, known, tally)
        people = [(target, "comment")] if target and target not in tags else []
        _add(batch, member, line, at, owner, people + [(tag, "mention") for tag in tags], "out")
    return handle


def _time(item: dict) -> datetime:
    at = at_seconds(item.get("timestamp"), "timestamp")
    if at is None:
        raise ValueError("timestamp: missing")
    return at


def _tags(item: dict, owner: Owner, tally: Tally) -> list[str]:
    """The people tagged in a post, ``[{"name": …}]`` (timelinize/timelinize datasources/facebook/models.go,
    yourPosts.Tags), without the owner."""
    names = [name_of(tag.get("name")) if isinstance(tag, dict) else None for tag in as_list(item.get("tags"))]
    if None in names:
        raise ValueError("tags.name: missing")
    deleted = sum(map(is_placeholder, names))
    if deleted:
        tally.note(DELETED, deleted)
    return list(dict.fromkeys(n for n in names if n not in owner and not is_placeholder(n)))


def _timeline(title: str | None, owner: Owner, known: KnownNames, tally: Tally) -> str | None:
    """The person on whose timeline the owner wrote ("… wrote on Aylin Demir's timeline."), None for a
    post of the owner's own. A title naming nobody known, in a form not recognised, is read as the owner's
    own post, which most posts are ("… was at Slottsskogen."); the file's note counts them."""
    if title is None:
        return None
    try:
        target = title_target(title, owner.ref, known)
    except UnknownLanguage:
        tally.note(UNREAD_TITLE)
        return None
    if target and is_placeholder(target):
        tally.note(DELETED)
        return None
    return None if target is None or target in owner else target


def _add(batch: Batch, member: str, line: int, at: datetime, owner: Owner, people: list[tuple[str, str]],
         direction: str) -> None:
    """An interaction and an account for each (person, kind); a post naming nobody else is the owner's record."""
    if not people:
        if owner.ref is None:
            raise ValueError("post: names no other person and the owner is unknown")
        batch.account(member, line, owner.ref, is_owner=True)
    for person, kind in people:
        batch.interaction(member, line, person, kind, direction, at)
        batch.account(member, line, person)
