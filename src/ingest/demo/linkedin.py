"""LinkedIn "Complete" export (formats.md §3): the LinkedIn subset of the network, messages streamed.

Connections, messages (1:1, groups, recruiters' InMails, some never answered), invitations (accepted and
pending), endorsements, recommendations (names only: their account_ref is the name) and the owner's files.
Planted fault: one Connections.csv row whose ``Connected On`` is ``31 Foo <year>``; that connection
appears in no other file, so its label belongs to an account no parser can load.
"""
from __future__ import annotations

import base64
import csv
import io
import random
import uuid
from itertools import cycle
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from .common import ZipOut, allocate, burst_times, clock, day_string, epoch, last_activity, random_time, ranked, \
    to_datetime
from .names import INMAILS, MESSAGES, OWNER_REPLIES
from .people import DEMO_OWNER_EMAIL, Network, Person

OWNER_SKILLS = ("Data Engineering", "Python", "SQL", "Apache Airflow", "Data Warehousing", "Team Leadership",
                "dbt", "Data Modeling", "Stakeholder Management", "DuckDB", "Apache Spark", "Public Speaking")
OTHER_SKILLS = ("Product Management", "Java", "Kubernetes", "UX Research", "Machine Learning", "Scrum",
                "Recruiting", "Go", "Marketing", "Project Management", "TypeScript", "Statistics")
GROUPS = ("Hamburg Data Meetup – Orga", "Ehemalige Elbwerk-Crew", "Panel Datenkultur 2026", "Airflow Summit Speakers",
          "Data Leads Nord", "Mentoring-Runde 2025")
RECOMMENDATIONS_RECEIVED = (
    "Henrike is a great colleague, calm under pressure and generous with her time.",
    "Ich habe mit Henrike zwei Jahre an unserer Datenplattform gearbeitet.\nKlare Empfehlung!",
    "One of the best data leads I have worked with.")
RECOMMENDATIONS_GIVEN = ("A thoughtful engineer, always ships, always documents.",
                         "Sehr zuverlässig, hilfsbereit und witzig.")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
CONNECTIONS_NOTES = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download their "
    "email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n\n')
_ENDORSE = "Endorsement Date,Skill Name,{0} First Name,{0} Last Name,{0} Public Url,Endorsement Status"
_RECOMMEND = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status"
HEADERS = {
    "Connections.csv": "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    "messages.csv": "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,"
                    "SUBJECT,CONTENT,FOLDER,ATTACHMENTS",
    "Invitations.csv": "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
    "Endorsement_Received_Info.csv": _ENDORSE.format("Endorser"),
    "Endorsement_Given_Info.csv": _ENDORSE.format("Endorsee"),
    "Recommendations_Received.csv": _RECOMMEND,
    "Recommendations_Given.csv": _RECOMMEND,
    "Profile.csv": "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,"
                   "Geo Location,Twitter Handles,Websites,Instant Messengers",
    "Email Addresses.csv": "Email Address,Confirmed,Primary,Updated On", "Skills.csv": "Name",
    "Reactions.csv": "Date,Type,Link",
    "Jobs/Job Applications.csv": "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,"
                                 "Job Url,Resume Name,Question And Answers",
}
# Real exports carry a UTF-8 BOM on some files but not on others; these get one here.
BOM_FILES = {"Profile.csv", "Email Addresses.csv", "Invitations.csv", "Endorsement_Received_Info.csv",
             "Endorsement_Given_Info.csv"}


@dataclass
class Thread:
    people: list[Person]
    n: int
    lo: int
    last: int
    mode: str = "both"  # "in"/"out": never answered; "group": anyone writes; "inmail": a recruiter's
    title: str = ""
    subject: str = ""


def csv_text(rows: list, header: str = "") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    if header:
        writer.writerow(header.split(","))
    writer.writerows(rows)
    return buf.getvalue()


def fmt_us(dt: datetime, pad: bool = False) -> str:
    hour, ampm = dt.hour % 12 or 12, "AM" if dt.hour < 12 else "PM"
    fmt = "{:02d}/{:02d}/{}, {:02d}:{:02d} {}" if pad else "{}/{}/{}, {}:{:02d} {}"
    return fmt.format(dt.month, dt.day, f"{dt:%y}", hour, dt.minute, ampm)


def conversation_id(r: random.Random) -> str:
    raw = f"{uuid.UUID(int=r.getrandbits(128), version=4)}_{r.randrange(1000):03d}"
    return "2-" + base64.b64encode(raw.encode()).decode()


def connections(net: Network) -> list[Person]:
    """Connections with a readable date: the ones other LinkedIn files can mention."""
    return [p for p in net.on("linkedin") if p.linkedin.connected]


def plan_threads(r: random.Random, net: Network, total: int, hi: int) -> list[Thread]:
    """Conversations: InMails from recruiters, a few groups, and 1:1 threads falling off like Zipf."""
    conns = connections(net)
    start = {p: max(epoch(datetime.combine(p.linkedin.connected, time(9))), hi - 5 * 365 * 86400) for p in conns}
    threads = []
    for i, (p, subject) in enumerate(zip([s for s in net.strangers if s.role == "recruiter"], cycle(INMAILS))):
        n = 1 if i % 10 < 2 else r.randint(2, 3)  # some InMails stay unanswered
        threads.append(Thread([p], n, hi - 700 * 86400, random_time(r, hi - 700 * 86400, hi), "inmail", "", subject))
    total -= sum(t.n for t in threads)
    plain = [p for p in conns if ", " not in p.linkedin.name]  # ", " also separates names in TO
    n_groups = min(max(2, round(len(conns) / 57)), len(plain) // 5)
    for title, size in zip(cycle(GROUPS), allocate(total // 12, n_groups)):
        members = r.sample(plain, r.randint(3, 5))
        lo = max(start[m] for m in members)
        threads.append(Thread(members, size, lo, random_time(r, lo, hi), "group", title))
    total -= sum(t.n for t in threads if t.mode == "group")
    for p, n in zip(ranked(r, conns, lambda p: p.tie), allocate(total, round(0.47 * len(conns)))):
        mode = r.choice(("in", "in", "out")) if n <= 3 and r.random() < 0.35 else "both"
        last = start[p] + int((hi - start[p]) * r.random() ** (0.15 if n > 20 else 0.6))
        threads.append(Thread([p], n, start[p], last, mode))
    threads.sort(key=lambda t: t.last, reverse=True)
    return threads


def thread_rows(r: random.Random, owner: Person, t: Thread) -> list[list]:
    """Rows of one conversation, newest first; "both" threads answer their first message."""
    cid, members, rows = conversation_id(r), [owner, *t.people], []
    sender = t.people[0] if t.mode in ("in", "inmail") or (t.mode == "both" and r.random() < 0.5) else owner
    for i, ts in enumerate(reversed(burst_times(r, t.n, t.lo, t.last))):
        if t.mode == "group":
            sender = r.choice(members)
        elif t.mode in ("both", "inmail") and i and (i == 1 or r.random() < 0.6):
            sender = owner if sender is not owner else t.people[0]
        to = [m for m in members if m is not sender]
        text = r.choice(OWNER_REPLIES) if t.mode == "inmail" and sender is owner else r.choice(MESSAGES)
        attach = f"https://www.linkedin.com/dms/prv/attachment/{r.getrandbits(64):016x}" if r.random() < 0.01 else ""
        rows.append([cid, t.title, sender.linkedin.name, sender.linkedin.url, ", ".join(p.linkedin.name for p in to),
                     ", ".join(p.linkedin.url for p in to), f"{day_string(ts)} {clock(ts)} UTC",
                     t.subject if i == 0 else "", text.format(first=to[0].first.split()[0]), "INBOX", attach])
    rows.reverse()
    return rows


def message_chunks(r: random.Random, net: Network, threads: list[Thread]) -> Iterator[str]:
    yield HEADERS["messages.csv"] + "\n"
    for t in threads:
        yield csv_text(thread_rows(r, net.owner, t))


def invitations(r: random.Random, net: Network, hi: datetime) -> list[list]:
    conns = connections(net)
    recent = [p for p in conns if p.linkedin.connected > hi.date() - timedelta(days=180)]
    rows = []
    for i, p in enumerate(r.sample(recent, min(max(12, len(conns) // 16), len(recent)))):  # accepted: connections
        sent = datetime.combine(p.linkedin.connected, time(20)) - timedelta(days=r.randint(0, 4),
                                                                          minutes=r.randint(0, 600))
        rows.append((sent, p, "OUTGOING" if i % 2 else "INCOMING"))
    for i, p in enumerate(s for s in net.strangers if s.role == "pending"):
        rows.append((to_datetime(random_time(r, epoch(hi) - 90 * 86400, epoch(hi))), p,
                     "OUTGOING" if i % 2 else "INCOMING"))
    out = []
    for sent, p, direction in sorted(rows, key=lambda x: x[0], reverse=True):
        a, b = (net.owner.linkedin, p.linkedin) if direction == "OUTGOING" else (p.linkedin, net.owner.linkedin)
        msg = r.choice(("", "", f"Hi {b.first.split()[-1]}, we met at the meetup, would be great to connect!"))
        out.append([a.name, b.name, fmt_us(sent), msg, direction, a.url, b.url])
    return out


def endorsements(r: random.Random, conns: list[Person], skills: tuple, n: int, hi: datetime) -> list[list]:
    seen, rows = set(), []
    n = min(n, len(conns) * len(skills) // 2)
    while len(rows) < n:
        p, skill = r.choice(conns), r.choice(skills)
        if (p.key, skill) not in seen:
            seen.add((p.key, skill))
            lo = epoch(datetime.combine(p.linkedin.connected, time(0)))
            ts = random_time(r, lo, epoch(hi))  # the URL without a scheme, as the real file has it
            rows.append([ts, skill, p.linkedin.first, p.linkedin.last, f"www.linkedin.com/in/{p.linkedin.slug}",
                         "ACCEPTED"])
    rows.sort(key=lambda row: row[0], reverse=True)
    return [[f"{day_string(row[0]).replace('-', '/')} {clock(row[0])} UTC", *row[1:]] for row in rows]


def recommendations(r: random.Random, net: Network, people: list[Person], texts: tuple, hi: datetime) -> list[list]:
    rows = []
    for p, text in zip(people, texts * len(people)):  # names only, no profile URL: the account_ref is the name
        net.extra_refs.append(("linkedin", f"{p.linkedin.first} {p.linkedin.last}", p))
        ts = to_datetime(random_time(r, epoch(datetime.combine(p.linkedin.connected, time(0))), epoch(hi)))
        rows.append([p.linkedin.first, p.linkedin.last, p.company, p.position, text, fmt_us(ts, pad=True), "VISIBLE"])
    return rows


def owner_files(r: random.Random, owner: Person, hi: datetime) -> dict[str, list]:
    reaction_types = ("LIKE", "LIKE", "EMPATHY", "PRAISE", "INTEREST", "APPRECIATION", "ENTERTAINMENT")
    reactions = sorted([random_time(r, epoch(hi) - 900 * 86400, epoch(hi)), r.choice(reaction_types),
                        f"https://www.linkedin.com/feed/update/urn:li:activity:{r.randrange(71 * 10**17, 74 * 10**17)}"]
                       for _ in range(30))
    jobs = [[fmt_us(to_datetime(random_time(r, epoch(hi) - (d + 30) * 86400, epoch(hi) - d * 86400))),
             DEMO_OWNER_EMAIL, "+49 170 5550123", company, title,
             f"https://www.linkedin.com/jobs/view/{r.randrange(10**9, 10**10)}", "Henrike_Sommerfeld_CV.pdf", ""]
            for d, company, title in ((640, "Deichgraf Energie AG", "Head of Data"),
                                      (300, "Quartier 9 Ventures", "Data Platform Lead"))]
    return {
        "Profile.csv": [[owner.first, owner.last, "", "", "Apr 9", "Head of Data Platform at Elbwerk Digital",
                         "I build data teams, pipelines and the occasional meetup.\nHamburg, Elbe, Franzbrötchen.",
                         "Information Technology & Services", "20457", "Hamburg, Germany", "[hsommerfeld]",
                         "[PERSONAL:https://example.org/henrike]", ""]],
        "Email Addresses.csv": [[DEMO_OWNER_EMAIL, "Yes", "Yes", "3/14/19, 9:02 AM"],
                                ["h.sommerfeld@example.net", "Yes", "No", "11/2/22, 6:40 PM"]],
        "Skills.csv": [[s] for s in OWNER_SKILLS],
        "Reactions.csv": [[f"{day_string(t)} {clock(t)}", kind, url] for t, kind, url in reversed(reactions)],
        "Jobs/Job Applications.csv": jobs,
    }


def connection_rows(conns: list[Person]) -> list[list]:
    def connected(p: Person) -> date:
        li = p.linkedin
        return li.connected or date(int(li.bad_date[-4:]), 6, 30)

    rows = []
    for p in sorted(conns, key=connected, reverse=True):  # the export lists newest first
        li, on = p.linkedin, p.linkedin.connected
        rows.append([li.first, li.last, li.url, li.email, p.company, p.position,
                     li.bad_date or f"{on.day:02d} {MONTHS[on.month - 1]} {on.year}"])
    return rows


def tables(r: random.Random, net: Network, hi: datetime) -> dict[str, list]:
    """Rows of every CSV except messages.csv, which is streamed."""
    conns, live = net.on("linkedin"), connections(net)
    n = len(net.people)
    names = {}
    for p in live:
        names[p.linkedin.name] = names.get(p.linkedin.name, 0) + 1
    unique = [p for p in sorted(live, key=lambda p: -p.tie) if names[p.linkedin.name] == 1]
    received, given = max(3, n // 70), max(2, n // 100)
    return {
        **owner_files(r, net.owner, hi),
        "Connections.csv": connection_rows(conns),
        "Invitations.csv": invitations(r, net, hi),
        "Endorsement_Received_Info.csv": endorsements(r, live, OWNER_SKILLS, round(0.2 * n), hi),
        "Endorsement_Given_Info.csv": endorsements(r, live, OTHER_SKILLS, round(0.125 * n), hi),
        "Recommendations_Received.csv": recommendations(r, net, unique[:received], RECOMMENDATIONS_RECEIVED, hi),
        "Recommendations_Given.csv": recommendations(r, net, unique[received:received + given],
                                                     RECOMMENDATIONS_GIVEN, hi),
    }


def write_linkedin(r: random.Random, net: Network, inbox: Path, hi: datetime, messages: int) -> Path:
    """``Complete_LinkedInDataExport_MM-DD-YYYY.zip``; returns its path."""
    path = inbox / f"Complete_LinkedInDataExport_{hi:%m-%d-%Y}.zip"
    rows = tables(r, net, hi)
    threads = plan_threads(r, net, messages, last_activity(hi))
    with ZipOut(path, hi) as zf:
        for name in sorted([*rows, "messages.csv"]):
            bom = "\ufeff" if name in BOM_FILES else ""
            if name == "messages.csv":
                zf.stream(name, message_chunks(r, net, threads))
            else:
                preamble = CONNECTIONS_NOTES if name == "Connections.csv" else ""
                zf.write(name, (bom + preamble + csv_text(rows[name], HEADERS[name])).encode("utf-8"))
    return path
