"""The owner (account.js, manifest.js, profile.js, phone-number.js) and the follow lists.

``follower.js`` and ``following.js`` hold an id (and since T2 an intent URL) per entry: no name, no
handle, no date (formats.md §2.3). They become Accounts only: an Interaction needs a time and the
export has none, so none is invented. Handles and names harvested from the tweets are put on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ...columns import Columns
from ...models import Account, MemberNote, Quarantined, Record, reason_of
from ...normalise import normalise_email
from .jsfiles import Unparsable, excerpt, iter_items, load_value, manifest_files, unwrap
from .tweets import PLATFORM, Harvest, _handle, _text, account_id


@dataclass
class Context:
    """What one export's files tell each other: the owner, harvested names, message ids read."""

    owner: str | None = None
    harvest: Harvest = field(default_factory=Harvest)
    seen: set = field(default_factory=set)
    expected: dict[str, int] = field(default_factory=dict)  # member → entries the manifest counts
    pending_owner: tuple[str, str | None, str | None] | None = None  # T0: found in a tweet, not yet yielded


def quarantined(member: str, line: int, exc: ValueError, raw: object) -> Quarantined:
    return Quarantined(member=member, line=line, reason=reason_of(exc), excerpt=excerpt(raw))


def parsed_note(member: str, read: int, note: str, ctx: Context, entries: int) -> MemberNote:
    """The closing note of a file; says so when the manifest counted a different number of entries."""
    expected = ctx.expected.get(member)
    if expected is not None and expected != entries:
        note = f"{note}; manifest.js counts {expected} entries, the file holds {entries}"
    return MemberNote(member=member, line=0, handling="parsed", note=note, records_read=read)


def parse_owner_file(data: bytes, member: str, kind: str, ctx: Context) -> Iterator[Record]:
    """account.js, profile.js or phone-number.js: one owner Account per entry."""
    records = [_owner_entry(item, member, line, kind, ctx) for line, item in enumerate(iter_items(data), 1)]
    yield from records
    yield parsed_note(member, len(records), "the owner", ctx, len(records))


def _owner_entry(item: object, member: str, line: int, kind: str, ctx: Context) -> Record:
    key = {"account": "account", "profile": "profile", "phonenumber": "device"}[kind]
    entry = unwrap(item, key)
    entry = entry if isinstance(entry, dict) else {}
    try:
        if kind == "account":
            ref = _owner_id(entry.get("accountId"), "account.accountId")
            ctx.owner = ctx.owner or ref
        elif ctx.owner is None:
            raise ValueError(f"{key}: the owner's account id is unknown (no account.js or manifest.js)")
    except ValueError as exc:
        return quarantined(member, line, exc, item)
    fields = {"account": {"handle": _handle(entry.get("username")), "display_name": _text(entry.get("accountDisplayName")),
                          "email": normalise_email(_text(entry.get("email"))), "phone": _text(entry.get("phoneNumber"))},
              "phonenumber": {"phone": _text(entry.get("phoneNumber"))}}.get(kind, {})
    return Account(member=member, line=line, platform=PLATFORM, account_ref=ref if kind == "account" else ctx.owner,
                   is_owner=True, **fields)


def _owner_id(value: object, name: str) -> str:
    ref = account_id(value)
    if ref is None:
        raise ValueError(f"{name}: missing or not numeric")
    return ref


def parse_manifest(data: bytes, member: str, members: list[str], ctx: Context) -> Iterator[Record]:
    """T4's table of contents: the owner (``userInfo``), the entries each file should hold, missing parts."""
    manifest = load_value(data)
    manifest = manifest if isinstance(manifest, dict) else {}
    listed = manifest_files(manifest, member)
    ctx.expected.update({f.member: f.count for f in listed if f.count is not None})
    present = set(members)
    missing = sorted(f.member for f in listed if f.member not in present)
    note = f"archive manifest listing {len(listed)} files"
    if missing:
        note += f"; {len(missing)} not in this export (another zip of a split delivery?): {', '.join(missing[:10])}"
    user = manifest.get("userInfo") if isinstance(manifest.get("userInfo"), dict) else {}
    ref = account_id(user.get("accountId"))
    if ref is None:
        yield MemberNote(member=member, line=0, handling="ignored", note=note + "; no owner in it")
        return
    ctx.owner = ctx.owner or ref
    yield Account(member=member, line=1, platform=PLATFORM, account_ref=ref, handle=_handle(user.get("userName")),
                  display_name=_text(user.get("displayName")), is_owner=True)
    yield MemberNote(member=member, line=0, handling="parsed", note=note, records_read=1)


def parse_follows(data: bytes, member: str, kind: str, ctx: Context) -> Iterator[Record | Columns]:
    """follower.js / following.js: an Account per entry, with whatever name the tweets gave it."""
    rows, quarantine, entries = Columns(Account), [], 0
    for line, item in enumerate(iter_items(data, kind), 1):
        entries = line
        entry = unwrap(item, kind)
        ref = account_id(entry.get("accountId")) if isinstance(entry, dict) else None
        if ref is None or ref == ctx.owner:
            problem = "not valid JSON" if isinstance(item, Unparsable) else "missing, not numeric or the owner's"
            quarantine.append(quarantined(member, line, ValueError(f"{kind}.accountId: {problem}"), item))
            continue
        link = _text(entry.get("userLink"))
        rows.append(member=member, line=line, platform=PLATFORM, account_ref=ref, profile_url=link,
                    handle=ctx.harvest.handle(ref), display_name=ctx.harvest.name(ref))
    yield from quarantine
    yield rows
    note = f"{'followers' if kind == 'follower' else 'accounts followed'}: accounts only, the export gives no date"
    yield parsed_note(member, entries, note, ctx, entries)
