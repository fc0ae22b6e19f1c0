"""The owner (account.js, manifest.js, profile.js, phone-number.js) and the follow lists.

``follower.js`` and ``following.js`` hold an id (and since T2 an intent URL) per entry: no name, no
handle, no date (formats.md §2.3). They become Accounts only: an Interaction needs a time and the
export has none, so none is invented. Handles and names harvested from the tweets are put on them.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from ...columns import Columns
from ...models import Account, MemberNote, Record
from ...normalise import normalise_email
from .common import PLATFORM, UNKNOWN_OWNER, Context, account_id, clean_handle, clean_text, parsed_note, quarantined
from .jsfiles import Unparsable, decode_array, iter_items, load_value, manifest_files, unwrap


def parse_owner_file(data: bytes, member: str, kind: str, ctx: Context) -> Iterator[Record]:
    """account.js, profile.js or phone-number.js: one owner Account per entry."""
    records = [_owner_entry(item, member, line, kind, ctx) for line, item in enumerate(iter_items(data), 1)]
    yield from records
    yield parsed_note(member, len(records), "the owner", ctx, len(records))


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
    # a blank ``"accountId" : ""`` beside the owner's name and screen name (Datenquelle/Twitter-Archive, 2022):
    # the owner comes from account.js, as where the manifest has no userInfo; no record to refuse
    if not user or user.get("accountId") in (None, ""):
        yield MemberNote(member=member, line=0, handling="ignored", note=note + "; no owner's account id in it")
        return
    try:
        ref = _one_owner(account_id(user.get("accountId")), "userInfo.accountId", ctx)
    except ValueError as exc:
        yield quarantined(member, 1, exc, user)
    else:
        handle = clean_handle(user.get("userName"))
        ctx.owner_handles.update([handle] if handle else [])
        yield Account(member=member, line=1, platform=PLATFORM, account_ref=ref, is_owner=True,
                      handle=handle, display_name=clean_text(user.get("displayName")))
    yield MemberNote(member=member, line=0, handling="parsed", note=note, records_read=1)


def parse_follows(data: bytes, member: str, kind: str, ctx: Context) -> Iterator[Record | Columns]:
    """follower.js / following.js: an Account per entry, with whatever name the tweets gave it.

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
    note = f"{'followers' if kind == 'follower' else 'accounts followed'}: accounts only, the export gives no date"
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
    decoded = decode_array(data, _SHAPES[kind])
    if decoded is None:
        return None
    entries = [getattr(item, kind) for item in decoded]
    refs = [account_id(entry.accountId) for entry in entries]
    if None in refs or ctx.owner in refs:
        return None
    return list(range(1, len(refs) + 1)), refs, [entry.userLink for entry in entries], [], len(refs)


def _read_follows(data: bytes, member: str, kind: str, ctx: Context) -> tuple:
    lines, refs, links, quarantine, entries = [], [], [], [], 0
    for line, item in enumerate(iter_items(data, kind), 1):
        entries = line
        entry = unwrap(item, kind)
        ref = account_id(entry.get("accountId")) if isinstance(entry, dict) else None
        if ref is None or ref == ctx.owner:
            problem = "not valid JSON" if isinstance(item, Unparsable) else "missing, not numeric or the owner's"
            quarantine.append(quarantined(member, line, ValueError(f"{kind}.accountId: {problem}"), item))
            continue
        lines.append(line), refs.append(ref), links.append(entry.get("userLink"))
    return lines, refs, links, quarantine, entries
