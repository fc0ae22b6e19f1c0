"""XING contacts: one vCard per contact, as downloaded one by one from profiles since 2014 (formats.md §4).

Files are ISO-8859-1 [R]; most are vCard 3.0 without a CHARSET parameter, some 2.1 with
``CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE``. Long 3.0 lines are folded (RFC 2426), long QP values
use soft line breaks. Planted fault: one card cut off before ``END:VCARD`` (an interrupted download).
"""
from __future__ import annotations

import random
from pathlib import Path

from .common import slugify, transliterate
from .people import Network, Person
from .platforms import Xing, latin1

FOLDER = "xing-contacts"


def escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")


def fold(line: str) -> list[str]:
    """RFC 2426 folding: at most 75 octets per line, continuation lines start with a space."""
    out = [line[:75]]
    for i in range(75, len(line), 74):
        out.append(" " + line[i:i + 74])
    return out


def quoted_printable(value: str) -> str:
    return "".join(c if 32 <= ord(c) < 127 and c != "=" else f"={ord(c):02X}" for c in value)


def qp_property(name: str, value: str) -> list[str]:
    """A 2.1 property; QUOTED-PRINTABLE only where the value is not plain ASCII, soft breaks after 73 chars."""
    if value.isascii():
        return [f"{name}:{value}"]
    line = f"{name};CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:{quoted_printable(value)}"
    out = []
    while len(line) > 75:
        cut = 73 - (2 if line[71] == "=" else 1 if line[72] == "=" else 0)  # never split an =XX escape
        out.append(line[:cut] + "=")
        line = line[cut:]
    return out + [line]


def properties(r: random.Random, x: Xing, p: Person, urls: set[str]) -> list[tuple[str, str, str]]:
    """(name in 3.0, name in 2.1, value) of one card, in XING's order; ``urls``: the profile URLs given so far."""
    street, city = latin1(p.city[2]), latin1(p.city[0])
    props = [("N", "N", f"{escape(x.family)};{escape(x.given)};;{escape(x.title)};"), ("FN", "FN", x.fn)]
    if p.company:
        props.append(("ORG", "ORG", escape(latin1(p.company))))
    if p.position:
        props.append(("TITLE", "TITLE", escape(latin1(p.position))))
    if x.email:
        props.append(("EMAIL;TYPE=INTERNET,WORK", "EMAIL;INTERNET;WORK", x.email))
    if x.phone:
        kind = "CELL" if x.phone.startswith("+49 1") else "WORK,VOICE"
        props.append((f"TEL;TYPE={kind}", f"TEL;{kind.replace(',', ';')}", x.phone))
    props.append(("ADR;TYPE=WORK", "ADR;WORK", f";;{street};{city};;{p.city[1]};Deutschland"))
    if r.random() < 0.6:
        slug = "_".join(slugify(transliterate(w), "").capitalize() for w in (x.given.split()[0], x.family))
        props.append(("URL", "URL", profile_url(slug, r.choice(("", "", r.randrange(2, 99))), urls)))
    props.append(("PHOTO;VALUE=URL", "PHOTO;VALUE=URL", f"https://profile-images.xing.example/images/"
                                                        f"{r.getrandbits(128):032x}-{r.randrange(1, 9)}.1024x1024.jpg"))
    if x.uid:
        props.append(("UID", "UID", x.uid))
    return props


def profile_url(slug: str, suffix: object, urls: set[str]) -> str:
    """A profile URL no one else has: XING gives a namesake the name with a number (``Anna_Schmidt2``)."""
    url = f"https://www.xing.com/profile/{slug}{suffix}"
    number = 2
    while url in urls:
        url, number = f"https://www.xing.com/profile/{slug}{number}", number + 1
    urls.add(url)
    return url


def vcard(r: random.Random, x: Xing, p: Person, urls: set[str]) -> list[str]:
    lines = ["BEGIN:VCARD", f"VERSION:{x.version}"]
    for name30, name21, value in properties(r, x, p, urls):
        lines += qp_property(name21, value) if x.version == "2.1" else fold(f"{name30}:{value}")
    return lines + ["END:VCARD"]


def file_name(x: Xing, taken: set[str]) -> str:
    """``Vorname_Nachname.vcf``; a second card of the same name gets `` (1)`` the way browsers save it."""
    base = "_".join(slugify(transliterate(w), "").capitalize() for w in f"{x.given} {x.family}".split()) or "kontakt"
    name, n = f"{base}.vcf", 0
    while name.lower() in taken:
        n += 1
        name = f"{base} ({n}).vcf"
    taken.add(name.lower())
    return name


def write_xing(r: random.Random, net: Network, inbox: Path) -> Path:
    """The folder ``xing-contacts/`` with one ``.vcf`` per XING contact; returns its path."""
    folder = inbox / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    taken, urls = set(), set()
    cards = [(file_name(p.xing, taken), vcard(r, p.xing, p, urls)) for p in net.people if p.xing]
    for i, (name, lines) in enumerate(sorted(cards)):
        if i == len(cards) // 2:  # planted fault: the download broke off before END:VCARD
            lines = lines[:-1]
        (folder / name).write_bytes(("\r\n".join(lines) + "\r\n").encode("latin-1"))
    return folder
