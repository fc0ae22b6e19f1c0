"""Tweets of other accounts in a T0 archive kept current by an updater (formats.md §2.4).

Such an updater (2018-2023: LeeFallin/twitter, SOLPLPARTY/tweets, CleverClogs/cleverclogs.github.io,
IaninSheffield/MyTweets ``data/js/tweets/YYYY_MM.js``) appended API v1.1 tweets to the month files, and with the
owner's tweets it wrote posts of other accounts: 961 of 380 authors in LeeFallin, 3,403 of 130 in SOLPLPARTY, 663 of
144 in CleverClogs. Each names its author in ``user`` (not the owner) and every one carries ``retweeted: true`` (API
v1.1: retweeted by the account the updater read for). From the month the updater starts, the owner's own retweets
(``retweeted_status``, hundreds a year before) stop: the updater kept the retweeted post itself, in the month of
the post's ``created_at`` (the retweet's own time is not kept). Such a post is the owner's retweet of its author;
where it answers, mentions or shares the owner, it is also its author's reply, mention or share to the owner. The
accounts it names besides are its author's, not the owner's. Read as the owner's were: the post's mentions made
the owner's outgoing mentions, wrong people, wrong direction, and its author was left out.
"""

from __future__ import annotations

from .common import account_id
from .tweet_people import embedded_author, mentions, user_of

Author = tuple[str, str | None, str | None]  # account id, screen name, name
Entry = tuple[str, str, str, str | None, str | None]  # account id, kind, direction, screen name, name


def other_author(tweet: dict, owner: str | None) -> Author | None:
    """The tweet's author when the tweet embeds one (``user``, T0 only) that is not the owner; None otherwise,
    and when the owner is not known (then the tweet is read as the owner's, as before)."""
    user = tweet.get("user")  # tweets of 2018 on have none (tweets.py looks for the key first)
    if owner is None or not isinstance(user, dict) or user.get("id_str") == owner:  # the owner's: one look-up
        return None
    author = user_of(user)
    return author if author is not None and author[0] != owner else None


def others_entries(tweet: dict, author: Author, owner: str) -> tuple[list[Entry], bool, int]:
    """What another account's post tells of the owner: the owner's retweet of it (when marked ``retweeted``),
    its author's answer to the owner (reply, mention, or share of the owner's post, direction ``in``); whether the
    owner retweeted it; how many other accounts it names (its author's, not counted)."""
    ref, handle, name = author
    shared = tweet.get("retweeted") is True
    entries: list[Entry] = [(ref, "retweet", "out", handle, name)] if shared else []
    kind = _answer_kind(tweet, owner)
    if kind is not None:
        entries.append((ref, kind, "in", handle, name))
    named = _named_ids(tweet) - {owner, ref} if shared else set()
    return entries, shared, len(named)


def _answer_kind(tweet: dict, owner: str) -> str | None:
    """``reply`` to the owner, ``mention`` of the owner, ``retweet`` of (or quote of) the owner's post, else None."""
    if account_id(tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id")) == owner:
        return "reply"
    if owner in _mention_ids(tweet):
        return "mention"
    if owner in (_embedded_id(tweet, "quoted_status"), _embedded_id(tweet, "retweeted_status")):
        return "retweet"
    return None


def _named_ids(tweet: dict) -> set[str]:
    reply = account_id(tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id"))
    return (_mention_ids(tweet) | {reply, _embedded_id(tweet, "quoted_status")}) - {None}


def _mention_ids(tweet: dict) -> set[str | None]:
    return {account_id(m.get("id_str") or m.get("id")) for m in mentions(tweet)}


def _embedded_id(tweet: dict, key: str) -> str | None:
    author = embedded_author(tweet, key)
    return author[0] if author else None


def others_note(others: int, shared: int) -> str:
    """For the file's note: how many posts of others the file holds, how many of them the owner retweeted."""
    if not shared:
        return (f"; {others} tweets of other accounts the archive's updater kept, read only where they answer, "
                "mention or share the owner")
    return (f"; {others} tweets of other accounts the archive's updater kept, {shared} of them marked retweeted "
            "(read as the owner's retweets of their authors); read besides where they answer, mention or share the "
            "owner")
