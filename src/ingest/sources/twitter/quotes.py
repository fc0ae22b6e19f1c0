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
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ...columns import Columns
from ...models import Account, Interaction, Record
from .common import PLATFORM, Context, parsed_note
from .tweets import HeldQuote, tweets_note


def place_quotes(ctx: Context) -> Iterator[Record | Columns]:
    """The quotes held from every tweets file, as rows, then the closing note of each file that held them."""
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
    for member, (read, entries, skipped, uncounted, told) in ctx.held_notes.items():
        note = tweets_note(entries, skipped + nobody[member], uncounted)
        note += _quotes_note(placed[member], unplaced[member], by_id=uncounted.quoted > 0) + told
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
