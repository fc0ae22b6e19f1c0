"""T0's CSV copies of the owner's tweets: ``tweets.csv`` and, in the first version (December 2012), one file a
month, ``data/csv/YYYY_MM.csv`` (formats.md §2.3).

Header ``"tweet_id","in_reply_to_status_id","in_reply_to_user_id","retweeted_status_id","retweeted_status_user_id",
"timestamp","source","text","expanded_urls"`` (Archie22is/tweet-archive data/csv/, 41 files; tweets.csv puts the
retweet columns after ``text``, adding ``retweeted_status_timestamp``). No mention ids: the JS files
(``data/js/tweets/``) are read for those, and a row is read here only when its tweet is not among them. Archie22is
keeps 6 retweets in data/csv/ alone, SOLPLPARTY/tweets 3 tweets in tweets.csv alone (2 retweets); the rest of the
rows, 10,137 and 428, repeat tweets of the JS files. Such a row names the retweeted author
(``retweeted_status_user_id``, the screen name from ``RT @name:``) or the account it replies to
(``in_reply_to_user_id``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ...columns import Columns
from ...models import Account, Interaction, MemberNote, Record
from .common import PLATFORM, UNKNOWN_OWNER, Context, account_id, parsed_note, quarantined
from .tweet_people import retweeted_handle
from .tweets import parse_tweet_time

SAME_TWEETS = "T0's CSV copy of the tweets read from data/js/tweets/*.js (with mention ids): every row read there"


def parse_csv_tweets(data: bytes, member: str, ctx: Context) -> Iterator[Record | Columns]:
    """The retweets and replies of the rows whose tweet is not among the JS files' (``ctx.every_tweet``)."""
    known = ctx.every_tweet if ctx.every_tweet is not None else set()
    accounts, interactions = Columns(Account), Columns(Interaction)
    entries = same = read = 0
    for line, row in enumerate(csv.DictReader(io.StringIO(data.decode("utf-8-sig", "replace"))), 2):
        entries += 1
        tweet_id = (row.get("tweet_id") or "").strip()
        if tweet_id in known:
            same += 1
            continue
        known.add(tweet_id)
        try:
            found = _row_records(row, member, line, ctx)
        except ValueError as exc:
            read += 1
            yield quarantined(member, line, exc, row)
            continue
        read += bool(found)
        for record in found:
            (interactions if "kind" in record else accounts).append(**record)
    yield accounts
    yield interactions
    if same == entries:
        yield MemberNote(member=member, line=0, handling="ignored", note=SAME_TWEETS)
        return
    yield parsed_note(member, read, _note(entries, same, read), ctx, entries)


def _row_records(row: dict, member: str, line: int, ctx: Context) -> list[dict]:
    """The account and interaction a row names (as ``Columns`` values); none for a row naming nobody else by id."""
    text = row.get("text") or ""
    retweeted = account_id(row.get("retweeted_status_user_id"))
    ref = retweeted or account_id(row.get("in_reply_to_user_id"))
    if ref is None or ref == ctx.owner:
        return []
    if ctx.owner is None:
        raise ValueError(f"tweet_id: {UNKNOWN_OWNER}")
    try:
        at = parse_tweet_time(row.get("timestamp"))
    except ValueError as exc:
        raise ValueError(str(exc).replace("created_at", "timestamp", 1)) from None
    handle = retweeted_handle({"text": text}) if retweeted else None
    ctx.harvest.add(ref, at, handle, None)
    where = dict(member=member, line=line, platform=PLATFORM, account_ref=ref)
    said = dict(message_text=text) if ctx.keep_text and not retweeted and text else {}
    return [dict(where, handle=ctx.harvest.handle(ref), display_name=ctx.harvest.name(ref)),
            dict(where, kind="retweet" if retweeted else "reply", direction="out", occurred_at=at,
                 thread_ref=(row.get("tweet_id") or "").strip() or None, **said)]


def _note(entries: int, same: int, read: int) -> str:
    return (f"{entries} rows, {same} of them tweets read from data/js/tweets/*.js; {entries - same} tweets only in "
            f"this file, {read} of them retweets or replies of others (the others name no account by id: not "
            "counted as records)")
