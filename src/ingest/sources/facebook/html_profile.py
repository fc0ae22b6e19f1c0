"""The owner's profile page of the HTML variant, ``profile_information.html``: the owner's name, the family members
and the partner, turned into the JSON file's ``profile_v2`` shape and read from there by its rules (people.py).

Seen 2019-2026 in English, French, Spanish, Vietnamese, Thai and Chinese (``profile_information/…`` to 2022:
Kyrozyn/fb_history 2019, vanhai260300/MyFaceBook 2021, Mgr725/Mgr725 2021, Dh-Rm2021/Dh-Rm2021 2022,
hunchoap/fbdata 2022; ``personal_information/profile_information/…`` from 2024: ishfaqlp4/mahbubkhan,
DskyDsky/Aldemar-Snow-, VoidPharah41/fb_old; questghostz-ux/my-profile 2026, a ``<main>`` element): one table of
``<tr><th>label</th><td>value</td></tr>`` rows (``table._4nkx`` to 2021, ``table._a6_n`` from 2022) in the page's
``role="main"`` part, the labels in the account's language. So rows are told by position and shape, and by label
only where neither does:

* the owner's name is the first row ("Name", "Nom", "Tên", "姓名" …) on every page seen;
* the family is a list in a list, ``<td><ul><ul><li>Name&nbsp;(Relation)&nbsp;(Aug 12, 2017 2:52:45pm)</li>``,
  the time left out in 2019; no other row nests its list;
* the relationship status reads ``Single&nbsp;(Apr 03, 2022 1:05:37pm)``. No page seen names a partner, so how one is
  written is assumed [U]: as Facebook writes it on the profile, "In a relationship with X", "Married to X".
* Not read, as in JSON: "Previous relationships" (``<ul><li>Name</li>``), other and previous names, the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..archive import Export
from ...models import MemberNote, Record
from .html import soup_of
from .people import owner_from_profile, profile_accounts
from .rows import Owner, Tally
from .text import name_of

LABEL = "profile (HTML)"
# Row labels, where the shape does not tell (the family's does; its label is the fallback): English, Vietnamese
# (vanhai260300/MyFaceBook), Thai (questghostz-ux/my-profile), French (hunchoap/fbdata) and Spanish
# (DskyDsky/Aldemar-Snow-) as seen [C]; "family members" and German assumed [U].
FAMILY_LABELS = {"family", "family members", "gia đình", "ครอบครัว", "familie"}
RELATIONSHIP_LABELS = {"relationship status", "situation amoureuse", "situación sentimental",
                       "tình trạng mối quan hệ", "สถานะความสัมพันธ์", "beziehungsstatus"}
# "Name (Relation)" with the time it was added after it (2021 on) or not (2019); a name may hold parentheses.
_MEMBER = re.compile(r"^(?P<name>.+?)(?:\s*\((?P<relation>[^()]*)\))?(?:\s*\([^()]*\))?$")
# The partner after the status's linking word [U]: English, German, French, Spanish and Italian.
_PARTNER = re.compile(r"^.+?\s(?:with|to|mit|avec|con)\s(?P<partner>[^()]+?)(?:\s*\([^()]*\))*$")


def html_profile(export: Export, member: str) -> dict | None:
    """The page as a ``profile_v2`` object (name, family_members, relationship, profile_uri); None when the
    page holds no table of profile fields (a layout not recognised)."""
    rows = _rows(soup_of(export, member))
    if not rows:
        return None
    profile: dict = {"family_members": [m for label, cell in rows if _is_family(label, cell)
                                        for m in _family_members(cell)]}
    name = _owner_name(rows[0][1])
    if name:
        profile["name"] = {"full_name": name}
    partner = next((p for label, cell in rows if label.casefold() in RELATIONSHIP_LABELS
                    and (p := _partner(cell))), None)
    if partner:
        profile["relationship"] = {"partner": partner}
    links = (a["href"] for _, cell in rows for a in cell.find_all("a", href=True))
    profile["profile_uri"] = next((h for h in links if h.startswith("https://www.facebook.com/")), None)
    return profile


def _rows(soup) -> list[tuple]:
    """(label, value cell) of every row of the page's table."""
    main = soup.find(attrs={"role": "main"}) or soup
    table = main.find("table")
    rows = [(tr.find("th"), tr.find("td")) for tr in table.find_all("tr")] if table is not None else []
    return [(th.get_text(" ", strip=True), td) for th, td in rows if th is not None and td is not None]


def _text(node) -> str:
    """The text of an element with every run of spaces (``&nbsp;`` too) made one space."""
    return " ".join(node.get_text(" ").split())


def _owner_name(cell) -> str | None:
    """The first row's value when it is a plain name: not a list, a link or an address."""
    text = _text(cell)
    if cell.find(["ul", "a"]) is not None or "@" in text:
        return None
    return name_of(text)


def _is_family(label: str, cell) -> bool:
    outer = cell.find("ul")
    return label.casefold() in FAMILY_LABELS or (outer is not None and outer.find("ul") is not None)


def _family_members(cell) -> list[dict]:
    return [m for m in map(family_member, (_text(li) for li in cell.find_all("li"))) if m]


def family_member(text: str) -> dict | None:
    """``{name, relation}`` of one family line, as profile_information.json writes a member; None when empty."""
    found = _MEMBER.match(" ".join(text.split()))
    name = name_of(found["name"]) if found else None
    return {"name": name, "relation": found["relation"]} if name else None


def _partner(cell) -> str | None:
    found = _PARTNER.match(_text(cell))
    return name_of(found["partner"].strip()) if found else None


def read_html_profile(member: str, profile: dict | None, owner: Owner) -> Iterator[Record]:
    """The owner's Account and the family members and partner the page names, as profile_information.json's
    (one record, line 1); a page without any of them says so in its note, and is never a traceback."""
    if profile is None:
        yield Tally(member).member_note(f"{LABEL}; no table of profile fields found: HTML layout not recognised")
        return
    ref = owner_from_profile(profile).ref
    accounts = list(profile_accounts(member, ref, profile, owner))
    if not accounts:
        yield MemberNote(member=member, line=0, handling="no_people",
                         note=f"{LABEL}; no name, family member or partner found")
        return
    tally = Tally(member, read=1)
    if ref is None:
        tally.note("the owner's name not found in the first row (HTML layout not recognised)", None)
    yield from accounts
    yield tally.member_note(LABEL)
