"""Twitter/X archive ("Download an archive of your data"), zip or folder, every layout (formats.md §2).

Layouts, all recognised by the variable each ``.js`` file assigns, never by the archive's date:

- T0 (≤ 2018, legacy tweet archive): ``data/js/tweets/YYYY_MM.js`` (``Grailbird.data.tweets_…``);
  own tweets only, the owner in each tweet's ``user``.
- T1 (2018 – ~2020.03): ``.js`` files at the archive root, bare tweet objects, ``direct-message.js``.
- T2 (~2020 – 2022): ``data/``, ``{"tweet": …}`` wrappers, ``direct-messages.js``, ``direct-messages-group.js``.
- T3/T4 (late 2022 →): ``tweets.js`` and ``-partN`` files, ``manifest.js`` listing every file;
  ``twitter-circle-tweet.js`` (2022-2023); since 2023 ``community-tweet.js``, ``note-tweet.js`` (long posts) and
  ``contact.js`` (the uploaded address book); since late 2025 ``message-event.js`` (X Chat, encrypted DMs).

``account_ref`` is the numeric account id as a string (design.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from ..archive import Export
from ...columns import Columns
from ...errors import UnknownLayoutError
from ...models import Account, MemberNote, Record
from .common import Context, parsed_note, quarantined
from .contacts import parse_contacts
from .csvtweets import parse_csv_tweets
from .jsfiles import NotADataFile, Unparsable, read_member
from .layout import CONTACTS, CSV_TWEETS, FOLLOWS, GROUP, HEADERS, MESSAGES, NOTES, PEOPLE, STAGES, TWEETS, XCHAT, \
    base_kind, detect, is_read, kind_of, note_of, part_of
from .messages import DmFile, parse_messages
from .notes import parse_notes
from .owner import owner_from_groups, owner_from_self_replies, owner_from_user_details, shared_by_pairs
from .people import parse_follows, parse_manifest, parse_name_changes, parse_owner_file, parse_tweet_index
from .quotes import place_quotes
from .tweets import parse_tweets
from .xchat import parse_xchat

NAME = "twitter"
MULTIPART = True  # T4: a large archive arrives as twitter-<date>-<hash>-part1.zip, -part2.zip, … (formats.md §2.1)
MESSAGE_TEXT = True  # DMs' text and the text of tweets that mention or reply, kept only when the owner opts in


def parse(export: Export, message_text: bool = False) -> Iterator[Record | Columns]:
    """Every record of the archive: the owner, tweets, follow lists, DMs; a note for every file."""
    kinds = {member: kind_of(export, member) for member in export.members()}
    read = {m: k for m, k in kinds.items() if is_read(k)}
    if not any(base_kind(k) in PEOPLE for k in read.values()):
        found = [m for m, k in kinds.items() if k] + [m for m, k in kinds.items() if not k]
        raise UnknownLayoutError(export.path, "a Twitter archive, but no file this version reads; found: "
                                 + ", ".join(PurePosixPath(m).name for m in found[:12]),
                                 "download the full archive again, or report these file names")
    for member, kind in kinds.items():
        if not is_read(kind):
            yield note_of(member, kind, export)
    ctx = Context(keep_text=message_text, named={} if any(base_kind(k) in NOTES for k in read.values()) else None,
                  tweets=set() if len({base_kind(k) for k in read.values()} & set(TWEETS)) > 1 else None,
                  every_tweet=set() if any(k in CSV_TWEETS for k in read.values()) else None)
    for member, kind in sorted(read.items(), key=_reading_order):
        if STAGES.get(base_kind(kind), 9) >= STAGES["tweet"] and ctx.owner is None and not ctx.owner_searched:
            _find_owner(export, kinds, ctx)
        if STAGES.get(base_kind(kind), 9) > STAGES["tweet"] and ctx.held_notes:
            yield from place_quotes(ctx)  # every tweets file read: the quoted screen names can be placed
        yield from _parse_member(export, member, kind, read, ctx)
    if ctx.held_notes:
        yield from place_quotes(ctx)


def _reading_order(item: tuple[str, str]) -> tuple[int, int, str]:
    """The owner's files first, then tweets (names for the ids), follows, DMs; parts in part order."""
    member, kind = item
    return STAGES.get(base_kind(kind), 9), part_of(member), member


def _headers_only(kind: str, read: dict[str, str]) -> bool:
    """A ``…-headers.js`` file beside the full DM file it abridges: not read."""
    return kind in HEADERS and any(k in HEADERS[kind] for k in read.values())


def _parse_member(export: Export, member: str, kind: str, read: dict[str, str],
                  ctx: Context) -> Iterator[Record | Columns]:
    if _headers_only(kind, read):
        yield MemberNote(member=member, line=0, handling="ignored",
                         note="the same conversations as the full DM file, without their text")
        return
    data = b""
    try:
        data = read_member(export, member)
        records = _records_of(data, member, base_kind(kind), export, ctx)
        yield from _with_owner_note(records, ctx) if ctx.owner_note and base_kind(kind) in MESSAGES else records
    except NotADataFile as exc:
        yield quarantined(member, 0, exc, Unparsable(data[:300].decode("utf-8", "replace")))
        yield parsed_note(member, 1, "not read: the whole file is quarantined", ctx, 0)


def _records_of(data: bytes, member: str, kind: str, export: Export, ctx: Context) -> Iterator[Record | Columns]:
    if kind == "manifest":
        return parse_manifest(data, member, export.members(), ctx)
    if kind == "tweetindex":
        return parse_tweet_index(data, member, export.members(), ctx)
    if kind in TWEETS:
        return parse_tweets(data, member, ctx)
    if kind in NOTES:
        return parse_notes(data, member, ctx)
    if kind in CSV_TWEETS:
        return parse_csv_tweets(data, member, ctx)
    if kind in CONTACTS:
        return parse_contacts(data, member, ctx)
    if kind in FOLLOWS:
        return parse_follows(data, member, kind, ctx)
    if kind == "screennamechange":
        return parse_name_changes(data, member, ctx)
    if kind in XCHAT:
        return parse_xchat(data, member, ctx)
    if kind in MESSAGES:
        group = kind in GROUP or kind == "directmessagegroupheaders"
        return parse_messages(data, DmFile(member, ctx.owner, ctx.harvest, ctx.seen, group, ctx.keep_text))
    return parse_owner_file(data, member, kind, ctx)


def _find_owner(export: Export, kinds: dict[str, str], ctx: Context) -> None:
    """Without account.js or a manifest: the owner T0's user_details.js names, else the owner by the DM conversation
    ids, else by the group conversations, else by the owner's replies to their own tweets (owner.py), then named as
    a T0 archive's owner is, with the first tweet read."""
    ctx.owner_searched = True
    details = owner_from_user_details(export, [m for m, k in kinds.items() if k == "userdetails"])
    if details is not None:
        ctx.owner, ctx.pending_owner = details[0], details
        ctx.owner_handles.update([details[1]] if details[1] else [])
        return
    read = {m: k for m, k in kinds.items() if is_read(k)}
    if _owner_by_messages(export, read, ctx):
        return
    found = owner_from_self_replies(export, [m for m, k in read.items() if base_kind(k) in TWEETS])
    if found is not None:
        ctx.owner, handle, replies = found
        ctx.pending_owner = (ctx.owner, handle, None)
        ctx.owner_handles.update([handle] if handle else [])
        ctx.owner_note = (f"; the owner's account id read from {replies} replies to tweets of this archive (the "
                          "owner's threads: no account.js or manifest.js)")


def _owner_by_messages(export: Export, read: dict[str, str], ctx: Context) -> bool:
    """The owner by the one-to-one conversation ids, else by the group conversations (their note then says so:
    on the first tweets file, else on the first DM file read); whether found."""
    pairs = shared_by_pairs(export, [m for m, k in read.items() if k in MESSAGES])
    if pairs is not None and len(pairs) == 1:
        ctx.owner = next(iter(pairs))
        return True
    groups = [m for m, k in read.items() if _is_group(k) and not _headers_only(base_kind(k), read)]
    found = owner_from_groups(export, groups, pairs) if groups else None
    if found is None:
        return False
    ctx.owner, conversations = found
    ctx.owner_note = (f"; the owner's account id read from {conversations} group conversations, the one account in "
                      "every one of them (no account.js or manifest.js)")
    return True


def _is_group(kind: str) -> bool:
    return base_kind(kind) in GROUP or base_kind(kind) == "directmessagegroupheaders"


def _with_owner_note(records: Iterable[Record | Columns], ctx: Context) -> Iterator[Record | Columns]:
    """The file's closing note, told how the owner was found (``_owner_by_messages``)."""
    for record in records:
        if isinstance(record, MemberNote) and record.handling == "parsed" and ctx.owner_note:
            record, ctx.owner_note = record.model_copy(update={"note": record.note + ctx.owner_note}), None
        yield record


def nameless_accounts(records: Iterable[Record | Columns]) -> int:
    """How many accounts other than the owner's carry neither a handle nor a name (DMs and follows name ids only)."""
    named: set[str] = set()
    refs: set[str] = set()
    owners: set[str] = set()
    for ref, handle, name, is_owner in _account_rows(records):
        (owners if is_owner else refs).add(ref)
        if handle or name:
            named.add(ref)
    return len(refs - named - owners)


def _account_rows(records: Iterable[Record | Columns]) -> Iterator[tuple[str, str | None, str | None, bool]]:
    for record in records:
        if isinstance(record, Account):
            yield record.account_ref, record.handle, record.display_name, record.is_owner
        elif isinstance(record, Columns) and record.model is Account:
            data = record.data
            yield from zip(data["account_ref"], data["handle"], data["display_name"], data["is_owner"])
