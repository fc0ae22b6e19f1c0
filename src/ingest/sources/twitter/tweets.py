"""The owner's tweets: mentions, replies and retweets of other accounts (formats.md §2.3, §2.4).

Read from ``tweet.js`` (T1, bare objects; T2, ``{"tweet": …}``), ``tweets.js`` and ``tweets-partN.js``
(T3 and later), ``deleted-tweets.js`` (T4, same shape with ``deleted_at``), ``community-tweet.js`` (T4, the
owner's posts in communities: same shape with ``community_id_str`` and ``scopes``; TheExGenesis/community-archive
``docs/archive_data.md``), ``twitter-circle-tweet.js`` (2022-2023, the owner's posts to their Twitter Circle: same
shape with ``limited_actions``) and the legacy ``data/js/tweets/YYYY_MM.js`` (T0). A tweet is a record here only
when it names another account; the others are counted in the file's note. A circle tweet may be in tweets.js as
well: where the archive holds more than one kind of tweets file, a tweet id read before is refused as repeated.
A tweet quoting another's post names its author by screen name only: it is held and placed once every tweets file
is read (``quotes.py``); where the tweet embeds the quoted post (``quoted_status``, T0 archives kept current by an
updater), its author's id is read with the tweet. Such an updater kept posts of other accounts too: read as
their authors' (others.py). A post edited (2022 on) is in the archive once per version: each version is held and
the post counted once every tweets file is read (``quotes.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from functools import lru_cache
from typing import NamedTuple

from ...columns import Columns
from ...models import Account, Interaction, Record
from .common import FIRST_YEAR, PLATFORM, UNKNOWN_OWNER, Context, Harvest, account_id, clean_text, \
    parsed_note, quarantined
from .jsfiles import Unparsable, iter_items, unwrap
from .others import Entry, other_author, others_entries, others_note
from .tweet_people import add_quoted, embedded_author, is_retweet, people_named, user_of

_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
# A quoted post, in the archives Twitter wrote: no ``quoted_status`` (nor its author's id), only the quoted post's
# address among the tweet's links, ``entities.urls[].expanded_url``: ``https://twitter.com/<screen name>/status/<id>``
# (x.com since 2023; Grailbird escapes the slashes, which the JSON parser undoes). Seen in alrocar/x and
# andreruffert/twitter ``data/tweets.js`` (a tenth of their tweets), 06b/Twitter-Archive ``data/js/tweets/``.
# ``/i/web/status/<id>`` names no one (``i`` is no account).
# A T0 archive kept current by an updater (2016-2020: CleverClogs/cleverclogs.github.io, LeeFallin/twitter,
# IaninSheffield/MyTweets, SOLPLPARTY/tweets ``data/js/tweets/YYYY_MM.js``) holds API v1.1 tweets, the quoted post
# embedded as ``quoted_status`` with its author (``user.id_str``, ``screen_name``, ``name``); most of those tweets
# are ``truncated``, their only link ``/i/web/status/<id>``: the embedded author is the quote's only trace.
_STATUS = re.compile(r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w{1,15})/status(?:es)?/\d+", re.ASCII | re.I)
_NO_ACCOUNT = frozenset({"i", "intent", "search", "hashtag", "home"})
# A T0 (Grailbird) archive gives every tweet of before Twitter's Snowflake ids (4 November 2010) its day alone:
# ``"created_at" : "2009-07-30 00:00:00 +0000"``, while each later one has its time (a-know/tweets: 3,190 of 46,173
# tweets, hotoo/twitter: 3,719 of 5,570, ``data/js/tweets/YYYY_MM.js``; their last such tweet of 4 November 2010, the
# first with a time of the 5th). Read at 00:00 UTC of that day, as a date alone is elsewhere (an all-day event), and
# counted in the file's note. T1 and later archives give those tweets their time.
_TIMED_SINCE = "2010-11-05"
# Since X let posts be edited (2022), tweets.js holds each version of an edited post as a tweet ("up to 5 edited
# tweets with unique editTweetIds, all connected by the initialTweetID", X's data/README.txt in mkommar/twitter;
# deleted-tweets.js may hold some): the first with ``edit_info.initial.editTweetIds`` listing every version, the
# later ones with ``edit_info.edit.initialTweetId`` and that list under ``editControlInitial`` (alrocar/x
# data/tweets.js: 5 posts, 10 versions); every other tweet with ``initial`` and its own id alone. Read as tweets, a
# reply edited twice was three replies.


class Skipped(NamedTuple):
    """What a tweet names that is not counted: ``-1`` ids, and accounts named only inside retweeted text; and the
    quoted authors read by the id of their embedded post (``quoted_status``), whether it is another account's
    tweet an updater kept, retweeted by the owner or not (others.py), and whether it is an earlier version of an
    edited post (or a copy of a version), for the file's note."""

    ids: int = 0
    inside: int = 0
    quoted: int = 0
    others: int = 0
    shared: int = 0
    edits: int = 0

    def plus(self, other: Skipped) -> Skipped:
        return Skipped(*(a + b for a, b in zip(self, other)))


_NOTHING = Skipped()


class HeldQuote(NamedTuple):
    """A tweet quoting, or linking to, posts of others: placed once every tweets file is read (quotes.py)."""

    member: str
    line: int
    at: datetime
    thread: str | None
    handles: tuple[str, ...]  # the quoted screen names, lowercased, not the owner's
    named: frozenset[str]  # accounts the tweet named itself (mentions, reply): not counted twice
    counted: bool = False  # a record already (it names someone else, or carries the T0 owner's account)


class HeldVersion(NamedTuple):
    """A version of an edited post: the post is counted once every tweets file is read (quotes.py)."""

    member: str
    line: int
    item: object  # the entry as read, for the quarantine
    tweet: dict
    version: str  # its own id
    post: str  # the id of the post's first version (``initialTweetId``)
    order: tuple[str, ...]  # the ids of the post's versions, first to last (``editTweetIds``)


def parse_tweet_time(text: object) -> datetime:
    """UTC of ``Sat Aug 12 16:10:37 +0000 2023`` (T1 and later) or ``2013-05-02 18:11:05 +0000`` (T0; its tweets of
    before November 2010 at ``00:00:00``, their day alone: ``is_date_only``)."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("created_at: missing")
    parts = text.split()
    try:
        if len(parts) == 6:
            day = datetime(int(parts[5]), _MONTHS[parts[1][:3].lower()], int(parts[2]),
                           *map(int, parts[3].split(":")))
        elif len(parts) == 3:
            day = datetime(*map(int, parts[0].split("-")), *map(int, parts[1].split(":")))
        else:
            raise ValueError
        at = day - _offset(parts[-2] if len(parts) == 6 else parts[-1])
    except (ValueError, KeyError, TypeError):
        raise ValueError("created_at: date in no known format") from None
    if at.year < FIRST_YEAR:
        raise ValueError(f"created_at: a year before {FIRST_YEAR} (a known export bug)")
    return at


def is_date_only(text: object) -> bool:
    """Whether a T0 ``created_at`` gives the day alone (a tweet of before November 2010; ``_TIMED_SINCE``)."""
    return isinstance(text, str) and len(text) == 25 and text[4] == "-" and text[11:19] == "00:00:00" and \
        text[:10] < _TIMED_SINCE


@lru_cache(maxsize=64)  # an archive writes one or two (``+0000``): a timedelta each, not one per tweet
def _offset(zone: str) -> timedelta:
    if len(zone) != 5 or zone[0] not in "+-" or not zone[1:].isdigit():
        raise ValueError
    delta = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
    return delta if zone[0] == "+" else -delta


def tweet_owner(item: object) -> tuple[str, str | None, str | None] | None:
    """The author embedded in a T0 tweet (``user``): the owner's id, handle and name."""
    tweet = unwrap(item, "tweet")
    return user_of(tweet.get("user")) if isinstance(tweet, dict) else None


def tweet_records(item: object, member: str, line: int, owner: str | None,
                  harvest: Harvest, counted: set[str] | None = None) -> tuple[list[dict], Skipped]:
    """Account and Interaction rows (as ``Columns`` values) for the accounts a tweet names, and what it skipped:
    ``-1`` ids (timhutton: "some ids are -1, not sure why") beside valid ones, and accounts named only inside the
    text it retweets; no rows when it names nobody else.

    Raises ValueError (quarantine) when it names someone but cannot be placed in time, when every
    account it names is ``-1``, or when its id is in ``counted`` (the ids of the tweets counted so far,
    when the archive may hold a tweet twice), which it joins otherwise.
    """
    tweet = unwrap(item, "tweet")
    if not isinstance(tweet, dict):
        raise ValueError("tweet: not an object")
    entries, bogus, uncounted = _entries(tweet, owner)
    if not entries:
        if bogus:
            raise ValueError(f"{bogus[0]}: -1, not an account")
        return [], uncounted
    if owner is None:  # a later zip of a split delivery: the owner's own @-name cannot be told apart
        raise ValueError(f"tweet: {UNKNOWN_OWNER}")
    at = parse_tweet_time(tweet.get("created_at"))
    thread = clean_text(tweet.get("id_str")) or account_id(tweet.get("id"))
    if counted is not None and thread is not None:
        if thread in counted:
            raise ValueError("id_str: a tweet already read from another tweets file of the archive")
        counted.add(thread)
    rows: list[dict] = []
    for ref, kind, direction, handle, name in entries:
        harvest.add(ref, at, handle, name)
        where = dict(member=member, line=line, platform=PLATFORM, account_ref=ref)
        if not rows or rows[-2]["account_ref"] != ref:  # the author of another's post: one account, two rows
            rows.append(dict(where, handle=harvest.handle(ref), display_name=harvest.name(ref)))
        rows.append(dict(where, kind=kind, direction=direction, occurred_at=at, thread_ref=thread))
    return rows, uncounted._replace(ids=len(bogus))


def _entries(tweet: dict, owner: str | None) -> tuple[list[Entry], list[str], Skipped]:
    """(account id, kind, direction, handle, name) for everyone the tweet addresses or who addresses the owner; the
    fields whose id was no account; what it names uncounted. Another account's post an updater kept (T0) is read
    as that account's (others.py)."""
    author = other_author(tweet, owner) if "user" in tweet else None  # later tweets: one look-up
    if author is not None:
        entries, shared, inside = others_entries(tweet, author, owner)
        return entries, [], Skipped(inside=inside, others=1, shared=int(shared))
    people, bogus, inside = people_named(tweet, owner)
    quoted = add_quoted(tweet, people, owner) if "quoted_status" in tweet else 0
    entries = [(ref, kind, "out", handle, name) for ref, (kind, handle, name) in people.items()]
    return entries, bogus, Skipped(0, inside, quoted if entries else 0)


def parse_tweets(data: bytes, member: str, ctx: Context) -> Iterator[Record | Columns]:
    """Mentions, replies and retweets of one tweets file; tweets naming nobody else are only counted."""
    accounts, interactions = [], []  # rows, gathered into Columns once the file is read
    read = skipped = entries = holding = undated = 0
    uncounted_all = Skipped()
    told, ctx.owner_note = ctx.owner_note or "", None
    for line, item in enumerate(iter_items(data, "tweet"), 1):
        entries = line
        if ctx.owner is None:  # T0: sought in the tweets until found
            _note_t0_owner(item, ctx)
        if ctx.every_tweet is not None:
            _note_id(item, ctx.every_tweet)
        tweet = unwrap(item, "tweet")
        if type(tweet) is dict and "edit_info" in tweet and (version := edited_post(tweet)) is not None:
            ctx.quotes.append(HeldVersion(member, line, item, tweet, *version))  # counted once every file is read
            holding += 1
            continue
        try:
            if isinstance(item, Unparsable):
                raise ValueError("tweet: not valid JSON (truncated or damaged file?)")
            rows, uncounted, held = count_tweet(tweet, member, line, ctx)
        except ValueError as exc:
            read += 1
            yield quarantined(member, line, exc, item)
            continue
        if held is not None:
            ctx.quotes.append(held._replace(counted=bool(rows)))
            holding += 1
        undated += (bool(rows) or held is not None) and _date_only(item)
        read, skipped = read + bool(rows), skipped + (not rows and held is None and not uncounted.others)
        uncounted_all = uncounted_all.plus(uncounted) if uncounted != _NOTHING else uncounted_all
        for row in rows:
            (interactions if "kind" in row else accounts).append(row)
    yield _columns(Account, accounts)
    yield _columns(Interaction, interactions)
    told = date_only_note(undated) + told
    if holding:
        ctx.held_notes[member] = (read, entries, skipped, uncounted_all, told)  # closed once quotes are placed
        return
    note = tweets_note(entries, skipped, uncounted_all) + told
    yield parsed_note(member, read, note, ctx, entries)


def count_tweet(tweet: object, member: str, line: int, ctx: Context) -> tuple[list[dict], Skipped, HeldQuote | None]:
    """The rows of one tweet (unwrapped; the T0 owner's account first, once), what it skipped, and its quotes of
    others' posts to place later. Raises ValueError (quarantine) as ``tweet_records`` and ``_held_quote`` do."""
    rows, uncounted = tweet_records(tweet, member, line, ctx.owner, ctx.harvest, ctx.tweets)
    held = _held_quote(tweet, rows, member, line, ctx)
    rows = _with_pending_owner(rows, member, line, ctx)
    if ctx.named is not None:
        _remember(rows, ctx)
    if ctx.keep_text:
        _add_text(rows, tweet)
    return rows, uncounted, held


def edited_post(tweet: dict) -> tuple[str, str, tuple[str, ...]] | None:
    """The tweet's id, the id of its post's first version and the ids of every version, when it is a version of a
    post edited; None for a tweet never edited (``editTweetIds`` its own id alone) and an ``edit_info`` not read."""
    info = tweet.get("edit_info")
    initial = info.get("initial") if type(info) is dict else None
    if initial is not None:  # the first version, or a post never edited (every tweet of 2022 on): the hot path
        ids = initial.get("editTweetIds") if type(initial) is dict else None
        if type(ids) is not list or len(ids) < 2:
            return None
    own = clean_text(tweet.get("id_str")) or account_id(tweet.get("id"))
    post, ids = (own, ids) if initial is not None else _later_version(info.get("edit") if type(info) is dict else None)
    order = tuple(ref for ref in map(account_id, ids) if ref) if type(ids) is list else ()
    post = post or next(iter(order), None)
    return (own, post, order) if own and post else None


def _later_version(edit: object) -> tuple[str | None, object]:
    """``edit_info.edit`` of a version after the first: the first's id, and every version's ids."""
    if type(edit) is not dict:
        return None, None
    control = edit.get("editControlInitial")
    return account_id(edit.get("initialTweetId")), control.get("editTweetIds") if type(control) is dict else None


def _columns(model: type[Record], rows: list[dict]) -> Columns:
    columns = Columns(model)
    columns.append_rows(rows)
    return columns


def quoted_handles(tweet: dict) -> list[str]:
    """The screen names whose posts the tweet links to (a quote, or a link to a post), each once, in order."""
    entities = tweet.get("entities")
    urls = entities.get("urls") if isinstance(entities, dict) else None
    if not urls or not isinstance(urls, list):
        return []
    found = []
    for url in urls:
        link = url.get("expanded_url") if isinstance(url, dict) else None
        match = _STATUS.match(link) if isinstance(link, str) and "/status" in link else None
        if match and match.group(1).lower() not in _NO_ACCOUNT:
            found.append(match.group(1).lower())
    return list(dict.fromkeys(found))


def _held_quote(tweet: dict, rows: list[dict], member: str, line: int, ctx: Context) -> HeldQuote | None:
    """The tweet's quotes of others' posts, to place once every tweets file is read; None when it quotes nobody
    but the owner (a thread) or is a retweet (its links are the original author's). Raises ValueError like
    ``tweet_records`` when a tweet that names nobody else quotes someone but cannot be placed in time, or is
    a repeat."""
    entities = tweet.get("entities")
    if not isinstance(entities, dict) or not entities.get("urls") or is_retweet(tweet) or \
            ("user" in tweet and other_author(tweet, ctx.owner)):
        return None  # most tweets: no link at all; another's post links to posts for its author (others.py)
    # a link to the owner's own post under a former screen name is the owner's thread too (screen-name-change.js)
    handles = tuple(ctx.others(_linked_handles(tweet), lambda: parse_tweet_time(tweet.get("created_at"))))
    if not handles:
        return None
    thread = clean_text(tweet.get("id_str")) or account_id(tweet.get("id"))
    if not rows:  # tweet_records left it uncounted: what it does for a tweet naming someone, done here
        if ctx.owner is None:
            raise ValueError(f"tweet: {UNKNOWN_OWNER}")
        at = parse_tweet_time(tweet.get("created_at"))
        if ctx.tweets is not None and thread is not None:
            if thread in ctx.tweets:
                raise ValueError("id_str: a tweet already read from another tweets file of the archive")
            ctx.tweets.add(thread)
    else:
        at = next(row["occurred_at"] for row in rows if "kind" in row)
    named = frozenset(row["account_ref"] for row in rows if "kind" in row)
    return HeldQuote(member, line, at, thread, handles, named)


def _linked_handles(tweet: dict) -> list[str]:
    """The screen names of the posts the tweet links to, but the quoted author read by id (``add_quoted``)."""
    handles = quoted_handles(tweet)
    author = embedded_author(tweet, "quoted_status") if handles and "quoted_status" in tweet else None
    return [h for h in handles if h != author[1]] if author else handles


def _remember(rows: list[dict], ctx: Context) -> None:
    """Whom the tweet was counted with, for the note tweet that may complete it (notes.py)."""
    for row in rows:
        if "kind" in row:
            ctx.remember(row["occurred_at"], row["account_ref"])


def _add_text(rows: list[dict], tweet: dict) -> None:
    """The tweet's text on its mentions and replies (written to those people); a retweet's is someone else's."""
    text = tweet.get("full_text") or tweet.get("text")
    for row in rows:
        if row.get("kind") in ("mention", "reply") and isinstance(text, str):
            row["message_text"] = text


def tweets_note(entries: int, skipped: int, uncounted: Skipped) -> str:
    note = f"{entries} tweets"
    if skipped:
        note += f", {skipped} of them naming no other account (not counted as records)"
    if uncounted.ids:
        note += f"; {uncounted.ids} mentions or replies with the account id -1 skipped beside valid ones"
    if uncounted.inside:
        note += (f"; {uncounted.inside} accounts named only inside retweeted text, not the owner's mentions (not "
                 "counted)")
    if uncounted.quoted:
        note += f"; {uncounted.quoted} quotes of others' posts read by the quoted author's id (quoted_status)"
    if uncounted.edits:
        note += f"; {uncounted.edits} earlier versions of edited posts: each post counted once, as last edited"
    return note + others_note(uncounted.others, uncounted.shared) if uncounted.others else note


def _date_only(item: object) -> bool:
    tweet = unwrap(item, "tweet")
    return isinstance(tweet, dict) and is_date_only(tweet.get("created_at"))


def date_only_note(undated: int) -> str:
    """The part of a tweets file's note that counts the tweets read with their day alone (``is_date_only``)."""
    if not undated:
        return ""
    tweets, carry, their = ("tweet", "carries", "its") if undated == 1 else ("tweets", "carry", "their")
    return f"; {undated} {tweets} of before late 2010 {carry} a date only: read at 00:00 UTC, {their} time unknown"


def _note_id(item: object, ids: set[str]) -> None:
    """The tweet's id, for the CSV copy of the tweets (csvtweets.py)."""
    tweet = unwrap(item, "tweet")
    ref = (clean_text(tweet.get("id_str")) or account_id(tweet.get("id"))) if isinstance(tweet, dict) else None
    ids.update([ref] if ref else [])


def _note_t0_owner(item: object, ctx: Context) -> None:
    """T0 archives have no account.js: the owner is the author embedded in their own tweets."""
    found = tweet_owner(item) if not isinstance(item, Unparsable) else None
    if found and ctx.owner is None:
        ctx.owner, ctx.pending_owner = found[0], found
        ctx.owner_handles.update([found[1]] if found[1] else [])  # the owner's links to their own posts


def _with_pending_owner(rows: list[dict], member: str, line: int, ctx: Context) -> list[dict]:
    if ctx.pending_owner is None or ctx.pending_owner[0] != ctx.owner:
        return rows
    ref, handle, name = ctx.pending_owner
    ctx.pending_owner = None
    owner = dict(member=member, line=line, platform=PLATFORM, account_ref=ref, handle=handle, display_name=name,
                 is_owner=True)
    return [owner, *rows]
