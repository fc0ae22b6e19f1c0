"""The owner's account id when no file names it: no account.js, no manifest.js (formats.md §2.4).

A redacted copy, or a later zip of a split delivery, may lack both. A T0 (Grailbird) archive names its owner in
``data/js/user_details.js``; else the owner is the one account id that every one-to-one DM conversation id
``<a>-<b>`` shares; without DMs, the account that the owner's replies to their own tweets answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..archive import Export
from .common import account_id, clean_handle, clean_text
from .jsfiles import NotADataFile, iter_items, load_value, read_member, unwrap

_CONVERSATION_ID = re.compile(rb'"conversationId"\s*:\s*"(\d+)-(\d+)"')


def owner_from_user_details(export: Export, members: Iterable[str]) -> tuple[str, str | None, str | None] | None:
    """The id, screen name and full name T0's ``user_details.js`` gives (``var user_details = {"screen_name": …,
    "full_name": …, "id": …}``); None without one. Before, the owner was the author of the first tweet read, and an
    archive kept current by an updater holds others' tweets too (LeeFallin/twitter, SOLPLPARTY/tweets: thousands)."""
    for member in members:
        try:
            details = load_value(read_member(export, member))
        except NotADataFile:
            continue
        if isinstance(details, dict) and (ref := account_id(details.get("id"))):
            return ref, clean_handle(details.get("screen_name")), clean_text(details.get("full_name"))
    return None


def owner_from_conversations(export: Export, members: Iterable[str]) -> str | None:
    """The one id that every one-to-one conversation id of the DM files ``members`` shares."""
    common: set[bytes] | None = None
    for member in members:
        for pair in _CONVERSATION_ID.findall(export.head(member, 1 << 20)):
            common = set(pair) if common is None else common & set(pair)
    return common.pop().decode() if common and len(common) == 1 else None


def owner_from_self_replies(export: Export, members: Iterable[str]) -> tuple[str, str | None, int] | None:
    """The id (and screen name) that the tweets of ``members`` replying to a tweet of the same archive answer, and
    how many do; None when none does, or they disagree. Every tweet of an archive is the owner's, so a reply to one
    is a reply to the owner: a thread. smithjd/twitter_archive ``data/tweets.js`` (2022, with only following.js
    and like.js beside it): 19 of its 1,758 tweets answer another of them, all the same account id. Read only when
    the owner is unknown otherwise: the tweets files are parsed twice then."""
    ids: set[str] = set()
    replies: list[tuple[str, str, str | None]] = []
    for member in members:
        try:
            for item in iter_items(read_member(export, member), "tweet"):
                _note_reply(unwrap(item, "tweet"), ids, replies)
        except NotADataFile:
            continue
    answered = Counter((user, handle) for status, user, handle in replies if status in ids)
    if len({user for user, _ in answered}) != 1:
        return None
    (user, handle), _ = answered.most_common(1)[0]
    return user, handle, sum(answered.values())


def _note_reply(tweet: object, ids: set[str], replies: list[tuple[str, str, str | None]]) -> None:
    if not isinstance(tweet, dict):
        return
    ref = clean_text(tweet.get("id_str")) or account_id(tweet.get("id"))
    ids.update([ref] if ref else [])
    status = clean_text(tweet.get("in_reply_to_status_id_str")) or account_id(tweet.get("in_reply_to_status_id"))
    user = account_id(tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id"))
    if status and user:
        replies.append((status, user, clean_handle(tweet.get("in_reply_to_screen_name"))))
