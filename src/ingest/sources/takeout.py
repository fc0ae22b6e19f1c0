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

# .tgz: Takeout's other file type; .tar: 7-Zip's "Extract here" of it (one layer at a time)
_TAKEOUT_PART = re.compile(r"(takeout-.+)-\d{3}\.(?:zip|tgz|tar)$", re.I)
TAKEOUT = "Takeout"
INDEX = "archive_browser.html"  # Takeout's index of the archive, beside the product folders


def takeout_products(members: list[str], root: str = "") -> dict[str, list[str]] | None:
    """Google Takeout's members by product (the folder after ``Takeout/``, ``""`` for the files beside the
    products), when every member sits in a ``Takeout/`` tree; else None. ``root``: the name of the export's own
    folder: the ``Takeout/`` folder a zip was unpacked into, given itself, holds ``Voice/…``, ``Contacts/…``.

    Google splits a large Takeout into parts of 2 GB (or the size chosen), ``takeout-<stamp>-001.zip``,
    ``-002.zip`` … (a listing of five parts: code index id 7335041846), each with its own
    ``Takeout/<product>/`` tree and a product's files in any part: ``Takeout/Kalender/`` beside
    ``Takeout/Google Notizen/`` in a German part (id 70384529195). Kept in one folder, the parts are
    ``<part>.zip/Takeout/…`` (or ``<part>/Takeout/…`` unpacked each into its folder); joined in an inbox
    (``inbox``), ``Takeout/…``. A product, not a part, is what a source reads, whatever part holds it.
    """
    products: dict[str, list[str]] = {}
    for member in members:
        product = product_of(f"{TAKEOUT}/{member}" if root == TAKEOUT else member)
        if product is None:
            return None
        products.setdefault(product, []).append(member)
    return products or None


# Products no source reads, by the folder Google names each (in English, and localised where seen), with what they
# hold: ``unknown`` (to be read some day: other people are in them) or ``ignored`` (the owner's own data). Seen in a
# real Takeout of 2025 (TechnoSmack/TechnoSmack ``Takeout/``: Hangouts/Hangouts.json, Groups/info.csv and an empty
# members.csv, Currents Stream/ActivityLog/*.html, Drive/, beside Calendar/ and Contacts/); Google Chat's
# ``Google Chat/Groups/DM …/messages.json`` (code index id 57108590714), Gmail's ``Mail/All mail Including Spam
# and Trash.mbox`` (id 58743685242), Voice (id 41786005621; GunEcstasy/voice ``Takeout/Voice/``: Phones.vcf,
# Greetings/*.mp3, ``<who> - Text - <stamp>.html``), Keep's notes, whose ``sharees`` name a shared note's
# collaborators by e-mail (id 56475005735; ``Google Notizen/`` in German, id 70384529195), Fit (id 8307942395),
# Photos (id 58198503579), My Activity (id 999169309; edwardtanoto/gdata ``Takeout/My Activity/Search/``), Maps
# (your places) (id 70977178610), Location History (id 22422541593), Chrome (id 67215442620). Before, each file
# was "no calendar, and of a kind this version does not know", listed under the calendar that happened to share
# the Takeout.
Handling = Literal["unknown", "ignored"]
_HOLDS_PEOPLE = "not read by this version"
_OWN_DATA = "holds no other person"
_KEEP = ("unknown", "Keep notes (a shared note names its collaborators)")
# Google Pay: ``Money remittances and requests/*.csv`` (money sent to and asked of other people) and ``Group
# expenses/Group expenses.json`` (the members of a shared expense) name other people; transactions and rewards
# are the owner's own.
_PAY = ("unknown", "Google Pay (money sent to and asked of others, and group expenses, name other people)")
_YOUTUBE = ("ignored", "YouTube and YouTube Music")
_MY_ACTIVITY = ("ignored", "My Activity")
PRODUCTS_NOT_READ: dict[str, tuple[Handling, str]] = {
    "Hangouts": ("unknown", "Hangouts chats"),
    "Google Chat": ("unknown", "Google Chat messages"),
    "Mail": ("unknown", "Gmail's mail"),
    "Groups": ("unknown", "Google Groups (its members and messages)"),
    "Currents Stream": ("unknown", "Currents posts, comments and likes"),
    # Voice's call and text pages are the call log's (``calls.voice``); left here: a Voice of none (greetings …)
    "Voice": ("ignored", "Google Voice's greetings and settings (no call or text page)"),
    "Keep": _KEEP,
    "Google Notizen": _KEEP,
    "Google Pay": _PAY,
    "Fit": ("ignored", "Google Fit"),
    "Drive": ("ignored", "Google Drive (the owner's own files)"),
    "Google Photos": ("ignored", "Google Photos"),
    "Maps": ("ignored", "Google Maps"),
    "Maps (your places)": ("ignored", "Google Maps (your places)"),
    "Location History": ("ignored", "Location History"),
    "Location History (Timeline)": ("ignored", "Location History"),
    "Chrome": ("ignored", "Chrome"),
    **dict.fromkeys((
        "YouTube and YouTube Music",
        # Catalan and Polish (a Catalan Takeout's tables: code index id 53863160855, ``Takeout/YouTube i
        # YouTube\xa0Music/historial/``; Polish ``Takeout/YouTube i YouTube Music/historia/historia.html``, id
        # 48940582291), Dutch, Spanish, German, Turkish, Chinese and Arabic as a data-donation script lists
        # them (id 13960204576: ``Takeout/YouTube und YouTube Music/Kommentare/`` …)
        "YouTube i YouTube Music", "YouTube en YouTube Music", "YouTube y YouTube Music",
        "YouTube und YouTube Music", "YouTube ve YouTube Music", "YouTube 和 YouTube Music", "يوتيوب و يوتيوب ميوزيك",
    ), _YOUTUBE),
    **dict.fromkeys((
        "My Activity",
        # the same script (id 13960204576: ``Takeout/Meine Aktivitäten/Google Suche/`` …; German also id 63157391334)
        "Mijn activiteit", "Mi actividad", "Meine Aktivitäten", "Etkinliğim", "我的活动", "أنشطتي",
    ), _MY_ACTIVITY),
}


def product_note(member: str) -> tuple[Handling, str] | None:
    """How a file of a Takeout product that no source reads is listed, naming the product: ``unknown`` for
    one that holds other people ("Google Takeout: Hangouts chats, not read by this version"), ``ignored`` for
    the owner's own data ("Google Takeout: Google Fit, holds no other person"); a product not in
    ``PRODUCTS_NOT_READ`` is unknown, named by its folder. None for a file outside a ``Takeout/<product>/`` folder
    (the files beside the products, like ``archive_browser.html``, are each source's to tell)."""
    product = product_of(member)
    return folder_note(product) if product else None


def folder_note(product: str) -> tuple[Handling, str]:
    """How a file of the product folder ``product`` is listed (``product_note``)."""
    handling, what = PRODUCTS_NOT_READ.get(product, ("unknown", ""))
    if not what:
        return "unknown", f'Google Takeout: a file of the product folder "{product}", of a kind this version does ' \
                          "not know"
    return handling, f"Google Takeout: {what}, {_HOLDS_PEOPLE if handling == 'unknown' else _OWN_DATA}"


def product_of(member: str) -> str | None:
    """The product folder of a member at ``Takeout/<product>/…`` or ``<part>/Takeout/<product>/…``.

    Google writes a no-break space (U+00A0) in some localised product names: ``YouTube i YouTube Music`` in a
    Catalan Takeout (code index id 53863160855), whose files were "of the product folder … of a kind this version
    does not know": read as a space, the folder is the product it names."""
    parts = member.split("/")
    for depth in (0, 1):
        if len(parts) > depth + 1 and parts[depth] == TAKEOUT:
            return parts[depth + 1].replace("\u00a0", " ") if len(parts) > depth + 2 else ""
    return None


def takeout_of_products(products: dict[str, list[str]]) -> bool:
    """Whether a ``Takeout/`` tree (``takeout_products``) is Google's: it holds the archive's index
    (``archive_browser.html``), or a product folder named as Google names one (``PRODUCTS_NOT_READ``)."""
    index = any(member.rsplit("/", 1)[-1] == INDEX for member in products.get("", []))
    return index or any(product in PRODUCTS_NOT_READ for product in products if product)


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
