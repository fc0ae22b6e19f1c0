"""Comments other people wrote on the owner's photos and videos, in the JSON download of 2018-2020 (F3).

``photos_and_videos/album/<n>.json`` holds one album, ``{name, photos: [{uri, creation_timestamp, media_metadata,
title, description?, comments?: [{timestamp, comment, author}]}], cover_photo, last_modified_timestamp}``, and
``photos_and_videos/your_videos.json`` the owner's videos, ``{"videos": [{uri, …, comments?: […]}]}``
(SamuelePilleri/facebook-schemas ``photos_and_videos/album/album.json``, ``_partials/media.json``: schemas written from
real downloads; another importer's model, grain's ``facebook.download`` proto, attaches ``Comment{timestamp, comment,
author}`` to ``Media`` too). A comment by someone else is a ``comment`` in from its author, as a post on the owner's
timeline is (posts.py); the owner's own replies name no one else. A file without comments (most albums) is read
whole, naming nobody. Later downloads keep albums under ``posts/album/<n>.json`` (2021-2025) and videos as
``videos_v2``; the albums seen there carry no comments (Phyoe-ptt/nobel_mount, 2025: 181 photos) [U: read the same
way if they do]. The text of a comment is never kept.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..archive import Export
from ...models import Record
from .people import json_or_broken, read_item
from .rows import Batch, Owner, Tally
from .text import as_list, at_seconds, is_placeholder, name_of

LABEL = "comments on your photos and videos"
MEDIA_KEYS = ("photos", "videos", "videos_v2")
OWN = "comments of your own on your photos and videos (no one else)"


def read_media_comments(export: Export, member: str, owner: Owner, batch: Batch) -> Iterator[Record]:
    tally = Tally(member)
    data = yield from json_or_broken(export, member, tally, LABEL)
    if data is None:
        return
    media = [item for key in MEDIA_KEYS for item in as_list(data.get(key) if isinstance(data, dict) else None)]
    comments = [comment for item in media if isinstance(item, dict) for comment in as_list(item.get("comments"))]
    handle = _handler(member, owner, batch, tally)
    for line, comment in enumerate(comments, 1):
        yield from read_item(tally, line, comment, handle)
    yield tally.member_note(LABEL)


def _handler(member: str, owner: Owner, batch: Batch, tally: Tally):
    def handle(line: int, comment: dict) -> None:
        at = at_seconds(comment.get("timestamp"), "timestamp")
        if at is None:
            raise ValueError("timestamp: missing")
        author = name_of(comment.get("author"))
        if author is None:
            raise ValueError("author: missing")
        if is_placeholder(author):  # "Facebook User": every deleted account, not one person
            raise ValueError("author: a deleted or deactivated account, not one person")
        if author in owner:
            tally.note(OWN)
            batch.account(member, line, owner.ref or author, is_owner=True)
            return
        batch.interaction(member, line, author, "comment", "in", at)
        batch.account(member, line, author)
    return handle
