"""The owner's offline journal (design.md: ``date,name,email,phone,kind,note``), saved from a spreadsheet.

One or more entries for every person labelled ``met_offline``, under the name the owner writes for them
(no titles, sometimes without umlauts, "Last, First", a first name alone). Planted faults: one row dated
``32.13.2025`` (typed into a German spreadsheet) and two planned entries dated after ``as_of``, for
people never met: they are not interactions yet. A tenth of the dates are written ``DD.MM.YYYY``.
"""
from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from pathlib import Path

from .people import Network, Person
from .platforms import Journal

HEADER = "date,name,email,phone,kind,note"
KINDS = ("meeting", "call", "meal", "event", "letter", "gift", "other")
NOTES = {"meeting": ("Kaffee am Jungfernstieg", "Coworking day, caught up on the new job", "Met at the office"),
         "call": ("Phone call, about the conference talk", "Video call, catch-up", "Kurz telefoniert"),
         "meal": ("Lunch in der HafenCity", "Dinner, talked about moving to Berlin", "Fischbrötchen am Hafen"),
         "event": ("Hamburg Data Meetup", "Konferenz in Berlin, Abendessen danach", "Summer party"),
         "letter": ("Postkarte aus Lissabon",), "gift": ("Book as thank-you", "Wedding gift"),
         "other": ("Helped with the move", "Sailing on the Alster")}
PLANS = ((8, "meal", "Weihnachtsessen geplant"), (23, "event", "Neujahrsempfang, zugesagt"))


def entries(r: random.Random, net: Network, as_of: date) -> list[list]:
    """Past entries: closer people were met more often."""
    rows = []
    for p in net.people:
        if not (p.met_offline and p.journal):
            continue
        for _ in range(1 + min(int(p.tie * 3.5), 4)):
            kind = r.choices(KINDS, (35, 20, 20, 14, 4, 4, 3))[0]
            phone = p.phone if p.phone and r.random() < 0.6 else ""
            rows.append([as_of - timedelta(days=r.randint(1, 3 * 365)), p.journal.name, p.journal.email, phone,
                         kind, r.choice(NOTES[kind])])
    return sorted(rows, key=lambda e: (e[0], e[1]))


def planned(net: Network) -> list[Person]:
    """Two people never met, with a plan after ``as_of``: in the journal, yet not met offline."""
    refs = {p.journal.ref for p in net.people if p.journal}
    out = []
    for p in net.people:
        if len(out) == len(PLANS):
            break
        if not p.met_offline and p.linkedin and Journal(p.plain).ref not in refs:
            p.journal = Journal(p.plain)
            refs.add(p.journal.ref)
            out.append(p)
    return out


def journal_rows(r: random.Random, net: Network, as_of: date) -> list[list]:
    past = entries(r, net, as_of)
    rows = [[e[0].strftime("%d.%m.%Y" if r.random() < 0.1 else "%Y-%m-%d"), *e[1:]] for e in past]
    if rows:  # planted fault: an impossible date, as typed into a German spreadsheet
        rows.insert(len(rows) // 2, ["32.13.2025", rows[0][1], rows[0][2], "", "meeting", "Kaffee, Datum vertippt"])
    for p, (days, kind, note) in zip(planned(net), PLANS):
        rows.append([(as_of + timedelta(days=days)).isoformat(), p.journal.name, "", "", kind, note])
    return rows


def write_journal(r: random.Random, net: Network, inbox: Path, as_of: date) -> Path:
    """``journal.csv``, CRLF line ends as a spreadsheet saves it; returns its path."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(HEADER.split(","))
    writer.writerows(journal_rows(r, net, as_of))
    path = inbox / "journal.csv"
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path
