"""The first Facebook download (F0, ≤2017, formats.md §1.7): ``html/friends.htm`` and ``html/pokes.htm``.

Every page has the owner's name as ``<h1>`` and a footer "Downloaded by <owner> on <time>". The
friends page holds one ``<h2>`` and ``<ul>`` per list, with localised headings; an entry is a name,
followed in 2014-15 by the e-mail address the friend shared ("Name (x@y)") and in 2017 by the day
the entry was made ("Name (1 de abril de 2014)"). Seen in public dumps: English of 2014 and 2015
(dhilipsiva/facebook, lazandrei/lazandrei.github.io, tudorbobei/tudorbobei.github.io), German of 2014
(Weingaertner23/FB.OLD) and Spanish of 2017 (sienrik15/fbchull, files named .html).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..archive import Export
from ..dates import read_datetime, read_parts
from ...models import Record
from ..text_repair import repair
from .html import soup_of
from .html_threads import FACEBOOK_ID, f0_thread_headers
from .poke_titles import poke_sides
from .people import LISTS
from .rows import Batch, Owner, Tally
from .text import f0_time
from .titles import KnownNames

# h2 heading (casefolded) → list kind of people.LISTS; None: a heading over no people.
SECTIONS = {
    "friends": "friends", "freunde": "friends", "amigos": "friends",
    "sent friend requests": "sent", "schicke freunden anfragen": "sent", "solicitud de amistad enviada": "sent",
    "received friend requests": "received", "recibiste solicitudes de amistad": "received",
    "deleted friend requests": "rejected",  # English in the Spanish dump too: requests the owner deleted
    # early 2018 (EspressoTime/Facebook-Archive-Analyzer friends.htm): the requests the owner declined, dated, and
    # the people the owner follows, where "Following" would be expected
    "declined friend requests": "rejected", "followees": "following",
    "removed friends": "removed", "gelöschte freunde": "removed", "amigos eliminados": "removed",
    "followers": "followers", "abonnenten": "followers", "seguidores": "followers",
    "following": "following",  # [U: not seen, the list Facebook showed next to "Followers"]
    "friend peer group": None, "grupo de amigos": None,  # "Starting Adult Life": a label, no people
}
# The first list is the friends list in every dump seen (en, de, es): it stays one under a heading
# in another language.
FIRST = "friends"
# the spaces before the parenthesis from where their run starts, taken whole: else each of a long run was tried again
_ENTRY = re.compile(r"^(?P<name>[^()]*?)(?<!\s)\s*+\((?P<extra>[^()]*+)\)\s*+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# "(Today)" and "(Yesterday)" as the 2017 lists write entries of the last two days [R: "Hoy" seen].
_RELATIVE = {"today": 0, "hoy": 0, "heute": 0, "aujourd'hui": 0, "oggi": 0, "yesterday": 1, "ayer": 1,
             "gestern": 1, "hier": 1, "ieri": 1}
_YEAR = re.compile(r"\b\d{4}\b")


def f0_owner(export: Export, member: str) -> Owner:
    """The owner from the page's ``<h1>``."""
    name = _heading(soup_of(export, member))
    return Owner(name, frozenset({name})) if name else Owner()


# A Spanish dump of 2015 (dalletopid.github.io, html/messages.htm) lists 60 of its 141 threads by ids alone,
# "1414315801@facebook.com, 568143865@facebook.com", and names their senders so too; one id, the owner's, is in each
# of those threads. Read by the owner's name alone, the owner's messages there came "in" from a stranger. The one id
# every id-only thread lists, when there are several such threads, is the owner's too.
OWNER_ID_NOTE = "the owner's Facebook id, the one id every thread listed by ids alone holds, read as the owner"


def with_owner_id(owner: Owner, export: Export, members: list[str]) -> Owner:
    """The owner with the id common to every thread of the F0/F1 pages that lists ids alone (``OWNER_ID_NOTE``)."""
    headers = [set(names) for member in members for names in f0_thread_headers(export, member)]
    listed = [names for names in headers if names and all(n.endswith(FACEBOOK_ID) for n in names)]
    common = set.intersection(*listed) if len(listed) > 1 else set()
    if len(common) != 1 or not owner.known:
        return owner
    return Owner(owner.ref, owner.names | common, owner.from_titles, OWNER_ID_NOTE)


def _heading(soup) -> str:
    heading = soup.select_one("div.contents h1")
    return repair(heading.get_text(" ", strip=True)) if heading else ""


@dataclass(frozen=True)
class Download:
    """When the export was made, from the footer: the local time as written (its day is the "today"
    of the lists) and the instant in UTC (the latest any entry of the page can date from)."""

    local: datetime
    at: datetime


def downloaded_at(soup, owner: Owner) -> Download | None:
    footer = soup.select_one("div.footer")
    text = footer.get_text(" ", strip=True) if footer else ""
    if owner.ref and owner.ref in text:  # "Downloaded by <owner> on <time>", "Descargado por <owner> en <time>"
        text = text.split(owner.ref, 1)[1].strip().partition(" ")[2]
    try:
        local, zone = read_parts(text)
    except ValueError:
        return None
    return Download(local, zone.to_utc(local)) if zone else None


def read_f0_friends(export: Export, member: str, owner: Owner, batch: Batch,
                    friended: set | None = None) -> Iterator[Record]:
    """Every list of the friends page, each with the relation its heading names; ``friended`` gathers
    (friend, day) of the dated friends, whom the timeline's "… are now friends." stories name again."""
    friended = set() if friended is None else friended
    soup = soup_of(export, member)
    tally, downloaded = Tally(member), downloaded_at(soup, owner)
    if _heading(soup):  # the owner, as line 0
        tally.read += 1
        batch.account(member, 0, _heading(soup), is_owner=True)
    line = 0
    for number, (heading, entries) in enumerate(_sections(soup)):
        list_kind = SECTIONS.get(heading.casefold(), FIRST if number == 0 else "") if heading else ""
        if list_kind is None:
            continue
        if not list_kind:
            tally.note("people under a heading this version does not know (language?): accounts only", len(entries))
        for entry in entries:
            line += 1
            yield from _entry(tally, line, entry, list_kind, downloaded, member, batch, friended)
    if not line:
        tally.note("no lists found: page layout not recognised", None)
    elif downloaded is None:
        tally.note("no download time in the footer: undated entries kept as accounts only", None)
    yield tally.member_note("friends, requests and followers (F0 HTML)")


def _sections(soup) -> list[tuple[str, list[str]]]:
    """(heading, entry texts) of every h2 with the list that follows it."""
    found = []
    for heading in soup.select("div.contents h2"):
        listing = heading.find_next_sibling()
        items = listing.find_all("li") if listing is not None and listing.name == "ul" else []
        found.append((heading.get_text(" ", strip=True), [li.get_text(" ", strip=True) for li in items]))
    return found


def _entry(tally: Tally, line: int, text: str, list_kind: str, downloaded: Download | None, member: str,
           batch: Batch, friended: set) -> Iterator[Record]:
    tally.read += 1
    name, email, at = _parts(text, downloaded)
    if not name:
        yield tally.quarantine(line, "name: missing", "")
        return
    if at is False:
        tally.note("entry dates in a form this version cannot read (read as undated)", 1)
        at = None
    friends = list_kind == "friends"
    batch.account(member, line, name, email=email, connected_at=at if friends else None)
    if friends and at is not None:
        friended.add((name, at.date()))
    # a friend without a date is still a friend: the account alone; a request or a follow stands as of the download
    when = at or (None if friends or downloaded is None else downloaded.at)
    if list_kind and when is not None:
        if at is None:
            tally.note("entries without a date, dated at the download (the latest they can be)", 1)
        _, kind, direction = LISTS[list_kind]
        batch.interaction(member, line, name, kind, direction, when)


def _parts(text: str, downloaded: Download | None) -> tuple[str, str | None, datetime | None | bool]:
    """(name, e-mail, date) of one entry; the date is False when there is one this version cannot read."""
    entry = _ENTRY.match(text)
    if not entry:
        return repair(text), None, None
    name, extra = repair(entry["name"]), entry["extra"].strip()
    if _EMAIL.match(extra):
        return name, extra.lower(), None
    return name, None, _list_date(extra, downloaded)


def _list_date(text: str, downloaded: Download | None) -> datetime | bool | None:
    """The day of a 2017 entry, as written: "1 de abril de 2014", "1 de abril" (of the download's
    year), "Hoy" (the download's day)."""
    if text.casefold() in _RELATIVE:
        if downloaded is None:
            return False
        day = downloaded.local.replace(hour=0, minute=0, second=0, microsecond=0)
        return day - timedelta(days=_RELATIVE[text.casefold()])
    try:
        return read_datetime(text)
    except ValueError:
        pass
    if downloaded is not None and not _YEAR.search(text):
        try:
            return read_datetime(f"{text} {downloaded.local.year}")
        except ValueError:
            pass
    return False


def read_f0_pokes(export: Export, member: str, owner: Owner, known: KnownNames, batch: Batch) -> Iterator[Record]:
    """``html/pokes.htm``: one ``<li>`` per poke, "A poked B" and a ``div.meta`` time."""
    tally = Tally(member)
    for line, item in enumerate(soup_of(export, member).select("div.contents li"), 1):
        tally.read += 1
        meta = item.select_one("div.meta")
        time_text = meta.get_text(" ", strip=True) if meta else ""
        if meta is not None:
            meta.extract()
        text = repair(item.get_text(" ", strip=True))
        reason = _poke(member, line, text, time_text, owner, known, batch)
        if reason:
            yield tally.quarantine(line, reason, {"meta": time_text})
    yield tally.member_note("pokes (F0 HTML)")


def _poke(member: str, line: int, text: str, time_text: str, owner: Owner, known: KnownNames,
          batch: Batch) -> str | None:
    try:
        at = f0_time(time_text)
    except ValueError as exc:
        return str(exc)
    people = _poker_pokee(text, owner, known)
    if isinstance(people, str):
        return people
    poker, pokee = people
    other, direction = (pokee, "out") if poker in owner else (poker, "in")
    batch.account(member, line, other)
    batch.interaction(member, line, other, "poke", direction, at)
    return None


def _poker_pokee(text: str, owner: Owner, known: KnownNames) -> tuple[str, str] | str:
    """(poker, pokee) by the known sentence forms, else by where the owner and a known person stand."""
    if not owner.known:
        return "text: cannot tell who poked whom (owner unknown)"
    sides = poke_sides(text)
    if sides is not None:
        if (sides[0] in owner) == (sides[1] in owner):
            return "text: neither poker nor pokee is the owner alone (owner unknown?)"
        return sides
    other = known.find(text, owner.ref)
    places = [text.find(name) for name in owner.names if name in text]
    if other is None or not places:
        return "text: names not the owner and one person known from this export; language not recognised"
    return (other, owner.ref) if text.find(other) < min(places) else (owner.ref, other)
