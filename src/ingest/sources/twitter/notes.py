"""Note tweets (``note-tweet.js``, 2023 on): the full text of the owner's long posts, and whom they mention.

``{"noteTweet": {"noteTweetId", "createdAt", "updatedAt" (``2024-05-10T20:00:00.000Z``), "lifecycle", "core":
{"text", "urls", "mentions": [{"screenName", "fromIndex", "toIndex"}], "hashtags", "cashtags", "styletags"}}}``
(TheExGenesis/community-archive ``docs/archive_data.md`` lists the file, and its importer and other X-archive
importers read ``noteTweet.core.text``; code index id 53247159680 is a schema of the whole shape). The tweets.js
entry of the same post holds the text cut at about 280 characters and only the mentions before the cut.

Two quirks decide how the mentions are read:

* A mention has a screen name and no account id, and an account here is its numeric id. So a screen name
  becomes an interaction only when another file of the archive ties it to exactly one id: a tweet's
  ``user_mentions`` or ``in_reply_to_screen_name`` (follows and DMs name ids only). A screen name tied to
  none, or to several (a name given up and taken by someone else), is handled the way tweets handle a
  mention without an id: skipped beside the placed ones and counted in the file's note, and the whole note
  quarantined when it places nobody.
* Nothing ties a note to the tweet it completes: it names no tweet id, and the tweets.js entry does not
  name the note. Importers pair them by the time of posting (within a second) and the start of the text
  (community-archive's ``patchTweetsWithNoteTweets``). The text is a weak key: tweets.js escapes ``&`` as
  ``&amp;`` and replaces links with t.co ones. So a mention counts as already counted when a tweet posted
  within a second of the note was counted with the same account. An owner does not post twice to the same
  person within one second, and if it ever happens, one interaction is lost rather than one invented.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import NamedTuple

from ...columns import Columns
from ...models import Account, Interaction, Record
from .common import PLATFORM, UNKNOWN_OWNER, Context, clean_handle, clean_text, parsed_note, quarantined
from .dmfile import iso_time
from .jsfiles import Unparsable, iter_items, unwrap

NO_ID = "noteTweet.core.mentions.screenName: account id missing (no other file of the archive ties it to one account)"


class Mentions(NamedTuple):
    rows: list[dict]  # Account and Interaction rows, as ``Columns`` values, of the accounts first counted here
    repeated: int  # mentions that were already counted from the tweet the note completes
    unplaced: int  # screen names that no other file ties to one account id


def note_records(item: object, member: str, line: int, ctx: Context) -> Mentions:
    """The accounts one note tweet mentions. Raises ValueError (quarantine) when it mentions someone but
    places nobody, or cannot be placed in time."""
    note = _note(item)
    handles = ctx.others(_handles(note), lambda: iso_time(note.get("createdAt"), "noteTweet.createdAt"))
    if not handles:
        return Mentions([], 0, 0)
    if ctx.owner is None:  # a later zip of a split delivery: the owner's own screen name is not known
        raise ValueError(f"noteTweet: {UNKNOWN_OWNER}")
    refs = {handle: ctx.harvest.ref_of(handle) for handle in handles}
    placed = {ref: handle for handle, ref in refs.items() if ref}
    if not placed:
        raise ValueError(NO_ID)
    at = iso_time(note.get("createdAt"), "noteTweet.createdAt")
    new = {ref: handle for ref, handle in placed.items() if not ctx.counted(at, ref)}
    rows = _rows(new, at, note, member, line, ctx)
    return Mentions(rows, len(placed) - len(new), sum(ref is None for ref in refs.values()))


def _note(item: object) -> dict:
    if isinstance(item, Unparsable):
        raise ValueError("noteTweet: not valid JSON (truncated or damaged file?)")
    note = unwrap(item, "noteTweet")
    if not isinstance(note, dict):
        raise ValueError("noteTweet: not an object")
    return note


def _handles(note: dict) -> list[str]:
    """The screen names mentioned, in order, each once."""
    core = note.get("core")
    mentions = core.get("mentions") if isinstance(core, dict) else None
    found = (clean_handle(m.get("screenName")) for m in mentions if isinstance(m, dict)) \
        if isinstance(mentions, list) else ()
    return list(dict.fromkeys(h for h in found if h))


def _rows(refs: dict[str, str], at: datetime, note: dict, member: str, line: int, ctx: Context) -> list[dict]:
    thread = clean_text(note.get("noteTweetId"))
    core = note.get("core") if isinstance(note.get("core"), dict) else {}
    text = core.get("text") if ctx.keep_text and isinstance(core.get("text"), str) else None
    rows: list[dict] = []
    for ref, handle in refs.items():
        ctx.harvest.add(ref, at, handle, None)
        ctx.remember(at, ref)
        where = dict(member=member, line=line, platform=PLATFORM, account_ref=ref)
        rows.append(dict(where, handle=ctx.harvest.handle(ref), display_name=ctx.harvest.name(ref)))
        rows.append(dict(where, kind="mention", direction="out", occurred_at=at, thread_ref=thread,
                         **({"message_text": text} if text else {})))
    return rows


def parse_notes(data: bytes, member: str, ctx: Context) -> Iterator[Record | Columns]:
    """Mentions of one note-tweet file not counted from the tweets already; notes naming nobody new are counted."""
    accounts, interactions = Columns(Account), Columns(Interaction)
    read = skipped = repeated = unplaced = entries = 0
    for line, item in enumerate(iter_items(data, "noteTweet"), 1):
        entries = line
        try:
            found = note_records(item, member, line, ctx)
        except ValueError as exc:
            read += 1
            yield quarantined(member, line, exc, item)
            continue
        read, skipped = read + bool(found.rows), skipped + (not found.rows)
        repeated, unplaced = repeated + found.repeated, unplaced + found.unplaced
        for row in found.rows:
            (interactions if "kind" in row else accounts).append(**row)
    yield accounts
    yield interactions
    yield parsed_note(member, read, _notes_note(entries, skipped, repeated, unplaced), ctx, entries)


def _notes_note(entries: int, skipped: int, repeated: int, unplaced: int) -> str:
    note = f"{entries} note tweets (the full text of long posts)"
    if skipped:
        note += f", {skipped} of them naming nobody beyond their tweet (not counted as records)"
    if repeated:
        note += f"; {repeated} mentions counted already from the tweet each note completes"
    if unplaced:
        note += (f"; {unplaced} mentions of a screen name that no other file ties to one account id, skipped "
                 "beside placed ones")
    return note
