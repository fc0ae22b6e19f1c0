"""Deterministic sample inbox for an invented owner: a LinkedIn "Complete" export and an offline journal.

Every person, company, address and text here is invented. Only ``random.Random(seed)`` drives the choices.
"""
from __future__ import annotations

import base64
import csv
import io
import random
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

DEMO_OWNER = ("Henrike", "Sommerfeld")
DEMO_OWNER_URL = "https://www.linkedin.com/in/henrike-sommerfeld-3a9f2c"
DEMO_OWNER_EMAIL = "henrike.sommerfeld@example.com"

# culture: "female first names | male first names | last names"; "_" joins name particles
_RAW_NAMES = {
    "de": "Anna Lea Lena Hannah Marie Sophie Käthe Ute Birgit Jördis Wiebke Svenja Friederike Maren Gesa Dörte | "
          "Lukas Jonas Finn Paul Felix Jürgen Sören Björn Jörg Malte Hauke Ole Matthias Torben Henning Jan | Müller "
          "Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein Wolf "
          "Schröder Neumann Krüger Hartmann Lange Weiß Groß Strauß Kühn Böhm Petersen Jensen Claßen Mößner Thießen "
          "Lüders Hansen Voß",
    "pl": "Agnieszka Małgorzata Katarzyna Zofia Joanna Magdalena Ewa Aleksandra Żaneta | Tomasz Piotr Krzysztof "
          "Paweł Michał Łukasz Grzegorz Wojciech Bartosz | Nowak Kowalczyk Wiśniewski Wójcik Kamiński Lewandowski "
          "Zieliński Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Krawczyk Piątek Grabowski Nowicki "
          "Pawłowski Michalski Król",
    "nl": "Sanne Femke Eline Anouk Lotte Marloes Ilse Noor Mieke | Daan Sem Bram Thijs Joost Maarten Ruud Jeroen "
          "Pieter | de_Vries van_den_Berg van_Dijk Bakker Jansen Visser Smit de_Jong Mulder Bos Vos Hendriks "
          "van_Leeuwen Dekker Brouwer de_Groot",
    "tr": "Ayşe Elif Zeynep Selin Özge Deniz Büşra Merve Ebru | Mehmet Emre Burak Can Murat Gökhan Oğuz Kerem Serkan "
          "| Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Arslan Doğan Kılıç Aslan Korkmaz Koç Polat",
    "fr": "Camille Léa Chloé Élodie Amélie Céline Manon Inès Margaux | Hugo Théo Louis Mathieu François Julien "
          "Étienne Benoît Maxime | Martin Bernard Dubois Lefèvre Moreau Laurent Girard Rousseau Fontaine Chevalier "
          "Garnier Mercier Faure Lambert Bonnet Gauthier",
    "es": "María Lucía Carmen Sofía Inés Marta Elena Paula Nuria | José Javier Alejandro Pablo Álvaro Raúl Sergio "
          "Diego Jorge | García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Jiménez Muñoz Ortega "
          "Navarro Romero Castillo",
    "el": "Eleni Maria Katerina Sofia Ioanna Anastasia Dimitra Georgia Vasiliki | Giorgos Dimitris Nikos Kostas "
          "Yannis Christos Panagiotis Vasilis Thanasis | Papadopoulos Georgiou Nikolaidis Konstantinou Karagiannis "
          "Vasileiou Christodoulou Oikonomou Alexiou Pappas Antoniou Makris Ioannidis Dimitriou Athanasiou",
    "en": "Emily Charlotte Sarah Rebecca Olivia Grace Hannah Chloe Amelia | James Oliver Harry Daniel Thomas Liam "
          "George Jack William | Smith Jones Taylor Brown Williams Wilson Evans Thompson O'Brien Walker Hughes "
          "Clarke Robinson Wright Hall",
}
NAMES = {k: tuple([w.replace("_", " ") for w in part.split()] for part in v.split("|")) for k, v in _RAW_NAMES.items()}
CULTURE_WEIGHTS = {"de": 45, "pl": 8, "nl": 8, "tr": 8, "fr": 7, "es": 7, "el": 5, "en": 12}
COMPANIES = ("Elbwerk Digital GmbH", "Hanseatic Freight AG", "Alsterdata GmbH", "Kranich Logistik GmbH & Co. KG",
             "Speicherstadt Analytics", "Möwe Software GmbH", "Fjordlijn Consulting B.V.", "Tulpenhof Systems B.V.",
             "Wisłok Tech sp. z o.o.", "Boğaz Yazılım A.Ş.", "Atelier Lumière SAS", "Olivar Datos S.L.",
             "Aigaio Cloud S.A.", "Thamesbridge Partners Ltd", "Brückner, Lange & Partner mbB", "Deichgraf Energie AG",
             "Nordkap Versicherung AG", "Hafenkante Media GmbH", "Quartier 9 Ventures", "Lotsenhaus Health GmbH",
             "Backbord Mobility GmbH", "Fleetblick Retail GmbH", "Sternschanze Labs", "Kompass Bildung gGmbH")
POSITIONS = ("Data Engineer", "Senior Data Engineer", "Head of Data, EMEA", "Senior Product Manager", "CTO",
             "Working Student", "Software Engineer", "Founder & CEO", "UX Designer", "Geschäftsführung", "Berater*in",
             "Projektleitung", "Consultant", "Team Lead Backend", "Marketing Manager, DACH", "PhD Candidate",
             "Data Scientist", "Product Owner", "Engineering Manager", "Analytics Engineer", "Sales Director",
             "HR Business Partner", "Freelance Data Consultant", "Scrum Master", "Solutions Architect")
OWNER_SKILLS = ("Data Engineering", "Python", "SQL", "Apache Airflow", "Data Warehousing", "Team Leadership",
                "dbt", "Data Modeling", "Stakeholder Management", "DuckDB", "Apache Spark", "Public Speaking")
OTHER_SKILLS = ("Product Management", "Java", "Kubernetes", "UX Research", "Machine Learning", "Scrum",
                "Recruiting", "Go", "Marketing", "Project Management", "TypeScript", "Statistics")
MESSAGES = ("Hi {first}, thanks for connecting!", "Danke dir, bis Montag!", "Sure, let's do a call next week.",
            "Hast du kurz Zeit? Ich hätte eine Frage zu eurem Airflow-Setup.", "Congrats on the new role 🎉",
            "Thanks, see you Monday.", "Klingt gut, ich schick dir einen Termin.", "Haha, yes. Same here.",
            "Sorry for the late reply, busy weeks.\nDoes Thursday work?", "Here is the link I mentioned.",
            "Great talk yesterday, {first}! Any chance you share the slides?", "Ok 👍",
            "Can you intro me to someone at your team?\nNo rush, whenever it fits.", "Frohe Weihnachten!",
            "Ich bin nächste Woche in Hamburg, Kaffee?", "Thanks a lot, that helped a lot.",
            "Wir suchen gerade jemanden für Data Engineering, kennst du wen?", "Let me check and come back to you.",
            "Yes, Tuesday 10:00 works, see you at the office.", "Happy birthday, {first}!")
GROUPS = ("Hamburg Data Meetup – Orga", "Ehemalige Elbwerk-Crew", "Panel Datenkultur 2026")
INMAILS = ("Senior Data Engineer (m/w/d) – Hamburg, hybrid", "Head of Data Platform – exciting scale-up",
           "Lead Analytics Engineer (all genders)", "Your profile caught my eye", "Opportunity: Data Architect, remote")
OWNER_REPLIES = ("Thanks for reaching out, I'm not looking right now.", "Sounds interesting, what's the salary range?")
RECRUITER_FIRMS = ("TalentBrücke GmbH", "Hanseatic Hiring", "Nordstern Executive Search", "Kaiser & Kollegen Personal")
KINDS = ("meeting", "call", "meal", "event", "letter", "gift", "other")
NOTES = {"meeting": ("Kaffee am Jungfernstieg", "Coworking day, caught up on the new job", "Met at the office"),
         "call": ("Phone call, about the conference talk", "Video call, catch-up", "Kurz telefoniert"),
         "meal": ("Lunch in der HafenCity", "Dinner, talked about moving to Berlin", "Fischbrötchen am Hafen"),
         "event": ("Hamburg Data Meetup", "Konferenz in Berlin, Abendessen danach", "Summer party"),
         "letter": ("Postkarte aus Lissabon",), "gift": ("Book as thank-you", "Wedding gift"),
         "other": ("Helped with the move", "Sailing on the Alster")}
OFF_PLATFORM = (("Gesine Thormählen", "other", "Nachbarin, Blumen gegossen"),
                ("Bastian Quade", "meal", "Zahnarzt und Freund, Grillabend"),
                ("Ilse Brodersen", "letter", "Patentante, Geburtstagsbrief"))
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
JOURNAL_HEADER = "date,name,email,phone,kind,note"
_FOLD = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ı": "i", "ø": "o", "'": ""})
_DE_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


@dataclass(eq=False)
class Person:
    first: str  # plain first name(s), without title
    last: str  # plain last name, without credentials or emoji
    culture: str = "de"
    female: bool = False
    slug: str = ""
    prefix: str = ""  # members type titles into the name fields: "Dr. "
    suffix: str = ""  # ", PhD", " 🚀"
    company: str = ""
    position: str = ""
    email: str = ""
    phone: str = ""
    connected: date | None = None
    bad_date: str = ""
    namesake: bool = False

    li_first = property(lambda self: self.prefix + self.first)
    li_last = property(lambda self: self.last + self.suffix)
    name = property(lambda self: f"{self.li_first} {self.li_last}")
    plain = property(lambda self: f"{self.first} {self.last}")
    url = property(lambda self: f"https://www.linkedin.com/in/{self.slug}")


def slugify(text: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.translate(_FOLD)) if c.isascii())
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def feminine(culture: str, last: str) -> str:
    if culture == "pl":
        return re.sub(r"(sk|ck|dzk)i$", r"\1a", last)
    if culture == "el":
        return re.sub(r"os$", "ou", re.sub(r"is$", "i", re.sub(r"as$", "a", last)))
    return last


def random_person(r: random.Random, taken: set[str]) -> Person:
    while True:
        culture = r.choices(list(CULTURE_WEIGHTS), list(CULTURE_WEIGHTS.values()))[0]
        females, males, lasts = NAMES[culture]
        female = r.random() < 0.5
        last = feminine(culture, r.choice(lasts)) if female else r.choice(lasts)
        if culture == "es" and r.random() < 0.4:
            last = f"{last} {r.choice(lasts)}"
        p = Person(r.choice(females if female else males), last, culture, female)
        if p.plain not in taken:
            taken.add(p.plain)
            return p


def assign_slug(r: random.Random, p: Person, used: set[str], force_suffix: bool = False) -> None:
    style, base = r.random(), slugify(p.plain)
    if style < 0.12:
        base = slugify(p.first[0] + p.last).replace("-", "")  # vanity slug like "pdevries"
    elif style < 0.2:
        base = base.replace("-", "")
    slug = "" if force_suffix or style > 0.55 else base
    while not slug or slug in used:
        slug = f"{base}-{r.getrandbits(24):06x}" if r.random() < 0.6 else f"{base}-{r.getrandbits(32):08x}"
    used.add(slug)
    p.slug = slug


def email_for(r: random.Random, p: Person) -> str:
    domain = r.choice(("example.com", "example.org", "example.net"))
    return f"{slugify(p.first).replace('-', '.')}.{slugify(p.last).replace('-', '')}@{domain}"


def random_dt(r: random.Random, lo: datetime, hi: datetime) -> datetime:
    t = lo + timedelta(seconds=r.randrange(max(int((hi - lo).total_seconds()), 1)))
    return min(max(t.replace(hour=6 + t.hour * 15 // 24), lo), hi)  # 06:00-20:59 UTC


def make_connections(r: random.Random, export: date, taken: set[str], used: set[str]) -> list[Person]:
    people = [random_person(r, taken) for _ in range(200)]
    for p in people:
        assign_slug(r, p, used)
        p.connected = export - timedelta(days=1 + int(3650 * r.random() ** 1.4))  # more in recent years
        p.company = r.choice(COMPANIES) if r.random() < 0.87 else ""
        p.position = r.choice(POSITIONS) if r.random() < 0.9 else ""
        p.email = email_for(r, p) if r.random() < 0.03 else ""
        if r.random() < 0.2:
            p.phone = f"+49 {r.choice((151, 160, 170, 171, 176, 179))} {r.randrange(10**6, 10**8)}"
    for a, b in ((people[10], people[150]), (people[60], people[120])):  # two pairs of namesakes
        b.first, b.last, b.culture, b.female = a.first, a.last, a.culture, a.female
        b.company, a.namesake, b.namesake = r.choice([c for c in COMPANIES if c != a.company]), True, True
        assign_slug(r, b, used, force_suffix=True)
    people[150].email = email_for(r, people[150]).replace("@", f"{r.randint(70, 99)}@")
    decorations = [("Dr. ", "")] * 3 + [("", ", PhD")] * 2 + [("", " 🚀"), ("", " 🌿"), ("", " ☕")]
    for p, (pre, suf) in zip(r.sample([p for p in people if not p.namesake], 8), decorations):
        p.prefix, p.suffix = pre, suf
    for p in r.sample([p for p in people if not (p.prefix or p.suffix or p.namesake or p.culture != "de")], 2):
        p.first = f"{p.first} {r.choice(NAMES[p.culture][0 if p.female else 1])}"  # middle name in First Name
    return sorted(people, key=lambda p: p.connected, reverse=True)  # the export lists newest first


def make_people(r: random.Random, export: date) -> tuple[Person, list[Person], list[Person], list[Person]]:
    owner = Person(*DEMO_OWNER, slug=DEMO_OWNER_URL.rsplit("/", 1)[1])
    taken, used = {owner.plain, *(name for name, _, _ in OFF_PLATFORM)}, {owner.slug}
    conns = make_connections(r, export, taken, used)
    strangers = [random_person(r, taken) for _ in range(18)]  # 13 pending invitations, 5 recruiters
    for p in strangers:
        assign_slug(r, p, used)
    for p, firm in zip(strangers[13:], RECRUITER_FIRMS * 2):
        p.company, p.position = firm, "Senior Talent Acquisition Partner"
    # planted fault: one connection (in no other file) whose "Connected On" cannot be parsed
    bad = next(p for p in conns[100:] if not (p.email or p.prefix or p.suffix or p.namesake))
    bad.bad_date, bad.connected = f"31 Foo {bad.connected.year}", None
    return owner, conns, strangers[:13], strangers[13:]


def fmt_us(dt: datetime, pad: bool = False) -> str:
    hour, ampm = dt.hour % 12 or 12, "AM" if dt.hour < 12 else "PM"
    fmt = "{:02d}/{:02d}/{}, {:02d}:{:02d} {}" if pad else "{}/{}/{}, {}:{:02d} {}"
    return fmt.format(dt.month, dt.day, f"{dt:%y}", hour, dt.minute, ampm)


def conversation_id(r: random.Random) -> str:
    raw = f"{uuid.UUID(int=r.getrandbits(128), version=4)}_{r.randrange(1000):03d}"
    return "2-" + base64.b64encode(raw.encode()).decode()


def burst_times(r: random.Random, n: int, lo: datetime, hi: datetime) -> list[datetime]:
    out: list[datetime] = []
    while len(out) < n:
        t, k = random_dt(r, lo, hi), r.randint(1, 8)
        while k and len(out) < n and t <= hi:
            out.append(t)
            t, k = t + timedelta(seconds=r.randint(30, 6 * 3600)), k - 1
    return sorted(out)


def thread(r, owner, people, n, lo, hi, mode="both", title="", subject=""):
    """Rows of one conversation; mode "in"/"out" stays unanswered, "group" lets any member write."""
    cid, members, rows = conversation_id(r), [owner, *people], []
    sender = people[0] if mode in ("in", "inmail") or (mode == "both" and r.random() < 0.5) else owner
    for i, t in enumerate(burst_times(r, n, lo, hi)):
        if mode == "group":
            sender = r.choice(members)
        elif mode in ("both", "inmail") and i and (i == 1 or r.random() < 0.6):  # the first message is answered
            sender = owner if sender is not owner else people[0]
        to = [m for m in members if m is not sender]
        text = r.choice(OWNER_REPLIES) if mode == "inmail" and sender is owner else r.choice(MESSAGES)
        attach = f"https://www.linkedin.com/dms/prv/attachment/{r.getrandbits(64):016x}" if r.random() < 0.01 else ""
        rows.append([cid, title, sender.name, sender.url, ", ".join(p.name for p in to),
                     ", ".join(p.url for p in to), t, subject if i == 0 else "",
                     text.format(first=to[0].first.split()[0]), "INBOX", attach])
    return rows


def make_messages(r, owner, conns, recruiters, hi):
    """Message rows, newest first, plus the connections by activity tier (active, moderate, light)."""
    active = r.sample(sorted(conns, key=lambda p: p.connected)[:60], 5)
    rest = [p for p in conns if p not in active]
    r.shuffle(rest)
    rest.sort(key=lambda p: ", " not in p.suffix)  # "Name, PhD" in TO looks like two names: keep it in
    moderate, light = rest[:15], rest[15:85]

    def start(p: Person) -> datetime:  # at most five years of history
        return max(datetime.combine(p.connected, time(9)), hi - timedelta(days=5 * 365))

    rows = []
    for p, n in zip(active, (310, 240, 190, 150, 120)):
        rows += thread(r, owner, [p], n, start(p), hi)
    for p in moderate:
        rows += thread(r, owner, [p], r.randint(25, 55), start(p), hi)
    for i, p in enumerate(light):  # the first 18 stay unanswered, incoming or outgoing
        rows += thread(r, owner, [p], r.choices((1, 2, 3), (2, 4, 4))[0], start(p), hi,
                       "in" if i < 12 else "out" if i < 18 else "both")
    plain = [p for p in moderate + light[18:] if not (p.prefix or p.suffix)]  # ", " also separates names
    for title in GROUPS:
        members = r.sample(plain, r.randint(3, 5))
        rows += thread(r, owner, members, r.randint(15, 40), max(map(start, members)), hi, "group", title)
    for i, (p, subject) in enumerate(zip(recruiters, INMAILS)):  # InMail; the first two stay unanswered
        rows += thread(r, owner, [p], 1 if i < 2 else r.randint(2, 3), hi - timedelta(days=700), hi, "inmail",
                       subject=subject)
    rows.sort(key=lambda row: row[6], reverse=True)
    return [[*row[:6], f"{row[6]:%Y-%m-%d %H:%M:%S} UTC", *row[7:]] for row in rows], (active, moderate, light)


def make_invitations(r, owner, conns, pending, hi):
    recent = [p for p in conns if p.connected > hi.date() - timedelta(days=180)]
    rows = []
    for i, p in enumerate(r.sample(recent, min(12, len(recent)))):  # accepted: now in Connections.csv
        sent = datetime.combine(p.connected, time(20)) - timedelta(days=r.randint(0, 4), minutes=r.randint(0, 600))
        rows.append((sent, p, "OUTGOING" if i % 2 else "INCOMING"))
    for i, p in enumerate(pending):
        rows.append((random_dt(r, hi - timedelta(days=90), hi), p, "OUTGOING" if i % 2 else "INCOMING"))
    out = []
    for sent, p, direction in sorted(rows, key=lambda x: x[0], reverse=True):
        a, b = (owner, p) if direction == "OUTGOING" else (p, owner)
        msg = r.choice(("", "", f"Hi {b.first.split()[0]}, we met at the meetup, would be great to connect!"))
        out.append([a.name, b.name, fmt_us(sent), msg, direction, a.url, b.url])
    return out


def make_endorsements(r, conns, skills, n, hi):
    seen, rows = set(), []
    while len(rows) < n:
        p, skill = r.choice(conns), r.choice(skills)
        if (p.slug, skill) not in seen:
            seen.add((p.slug, skill))
            dt = random_dt(r, datetime.combine(p.connected, time(0)), hi)  # URL without scheme:
            rows.append([dt, skill, p.li_first, p.li_last, f"www.linkedin.com/in/{p.slug}", "ACCEPTED"])
    rows.sort(key=lambda row: row[0], reverse=True)
    return [[f"{row[0]:%Y/%m/%d %H:%M:%S} UTC", *row[1:]] for row in rows]


def make_recommendations(r, people, texts, hi):
    rows = []
    for p, text in zip(people, texts):  # names only, no profile URL
        dt = random_dt(r, datetime.combine(p.connected, time(0)), hi)
        rows.append([p.li_first, p.li_last, p.company, p.position, text, fmt_us(dt, pad=True), "VISIBLE"])
    return rows


def owner_files(r, owner, hi) -> dict[str, list]:
    reaction_types = ("LIKE", "LIKE", "EMPATHY", "PRAISE", "INTEREST", "APPRECIATION", "ENTERTAINMENT")
    reactions = sorted([random_dt(r, hi - timedelta(days=900), hi), r.choice(reaction_types), "https://www.linkedin"
                        f".com/feed/update/urn:li:activity:{r.randrange(71 * 10**17, 74 * 10**17)}"] for _ in range(30))
    jobs = [[fmt_us(random_dt(r, hi - timedelta(days=d + 30), hi - timedelta(days=d))), DEMO_OWNER_EMAIL,
             "+49 170 5550123", company, title, f"https://www.linkedin.com/jobs/view/{r.randrange(10**9, 10**10)}",
             "Henrike_Sommerfeld_CV.pdf", ""]
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
        "Reactions.csv": [[f"{d:%Y-%m-%d %H:%M:%S}", t, u] for d, t, u in reversed(reactions)],
        "Jobs/Job Applications.csv": jobs,
    }


def linkedin_tables(r, owner, conns, pending, recruiters, hi):
    """Rows for every CSV of the export, plus the messaging tiers that the journal builds on."""
    live = [p for p in conns if p.connected]
    messages, tiers = make_messages(r, owner, live, recruiters, hi)
    active, moderate, _ = tiers
    tables = owner_files(r, owner, hi)
    tables["Connections.csv"] = [[p.li_first, p.li_last, p.url, p.email, p.company, p.position, p.bad_date or
                                  f"{p.connected.day:02d} {MONTHS[p.connected.month - 1]} {p.connected.year}"]
                                 for p in conns]
    tables["messages.csv"] = messages
    tables["Invitations.csv"] = make_invitations(r, owner, live, pending, hi)
    tables["Endorsement_Received_Info.csv"] = make_endorsements(r, live, OWNER_SKILLS, 40, hi)
    tables["Endorsement_Given_Info.csv"] = make_endorsements(r, live, OTHER_SKILLS, 25, hi)
    tables["Recommendations_Received.csv"] = make_recommendations(r, active[:3], (
        "Henrike is a great colleague, calm under pressure and generous with her time.",
        "Ich habe mit Henrike zwei Jahre an unserer Datenplattform gearbeitet.\nKlare Empfehlung!",
        "One of the best data leads I have worked with."), hi)
    tables["Recommendations_Given.csv"] = make_recommendations(r, moderate[:2], (
        "A thoughtful engineer, always ships, always documents.", "Sehr zuverlässig, hilfsbereit und witzig."), hi)
    return tables, tiers


def journal_name(p: Person, style: str = "") -> str:
    if style == "translit":
        return p.plain.translate(_DE_TRANSLIT)
    if style == "reversed":
        return f"{p.last}, {p.first}"
    return p.plain  # the owner writes no "Dr.", credentials or emoji


def journal_entries(r, conns, tiers, as_of):
    """Dated entries for ~50 connections (active ones several times) and the off-platform people."""
    active, moderate, light = tiers
    others = [p for p in conns if p not in active + moderate + light]
    twins = [p for p in conns if p.namesake and not p.email][-1:]  # name only: ambiguous between namesakes
    met = list(dict.fromkeys(active + r.sample(moderate, 10) + r.sample(light, 12) + r.sample(others, 21)
                             + [p for p in conns if p.email] + twins))
    styles = {p: "translit" for p in [p for p in met if re.search("[äöüß]", p.plain)][:2]}
    styles.setdefault(next(p for p in met[5:] if p not in moderate and p not in styles), "reversed")
    private = r.sample([p for p in met if not p.email], 2)
    entries = []
    for p in met:
        email = p.email or (f"{slugify(p.first)}.private@example.net" if p in private else "")
        for _ in range(r.randint(2, 3) if p in active else r.randint(1, 2) if p in moderate else 1):
            kind = r.choices(KINDS, (35, 20, 20, 14, 4, 4, 3))[0]
            phone = p.phone if r.random() < 0.6 else ""
            entries.append([as_of - timedelta(days=r.randint(1, 3 * 365)), journal_name(p, styles.get(p, "")),
                            email, phone, kind, r.choice(NOTES[kind])])
    entries += [[as_of - timedelta(days=r.randint(10, 900)), name, "", "", kind, note] for name, kind, note in
                OFF_PLATFORM]
    future = [p for p in others if p not in met and not p.namesake][:2]
    return sorted(entries, key=lambda e: (e[0], e[1])), future


def journal_rows(r, entries, future, as_of):
    rows = [[e[0].strftime("%d.%m.%Y" if r.random() < 0.1 else "%Y-%m-%d"), *e[1:]] for e in entries]
    # planted fault: an impossible date, as typed into a German spreadsheet
    rows.insert(len(rows) // 2, ["32.13.2025", rows[0][1], "", "", "meeting", "Kaffee, Datum vertippt"])
    plans = ((8, "meal", "Weihnachtsessen geplant"), (23, "event", "Neujahrsempfang, zugesagt"))
    for p, (days, kind, note) in zip(future, plans):  # planned, after as_of: not yet an interaction
        rows.append([(as_of + timedelta(days=days)).isoformat(), journal_name(p), "", "", kind, note])
    return rows


def csv_bytes(header: str, rows: list, bom: bool = False, preamble: str = "", newline: str = "\n") -> bytes:
    buf = io.StringIO()
    buf.write(preamble)
    writer = csv.writer(buf, lineterminator=newline)
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + buf.getvalue()).encode("utf-8")


def write_zip(path: Path, tables: dict[str, list], stamp: datetime) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name in sorted(tables):
            info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            preamble = CONNECTIONS_NOTES if name == "Connections.csv" else ""
            zf.writestr(info, csv_bytes(HEADERS[name], tables[name], name in BOM_FILES, preamble))


def write_demo_inbox(inbox: Path, seed: int = 2026, as_of: date = date(2026, 11, 27)) -> Path:
    """Write a realistic, fully invented sample inbox for the owner ``DEMO_OWNER`` into ``inbox``.

    Creates ``Complete_LinkedInDataExport_MM-DD-YYYY.zip`` (exported a week before ``as_of``: the LinkedIn
    files of formats.md section 3 with ~200 connections and ~1,900 messages) and ``journal.csv`` (offline
    contacts; about 75% of the connections have no entry). The same ``seed`` and ``as_of`` always give
    byte-identical files. Planted faults: one Connections.csv row has ``Connected On`` = ``31 Foo <year>``;
    journal.csv has one row dated ``32.13.2025`` and two planned entries dated after ``as_of``.
    Returns ``inbox``.
    """
    r, inbox = random.Random(seed), Path(inbox)
    export = as_of - timedelta(days=7)
    hi = datetime.combine(export, time(6, 30))  # the export was made that morning
    owner, conns, pending, recruiters = make_people(r, export)
    tables, tiers = linkedin_tables(r, owner, conns, pending, recruiters, hi)
    inbox.mkdir(parents=True, exist_ok=True)
    write_zip(inbox / f"Complete_LinkedInDataExport_{export:%m-%d-%Y}.zip", tables, hi)
    entries, future = journal_entries(r, [p for p in conns if p.connected], tiers, as_of)
    (inbox / "journal.csv").write_bytes(  # saved from a spreadsheet: CRLF line ends
        csv_bytes(JOURNAL_HEADER, journal_rows(r, entries, future, as_of), newline="\r\n"))
    return inbox
