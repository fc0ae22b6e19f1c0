"""Google Takeout: one export per delivery, read by product.

A Takeout holds a folder per product (``Takeout/Calendar/``, ``Takeout/Contacts/``, ``Takeout/Keep/`` …), and a
large one comes in several zips, any product in any part. Sources read products, not parts: ``takeout_parts``
joins the zips of one delivery in an inbox, ``takeout_products`` groups members by product across them
(``Export.product_folders``, ``sources.split_export``).
"""

from __future__ import annotations

import re
from pathlib import Path

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
        product = _takeout_product(member)
        if product is None:
            return None
        products.setdefault(product, []).append(member)
    return products or None


def _takeout_product(member: str) -> str | None:
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
