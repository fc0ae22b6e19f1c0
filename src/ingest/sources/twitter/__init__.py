"""Twitter/X archive ("Download an archive of your data"), zip or folder, every layout (formats.md §2).

Layouts, all recognised by the variable each ``.js`` file assigns, never by the archive's date:

- T0 (≤ 2018, legacy tweet archive): ``data/js/tweets/YYYY_MM.js`` (``Grailbird.data.tweets_…``);
  own tweets only, the owner in each tweet's ``user``.
- T1 (2018 – ~2020.03): ``.js`` files at the archive root, bare tweet objects, ``direct-message.js``.
- T2 (~2020 – 2022): ``data/``, ``{"tweet": …}`` wrappers, ``direct-messages.js``, ``direct-messages-group.js``.
- T3/T4 (late 2022 →): ``tweets.js`` and ``-partN`` files, ``manifest.js`` listing every file.

``account_ref`` is the numeric account id as a string (design.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from ...archive import Export
from ...columns import Columns
from ...errors import UnknownLayoutError
from ...models import Account, Interaction, MemberNote, Record
from .jsfiles import NotADataFile, Unparsable, global_name, iter_items, kind_of_global, read_member
from .layout import DIRECT, FOLLOWS, GROUP, HEADERS, NO_PREFIX, PEOPLE, STAGES, TWEETS, is_read, kind_of, note_of, part_of
from .messages import DmFile, parse_messages
from .people import Context, parse_follows, parse_manifest, parse_owner_file, parsed_note, quarantined
from .tweets import PLATFORM, tweet_owner, tweet_records

NAME = "twitter"
MAX_PROBES = 64
_CONVERSATION_ID = re.compile(rb'"conversationId"\s*:\s*"(\d+)-(\d+)"')


def detect(export: Export) -> bool:
    """A Twitter archive holds a ``.js`` file assigning ``window.YTD.…``, the manifest, or T0's ``Grailbird``."""
    candidates = [m for m in export.members() if m.lower().endswith(".js") and not m.lower().startswith("assets/")]
    candidates.sort(key=lambda m: ("data/" not in m.lower(), m))
    return any(kind_of_global(global_name(export.head(m, 512))) for m in candidates[:MAX_PROBES])


def parse(export: Export) -> Iterator[Record | Columns]:
    """Every record of the archive: the owner, tweets, follow lists, DMs; a note for every file."""
    kinds = {member: kind_of(export, member) for member in export.members()}
    read = {m: k for m, k in kinds.items() if is_read(k)}
    if not any(k.lstrip(NO_PREFIX) in PEOPLE for k in read.values()):
        raise UnknownLayoutError(export.path, f"a Twitter archive, but no file this version reads; found: "
                                 f"{', '.join(PurePosixPath(m).name for m in list(kinds)[:12])}",
                                 "download the full archive again, or report these file names")
    for member, kind in kinds.items():
        if not is_read(kind):
            yield note_of(member, kind)
    ctx = Context()
    for member, kind in sorted(read.items(), key=lambda mk: (STAGES.get(mk[1].lstrip(NO_PREFIX), 9), part_of(mk[0]), mk[0])):
        if kind in DIRECT + GROUP + tuple(HEADERS) and ctx.owner is None:
            ctx.owner = _owner_from_conversations(export, read)
        yield from _parse_member(export, member, kind, read, ctx)


def _parse_member(export: Export, member: str, kind: str, read: dict[str, str], ctx: Context) -> Iterator[Record | Columns]:
    if kind in HEADERS and any(k in HEADERS[kind] for k in read.values()):
        yield MemberNote(member=member, line=0, handling="ignored",
                         note="the same conversations as the full DM file, without their text")
        return
    data = read_member(export, member)
    try:
        yield from _records_of(data, member, kind.lstrip(NO_PREFIX), export, ctx)
    except NotADataFile as exc:
        yield quarantined(member, 0, exc, Unparsable(data[:300].decode("utf-8", "replace")))
        yield parsed_note(member, 1, "not read: the whole file is quarantined", ctx, 0)


def _records_of(data: bytes, member: str, kind: str, export: Export, ctx: Context) -> Iterator[Record | Columns]:
    if kind == "manifest":
        return parse_manifest(data, member, export.members(), ctx)
    if kind in TWEETS:
        return parse_tweets(data, member, ctx)
    if kind in FOLLOWS:
        return parse_follows(data, member, kind, ctx)
    if kind in DIRECT + GROUP + tuple(HEADERS):
        group = kind in GROUP or kind == "directmessagegroupheaders"
        return parse_messages(data, DmFile(member, ctx.owner, ctx.harvest, ctx.seen, group))
    return parse_owner_file(data, member, kind, ctx)


def parse_tweets(data: bytes, member: str, ctx: Context) -> Iterator[Record | Columns]:
    """Mentions, replies and retweets of one tweets file; tweets naming nobody else are only counted."""
    accounts, interactions = Columns(Account), Columns(Interaction)
    read = skipped = entries = 0
    for line, item in enumerate(iter_items(data, "tweet"), 1):
        entries = line
        _note_t0_owner(item, ctx)
        try:
            if isinstance(item, Unparsable):
                raise ValueError("tweet: not valid JSON (truncated or damaged file?)")
            rows = tweet_records(item, member, line, ctx.owner, ctx.harvest)
        except ValueError as exc:
            read += 1
            yield quarantined(member, line, exc, item)
            continue
        rows = _with_pending_owner(rows, member, line, ctx)
        read, skipped = read + bool(rows), skipped + (not rows)
        for row in rows:
            (interactions if "kind" in row else accounts).append(**row)
    yield accounts
    yield interactions
    note = f"{entries} tweets; {skipped} name no other account and are not counted" if skipped else f"{entries} tweets"
    yield parsed_note(member, read, note, ctx, entries)


def _note_t0_owner(item: object, ctx: Context) -> None:
    """T0 archives have no account.js: the owner is the author embedded in their own tweets."""
    found = tweet_owner(item) if not isinstance(item, Unparsable) else None
    if found and ctx.owner is None:
        ctx.owner, ctx.pending_owner = found[0], found


def _with_pending_owner(rows: list[dict], member: str, line: int, ctx: Context) -> list[dict]:
    if ctx.pending_owner is None or ctx.pending_owner[0] != ctx.owner:
        return rows
    ref, handle, name = ctx.pending_owner
    ctx.pending_owner = None
    owner = dict(member=member, line=line, platform=PLATFORM, account_ref=ref, handle=handle, display_name=name,
                 is_owner=True)
    return [owner, *rows]


def _owner_from_conversations(export: Export, read: dict[str, str]) -> str | None:
    """Without account.js or a manifest (a redacted copy, a later zip of a split delivery): the one id
    that every one-to-one conversation id ``<a>-<b>`` shares (formats.md §2.4)."""
    common: set[bytes] | None = None
    for member in (m for m, k in read.items() if k in DIRECT + GROUP + tuple(HEADERS)):
        for pair in _CONVERSATION_ID.findall(export.head(member, 1 << 20)):
            common = set(pair) if common is None else common & set(pair)
    return common.pop().decode() if common and len(common) == 1 else None


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
