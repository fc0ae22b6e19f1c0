"""The owner's account id when no file names it: no account.js, no manifest.js (formats.md §2.4).

A redacted copy, or a later zip of a split delivery, may lack both. A T0 (Grailbird) archive names its owner in
``data/js/user_details.js``; else the owner is the one account id that every one-to-one DM conversation id
``<a>-<b>`` shares; else the one account in every group conversation (at least two); without DMs, the account
that the owner's replies to their own tweets answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..archive import Export
from .common import account_id, clean_handle, clean_text
from .jsfiles import NotADataFile, iter_items, load_value, read_member, unwrap

_CONVERSATION_ID = re.compile(rb'"conversationId"\s*:\s*"(\d+)-(\d+)"')
# What names the members of a group conversation, in any key order: each ``dmConversation`` opens one, its
# ``conversationId`` (one number: no ``<a>-<b>``), the senders of messages and reactions, ``initiatingUserId``,
# ``participantsSnapshot`` and ``userIds``. Read from the bytes: a quote inside a message's text is escaped (\").
_GROUP_FIELD = re.compile(rb'"(dmConversation)"|"conversationId"\s*:\s*"([^"]*)"'
                          rb'|"(?:senderId|initiatingUserId)"\s*:\s*"(\d+)"'
                          rb'|"(?:participantsSnapshot|userIds)"\s*:\s*\[([^\]]*)\]')
_DIGITS = re.compile(rb"\d+")


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


def shared_by_pairs(export: Export, members: Iterable[str]) -> set[str] | None:
    """The ids every one-to-one conversation id of the DM files ``members`` shares (read from their first MiB);
    None when they hold no such id."""
    common: set[bytes] | None = None
    for member in members:
        for pair in _CONVERSATION_ID.findall(export.head(member, 1 << 20)):
            common = set(pair) if common is None else common & set(pair)
    return None if common is None else {ref.decode() for ref in common}


def owner_from_groups(export: Export, members: Iterable[str], pairs: set[str] | None) -> tuple[str, int] | None:
    """The one account in every group conversation of the group DM files ``members``, and how many conversations
    there are; None for fewer than two, or when no account or several are in all of them, or when the one is not
    among ``pairs`` (what the one-to-one conversation ids share, when there are any). 8yeol/love
    ``data/direct-messages-group.js`` (2024) alone, or its ``direct-message-group-headers.js`` beside the follow
    lists: 4 group conversations, the owner the only account in all four. One group, or two with the same friend,
    tells no owner. Read whole, but only without account.js or manifest.js: about half a second for a 60 MB file."""
    groups: dict[bytes, set[bytes]] = {}
    for member in members:
        try:
            _group_members(read_member(export, member), groups)
        except NotADataFile:
            continue
    if len(groups) < 2:
        return None
    common = {ref.decode() for ref in set.intersection(*groups.values())}
    if pairs is not None:
        common &= pairs
    return (common.pop(), len(groups)) if len(common) == 1 else None


def _group_members(data: bytes, groups: dict[bytes, set[bytes]]) -> None:
    """Add each group conversation of ``data`` (its id → the accounts it names) to ``groups``: a conversation in a
    full file and its headers file is one."""
    thread, named = None, set()
    for opening, conversation, single, many in _GROUP_FIELD.findall(data):
        if opening:
            _add_group(thread, named, groups)
            thread, named = None, set()
        elif conversation:
            thread = conversation
        else:
            named.update([single] if single else _DIGITS.findall(many))
    _add_group(thread, named, groups)


def _add_group(thread: bytes | None, named: set[bytes], groups: dict[bytes, set[bytes]]) -> None:
    if thread and b"-" not in thread and named:
        groups.setdefault(thread, set()).update(named)


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
