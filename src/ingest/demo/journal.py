"""The owner's offline journal (design.md: ``date,name,email,phone,kind,note``), saved from a spreadsheet.

Entries for the people met whom the calendar does not already show (and for 40% of those it does),
under the names the owner writes: the plain name, transliterated (Mueller, Strauss), "Last, First", a
nickname with the family name (Bob, Kathi, Alex: the list Facebook names use), or a first name alone where
nobody else in the whole network could be meant; some rows add the e-mail a platform shows, a private one
from the address book, or a phone number as typed. People on no platform have entries too.

Traps: a few people are written by a first name that several people share ("Anna"), and nothing else on the
row: a careful resolver sends those to review, so they are labelled not met ("journal-ambiguous"), as is
any entry whose name fits several people (the namesakes) without an e-mail or phone that decides. Planted
faults: one row dated ``32.13.2025`` (typed into a German spreadsheet) and two planned entries dated after
``as_of``, for people never met: not interactions yet. A tenth of the dates are written ``DD.MM.YYYY``.
"""
from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from .addressbook import typed_phone
from .common import transliterate
from .names import NICKNAMES
from .people import Identities, Network, Person
from .platforms import Journal

HEADER = "date,name,email,phone,kind,note"
KINDS = ("meeting", "call", "meal", "event", "letter", "gift", "other")
NOTES = {"meeting": ("Kaffee am Jungfernstieg", "Coworking day, caught up on the new job", "Met at the office"),
         "call": ("Phone call, about the conference talk", "Video call, catch-up", "Kurz telefoniert"),
         "meal": ("Lunch in der HafenCity", "Dinner, talked about moving to Berlin", "Fischbrötchen am Hafen"),
         "event": ("Hamburg Data Meetup", "Konferenz in Berlin, Abendessen danach", "Summer party"),
         "letter": ("Postkarte aus Lissabon", "Karte, Grüße aus der Strasse am Deich"),
         "gift": ("Book as thank-you", "Wedding gift"), "other": ("Helped with the move", "Sailing on the Alster")}
PLANS = ((8, "meal", "Weihnachtsessen geplant"), (23, "event", "Neujahrsempfang, zugesagt"))
AMBIGUOUS_SHARE = 0.02  # people met whom the owner writes only by a first name others share


def pick_ambiguous(net: Network, ids: Identities) -> list[Person]:
    """People met who will appear only as an ambiguous first name; each a different first name."""
    want, seen, out = max(2, round(AMBIGUOUS_SHARE * len(net.people))), set(), []
    for p in net.people[::3]:
        key = p.first.casefold()
        if p.met_offline and p.variants and key not in seen and not ids.unique(p, p.first):
            seen.add(key)
            out.append(p)
            if len(out) == want:
                break
    return out


def written_name(r: random.Random, p: Person, ids: Identities, roll: float) -> str:
    """How the owner writes this person's name (no titles ever)."""
    nick = NICKNAMES.get(p.first)
    if roll < 0.25 and transliterate(p.plain) != p.plain:
        return transliterate(p.plain)
    if roll < 0.33:
        return f"{p.last}, {p.first}"
    if roll < 0.45 and nick:
        return f"{r.choice(nick)} {p.last}"
    if roll < 0.6 and ids.unique(p, p.first):
        return p.first
    return p.plain


class Entries:
    """The rows, with the account of each and the evidence it gives its person."""

    def __init__(self, r: random.Random, ids: Identities, as_of: date):
        self.r, self.ids, self.as_of = r, ids, as_of
        self.rows: list[list] = []
        self.refs: dict[str, Person] = {}

    def account(self, p: Person, name: str, email: str) -> Journal:
        """The row's account; a name already written for someone else gets a qualifier, as the owner would."""
        account = Journal(name, email)
        for alternative in (f"{name} ({p.company})" if p.company else "", f"{name} ({p.city[0]})"):
            if self.refs.get(account.ref, p) is p:
                break
            account = Journal(alternative or name, email)
        if self.refs.get(account.ref, p) is not p:
            account = Journal(account.name, f"{p.first.casefold()}.{p.key}@example.net")
        self.refs[account.ref] = p
        return account

    def add(self, p: Person, day: date, name: str, email: str = "", phone: str = "", kind: str = "") -> list:
        account = self.account(p, name, email)
        kind = kind or self.r.choices(KINDS, (35, 20, 20, 14, 4, 4, 3))[0]
        row = [day, account.name, account.email, phone, kind, self.r.choice(NOTES[kind])]
        token = "journal-future" if day > self.as_of else "journal" if self.ids.resolves(
            p, account.name, account.email, phone) else "journal-ambiguous"
        p.via.add(token)
        self.rows.append(row)
        return row

    def person(self, p: Person, name: str = "") -> None:
        """Closer people were met more often; a third of them are written two ways."""
        r = self.r
        names = [name or written_name(r, p, self.ids, p.journal_roll if p.role != "offline" else r.random())]
        if r.random() < 0.3:
            names.append(written_name(r, p, self.ids, r.random() if p.variants else 1.0))
        shown = (p.linkedin and p.linkedin.email) or (p.xing and p.xing.email)
        for _ in range(1 + min(int(p.tie * 3.5), 4)):
            email = shown if p.journal_email and r.random() < 0.8 else p.private_email if r.random() < 0.15 else ""
            number = p.phone if p.phone and r.random() < 0.4 else p.mobile if r.random() < 0.15 else ""
            self.add(p, self.as_of - timedelta(days=r.randint(1, 3 * 365)), r.choice(names), email,
                     typed_phone(r, number) if number else "")


def plan_entries(r: random.Random, net: Network, ids: Identities, as_of: date, ambiguous: list[Person]) -> Entries:
    """The people met whom the calendar misses (and some it shows), the ambiguous ones, the two plans."""
    entries, held = Entries(r, ids, as_of), {id(p) for p in ambiguous}
    people = [p for p in net.people + net.offline_only
              if p.met_offline and id(p) not in held and ("calendar" not in p.via or r.random() < 0.4)]
    planted = plant_variants(people)
    for p in people:
        entries.person(p, planted.get(id(p), ""))
    for p in ambiguous:
        for _ in range(r.randint(1, 2)):
            entries.add(p, as_of - timedelta(days=r.randint(1, 3 * 365)), p.first)
    firsts = {p.first.casefold() for p in ambiguous}
    also = next((p for p in net.people if "calendar" in p.via and p.variants and p.first.casefold() not in firsts
                 and not ids.unique(p, p.first) and p.first.casefold() not in entries.refs), None)
    if also:  # met by the calendar, and also written as a first name that fits several people
        entries.add(also, as_of - timedelta(days=r.randint(1, 365)), also.first)
    entries.rows.sort(key=lambda e: (e[0], e[1]))
    for p, (days, kind, note) in zip(planned(net, entries), PLANS):
        entries.add(p, as_of + timedelta(days=days), p.plain, kind=kind)[5] = note
    return entries


def plant_variants(people: list[Person]) -> dict[int, str]:
    """One nickname and one transliteration, whatever the draw gave (an owner writes "Tom", "Mueller")."""
    out = {}
    nick = next((p for p in people if p.variants and p.first in NICKNAMES), None)
    if nick:
        out[id(nick)] = f"{NICKNAMES[nick.first][0]} {nick.last}"
    plain = next((p for p in people if p.variants and id(p) not in out and transliterate(p.plain) != p.plain), None)
    if plain:
        out[id(plain)] = transliterate(plain.plain)
    return out


def planned(net: Network, entries: Entries) -> list[Person]:
    """Two people never met, with a plan after ``as_of``: in the journal, yet not met offline."""
    out = []
    for p in net.people:
        if len(out) == len(PLANS):
            break
        if not p.met_offline and not p.via and p.linkedin and Journal(p.plain).ref not in entries.refs:
            out.append(p)
    return out


def journal_rows(r: random.Random, entries: Entries) -> list[list]:
    past = [e for e in entries.rows if e[0] <= entries.as_of]
    future = [e for e in entries.rows if e[0] > entries.as_of]
    rows = [[e[0].strftime("%d.%m.%Y" if r.random() < 0.1 else "%Y-%m-%d"), *e[1:]] for e in past]
    if rows:  # planted fault: an impossible date, as typed into a German spreadsheet
        rows.insert(len(rows) // 2, ["32.13.2025", rows[0][1], rows[0][2], "", "meeting", "Kaffee, Datum vertippt"])
    return rows + [[e[0].isoformat(), *e[1:]] for e in future]


def write_journal(r: random.Random, net: Network, ids: Identities, inbox: Path, as_of: date,
                  ambiguous: list[Person]) -> Path:
    """``journal.csv``, CRLF line ends as a spreadsheet saves it; labels its accounts; returns its path."""
    entries = plan_entries(r, net, ids, as_of, ambiguous)
    for ref, p in entries.refs.items():
        net.extra_refs.append(("journal", ref, p))
    for _, name, email, phone, *_ in entries.rows:
        ref = Journal(name, email).ref
        net.shown[("journal", ref)].append((entries.refs[ref], name, email, phone))
    path = inbox / "journal.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(HEADER.split(","))
        writer.writerows(journal_rows(r, entries))
    return path
