"""LinkedIn "Get a copy of your data": the Basic and the Complete export, zip or folder (formats.md §3).

Files are recognised by their header, not their name: LinkedIn has renamed files
("Endorsement Received Info.csv" → "Endorsement_Received_Info.csv") and users rename them too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import PurePosixPath

from ..archive import Export
from ..columns import Columns
from ..models import Account, Interaction, MemberNote, Record
from ..normalise import join_name, normalise_email, normalise_linkedin_url, parse_datetime
from .base import parse_column_date, records_from_rows, require
from .tabular import Row, header_of, read_rows

NAME = "linkedin"
MESSAGE_TEXT = True  # messages.csv's CONTENT, kept only when the owner opts in

# Kind of file → columns its header must hold. Headers only ever gained columns over the years
# (URL ~2023, RECIPIENT PROFILE URLS and ATTACHMENTS ~2024, inviter/invitee URLs), so only the
# oldest columns are required and the newer ones are read when present.
FILES = {
    "connections": ("First Name", "Last Name", "Connected On"),
    "messages": ("CONVERSATION ID", "FROM", "TO", "DATE", "CONTENT"),
    "invitations": ("From", "To", "Sent At", "Direction"),
    "endorsements_received": ("Endorsement Date", "Endorser First Name", "Endorser Last Name"),
    "endorsements_given": ("Endorsement Date", "Endorsee First Name", "Endorsee Last Name"),
    "recommendations": ("First Name", "Last Name", "Text", "Creation Date", "Status"),
    "profile": ("First Name", "Last Name", "Headline"),
}

# Files that carry no other person, or only the owner's activity without a counterpart (§3.9).
IGNORED = {
    "guide_messages.csv": "messages with LinkedIn's assistant",
    "learning_coach_messages.csv": "messages with LinkedIn's learning coach",
    "contacts.csv": "imported address book: read as address-book evidence in a later version",
    "member_follows.csv": "people followed, name only, no date of interaction",
}
OWNER_ONLY = ("email addresses", "phonenumbers", "registration", "positions", "education", "skills",
              "reactions", "comments", "shares", "votes", "company follows", "events", "rich media",
              "rich_media", "languages", "certifications", "courses", "projects", "publications",
              "honors", "patents", "volunteering", "ad_targeting", "inferences", "learning", "logins",
              "receipts", "savedjobalerts", "searchqueries", "security challenges", "ads clicked",
              "causes you care about", "honors", "test scores", "whatsapp", "organizations")

OWNER_SCAN_ROWS = 20_000  # the owner is on (nearly) every message: a sample finds them as surely as all rows
DATE_UTC = ("%Y-%m-%d %H:%M:%S UTC", "%Y-%m-%d %H:%M:%S")
ENDORSED_AT = ("%Y/%m/%d %H:%M:%S UTC", "%Y/%m/%d %H:%M:%S")
CONNECTED_ON = ("%d %m %Y", "%m/%d/%Y", "%Y-%m-%d")  # "05 Mar 2024"; the other two defensively [U]
US_SHORT = ("%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y", "%m/%d/%Y", "%d %m %Y")


@dataclass(frozen=True)
class Owner:
    name: str | None
    url: str | None

    def is_me(self, name: str | None, url: str | None) -> bool:
        if url and self.url:
            return url == self.url
        return bool(name) and name == self.name


def detect(export: Export) -> bool:
    """A LinkedIn export holds a Connections, messages or Profile CSV (by header) at its root, or one
    folder down (a zip inside a zip). Deeper CSVs are someone else's files: a contact list sent as
    a Messenger attachment (messages/inbox/<thread>/files/) must not make a Facebook export LinkedIn's."""
    shallow = [m for m in _csv_members(export) if m.count("/") <= 1]
    return any(_kind_of(export, m) in ("connections", "messages", "profile") for m in shallow)


def parse(export: Export, message_text: bool = False) -> Iterator[Record | Columns]:
    kinds = {m: _kind_of(export, m) for m in export.members()}
    owner = _find_owner(export, kinds)
    for member, kind in kinds.items():
        if kind is None:
            yield _note_unparsed(member)
        else:
            parse_row = partial(ROW_PARSERS[kind], member=member, owner=owner, given="given" in member.lower())
            if kind == "messages":
                parse_row = partial(parse_row, seen=set(), keep_text=message_text)
            yield from records_from_rows(member, read_rows(export, member, FILES[kind]), parse_row, note=kind,
                                         hidden=("subject", "content") if kind == "messages" else ())


def _csv_members(export: Export) -> list[str]:
    return [m for m in export.members() if m.lower().endswith(".csv")]


def _kind_of(export: Export, member: str) -> str | None:
    base = PurePosixPath(member).name.lower()
    if not base.endswith(".csv") or base in IGNORED:
        return None
    return next((kind for kind, cols in FILES.items() if header_of(export, member, cols)), None)


def _note_unparsed(member: str) -> MemberNote:
    base = PurePosixPath(member).name.lower()
    stem = base.removesuffix(".csv")
    if base in IGNORED:
        return MemberNote(member=member, line=0, handling="ignored", note=IGNORED[base])
    if stem.startswith(OWNER_ONLY) or "/" in member:
        return MemberNote(member=member, line=0, handling="ignored", note="the owner's own data, no other person")
    return MemberNote(member=member, line=0, handling="unknown", note="not a LinkedIn file this version reads")


def _find_owner(export: Export, kinds: dict[str, str | None]) -> Owner:
    """The owner's name from Profile.csv; their URL the one they send from, or else the one on most messages."""
    name = None
    for member in (m for m, k in kinds.items() if k == "profile"):
        name = next((join_name(r.get("first name"), r.get("last name")) for r in read_rows(export, member, FILES["profile"])), name)
    urls: Counter[str] = Counter()
    senders: Counter[tuple[str, str]] = Counter()
    for member in (m for m, k in kinds.items() if k == "messages"):
        for row in islice(read_rows(export, member, FILES["messages"]), OWNER_SCAN_ROWS):
            sender = _profile_url(row.get("sender profile url"))
            urls.update(filter(None, [sender, *_urls(row.get("recipient profile urls"))]))
            if sender and row.get("from"):
                senders[(sender, row.get("from"))] += 1
    own = Counter({u: c for (u, n), c in senders.items() if n == name}) if name else Counter()
    url = _most_common(own or urls)
    if name is None and url:
        name = max((n for (u, n) in senders if u == url), key=lambda n: senders[(url, n)], default=None)
    return Owner(name, url)


def _profile_url(value: str | None) -> str | None:
    """The profile URL, None when the cell holds none. urlsplit raises on a malformed URL ("https://["
    in a damaged or edited file); that is no profile, and no reason to lose the row or the export."""
    try:
        return normalise_linkedin_url(value)
    except ValueError:
        return None


def _most_common(counts: Counter[str]) -> str | None:
    return min(counts, key=lambda u: (-counts[u], u)) if counts else None


def _urls(cell: str | None) -> list[str]:
    return [u for u in (_profile_url(p) for p in (cell or "").split(",")) if u]


def _account(member: str, row: Row, name: str | None, url: str | None, **fields) -> tuple[type[Account], dict]:
    ref = url or require(name, "name")
    return Account, dict(member=member, line=row.line, platform=NAME, account_ref=ref, display_name=name,
                         profile_url=url, **fields)


def _interaction(member: str, row: Row, account: tuple[type[Account], dict], **fields) -> tuple[type[Interaction], dict]:
    # (model, values) pairs are validated in bulk by records_from_rows: messages.csv can hold 100,000s of rows
    return Interaction, dict(member=member, line=row.line, platform=NAME, account_ref=account[1]["account_ref"], **fields)


def _profile(row: Row, *, member: str, owner: Owner, given: bool) -> list:
    name = join_name(row.get("first name"), row.get("last name"))
    return [_account(member, row, name, owner.url, first_name=row.get("first name"),
                     last_name=row.get("last name"), is_owner=True)]


def _connection(row: Row, *, member: str, owner: Owner, given: bool) -> list:
    connected_at = parse_column_date(row, "connected on", partial(parse_datetime, formats=CONNECTED_ON))
    account = _account(member, row, join_name(row.get("first name"), row.get("last name")),
                       _profile_url(row.get("url")), first_name=row.get("first name"),
                       last_name=row.get("last name"), email=normalise_email(row.get("email address")),
                       company=row.get("company"), position=row.get("position"), connected_at=connected_at)
    if connected_at is None:
        return [account]
    return [account, _interaction(member, row, account, kind="connection", direction="mutual",
                                  occurred_at=connected_at)]


def _message(row: Row, *, member: str, owner: Owner, given: bool, seen: set, keep_text: bool) -> list:
    if (row.get("is message draft") or "").lower() in ("yes", "true"):
        raise ValueError("a draft, never sent")
    sent_at = parse_column_date(row, "date", partial(parse_datetime, formats=DATE_UTC))
    if sent_at is None:
        raise ValueError("date: missing")
    sender = (row.get("from"), _profile_url(row.get("sender profile url")))
    if owner.is_me(*sender):
        counterparts, direction = _recipients(row), "out"
    else:
        counterparts, direction = [sender], "in"
    records, text = [], row.get("content") if keep_text else None
    is_group = direction == "out" and len(counterparts) > 1 or direction == "in" and len(_urls(row.get("recipient profile urls"))) > 1
    for name, url in counterparts:
        if owner.is_me(name, url):
            continue
        account = _account(member, row, name, url)
        if (name, url) not in seen:  # one account row per counterpart and file is enough
            seen.add((name, url))
            records.append(account)
        records.append(_interaction(member, row, account, kind="message", direction=direction, occurred_at=sent_at,
                                    thread_ref=row.get("conversation id"), is_group=is_group, message_text=text))
    if not records:
        raise ValueError("no counterpart besides the owner")
    return records


def _recipients(row: Row) -> list[tuple[str | None, str | None]]:
    """Pair the names in TO with the URLs in RECIPIENT PROFILE URLS.

    Group messages list several of each, comma-separated [U: separator not verified]. Names can hold
    commas themselves ("Anna Berg, PhD"), so names are split only when the count matches the URLs.
    """
    urls = _urls(row.get("recipient profile urls"))
    to = row.get("to") or ""
    names = [n.strip() for n in to.split(",")]
    if len(urls) > 1 and len(names) == len(urls):
        return list(zip(names, urls))
    if len(urls) > 1:
        return [(None, u) for u in urls]
    return [(to or None, urls[0] if urls else None)]


def _invitation(row: Row, *, member: str, owner: Owner, given: bool) -> list:
    # Sent At is local time with no zone ("7/8/26, 3:43 PM"); it is stored as if it were UTC.
    sent_at = parse_column_date(row, "sent at", partial(parse_datetime, formats=US_SHORT))
    direction = require(row.get("direction"), "direction").upper()
    if direction not in ("INCOMING", "OUTGOING"):
        raise ValueError("direction: neither INCOMING nor OUTGOING")
    outgoing = direction == "OUTGOING"
    name = row.get("to") if outgoing else row.get("from")
    url = _profile_url(row.get("inviteeprofileurl" if outgoing else "inviterprofileurl"))
    account = _account(member, row, name, url)
    return [account, _interaction(member, row, account, kind="invitation", direction="out" if outgoing else "in",
                                  occurred_at=require(sent_at, "sent at"))]


def _endorsement(row: Row, *, member: str, owner: Owner, given: bool, role: str) -> list:
    endorsed_at = parse_column_date(row, "endorsement date", partial(parse_datetime, formats=ENDORSED_AT))
    first, last = row.get(f"{role} first name"), row.get(f"{role} last name")
    account = _account(member, row, join_name(first, last), _profile_url(row.get(f"{role} public url")),
                       first_name=first, last_name=last)
    return [account, _interaction(member, row, account, kind="endorsement",
                                  direction="in" if role == "endorser" else "out",
                                  occurred_at=require(endorsed_at, "endorsement date"))]


def _recommendation(row: Row, *, member: str, owner: Owner, given: bool) -> list:
    # Recommendations carry no profile URL: the account is known by name (and company) only.
    created_at = parse_column_date(row, "creation date", partial(parse_datetime, formats=US_SHORT))
    first, last = row.get("first name"), row.get("last name")
    account = _account(member, row, join_name(first, last), None, first_name=first, last_name=last,
                       company=row.get("company"), position=row.get("job title"))
    return [account, _interaction(member, row, account, kind="recommendation", direction="out" if given else "in",
                                  occurred_at=require(created_at, "creation date"))]


ROW_PARSERS = {
    "profile": _profile,
    "connections": _connection,
    "messages": _message,
    "invitations": _invitation,
    "endorsements_received": partial(_endorsement, role="endorser"),
    "endorsements_given": partial(_endorsement, role="endorsee"),
    "recommendations": _recommendation,
}
