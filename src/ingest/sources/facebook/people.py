"""Friends, requests, follows, the owner's profile, pokes and profile visits (formats.md §1.3, §1.6)."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Generator, Iterator

import orjson

from ..archive import Export
from ..base import LineTooLong, read_whole
from ...models import Account, MemberNote, Quarantined, Record
from .labels import NAME_LABELS, entries, labelled, only_text
from .rows import PLATFORM, Batch, Owner, Tally
from .text import as_list, at_seconds, name_of

# List kind → (top-level keys, newest first; interaction kind; direction). F3 (≤2020) keys have no
# _v2 suffix; 2024-25 follow lists have _v3 (RobinOehler/unfollowtool-export-parsers and other public
# parsers: connections/followers/who_you've_followed.json → following_v3). The F3 request
# files' keys are not verified [U], so a lone list under another key is read too, and the note names the key.
LISTS = {
    "friends": (("friends_v2", "friends"), "friendship", "mutual"),
    "removed": (("deleted_friends_v2", "deleted_friends"), "friend_removed", "out"),
    "received": (("received_requests_v2", "received_requests"), "friend_request", "in"),
    "sent": (("sent_requests_v2", "sent_requests"), "friend_request", "out"),
    # Requests the owner declined: they came in from the other person [U: direction not documented].
    "rejected": (("rejected_requests_v2", "rejected_requests"), "friend_request_rejected", "in"),
    "followers": (("followers_v3", "followers_v2", "followers"), "follow", "in"),
    "following": (("following_v3", "following_v2", "following"), "follow", "out"),
    # friends_you_see_less.json (2025): friends still; its one date says when the owner chose to see less of
    # them, not when they became friends, so the account alone.
    "see_less": ((), None, None),
    # waving_emojis_you_sent_after_your_friend_requests_were_accepted.json (2025-2026): friends the owner waved at;
    # no time in it, so the account alone (the friendship itself is in your_friends.json)
    "waved": ((), None, None),
}
# The block name is localised [U beyond en/de]; French and Spanish from the HTML pages of hunchoap/fbdata (2021)
# and DskyDsky/Aldemar-Snow- (2024) [C].
VISIT_BLOCKS = {"profile visits", "profilbesuche", "visites de profil", "visitas a perfiles"}

Handler = Callable[[int, dict], None]


class BrokenFile(ValueError):
    """A member that is not JSON at all."""


def load_json(export: Export, member: str):
    try:
        data = read_whole(export, member)
    except LineTooLong as exc:
        raise BrokenFile(str(exc)) from None
    try:
        return orjson.loads(_without_bom(data))
    except orjson.JSONDecodeError:
        raise BrokenFile("file: not valid JSON") from None


def _without_bom(data: bytes) -> bytes:
    """Facebook writes UTF-8 without a BOM; a file opened and saved again in a Windows editor gets a
    UTF-8 BOM (which orjson refuses) or becomes UTF-16 with a BOM. Both are unambiguous: read them."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    return data


def items_of(data, keys: tuple[str, ...] = ()) -> tuple[list, str]:
    """The list of records of a file and a note when it was found under an unexpected key."""
    if isinstance(data, list):
        return data, ""
    if not isinstance(data, dict):
        raise BrokenFile("file: neither a JSON object nor a list")
    for key in keys:
        if key in data:
            value = data[key]
            if isinstance(value, dict):  # the list wrapped in one more object
                return items_of(value)[0], ""
            return (value if isinstance(value, list) else []), ""
    if "label_values" in data:  # one generic record on its own (friends_you_see_less.json, 2025)
        return [data], ""
    lists = [k for k, v in data.items() if isinstance(v, list)]
    if len(lists) == 1:
        return data[lists[0]], f"records under the unexpected key {lists[0]!r}"
    raise BrokenFile("file: no list of records under a known key")


def read_items(tally: Tally, items: list, handle: Handler) -> Iterator[Quarantined]:
    for line, item in enumerate(items, 1):
        yield from read_item(tally, line, item, handle)


def read_item(tally: Tally, line: int, item, handle: Handler) -> Iterator[Quarantined]:
    """Hand one item to ``handle``; an item it refuses (ValueError) is quarantined instead.

    Handlers check everything before they add a row, so a record is never both loaded and quarantined.
    """
    tally.read += 1
    try:
        if not isinstance(item, dict):
            raise ValueError("record: not a JSON object")
        handle(line, item)
    except ValueError as exc:
        yield tally.quarantine(line, str(exc), item)


def read_file(export: Export, member: str, kind: str, keys: tuple[str, ...], handle: Handler,
              tally: Tally | None = None) -> Iterator[Record]:
    """The records of one JSON member, closed by its MemberNote; a broken file is one quarantined record."""
    tally = tally or Tally(member)
    try:
        items, note = items_of(load_json(export, member), keys)
    except BrokenFile as exc:
        yield from broken_file(tally, exc, kind)
        return
    if note:
        tally.note(note, None)
    yield from read_items(tally, items, handle)
    yield tally.member_note(kind)


def broken_file(tally: Tally, exc: BrokenFile, kind: str) -> Iterator[Record]:
    tally.read = 1
    yield tally.quarantine(1, str(exc), "")
    yield tally.member_note(kind)


def json_or_broken(export: Export, member: str, tally: Tally, kind: str) -> Generator[Record, None, object]:
    """The member's JSON (``data = yield from json_or_broken(…)``); a broken file yields its quarantine and
    closing note (``broken_file``) and gives None."""
    try:
        return load_json(export, member)
    except BrokenFile as exc:
        yield from broken_file(tally, exc, kind)
        return None


def person_name(item: dict, field: str = "name") -> str:
    """The repaired name of an item; newer files (2023 on) may carry it as a "Name" label value [R], or as the one
    text value under a label in a language not in ``NAME_LABELS``; people_who_followed_you_N.json as Instagram
    does, the first ``string_list_data`` value [R]."""
    name = name_of(item.get(field))
    if name is None:
        name = labelled(entries(item), NAME_LABELS)
    if name is None and field == "name":
        name = only_text(entries(item)) or name_of(_string_list(item).get("value"))
    if not name:
        raise ValueError(f"{field}: missing")
    return name


def _string_list(item: dict) -> dict:
    """The first entry of ``string_list_data`` ({value, timestamp}), or {}."""
    entries = as_list(item.get("string_list_data"))
    return entries[0] if entries and isinstance(entries[0], dict) else {}


def list_handler(member: str, list_kind: str, batch: Batch, tally: Tally, seen: set) -> Handler:
    """``seen``: entries of the list's other parts; part N+1 of a long list repeats the last entry of
    part N (RobinOehler/unfollowtool-export-parsers, fixtures of people_who_followed_you_N.json) [R]."""
    _, kind, direction = LISTS[list_kind]
    dated: set[str] = set()  # the names of the friends read with a date: a second one is a namesake (SHARED_NAMES)
    shared: set[str] = set()

    def handle(line: int, item: dict) -> None:
        name = person_name(item)
        at = at_seconds(item.get("timestamp", _string_list(item).get("timestamp")), "timestamp")
        connected = at if list_kind == "friends" else None
        batch.account(member, line, name, connected_at=connected)
        if at is None or kind is None:  # a friend without a date is still a friend: the account alone
            return
        if (list_kind, name, at) in seen:
            tally.note(REPEATED_ENTRY)
            return
        seen.add((list_kind, name, at))
        if list_kind == "friends" and name in dated and name not in shared:
            shared.add(name)
            tally.note(SHARED_NAMES)
        dated.add(name)
        batch.interaction(member, line, name, kind, direction, at)
    return handle


REPEATED_ENTRY = "repeats of an entry already read from the list (account only)"
# The export names a friend by name alone (account_ref, design.md): friends of one name, befriended years apart, are
# one account (jszoke1/DataEMAT24 your_friends.json: 4 names on 10 entries). Counted in the file's note, never silent.
SHARED_NAMES = "names carried by several friends, each read as one account (nothing in the export tells them apart)"


def read_list(export: Export, member: str, list_kind: str, batch: Batch, seen: set | None = None) -> Iterator[Record]:
    """friends, removed_friends, friend requests, followers and following, any generation."""
    tally = Tally(member)
    handle = list_handler(member, list_kind, batch, tally, set() if seen is None else seen)
    yield from read_file(export, member, f"{list_kind} list", LISTS[list_kind][0], handle, tally)


def profile_of(data) -> dict:
    """The profile object: ``profile_v2`` (F4 on) or ``profile`` (F3)."""
    if isinstance(data, dict):
        profile = data.get("profile_v2", data.get("profile", data))
        if isinstance(profile, dict):
            return profile
    return {}


def owner_from_profile(data) -> Owner:
    """The owner's names from profile_information.json: full name, and first (+ middle) + last; from its HTML
    page also the name its header gives (html_profile.py)."""
    profile = profile_of(data)
    name = profile.get("name") if isinstance(profile.get("name"), dict) else {}
    full = name_of(name.get("full_name"))
    parts = [name_of(name.get(k)) for k in ("first_name", "middle_name", "last_name")]
    variants = {full, " ".join(p for p in parts if p), " ".join(p for p in (parts[0], parts[2]) if p),
                name_of(profile.get("generated_by"))}
    names = frozenset(v for v in variants if v)
    return Owner(full or next(iter(sorted(names)), None), names)


def read_profile(export: Export, member: str, data, owner: Owner) -> Iterator[Record]:
    """The owner's Account, and the family members and partner it names (accounts without interaction)."""
    tally = Tally(member, read=1)
    profile = profile_of(data)
    ref = owner_from_profile(data).ref
    if ref is None:
        yield tally.quarantine(1, "name.full_name: missing", {k: "…" for k in profile})
        yield tally.member_note("profile")
        return
    yield from profile_accounts(member, ref, profile, owner)
    if owner.note:
        tally.note(owner.note, None)
    yield tally.member_note("profile")


def profile_accounts(member: str, ref: str | None, profile: dict, owner: Owner) -> Iterator[Account]:
    """The owner's Account (when ``ref`` names them) and one for each family member and the partner the profile
    names, without interaction: the rows of profile_information.json and of its HTML page (html_profile.py) alike."""
    if ref is not None:
        yield _owner_account(member, ref, profile)
    for other in _relatives(profile):
        if other not in owner:
            yield Account(member=member, line=1, platform=PLATFORM, account_ref=other, display_name=other)


def _owner_account(member: str, ref: str, profile: dict) -> Account:
    name = profile.get("name") if isinstance(profile.get("name"), dict) else {}
    emails = profile.get("emails") if isinstance(profile.get("emails"), dict) else {}
    phones = [p.get("phone_number") for p in as_list(profile.get("phone_numbers")) if isinstance(p, dict)]
    email = next((e for e in as_list(emails.get("emails")) if isinstance(e, str) and "@" in e), None)
    username = profile.get("username")
    return Account(member=member, line=1, platform=PLATFORM, account_ref=ref, display_name=ref,
                   first_name=name_of(name.get("first_name")), last_name=name_of(name.get("last_name")),
                   email=email.strip().lower() if email else None,
                   phone=next((p for p in phones if isinstance(p, str) and p.strip()), None),
                   profile_url=profile.get("profile_uri") if isinstance(profile.get("profile_uri"), str) else None,
                   handle=username.strip().lower() if isinstance(username, str) and username.strip() else None,
                   is_owner=True)


def _relatives(profile: dict) -> list[str]:
    family = [name_of(f.get("name")) for f in as_list(profile.get("family_members")) if isinstance(f, dict)]
    relationship = profile.get("relationship") if isinstance(profile.get("relationship"), dict) else {}
    names = family + [name_of(relationship.get("partner"))]
    return sorted({n for n in names if n})


def pokes_handler(member: str, owner: Owner, batch: Batch) -> Handler:
    def handle(line: int, item: dict) -> None:
        poker, pokee = person_name(item, "poker"), person_name(item, "pokee")
        at = at_seconds(item.get("timestamp"), "timestamp")
        if at is None:
            raise ValueError("timestamp: missing")
        if poker in owner and pokee not in owner:
            batch.interaction(member, line, pokee, "poke", "out", at)
            batch.account(member, line, pokee)
        elif pokee in owner and poker not in owner:
            batch.interaction(member, line, poker, "poke", "in", at)
            batch.account(member, line, poker)
        else:
            raise ValueError("poker, pokee: neither is the owner alone (owner unknown?)")
    return handle


def read_pokes(export: Export, member: str, owner: Owner, batch: Batch) -> Iterator[Record]:
    yield from read_file(export, member, "pokes", ("pokes_v2", "pokes"), pokes_handler(member, owner, batch))


# Files of blocks ``{name, description, entries: [{timestamp, data: {name, uri}}]}``:
# kind → (keys, label, interaction).
# recently_visited.json (F4 on): only the "Profile visits" block names people, chosen by its localised name;
# each is a visit. people_and_friends.json (2025, "The people you've interacted with most recently", Autopsy's
# PeopleInteractionsV2): every entry a person, but not what the interaction was, so the account alone.
ENTRY_FILES = {"visits": (("visited_things_v2", "visited_things"), "profile visits", "profile_visit"),
               "people_interactions": (("people_interactions_v2",), "people interacted with lately", None)}


def read_visits(export: Export, member: str, batch: Batch, kind: str = "visits") -> Iterator[Record]:
    """Profile visits, or the people recently interacted with: the files with other people's profile URLs."""
    keys, label, interaction = ENTRY_FILES[kind]
    tally = Tally(member)
    try:
        blocks, _ = items_of(load_json(export, member), keys)
    except BrokenFile as exc:
        yield from broken_file(tally, exc, label)
        return
    every = kind != "visits"
    entries = [(e, every or _is_profile_block(b))
               for b in blocks if isinstance(b, dict) for e in as_list(b.get("entries"))]
    handle = _visit_handler(member, batch, interaction)
    for line, (entry, wanted) in enumerate(entries, 1):
        if wanted:
            yield from read_item(tally, line, entry, handle)
    if not every and not any(wanted for _, wanted in entries):
        tally.note("no 'Profile visits' block recognised (language?)", None)
    yield tally.member_note(label)


def _is_profile_block(block: dict) -> bool:
    name = name_of(block.get("name"))
    return bool(name) and name.casefold() in VISIT_BLOCKS


def _visit_handler(member: str, batch: Batch, interaction: str | None) -> Handler:
    def handle(line: int, entry: dict) -> None:
        data = entry.get("data") if isinstance(entry.get("data"), dict) else {}
        name, at = person_name(data), at_seconds(entry.get("timestamp"), "timestamp")
        uri = data.get("uri") if isinstance(data.get("uri"), str) and "facebook.com" in data["uri"] else None
        batch.account(member, line, name, profile_url=uri)
        if at is not None and interaction:
            batch.interaction(member, line, name, interaction, "out", at)
    return handle


def ignored_note(member: str, handling: str, note: str) -> MemberNote:
    return MemberNote(member=member, line=0, handling=handling, note=note)
