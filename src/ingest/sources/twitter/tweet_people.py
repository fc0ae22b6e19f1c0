"""Whom one of the owner's tweets names (tweets.py): the account replied to, the accounts mentioned, the authors a
retweet passes on (native, with the retweeted post embedded, or typed by hand, ``RT @a: RT @b: …``) and the author
of an embedded quoted post; and how many accounts it names only inside retweeted text, the original author's."""

from __future__ import annotations

import re

from .common import account_id, clean_handle, clean_text

# A retweet typed by hand, or of a post that was one, chains its authors at the start: "RT @a: RT @b: …" (the owner
# passes on a's passing on of b's post), "RT @a RT @b: …" without the colon (vovavasylyna/mytwitterarchive
# data/tweets.js, 2009), up to four deep, in retweets typed by hand and in T0's native ones alike. Only the first was
# kept: in Murianwind/tweet (Grailbird, 2009-2023; NiciDieNase/twitterarchiv too) 268 of the 2,887 accounts its
# tweets mention were named only as such chained authors, and lost without a word. Each ``RT @handle`` the text
# starts with is a retweeted author; a mention further in ("RT @a: so true RT @b: …" too) is the original author's,
# not the owner's, and only counted in the file's note.
_RT_LINK = re.compile(r"RT @(\w{1,15}):?\s*", re.ASCII)


Named = dict[str, tuple[str, str | None, str | None]]  # account id → (kind, handle, name)


def people_named(tweet: dict, owner: str | None) -> tuple[Named, list[str], int]:
    """Account id → (kind, handle, name) for everyone the tweet addresses; the fields whose id was no account; how
    many accounts it names only inside retweeted text."""
    people: Named = {}
    bogus: list[str] = []
    author = _retweeted_author(tweet)
    if author is not None:
        people, inside = _native_retweet(tweet, author, owner)
        return people, bogus, inside
    retweeted = retweeted_handle(tweet)
    chain = _retweet_chain(tweet) if retweeted else {}
    reply = tweet.get("in_reply_to_user_id_str") or tweet.get("in_reply_to_user_id")
    if reply not in (None, ""):
        ref = account_id(reply)
        bogus += [] if ref else ["in_reply_to_user_id"]
        if ref and ref != owner:
            people[ref] = ("reply", clean_handle(tweet.get("in_reply_to_screen_name")), None)
    inside: set[str] = set()
    for mention in mentions(tweet):
        ref = account_id(mention.get("id_str") or mention.get("id"))
        bogus += [] if ref else ["user_mentions.id"]
        handle = clean_handle(mention.get("screen_name"))
        if retweeted and handle != retweeted and not _starts_at_rt(mention) and not _chained(mention, chain):
            inside.update([ref] if ref and ref != owner else [])
            continue  # in a retweet, the other mentions are the original author's, not the owner's
        if ref and ref != owner:
            kind = "retweet" if retweeted else people.get(ref, ("mention",))[0]
            people[ref] = (kind, handle or people.get(ref, (0, None))[1], clean_text(mention.get("name")))
    return people, bogus, len(inside - people.keys())


def _native_retweet(tweet: dict, author: tuple[str, str | None, str | None],
                    owner: str | None) -> tuple[dict[str, tuple[str, str | None, str | None]], int]:
    """A T0 retweet: the retweeted account itself (the text's @handle may be a name since changed), the authors its
    text chains after it (``RT @a: RT @b: …``, a's post passing b's on), and how many others it names."""
    ref, handle, name = author
    people = {ref: ("retweet", handle, name)} if ref != owner else {}
    chain = dict(list(_retweet_chain(tweet).items())[1:])  # the first is the embedded author
    inside: set[str] = set()
    for mention in mentions(tweet):
        other = account_id(mention.get("id_str") or mention.get("id"))
        if other in (None, owner, ref):
            continue
        if _chained(mention, chain):
            people.setdefault(other, ("retweet", clean_handle(mention.get("screen_name")),
                                      clean_text(mention.get("name"))))
        else:
            inside.add(other)
    return people, len(inside - people.keys())


def add_quoted(tweet: dict, people: dict[str, tuple[str, str | None, str | None]], owner: str | None) -> int:
    """1 when the tweet quotes a post of someone it names in no other way (then added to ``people``, as sharing
    their post: kind ``retweet``, as quotes.py places quotes), else 0. A retweet's embedded quote is the original
    author's."""
    author = embedded_author(tweet, "quoted_status")
    if author is None or author[0] == owner or author[0] in people or is_retweet(tweet):
        return 0
    people[author[0]] = ("retweet", author[1], author[2])
    return 1


def mentions(tweet: dict) -> list[dict]:
    entities = tweet.get("entities")
    mentions = entities.get("user_mentions") if isinstance(entities, dict) else None
    return [m for m in mentions if isinstance(m, dict)] if isinstance(mentions, list) else []


def _retweeted_author(tweet: dict) -> tuple[str, str | None, str | None] | None:
    """Id, handle and name of the retweeted account: T0 archives embed the retweeted tweet with its
    author (``retweeted_status.user``, beeminder/uvi ``pub/archive/data/js/tweets/``); later ones don't."""
    return embedded_author(tweet, "retweeted_status")


def embedded_author(tweet: dict, key: str) -> tuple[str, str | None, str | None] | None:
    """Id, handle and name of the author of the post embedded under ``key``; None without one."""
    status = tweet.get(key)
    return user_of(status.get("user")) if isinstance(status, dict) else None


def user_of(user: object) -> tuple[str, str | None, str | None] | None:
    """Id, handle and name of a tweet's ``user`` object (T0, API v1.1); None when it names no account."""
    ref = account_id(user.get("id_str") or user.get("id")) if isinstance(user, dict) else None
    return (ref, clean_handle(user.get("screen_name")), clean_text(user.get("name"))) if ref else None


def _starts_at_rt(mention: dict) -> bool:
    """Whether the mention is the ``@handle`` of ``RT @handle:`` (indices from 3, as numbers or, since
    T1, strings): the retweeted account even when it has been renamed since and the handles differ."""
    indices = mention.get("indices")
    return isinstance(indices, list) and bool(indices) and str(indices[0]).strip() == "3"


def _retweet_chain(tweet: dict) -> dict[str, str]:
    """Each ``RT @handle`` the text starts with (``_RT_LINK``): the offset of its @, as user_mentions' indices
    give it (a string), → the handle, lowercased."""
    text = tweet.get("full_text") or tweet.get("text")
    chain, at = {}, 0
    while isinstance(text, str) and (link := _RT_LINK.match(text, at)):
        chain[str(link.start(1) - 1)], at = link.group(1).lower(), link.end()
    return chain


def _chained(mention: dict, chain: dict[str, str]) -> bool:
    """Whether the mention is one of the chain's ``@handle``: by its place in the text, or else by its handle."""
    indices = mention.get("indices")
    start = str(indices[0]).strip() if isinstance(indices, list) and indices else None
    return start in chain or clean_handle(mention.get("screen_name")) in chain.values()


def retweeted_handle(tweet: dict) -> str | None:
    """The handle in ``RT @handle: …``, the only sign of a retweet the archive keeps reliably (§2.4)."""
    text = tweet.get("full_text") or tweet.get("text")
    if not isinstance(text, str) or not text.startswith("RT @"):
        return None
    return clean_handle(text[4:].split(":", 1)[0].split()[0]) if text[4:].strip() else None


def is_retweet(tweet: dict) -> bool:
    return "retweeted_status" in tweet or retweeted_handle(tweet) is not None
