"""The owner's phone address book: ``contacts.vcf`` as an iPhone exports "All Contacts" (vCard 3.0, UTF-8).

Not interactions, but identity evidence (design.md): a card holds a private e-mail that only some calendar
invitations use, the work address a platform shows, a phone number XING shows in another format. Cards
for ~85% of the people met, ~40% of the rest, every person on no platform, and the owner's own card.
Apple's habits: ``PRODID:-//Apple Inc.//iPhone OS 17.4//EN``, lowercase ``type=`` parameters, the first
e-mail grouped as ``item1.EMAIL`` with an ``X-ABLabel``, ``X-SOCIALPROFILE`` for LinkedIn, numbers in
the form they were typed (``+49 170 1234567``, ``0170 1234567``, ``(0170) 123 45 67``). No XING marks.
Every card has a ``UID`` (upper-case, as iCloud writes it): the ``addressbook`` account_ref is that UID.
Planted: one card with a phone number only, no name (a number saved in a hurry; it is a XING contact's).
"""
from __future__ import annotations

import base64
import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .common import fold_octets, phone_key, slugify, transliterate
from .names import NICKNAMES
from .people import Network, Person

FILE = "contacts.vcf"
PRODID = "-//Apple Inc.//iPhone OS 17.4//EN"
MOBILE_PREFIXES = (151, 152, 157, 160, 162, 170, 171, 172, 173, 175, 176, 177, 178, 179)
PRIVATE_DOMAINS = ("posteo.example", "gmx.example", "web.example", "mailbox.example", "icloud.example")
NOTES = ("Kennengelernt beim Data Meetup", "Nachbarin, Schlüssel für den Keller", "Segelverein", "Kita, Mama von Ida",
         "Met at the conference in Berlin; knows everyone at Elbwerk", "Steuerberater, Termin nur vormittags")


@dataclass(slots=True)
class Card:
    uid: str
    fn: str
    family: str = ""
    given: str = ""
    emails: list[str] = field(default_factory=list)  # as written; the first one is ``item1.EMAIL``
    phones: list[str] = field(default_factory=list)  # as typed, in mixed formats
    org: str = ""
    title: str = ""
    nickname: str = ""
    linkedin_url: str = ""
    bday: str = ""
    note: str = ""
    photo: bytes = b""


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def card_uid(r: random.Random) -> str:
    return str(uuid.UUID(int=r.getrandbits(128), version=4)).upper()  # iCloud writes UIDs in capitals


def mobile_number(r: random.Random, used: set[str]) -> str:
    number = ""
    while not number or phone_key(number) in used:
        number = f"+49 {r.choice(MOBILE_PREFIXES)} {r.randrange(10**6, 10**8)}"
    used.add(phone_key(number))
    return number


def typed_phone(r: random.Random, canonical: str) -> str:
    """The number ``+49 170 1234567`` as people type it into a phone."""
    _, area, number = canonical.split(" ")
    grouped = f"{number[:-4]} {number[-4:-2]} {number[-2:]}"
    return r.choice((canonical, f"0{area} {number}", f"(0{area}) {grouped}", f"+49{area}{number}", f"0{area}/{number}"))


def private_email(r: random.Random, p: Person, used: set[str]) -> str:
    """A private address, unique in the network: on no platform, so only the address book can link it."""
    first, last = slugify(transliterate(p.first), ""), slugify(transliterate(p.last), "")
    local = r.choice((f"{first}.{last}", f"{first}{last}", f"{first[:1]}.{last}", f"{first}_{last[:1]}"))
    domain, email, n = r.choice(PRIVATE_DOMAINS), "", 0
    while not email or email in used:
        n += 1
        email = f"{local}{'' if n == 1 else r.randrange(10, 99)}@{domain}"
    used.add(email)
    return email


def card_name(r: random.Random, p: Person) -> tuple[str, str, str]:
    """(FN, family, given): mostly the plain name, sometimes the nickname, a first name alone, no umlauts."""
    roll, nick = r.random(), r.choice(NICKNAMES.get(p.first, ("",)))
    if roll < 0.08 and nick:
        return f"{nick} {p.last}", p.last, nick
    if roll < 0.13:
        return p.first, "", p.first
    if roll < 0.2 and transliterate(p.plain) != p.plain:
        return transliterate(p.plain), transliterate(p.last), transliterate(p.first)
    return p.plain, p.last, p.first


def make_card(r: random.Random, p: Person, used: dict[str, set[str]]) -> Card:
    fn, family, given = card_name(r, p)
    card = Card(card_uid(r), fn, family, given)
    if not p.private_email and r.random() < 0.65:
        p.private_email = private_email(r, p, used["emails"])
    if not p.mobile and r.random() < 0.85:
        mobile_xing = p.phone.startswith("+49 1") and r.random() < 0.5  # the same mobile XING shows
        p.mobile = p.phone if mobile_xing else mobile_number(r, used["phones"])
    card.emails = [e for e, keep in ((p.private_email, 0.9), (p.email, 0.6)) if e and r.random() < keep]
    r.shuffle(card.emails)
    numbers = [p.mobile] if p.mobile else []
    if p.phone and p.phone != p.mobile and r.random() < 0.5:
        numbers.append(p.phone)  # XING's number, typed differently
    card.phones = [typed_phone(r, n) for n in numbers]
    if p.company and r.random() < 0.5:
        card.org, card.title = p.company, p.position
    if p.linkedin and r.random() < 0.12:
        card.linkedin_url = p.linkedin.url
    card.nickname = r.choice(NICKNAMES.get(p.first, ("",))) if r.random() < 0.1 else ""
    if r.random() < 0.2:
        card.bday = f"{r.randrange(1955, 2001)}-{r.randrange(1, 13):02d}-{r.randrange(1, 29):02d}"
    card.note = r.choice(NOTES) if r.random() < 0.05 else ""
    return card


def keeps_card(r: random.Random, p: Person) -> bool:
    """Whose number the owner saved: most people met, colleagues with an address, everyone off the platforms."""
    if p.role == "offline":
        return True
    return r.random() < (0.85 if p.met_offline else 0.5 if (p.email or p.phone) else 0.42)


def plan_cards(r: random.Random, net: Network) -> list[Card]:
    """Draw the cards (and the private e-mails and mobiles they hold); set ``Person.card``; label them."""
    used = {"emails": {e for p in net.everyone() for e in (p.email, p.private_email) if e},
            "phones": {phone_key(p.phone) for p in net.everyone() if p.phone}}
    owner = net.owner
    owner.mobile = mobile_number(r, used["phones"])
    owner.card = Card(card_uid(r), owner.plain, owner.last,
                      owner.first, [owner.email], [typed_phone(r, owner.mobile)])
    for p in net.people + net.offline_only:
        if keeps_card(r, p):
            p.card = make_card(r, p, used)
    plant_nameless(r, net)
    for p in net.everyone():
        if p.card:
            net.extra_refs.append(("addressbook", p.card.uid, p))
    photo = next((p.card for p in net.people if p.card and p.card.fn == p.plain and p.met_offline), None)
    if photo:  # one card with a (tiny) photo: a long base64 line, folded
        photo.photo = r.getrandbits(8 * 240).to_bytes(240, "big")
    return sorted((p.card for p in net.everyone() if p.card), key=lambda c: (c.family.casefold(), c.fn.casefold()))


def plant_nameless(r: random.Random, net: Network) -> None:
    """A card with nothing but a number: a XING contact's phone, saved without a name."""
    for p in net.people:
        if p.card is None and p.xing and p.phone and not p.met_offline:
            p.card = Card(card_uid(r), "", phones=[typed_phone(r, p.phone)])
            return


def vcard_lines(card: Card) -> list[str]:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}",
             f"N:{escape(card.family)};{escape(card.given)};;;", f"FN:{escape(card.fn)}"]
    lines += [f"NICKNAME:{escape(card.nickname)}"] if card.nickname else []
    lines += [f"ORG:{escape(card.org)};"] if card.org else []
    lines += [f"TITLE:{escape(card.title)}"] if card.title else []
    for i, email in enumerate(card.emails):
        kind = "HOME" if email.split("@")[1] in PRIVATE_DOMAINS else "WORK"
        if i == 0:  # the first address as the iPhone groups it, with a label of its own
            lines += [f"item1.EMAIL;type=INTERNET;type=pref:{email}", "item1.X-ABLabel:_$!<Other>!$_"]
        else:
            lines.append(f"EMAIL;type=INTERNET;type={kind}:{email}")
    for i, phone in enumerate(card.phones):
        kind = "CELL" if phone_key(phone).startswith("+491") else "WORK"
        lines.append(f"TEL;type={kind};type=VOICE{';type=pref' if i == 0 else ''}:{phone}")
    if card.linkedin_url:
        user = card.linkedin_url.rsplit("/", 1)[1]
        lines.append(f"X-SOCIALPROFILE;type=linkedin;x-user={user}:{card.linkedin_url}")
    lines += [f"BDAY;value=date:{card.bday}"] if card.bday else []
    lines += [f"NOTE:{escape(card.note)}"] if card.note else []
    lines += [f"PHOTO;ENCODING=b;TYPE=JPEG:{base64.b64encode(card.photo).decode('ascii')}"] if card.photo else []
    return lines + [f"UID:{card.uid}", "END:VCARD"]


def write_addressbook(r: random.Random, net: Network, inbox: Path) -> Path:
    """``contacts.vcf``: every card of the phone, CRLF, lines folded at 75 octets; returns its path."""
    path = inbox / FILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        for card in plan_cards(r, net):
            handle.write("".join(fold_octets(line) for line in vcard_lines(card)))
    return path
