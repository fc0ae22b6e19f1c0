"""One row of a LinkedIn CSV → its records: the account of the person on it and the interaction."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import partial
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ..base import parse_column_date, require
from ..dates import read_datetime
from ...models import Account, Interaction
from ...normalise import join_name, normalise_email, normalise_linkedin_url
from ..tabular import Row, canonical
from .files import FILES, NAME
from .sponsored import Senders, sponsored

if TYPE_CHECKING:
    from .owner import Owner

LEGACY_DIRECTIONS = {"INCOMING": "in", "OUTGOING": "out"}
OWNER_TIE = "from: cannot tell the owner's messages apart (no Profile.csv or Invitations.csv, and a tie for owner)"
# "LinkedIn Member" with no profile URL is how messages.csv names the sender of a sponsored message (CONVERSATION
# TITLE "Sponsored Conversation") and a member LinkedIn no longer shows (Sajiah/mylinkedindata "Complete_
# LinkedInDataExport_09-12-2022 (1)/messages.csv", a real export; code index id 71173237643, fixtures measured on
# real exports of 2020-2021): one name for many people, never one person's account.
HIDDEN = 'from: "LinkedIn Member" with no profile URL, a sponsored message or a deleted or deactivated account'
# LinkedIn writes the placeholder in the member's interface language: "LinkedIn Mitglied" or "LinkedIn-Mitglied"
# (German), "Membre de LinkedIn" or "Membre LinkedIn" (French), "Miembro de LinkedIn" (Spanish), "Membro do LinkedIn"
# or "Usuário do LinkedIn" (Portuguese), "Utente LinkedIn" or "Membro di LinkedIn" (Italian), "LinkedIn-lid" (Dutch),
# "LinkedIn-medlem" (Swedish, Danish, Norwegian), "LinkedIn Üyesi" (Turkish): the strings tools reading LinkedIn's
# pages set aside beside "LinkedIn Member" (code index ids 60944916847, 71211757676, 70129602136, 61401294159,
# 27255142727, 53929577795, 56860425786, 59661543905, 28351094284). Read in English only, the German sender of a
# sponsored message was refused as LinkedIn itself, and a German recipient became a person named "LinkedIn-Mitglied".
# Compared without case, accents, hyphens or repeated spaces (``_placeholder_key``).
HIDDEN_MEMBERS = frozenset({
    "linkedin member", "linkedin mitglied", "membre de linkedin", "membre linkedin", "miembro de linkedin",
    "usuario de linkedin", "membro do linkedin", "usuario do linkedin", "utente linkedin", "membro di linkedin",
    "linkedin lid", "linkedin medlem", "linkedin uyesi"})
# LinkedIn itself writes to members as a staff name with no profile URL: "Cassie from LinkedIn Premium", "Nikita @
# LinkedIn Learning", "Jane at LinkedIn", "Kate Mallord, LinkedIn", "LinkedIn Marketing Solutions", and in the
# member's language "Sarah Walz från LinkedIn", "Melissa, de LinkedIn Premium" (offers and notices, often HTML;
# 16 of 24 published exports of 2020-2025 checked, e.g. Sajiah/mylinkedindata, apk0703/linkdin_profile_analysis,
# Feynman10/Proile, IrisZh6/DataScienceLevel1 messages.csv). Read as a member, each became a person the owner
# talks to. A member's own message always has the sender's URL, whatever their name says ("Ana Costa | LinkedIn
# Trainer"); an advertiser's has none either (sponsored.py).
LINKEDIN_ITSELF = re.compile(r"\blinkedin\b", re.IGNORECASE)
FROM_LINKEDIN = ("from: LinkedIn itself (a staff or team name with no profile URL: an offer or notice), no member: "
                 "no counterpart besides the owner")
# Rows that name nobody: a connection with only "Connected On" left (7 of 313 in Sajiah/mylinkedindata's 2022 export,
# 72 in mohamedeways/LinkedIn-Profile's), a message with FROM or TO empty, profile URL too (naeemahaz/linkedin,
# SStellaMary/LinkedIn-Analysis): members LinkedIn no longer names, as it writes "LinkedIn Member" elsewhere.
NAMELESS = "name and profile URL empty: a member LinkedIn no longer names (likely a deleted or deactivated account)"
# Connections.csv saved again from a spreadsheet: the Notes preamble gone, CRLF, "Connected On" in Excel's
# d-mmm-yy ("05-Mar-24", "5-Mar-24"). Six published exports: SStellaMary/LinkedIn-Analysis, Nikhil-Jagtap619/
# linkedin-analysis, anuhyabs/SocialMediaTracker, ieglam/network-growth-engine, nicolemd7/LinkedIn-Connection-
# Analysis-Dashboard ("Connections.csv"), AnamAhmed03/career-portfolio ("connection.csv").
SPREADSHEET_DAY = re.compile(r"(\d{1,2})-([A-Za-z]{3})-(\d\d)")
# Invitations.csv saved again by a spreadsheet set to day first (nnikita19/Linkedin-Ananlysis, 2021 export without
# the profile URL columns, committed 2022): "Sent At" lost its time, the dates it could not read as day first stay
# LinkedIn's month first text ("9/28/21"), the others it read as day first and wrote back dashed ("09-04-2021" for
# LinkedIn's "9/4/21", 5 of 40 rows; the rows' order places it between 9/27 and 8/30). Read in the file's decided
# order, as its slashed dates are, the dashed field order gives LinkedIn's date back.
SPREADSHEET_DASHED = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")


# Member_Follows.csv lists each member once with the state of the owner's follow: "Active", or "Unfollow" once the
# owner stopped following them, its date then (it seems) that of the unfollow (JRL319/LinkedIn-Analytics, 2 of 281
# rows, 2012-2026; ankitdhal/LinkedinProfileAnalysis, 18 of 44; predator-911/Portfolio2, 1 of 4). Read as follows,
# each was a follow dated at its end. An unfollow is no follow: the member is kept, as the owner once chose to follow
# them (a follow counts for nothing in the reports either, but names a person), with no interaction; the file's note
# says so (files.NOTES). "Mute" (2026: leadjobs-dev/career-network Complete_LinkedInDataExport_04-25-2026,
# 1 of 681 rows) is a member whose posts the owner hid: kept the same way, its date perhaps the mute's. A status of
# none of these kinds is refused: what it means is unknown.
FOLLOWING, UNFOLLOWED, MUTED = "active", "unfollow", "mute"
FOLLOW_STATUSES = (FOLLOWING, UNFOLLOWED, MUTED)
UNKNOWN_STATUS = "status: not one of Active, Unfollow, Mute"

# The columns of each kind of recommendations file (first name, last name, company, title, date) and the direction its
# columns name, None where only the file's name tells ("Recommendations_Given.csv"). 2015-2017: "Recommender First
# Name,Recommender Last Name,Recommendation Date,Recommendation,Recommender Company,Recommender Title,Recommendation
# Status", and the recommendee's columns in Recommendations Given.csv (remixed2/linkedin-zip-parser Models/, 2016).
RECOMMENDATION_COLUMNS = {
    "recommendations": (("first name", "last name", "company", "job title", "creation date"), None),
    "legacy_recommendations_received": (("recommender first name", "recommender last name", "recommender company",
                                         "recommender title", "recommendation date"), "in"),
    "legacy_recommendations_given": (("recommendee first name", "recommendee last name", "recommendee company",
                                      "recommendee title", "recommendation date"), "out"),
}


def profile_url(value: str | None) -> str | None:
    """The profile URL, None when the cell holds none. urlsplit raises on a malformed URL ("https://["
    in a damaged or edited file); that is no profile, and no reason to lose the row or the export."""
    try:
        return normalise_linkedin_url(value)
    except ValueError:
        return None


def _urls(cell: str | None) -> list[str]:
    return [u for u in (profile_url(p) for p in _split(cell or "")) if u]


def _split(cell: str) -> list[str]:
    # Several recipients are comma-joined in most exports, semicolon-joined in some of about 2023
    # (thephm/linkedin_md docs/linkedin_export.md: RECIPIENT PROFILE URLS "semi-colon separated"; code index id
    # 68577041365, a parser's test row "Rob;Carol" with two URLs so joined). A name may hold a comma
    # ("Anna Berg, PhD"): a cell with a semicolon is split at semicolons only.
    return [part.strip() for part in cell.split(";" if ";" in cell else ",")]


def placeholder(name: str | None) -> bool:
    """Whether a name is LinkedIn's placeholder for a member it no longer names, in any interface language."""
    return bool(name) and _placeholder_key(name) in HIDDEN_MEMBERS


def _placeholder_key(name: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace("-", " ").split())


def _hidden(name: str | None, url: str | None) -> bool:
    return url is None and placeholder(name)


def _from_linkedin(name: str | None, url: str | None) -> bool:
    return url is None and bool(name) and bool(LINKEDIN_ITSELF.search(name)) and not _hidden(name, url)


def _account(member: str, row: Row, name: str | None, url: str | None, **fields) -> tuple[type[Account], dict]:
    # Invitations.csv and messages.csv write some names with a double space ("Ana  Costa") where Connections.csv
    # joins first and last name with one (anuhyabs/SocialMediaTracker): keyed by the name, one person was two
    # accounts, each a review question. Spaces are collapsed before the name is the key.
    name = " ".join(name.split()) if name else name
    ref = url or require(name, "name")
    return Account, dict(member=member, line=row.line, platform=NAME, account_ref=ref, display_name=name,
                         profile_url=url, **fields)


def _interaction(member: str, row: Row, account: tuple[type[Account], dict],
                 **fields) -> tuple[type[Interaction], dict]:
    # (model, values) pairs are validated in bulk by records_from_rows: messages.csv can hold 100,000s of rows
    return Interaction, dict(member=member, line=row.line, platform=NAME, account_ref=account[1]["account_ref"],
                             **fields)


def _profile(row: Row, *, member: str, owner: Owner, given: bool) -> list:
    name = join_name(row.get("first name"), row.get("last name"))
    return [_account(member, row, name, owner.url, first_name=row.get("first name"),
                     last_name=row.get("last name"), is_owner=True)]


def connection_name(row: Row) -> str | None:
    """The name of a connection: first and last name joined, or the one Name column of an edited Connections.csv
    (files.OTHER_FORMS)."""
    return join_name(row.get("first name"), row.get("last name")) or row.get("name")


def _connection(row: Row, *, member: str, owner: Owner, given: bool, day_first: bool) -> list:
    # A file without a URL column (a spreadsheet copy, the header written without spaces "FirstName,…,ConnectedOn")
    # names its connections by name alone: the account_ref is the name, as design.md says and the ≤ 2017 exported
    # connections are.
    name, url = connection_name(row), profile_url(row.get("url"))
    if not (name or url):
        raise ValueError(NAMELESS)
    if _hidden(name, url):  # one name for many people: never one person's account
        raise ValueError(HIDDEN.replace("from", "name", 1).replace(", a sponsored message or", ","))
    connected_at = parse_column_date(row, "connected on", partial(_read_connected_on, day_first=day_first))
    account = _account(member, row, name, url, first_name=row.get("first name"),
                       last_name=row.get("last name"), email=normalise_email(row.get("email address")),
                       company=row.get("company") or row.get("current company"),
                       position=row.get("position") or row.get("current position"), connected_at=connected_at)
    if connected_at is None:
        return [account]
    return [account, _interaction(member, row, account, kind="connection", direction="mutual",
                                  occurred_at=connected_at)]


# Connections.csv without a URL column (exports of about 2019-2022, and spreadsheet copies) names each connection by
# name alone, the account_ref design.md gives such a row: connections of one name are one account. In one real file
# 62 names stand on 141 rows at different companies and dates (ahmedalbabily/Plotly_Dash_Dashboard_Linkedin_Analytics
# Connections.csv): 79 people folded into a namesake without a word. The file's note says how many names.
SHARED_NAMES = ("{n} names each on several connections with no profile URL, read as one account each (nothing in "
                "the file tells them apart)")


class SharedNames:
    """The connections row parser, counting the names of the rows read that have no profile URL."""

    def __init__(self, parse_row) -> None:
        self.parse_row, self.names = parse_row, Counter()

    def __call__(self, row: Row) -> list:
        records = self.parse_row(row)
        if not profile_url(row.get("url")):
            self.names[connection_name(row)] += 1
        return records

    def note(self) -> str:
        shared = sum(1 for name, count in self.names.items() if name and count > 1)
        return SHARED_NAMES.format(n=shared) if shared else ""


def _read_connected_on(text: str | None, day_first: bool):
    if text and (match := SPREADSHEET_DAY.fullmatch(text.strip())):
        day, month, year = match.groups()
        text = f"{day} {month} {int(year) + (1900 if int(year) >= 69 else 2000)}"  # strptime's %y: 69-99 → 19xx
    return read_datetime(text, day_first=day_first)


def _read_sent_at(text: str | None, day_first: bool):
    if text and (match := SPREADSHEET_DASHED.fullmatch(text.strip())):
        text = "/".join(match.groups())
    return read_datetime(text, day_first=day_first)


def _exported_connection(row: Row, *, member: str, owner: Owner, given: bool, kind: str) -> list:
    # ≤ 2017 connections exported for an address book: no profile URL, so the account is known by name as
    # a Connections.csv row without URL is (2021), and no date, so there is no connection to date. The name
    # is first and last only, as Connections.csv has it; the middle-name columns stay empty.
    first, last, email, company, position = (row.get(canonical(column)) for column in FILES[kind])
    return [_account(member, row, join_name(first, last), None, first_name=first, last_name=last,
                     email=normalise_email(email), company=company, position=position)]


def _message(row: Row, *, member: str, owner: Owner, given: bool, seen: set, keep_text: bool,
             day_first: bool, senders: Senders = Senders()) -> list:
    if any((row.get(flag) or "").lower() in ("yes", "true") for flag in ("is message draft", "is conversation draft")):
        raise ValueError("a draft, never sent")
    sent_at = parse_column_date(row, "date", partial(read_datetime, day_first=day_first))
    if sent_at is None:
        raise ValueError("date: missing")
    sender = (row.get("from"), profile_url(row.get("sender profile url")))
    if _hidden(*sender):
        raise ValueError(HIDDEN)
    if _from_linkedin(*sender):
        raise ValueError(FROM_LINKEDIN)
    if owner.is_me(*sender):
        counterparts, direction = recipients(row), "out"
    elif reason := sponsored(row, *sender, senders):
        raise ValueError(reason)
    elif owner.may_be(*sender):
        raise ValueError(OWNER_TIE)
    else:
        counterparts, direction = [sender], "in"
    records, text = [], row.get("content") if keep_text else None
    is_group = (direction == "out" and len(counterparts) > 1
                or direction == "in" and len(_urls(row.get("recipient profile urls"))) > 1)
    for name, url in counterparts:
        if owner.is_me(name, url) or _hidden(name, url):
            continue
        if not (name or url):
            raise ValueError(f"{'to' if direction == 'out' else 'from'}: {NAMELESS}")
        account = _account(member, row, name, url)
        if (name, url) not in seen:  # one account row per counterpart and file is enough
            seen.add((name, url))
            records.append(account)
        records.append(_interaction(member, row, account, kind="message", direction=direction, occurred_at=sent_at,
                                    thread_ref=row.get("conversation id"), is_group=is_group, message_text=text))
    if not records:
        raise ValueError(HIDDEN.replace("from", "to", 1) if any(_hidden(*c) for c in counterparts)
                         else "no counterpart besides the owner")
    return records


def recipients(row: Row) -> list[tuple[str | None, str | None]]:
    """Pair the names in TO with the URLs in RECIPIENT PROFILE URLS.

    Group messages list several of each, comma- or semicolon-separated (``_split``). Names can hold
    commas themselves ("Anna Berg, PhD"), so names are split only when the count matches the URLs.
    """
    urls = _urls(row.get("recipient profile urls"))
    to = row.get("to") or ""
    names = _split(to)
    if len(urls) > 1 and len(names) == len(urls):
        return list(zip(names, urls))
    # TO lists the members LinkedIn no longer names by its placeholder, and RECIPIENT PROFILE URLS leaves them out:
    # 37 names with 7 "LinkedIn Member" beside 30 URLs in one real group message (code index id 55463844729, a
    # PHP importer's test quoting it). The others' names pair with the URLs once the placeholders are set aside.
    named = [name for name in names if not placeholder(name)]
    if urls and len(named) < len(names) and len(named) == len(urls):
        return list(zip(named, urls))
    if len(urls) > 1:
        return [(None, u) for u in urls]
    return [(to or None, urls[0] if urls else None)]


def _legacy_message(row: Row, *, member: str, owner: Owner, given: bool, seen: set, keep_text: bool,
                    day_first: bool) -> list:
    # ≤ 2018 Messages.csv: From and To hold names, no URL and no conversation id; Direction says which
    # side the owner is on, whatever the folder (INBOX, SENT, ARCHIVED). Date as Invitations' "1/8/18, 6:14 PM".
    # INCOMING/OUTGOING as in Invitations.csv of the same export [R: the real export; no public sample].
    direction = LEGACY_DIRECTIONS.get((row.get("direction") or "").upper())
    if direction is None:
        raise ValueError("direction: neither INCOMING nor OUTGOING")
    sent_at = parse_column_date(row, "date", partial(read_datetime, day_first=day_first))
    column = "from" if direction == "in" else "to"
    name = require(row.get(column), column)
    if owner.is_me(name, None):
        raise ValueError(f"{column}: the owner's own name, no counterpart")
    account = _account(member, row, name, None)
    records = [] if name in seen else [account]
    seen.add(name)
    if invitations_file(member):
        return [*records, _interaction(member, row, account, kind="invitation", direction=direction,
                                       occurred_at=require(sent_at, "date"))]
    return [*records, _interaction(member, row, account, kind="message", direction=direction,
                                   occurred_at=require(sent_at, "date"),
                                   message_text=row.get("content") if keep_text else None)]


def invitations_file(member: str) -> bool:
    """Whether a file in the messages' columns holds invitations to connect: the 2015-2017 archive's Invitations.csv
    (remixed2/linkedin-zip-parser Parser.cs, 2016, reads it with its Inbox model), told apart by its name only."""
    return PurePosixPath(member).name.lower().startswith("invitations")


def _follow(row: Row, *, member: str, owner: Owner, given: bool, day_first: bool) -> list:
    # Member_Follows.csv: a member the owner follows, by name only; the date is when the follow began.
    status = (row.get("status") or "").strip().casefold()
    if status not in FOLLOW_STATUSES:
        raise ValueError(UNKNOWN_STATUS)
    account = _account(member, row, row.get("fullname"), None)
    if status in (UNFOLLOWED, MUTED):
        return [account]
    followed_at = parse_column_date(row, "date", partial(read_datetime, day_first=day_first))
    return [account, _interaction(member, row, account, kind="follow", direction="out",
                                  occurred_at=require(followed_at, "date"))]


def _registration(row: Row, *, member: str, owner: Owner, given: bool, day_first: bool) -> list:
    # Most members joined uninvited: the row is then the owner's own and says nothing of anyone else.
    first, last = row.get("inviter first name"), row.get("inviter last name")
    if not (first or last):
        if not owner.known:
            raise ValueError("inviter first name, inviter last name: missing, and the owner is unknown")
        return [_account(member, row, owner.name, owner.url, is_owner=True)]
    joined_at = parse_column_date(row, "registration date", partial(read_datetime, day_first=day_first))
    account = _account(member, row, join_name(first, last), None, first_name=first, last_name=last)
    return [account, _interaction(member, row, account, kind="invitation", direction="in",
                                  occurred_at=require(joined_at, "registration date"))]


def _invitation(row: Row, *, member: str, owner: Owner, given: bool, day_first: bool) -> list:
    # Sent At is local time with no zone ("7/8/26, 3:43 PM"); it is stored as if it were UTC.
    sent_at = parse_column_date(row, "sent at", partial(_read_sent_at, day_first=day_first))
    direction = require(row.get("direction"), "direction").upper()
    if direction not in ("INCOMING", "OUTGOING"):
        raise ValueError("direction: neither INCOMING nor OUTGOING")
    outgoing = direction == "OUTGOING"
    name = row.get("to") if outgoing else row.get("from")
    url = profile_url(row.get("inviteeprofileurl" if outgoing else "inviterprofileurl"))
    account = _account(member, row, name, url)
    return [account, _interaction(member, row, account, kind="invitation", direction="out" if outgoing else "in",
                                  occurred_at=require(sent_at, "sent at"))]


def _endorsement(row: Row, *, member: str, owner: Owner, given: bool, role: str, day_first: bool) -> list:
    endorsed_at = parse_column_date(row, "endorsement date", partial(read_datetime, day_first=day_first))
    first, last = row.get(f"{role} first name"), row.get(f"{role} last name")
    account = _account(member, row, join_name(first, last), profile_url(row.get(f"{role} public url")),
                       first_name=first, last_name=last)
    return [account, _interaction(member, row, account, kind="endorsement",
                                  direction="in" if role == "endorser" else "out",
                                  occurred_at=require(endorsed_at, "endorsement date"))]


def _recommendation(row: Row, *, member: str, owner: Owner, given: bool, day_first: bool,
                    kind: str = "recommendations") -> list:
    # Recommendations carry no profile URL: the account is known by name (and company) only.
    (first, last, company, title, date), direction = RECOMMENDATION_COLUMNS[kind]
    created_at = parse_column_date(row, date, partial(read_datetime, day_first=day_first))
    account = _account(member, row, join_name(row.get(first), row.get(last)), None, first_name=row.get(first),
                       last_name=row.get(last), company=row.get(company), position=row.get(title))
    return [account, _interaction(member, row, account, kind="recommendation",
                                  direction=direction or ("out" if given else "in"),
                                  occurred_at=require(created_at, date))]


def _noted(row: Row, *, member: str, owner: Owner, given: bool) -> list:
    # Notes.csv (2026): the person the owner wrote a note on, by profile URL; the note and its dates stay out.
    first, last = row.get("connection first name"), row.get("connection last name")
    name, url = join_name(first, last), profile_url(row.get("connection profile url"))
    if not (name or url):
        raise ValueError(NAMELESS)
    return [_account(member, row, name, url, first_name=first, last_name=last)]


def _contact(row: Row, *, member: str, owner: Owner, given: bool) -> list:
    # 2015-2017 Contacts.csv: a person of the owner's contact book, by name and e-mail; notes and tags stay out.
    first, last = row.get("first name"), row.get("last name")
    if not (first or last):
        raise ValueError("first name, last name: missing")
    return [_account(member, row, join_name(first, last), None, first_name=first, last_name=last,
                     email=normalise_email(row.get("email")))]


ROW_PARSERS = {
    "profile": _profile,
    "connections": _connection,
    "outlook_connections": partial(_exported_connection, kind="outlook_connections"),
    "yahoo_connections": partial(_exported_connection, kind="yahoo_connections"),
    "messages": _message,
    "legacy_messages": _legacy_message,
    "invitations": _invitation,
    "follows": _follow,
    "registration": _registration,
    "endorsements_received": partial(_endorsement, role="endorser"),
    "endorsements_given": partial(_endorsement, role="endorsee"),
    "recommendations": _recommendation,
    "legacy_connections": partial(_connection, day_first=False),
    "legacy_contacts": _contact,
    "legacy_recommendations_received": partial(_recommendation, kind="legacy_recommendations_received"),
    "legacy_recommendations_given": partial(_recommendation, kind="legacy_recommendations_given"),
    "notes": _noted,
}
