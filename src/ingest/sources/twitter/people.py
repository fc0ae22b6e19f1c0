"""The owner (account.js, manifest.js, profile.js, phone-number.js, screen-name-change.js) and the follow lists.

``follower.js`` and ``following.js`` (and ``twitter-circle-member.js``) hold an id (and since T2 an intent URL)
per entry: no name, no handle, no date (formats.md §2.3). They become Accounts only: an Interaction needs a time
and the export has none, so none is invented. Handles and names harvested from the tweets are put on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import msgspec

from ...columns import Columns
from ...models import Account, MemberNote, Record
from ...normalise import normalise_email
from .common import PLATFORM, UNKNOWN_OWNER, Context, account_id, clean_handle, clean_text, parsed_note, quarantined, \
    seconds_time
from .dmfile import iso_time
from .jsfiles import Unparsable, decode_array, iter_items, load_value, manifest_count, manifest_files, unwrap


def parse_owner_file(data: bytes, member: str, kind: str, ctx: Context) -> Iterator[Record]:
    """account.js, profile.js or phone-number.js: one owner Account per entry."""
    records = [_owner_entry(item, member, line, kind, ctx) for line, item in enumerate(iter_items(data), 1)]
    yield from records
    yield parsed_note(member, len(records), "the owner", ctx, len(records), owner_only=True)


OWNER_KEYS = {"account": "account", "profile": "profile", "phonenumber": "device"}  # each entry's wrapper


def _owner_entry(item: object, member: str, line: int, kind: str, ctx: Context) -> Record:
    entry = unwrap(item, OWNER_KEYS[kind])
    entry = entry if isinstance(entry, dict) else {}
    try:
        ref = _owner_ref(entry, kind, ctx)
    except ValueError as exc:
        return quarantined(member, line, exc, item)
    fields = _owner_fields(entry, kind)
    if fields.get("handle"):  # a note tweet's mention of it is the owner's own name, no one else's
        ctx.owner_handles.add(fields["handle"])
    return Account(member=member, line=line, platform=PLATFORM, account_ref=ref, is_owner=True, **fields)


def _owner_ref(entry: dict, kind: str, ctx: Context) -> str:
    """account.js names the owner; profile.js and phone-number.js belong to whoever it names."""
    if kind != "account":
        if ctx.owner is None:
            raise ValueError(f"{OWNER_KEYS[kind]}: {UNKNOWN_OWNER}")
        return ctx.owner
    return _one_owner(account_id(entry.get("accountId")), "account.accountId", ctx)


def parse_name_changes(data: bytes, member: str, ctx: Context) -> Iterator[Record]:
    """screen-name-change.js: the owner's former screen names, each with the span the owner held it, so that a link to
    the owner's own post under a former name is not taken for someone else's (``Context.others``); and the owner,
    by id, for an archive that holds no account.js or manifest (a data folder given in part)."""
    changes: list[tuple[datetime, str | None, str | None]] = []
    refused: list[Record] = []
    for line, item in enumerate(iter_items(data, "screenNameChange"), 1):
        try:
            changes.append(_name_change(item, ctx))
        except ValueError as exc:
            refused.append(quarantined(member, line, exc, item))
    yield from refused
    changes.sort(key=lambda change: change[0])
    _add_former_handles(changes, ctx)
    if changes and ctx.owner is not None:
        current = next((to for _, _, to in reversed(changes) if to), None)
        yield Account(member=member, line=1, platform=PLATFORM, account_ref=ctx.owner, is_owner=True, handle=current)
    note = f"{len(changes) + len(refused)} changes of the owner's screen name (no other person)"
    yield parsed_note(member, len(refused) + bool(changes and ctx.owner), note, ctx, len(changes) + len(refused),
                      owner_only=True)


# {"screenNameChange": {"accountId", "screenNameChange": {"changedAt", "changedFrom", "changedTo"}}} in every vintage
# (22 published archives of 2019-2026, rust-utilities/twitter-archive screen_name_change.rs); changedAt ISO
# ("2019-03-20T17:53:46.000Z"), or seconds since 1970 in the 2018 archive ("1346923039", natalieacpm/na)
def _name_change(item: object, ctx: Context) -> tuple[datetime, str | None, str | None]:
    entry = unwrap(item, "screenNameChange")
    entry = entry if isinstance(entry, dict) else {}
    change = entry.get("screenNameChange") if isinstance(entry.get("screenNameChange"), dict) else {}
    before, after = clean_handle(change.get("changedFrom")), clean_handle(change.get("changedTo"))
    if isinstance(item, Unparsable) or not (before or after):
        raise ValueError("screenNameChange.changedFrom: missing, and changedTo too")
    at = change.get("changedAt")
    at = seconds_time(at, "screenNameChange.changedAt") if isinstance(at, str) and at.isdigit() else \
        iso_time(at, "screenNameChange.changedAt")
    ref = account_id(entry.get("accountId"))
    if ref is not None or ctx.owner is None:  # a blank id in a redacted copy: the file is the owner's all the same
        _one_owner(ref, "screenNameChange.accountId", ctx)
    return at, before, after


def _add_former_handles(changes: list[tuple[datetime, str | None, str | None]], ctx: Context) -> None:
    """Each name held from the change to it until the change from it (in time order; None: open)."""
    for i, (at, before, after) in enumerate(changes):
        later = changes[i + 1][0] if i + 1 < len(changes) else None
        if before:
            ctx.former_handles.setdefault(before, []).append((changes[i - 1][0] if i else None, at))
        if after:
            ctx.former_handles.setdefault(after, []).append((at, later))


def _one_owner(ref: str | None, name: str, ctx: Context) -> str:
    """The owner's id; a second, different one is refused, so that the owner stays one account."""
    if ref is None:
        raise ValueError(f"{name}: missing or not numeric")
    if ctx.owner not in (None, ref):
        raise ValueError(f"{name}: differs from the owner's id read before")
    ctx.owner = ref
    return ref


def _owner_fields(entry: dict, kind: str) -> dict:
    # Public re-uploads are often redacted: every field is optional (formats.md §2.3). The T1
    # account.js carried the phone number; later archives keep it in phone-number.js.
    if kind == "account":
        return {"handle": clean_handle(entry.get("username")),
                "display_name": clean_text(entry.get("accountDisplayName")),
                "email": normalise_email(clean_text(entry.get("email"))),
                "phone": clean_text(entry.get("phoneNumber"))}
    if kind == "phonenumber":
        return {"phone": clean_text(entry.get("phoneNumber"))}
    return {}


def parse_manifest(data: bytes, member: str, members: list[str], ctx: Context) -> Iterator[Record]:
    """T4's table of contents: the owner (``userInfo``), the entries each file should hold, missing parts."""
    manifest = load_value(data)
    manifest = manifest if isinstance(manifest, dict) else {}
    present = set(members)
    listed = manifest_files(manifest, member, present)
    ctx.expected.update({f.member: f.count for f in listed if f.count is not None})
    missing = sorted(f.member for f in listed if f.member not in present)
    note = f"archive manifest listing {len(listed)} files"
    if missing:
        note += f"; {len(missing)} not in this export (another zip of a split delivery?): {', '.join(missing[:10])}"
    user = manifest.get("userInfo") if isinstance(manifest.get("userInfo"), dict) else {}
    if user.get("accountId") in (None, ""):
        owner = _unnumbered_owner(user, member, ctx)
        yield from owner
        yield MemberNote(member=member, line=0, handling="parsed", note=note + "; no owner's account id in it",
                         records_read=len(owner))
        return
    try:
        ref = _one_owner(account_id(user.get("accountId")), "userInfo.accountId", ctx)
    except ValueError as exc:
        yield quarantined(member, 1, exc, user)
    else:
        yield _manifest_owner(user, ref, member, ctx)
    yield MemberNote(member=member, line=0, handling="parsed", note=note, records_read=1)


# A blank ``"accountId" : ""`` beside the owner's screen name and name (Datenquelle/Twitter-Archive data/manifest.js,
# 2022, whose account.js holds the id but ``"accountDisplayName" : ""``): the id is account.js's, as where the
# manifest has no userInfo, and the manifest's names go to that owner; nothing to refuse. Without account.js no file
# names the owner's id: the screen name still tells the owner's own mentions from others'.
def _unnumbered_owner(user: dict, member: str, ctx: Context) -> list[Account]:
    if ctx.owner is None:
        handle = clean_handle(user.get("userName"))
        ctx.owner_handles.update([handle] if handle else [])
        return []
    owner = _manifest_owner(user, ctx.owner, member, ctx)
    return [owner] if owner.handle or owner.display_name else []


def _manifest_owner(user: dict, ref: str, member: str, ctx: Context) -> Account:
    handle = clean_handle(user.get("userName"))
    ctx.owner_handles.update([handle] if handle else [])
    return Account(member=member, line=1, platform=PLATFORM, account_ref=ref, is_owner=True,
                   handle=handle, display_name=clean_text(user.get("displayName")))


def parse_tweet_index(data: bytes, member: str, members: list[str], ctx: Context) -> Iterator[MemberNote]:
    """T0's ``data/js/tweet_index.js``: the monthly tweet files and how many tweets each holds. Copies of these
    archives published whole often lack some months (the index lists them, the folder does not hold them)."""
    index = load_value(data)
    present = set(members)
    listed = {}
    for entry in index if isinstance(index, list) else []:
        name = entry.get("file_name") if isinstance(entry, dict) else None
        if isinstance(name, str) and name.strip("/"):
            count = str(entry.get("tweet_count", "")).strip()
            listed[_t0_member(name.lstrip("/"), member, present)] = manifest_count(count)
    ctx.index_name = "tweet_index.js"
    ctx.expected.update({m: count for m, count in listed.items() if count is not None})
    missing = sorted(m for m in listed if m not in present)
    note = f"T0 index listing {len(listed)} monthly tweet files"
    if missing:
        names = ", ".join(m.rsplit("/", 1)[-1] for m in missing[:10])
        note += f"; {len(missing)} missing from this copy (an incomplete copy of the archive?): {names}"
    yield MemberNote(member=member, line=0, handling="parsed", note=note, records_read=0)


def _t0_member(name: str, index_member: str, present: set[str]) -> str:
    # The index names each file from the archive's root (data/js/tweets/2013_05.js) and sits in data/js/
    # itself; given the js/ folder alone, the files are beside the index, under tweets/.
    folder = index_member.rsplit("/", 1)[0] + "/" if "/" in index_member else ""
    root = folder.removesuffix("data/js/") if folder.endswith("data/js/") else folder
    beside = folder + name.removeprefix("data/js/")
    return beside if root + name not in present and beside in present else root + name


# Each list's wrapper and id keys. twitter-circle-member.js (2022-2023, beside twitter-circle-tweet.js):
# {"twitterCircleMember": {"id" (the member's account id, the user_id of userLink), "twitterCircleId", "userLink"}},
# the people the owner let see their Circle posts, no date (rachiehockey/jmhennertwitter twitter-circle-member.js)
_FOLLOW_KEYS = {"follower": ("follower", "accountId"), "following": ("following", "accountId"),
                "twittercirclemember": ("twitterCircleMember", "id")}
_FOLLOW_NOTES = {"follower": "followers", "following": "accounts followed",
                 "twittercirclemember": "members of the owner's Twitter Circle"}


def parse_follows(data: bytes, member: str, kind: str, ctx: Context) -> Iterator[Record | Columns]:
    """follower.js / following.js / twitter-circle-member.js: an Account per entry, with whatever name the
    tweets gave it.

    Gathered column by column: tens of thousands of entries, each a few values (row by row, building
    the row cost more than reading it)."""
    read = _decoded_follows(data, kind, ctx) or _read_follows(data, member, kind, ctx)
    lines, refs, links, quarantine, entries = read
    yield from quarantine
    handle, name = ctx.harvest.handle, ctx.harvest.name
    rows = Columns(Account)
    rows.extend({"line": lines, "account_ref": refs, "profile_url": [clean_text(link) for link in links],
                 "handle": [handle(ref) for ref in refs], "display_name": [name(ref) for ref in refs]},
                member=member, platform=PLATFORM)
    yield rows
    note = f"{_FOLLOW_NOTES[kind]}: accounts only, the export gives no date"
    yield parsed_note(member, entries, note, ctx, entries)


class _Entry(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    accountId: str
    userLink: str | None = None


class _Follower(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    follower: _Entry


class _Following(msgspec.Struct, gc=False, forbid_unknown_fields=True):
    following: _Entry


# follower.js and following.js of every vintage that has them (2019 to 2024 here) hold entries of exactly this
# shape: {"follower": {"accountId": "…", "userLink": "…"}}, decoded whole in one pass, a third of the cost
# of one JSON value per element. Any other key or type, a damaged element or an entry to quarantine, and
# the file is read element by element (``_read_follows``), which says what is wrong with each entry.
_SHAPES = {"follower": _Follower, "following": _Following}


def _decoded_follows(data: bytes, kind: str, ctx: Context) -> tuple | None:
    decoded = decode_array(data, _SHAPES[kind]) if kind in _SHAPES else None
    if decoded is None:
        return None
    entries = [getattr(item, kind) for item in decoded]
    refs = [account_id(entry.accountId) for entry in entries]
    if None in refs or ctx.owner in refs:
        return None
    return list(range(1, len(refs) + 1)), refs, [entry.userLink for entry in entries], [], len(refs)


def _read_follows(data: bytes, member: str, kind: str, ctx: Context) -> tuple:
    lines, refs, links, quarantine, entries = [], [], [], [], 0
    wrapper, key = _FOLLOW_KEYS[kind]
    for line, item in enumerate(iter_items(data, wrapper), 1):
        entries = line
        entry = unwrap(item, wrapper)
        ref = account_id(entry.get(key)) if isinstance(entry, dict) else None
        if ref is None or ref == ctx.owner:
            problem = "not valid JSON" if isinstance(item, Unparsable) else "missing, not numeric or the owner's"
            quarantine.append(quarantined(member, line, ValueError(f"{wrapper}.{key}: {problem}"), item))
            continue
        lines.append(line), refs.append(ref), links.append(entry.get("userLink"))
    return lines, refs, links, quarantine, entries
