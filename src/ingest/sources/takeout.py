"""Google Takeout: one export per delivery, read by product.

A Takeout holds a folder per product (``Takeout/Calendar/``, ``Takeout/Contacts/``, ``Takeout/Keep/`` …), and a
large one comes in several zips, any product in any part. Sources read products, not parts: ``takeout_parts``
joins the zips of one delivery in an inbox, ``takeout_products`` groups members by product across them
(``Export.product_folders``, ``sources.split_export``). The products no source reads stay with the source that
recognised the Takeout, which lists each file as its product tells (``product_note``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

_TAKEOUT_PART = re.compile(r"(takeout-.+)-\d{3}\.(?:zip|tgz)$", re.I)  # .tgz: Takeout's other file type


def takeout_products(members: list[str]) -> dict[str, list[str]] | None:
    """Google Takeout's members by product (the folder after ``Takeout/``, ``""`` for the files beside the
    products), when every member sits in a ``Takeout/`` tree; else None.

    Google splits a large Takeout into parts of 2 GB (or the size chosen), ``takeout-<stamp>-001.zip``,
    ``-002.zip`` … (a listing of five parts: code index id 7335041846), each with its own
    ``Takeout/<product>/`` tree and a product's files in any part: ``Takeout/Kalender/`` beside
    ``Takeout/Google Notizen/`` in a German part (id 70384529195). Kept in one folder, the parts are
    ``<part>.zip/Takeout/…`` (or ``<part>/Takeout/…`` unpacked each into its folder); joined in an inbox
    (``inbox``), ``Takeout/…``. A product, not a part, is what a source reads, whatever part holds it.
    """
    products: dict[str, list[str]] = {}
    for member in members:
        product = product_of(member)
        if product is None:
            return None
        products.setdefault(product, []).append(member)
    return products or None


# Products no source reads, by the folder Google names each (in English, and localised where seen), with what they
# hold: ``unknown`` (to be read some day: other people are in them) or ``ignored`` (the owner's own data). Seen in a
# real Takeout of 2025 (TechnoSmack/TechnoSmack ``Takeout/``: Hangouts/Hangouts.json, Groups/info.csv and an empty
# members.csv, Currents Stream/ActivityLog/*.html, Drive/, beside Calendar/ and Contacts/); Google Chat's
# ``Google Chat/Groups/DM …/messages.json`` (code index id 57108590714), Gmail's ``Mail/All mail Including Spam
# and Trash.mbox`` (id 58743685242), Voice (id 41786005621), Keep's notes, whose ``sharees`` name a shared note's
# collaborators by e-mail (id 56475005735; ``Google Notizen/`` in German, id 70384529195), Fit (id 8307942395),
# Photos (id 58198503579), My Activity (id 999169309), Maps (your places) (id 70977178610), Location History
# (id 22422541593), Chrome (id 67215442620). Before, each file was "no calendar, and of a kind this version does
# not know", listed under the calendar that happened to share the Takeout.
Handling = Literal["unknown", "ignored"]
_HOLDS_PEOPLE = "not read by this version"
_OWN_DATA = "holds no other person"
PRODUCTS_NOT_READ: dict[str, tuple[Handling, str]] = {
    "Hangouts": ("unknown", "Hangouts chats"),
    "Google Chat": ("unknown", "Google Chat messages"),
    "Mail": ("unknown", "Gmail's mail"),
    "Groups": ("unknown", "Google Groups (its members and messages)"),
    "Currents Stream": ("unknown", "Currents posts, comments and likes"),
    "Voice": ("unknown", "Google Voice calls and texts"),
    "Keep": ("unknown", "Keep notes (a shared note names its collaborators)"),
    "Google Notizen": ("unknown", "Keep notes (a shared note names its collaborators)"),
    "Fit": ("ignored", "Google Fit"),
    "Drive": ("ignored", "Google Drive (the owner's own files)"),
    "Google Photos": ("ignored", "Google Photos"),
    "YouTube and YouTube Music": ("ignored", "YouTube and YouTube Music"),
    "Maps": ("ignored", "Google Maps"),
    "Maps (your places)": ("ignored", "Google Maps (your places)"),
    "Location History": ("ignored", "Location History"),
    "Location History (Timeline)": ("ignored", "Location History"),
    "My Activity": ("ignored", "My Activity"),
    "Chrome": ("ignored", "Chrome"),
}


def product_note(member: str) -> tuple[Handling, str] | None:
    """How a file of a Takeout product that no source reads is listed, naming the product: ``unknown`` for
    one that holds other people ("Google Takeout: Hangouts chats, not read by this version"), ``ignored`` for
    the owner's own data ("Google Takeout: Google Fit, holds no other person"); a product not in
    ``PRODUCTS_NOT_READ`` is unknown, named by its folder. None for a file outside a ``Takeout/<product>/`` folder
    (the files beside the products, like ``archive_browser.html``, are each source's to tell)."""
    product = product_of(member)
    if not product:
        return None
    handling, what = PRODUCTS_NOT_READ.get(product, ("unknown", ""))
    if not what:
        return "unknown", f'Google Takeout: a file of the product folder "{product}", of a kind this version does ' \
                          "not know"
    return handling, f"Google Takeout: {what}, {_HOLDS_PEOPLE if handling == 'unknown' else _OWN_DATA}"


def product_of(member: str) -> str | None:
    """The product folder of a member at ``Takeout/<product>/…`` or ``<part>/Takeout/<product>/…``."""
    parts = member.split("/")
    for depth in (0, 1):
        if len(parts) > depth + 1 and parts[depth] == "Takeout":
            return parts[depth + 1] if len(parts) > depth + 2 else ""
    return None


def takeout_parts(paths: list[Path]) -> dict[Path, tuple[Path, ...]]:
    """Each zip of a Google Takeout delivered in several → all of them, sorted: one export, whose products
    ``Export.product_folders`` groups across the parts.

    Google names the parts ``takeout-<stamp>-001.zip``, ``-002.zip`` … (``takeout-20240712T112341Z-001.zip`` …
    ``-005.zip``: code index id 7335041846; ``takeout-20260812T203313Z-3-001.zip``: id 70384529195) and puts
    any product in any part: read one by one, a part of Keep or Photos alone was "not a recognised export", and
    a part of Contacts beside Keep lost its contacts. Parts renamed otherwise are joined when kept in one folder;
    parts in two folders are two exports.
    """
    groups: dict[tuple[Path, str], list[Path]] = {}
    for path in paths:
        if (match := _TAKEOUT_PART.match(path.name)) and path.is_file() and not path.is_symlink():
            groups.setdefault((path.parent, match.group(1).lower()), []).append(path)
    return {path: tuple(group) for group in groups.values() if len(group) > 1 for path in group}
