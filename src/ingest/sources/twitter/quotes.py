"""Quote tweets: whose post the owner quoted, placed once every tweets file is read (formats.md §2.4).

No archive Twitter wrote keeps the quoted post or its author's account id: a quote tweet (and a tweet linking to a
post) holds only the post's address, ``https://twitter.com/<screen name>/status/<id>``, among its links
(``tweets.py``). An account here is its numeric id, so a quoted screen name is placed the way a note tweet's mention
is (``notes.py``): when the archive's tweets tie it to exactly one id, by a mention or a reply, wherever in the
archive that tweet is (tweets.js runs newest first, the tweet tying a name may come after the quote, or in
another part file). A screen name tied to none or to several is counted in the file's note, never guessed. (A T0
archive kept current by an updater embeds the quoted post with its author's id: that quote is read with its tweet,
``tweets.py``; what is left here is links to posts, and quotes of the months before the updater.)

A placed quote is an Interaction of kind ``retweet`` ("sharing the other's post": X calls both a repost),
outgoing, at the tweet's time, its thread the tweet's id. An account the tweet already names (a reply to the
quoted author, a mention) is not counted again.

The versions of an edited post (tweets.py, ``HeldVersion``) are held with the quotes, for they may sit in several
files (tweets.js, its parts, deleted-tweets.js). Settled first: each post is counted once, as its last version
present names people and links to posts (``editTweetIds`` lists the versions in order), at the time of its first
version, when it was posted; its earlier versions are counted in their file's note.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ...columns import Columns
from ...models import Account, Interaction, Record
from .common import PLATFORM, Context, parsed_note, quarantined
from .tweets import HeldQuote, HeldVersion, Skipped, count_tweet, parse_tweet_time, tweets_note


def place_quotes(ctx: Context) -> Iterator[Record | Columns]:
    """The edited posts and the quotes held from every tweets file, as rows, then the closing note of each file
    that held them."""
    versions = [held for held in ctx.quotes if isinstance(held, HeldVersion)]
    if versions:
        ctx.quotes[:] = [held for held in ctx.quotes if not isinstance(held, HeldVersion)]
        yield from settle_edits(versions, ctx)
    accounts, interactions = Columns(Account), Columns(Interaction)
    first = Counter()  # member → tweets naming nobody else that a placed quote makes a record
    placed, unplaced = Counter(), Counter()
    for held in ctx.quotes:
        refs, missing = _refs(held, ctx)
        placed[held.member] += len(refs)
        unplaced[held.member] += missing
        first[held.member] += bool(refs) and not held.counted
        for ref in refs:
            where = dict(member=held.member, line=held.line, platform=PLATFORM, account_ref=ref)
            accounts.append(**where, handle=ctx.harvest.handle(ref), display_name=ctx.harvest.name(ref))
            interactions.append(**where, kind="retweet", direction="out", occurred_at=held.at, thread_ref=held.thread)
    yield accounts
    yield interactions
    nobody = Counter(h.member for h in ctx.quotes if not h.counted) - first  # quoting only screen names not placed
    quoting = {h.member for h in ctx.quotes}  # the others held versions of edited posts only
    for member, (read, entries, skipped, uncounted, told) in ctx.held_notes.items():
        note = tweets_note(entries, skipped + nobody[member], uncounted)
        note += _quotes_note(placed[member], unplaced[member], by_id=uncounted.quoted > 0) if member in quoting else ""
        note += told
        yield parsed_note(member, read + first[member], note, ctx, entries)
    ctx.quotes.clear()
    ctx.held_notes.clear()


def _refs(held: HeldQuote, ctx: Context) -> tuple[list[str], int]:
    """The account ids of the quoted screen names the archive ties to one id (not the owner, not named by the
    tweet already), and how many screen names it ties to none or to several."""
    refs: list[str] = []
    missing = 0
    for handle in held.handles:
        ref = ctx.harvest.ref_of(handle)
        missing += ref is None
        if ref is not None and ref != ctx.owner and ref not in held.named and ref not in refs:
            refs.append(ref)
    return refs, missing


def _quotes_note(placed: int, unplaced: int, by_id: bool) -> str:
    """``by_id``: the file's quotes were read by their author's id, those left are links to posts."""
    note = f"; {placed} quotes of others' posts read (the quoted screen name tied to its account id by other tweets)" \
        if placed or not by_id else ""
    if unplaced:
        note += (f"; {unplaced} quoted screen names that no tweet of the archive ties to one account id, skipped "
                 + ("(links to posts, which name their author by screen name only)" if by_id else
                    "(the archive keeps no id of the quoted author)"))
    return note


def settle_edits(versions: list[HeldVersion], ctx: Context) -> Iterator[Record | Columns]:
    """Each edited post as one tweet: its last version at its first version's time; its quotes held to be placed."""
    accounts, interactions = [], []
    for post in _posts(versions, ctx):
        first, last = post[0], post[-1]
        for earlier in post[:-1]:
            _tell(ctx, earlier.member, uncounted=Skipped(edits=1))
        tweet = dict(last.tweet, created_at=first.tweet.get("created_at") or last.tweet.get("created_at"))
        try:
            rows, uncounted, held = count_tweet(tweet, last.member, last.line, ctx)
        except ValueError as exc:
            _tell(ctx, last.member, read=1)
            yield quarantined(last.member, last.line, exc, last.item)
            continue
        if held is not None:
            ctx.quotes.append(held._replace(counted=bool(rows)))
        _remember_versions(rows, post, ctx)
        _tell(ctx, last.member, bool(rows), not rows and held is None and not uncounted.others, uncounted)
        for row in rows:
            (interactions if "kind" in row else accounts).append(row)
    for model, rows in ((Account, accounts), (Interaction, interactions)):
        columns = Columns(model)
        columns.append_rows(rows)
        yield columns


def _posts(versions: list[HeldVersion], ctx: Context) -> list[list[HeldVersion]]:
    """The versions of each post, first to last; a version two files hold is read once (the other is counted as
    an earlier version in its file's note)."""
    posts: dict[str, dict[str, HeldVersion]] = {}
    for version in versions:
        post = posts.setdefault(version.post, {})
        if version.version in post:
            _tell(ctx, version.member, uncounted=Skipped(edits=1))
        else:
            post[version.version] = version
    return [_in_order(list(post.values())) for post in posts.values()]


def _in_order(versions: list[HeldVersion]) -> list[HeldVersion]:
    """By ``editTweetIds`` (the longest list any version carries), then by id: X's ids grow with time."""
    place = {ref: i for i, ref in enumerate(max((v.order for v in versions), key=len))}
    return sorted(versions, key=lambda v: (place.get(v.version, len(place)), len(v.version), v.version))


def _remember_versions(rows: list[dict], post: list[HeldVersion], ctx: Context) -> None:
    """A long post's note tweet is paired with its tweet by the second of posting (notes.py): that of any version."""
    refs = [row["account_ref"] for row in rows if "kind" in row]
    for version in post if ctx.named is not None and refs else ():
        try:
            at = parse_tweet_time(version.tweet.get("created_at"))
        except ValueError:
            continue
        for ref in refs:
            ctx.remember(at, ref)


def _tell(ctx: Context, member: str, read: int = 0, skipped: int = 0, uncounted: Skipped = Skipped()) -> None:
    """Add to the closing note of a file that held versions (tweets.py: records read, entries, naming nobody)."""
    was_read, entries, was_skipped, was_uncounted, told = ctx.held_notes[member]
    ctx.held_notes[member] = (was_read + read, entries, was_skipped + skipped, was_uncounted.plus(uncounted), told)
