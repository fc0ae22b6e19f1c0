"""Owner ids: one rule for ``--owner``, the DAG's ``owners`` param and the inbox folders an id is read
from, because an id names folders (``<reports>/<owner>/``, ``<batches>/<owner>/``).

An id is ASCII, lowercase, 1 to 64 letters, digits, ``.``, ``_`` and ``-``, starting with a letter or
a digit. A value given or a folder's name is lowercased first (``inboxes/Jana/`` is owner ``jana``),
since on a file system that ignores case ``Jana/`` and ``jana/`` would be one report folder; nothing
else is rewritten. Earlier versions replaced any other character by ``-``, which let ``team/alice``
and ``team_alice`` share a report folder, ``..`` write into the reports folder's parent and
``../../leaked`` put batches outside their folder: such a value is refused now, never mended.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InvalidOwnerError
from ..names import ascii_spelling

OWNER_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
RULE = "1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"


def is_owner_id(value: str) -> bool:
    return OWNER_ID.fullmatch(value) is not None


def check_owner_id(value: str, where: object = "--owner", advice: str = "pass a valid one") -> str:
    """``value`` as an owner id (lowercased), or an error naming ``where`` it came from."""
    lowered = value.lower() if value.isascii() else value
    if is_owner_id(lowered):
        return lowered
    raise InvalidOwnerError(where, f"{_shown(value)} is not a valid owner id ({RULE})", advice)


def owner_of(inbox: Path, option: bool = True) -> str:
    """The owner id of an inbox: its folder's name (``inboxes/<owner>/``), lowercased, if that is a valid
    id; ``option``: the error may advise ``--owner`` (the command line)."""
    name = Path(inbox).resolve().name
    lowered = name.lower() if name.isascii() else name
    if is_owner_id(lowered):
        return lowered
    raise InvalidOwnerError(inbox, f"the folder's name is not a valid owner id ({RULE})", _advice(name, option))


def _advice(name: str, option: bool) -> str:
    """What to do about a folder whose name is no owner id: the id its name spells in ASCII, and the id earlier
    versions made of it, where that differs (its data is stored under that id)."""
    earlier = _id_of(name.lower())
    suggested = _id_of(ascii_spelling(name.lower()))  # "jürgen" → juergen, "josé" → jose (not j-rgen, jos)
    if not is_owner_id(suggested):
        return "rename the folder" + (" or pass --owner with a valid id" if option else "")
    also = f" or pass --owner {suggested}" if option else ""
    if suggested == earlier:
        return f"rename the folder to {suggested}{also} (the owner id earlier versions gave it)"
    kept = f": pass --owner {earlier} to keep that data" if option and is_owner_id(earlier) else ""
    stored = f" (earlier versions read it as owner {earlier}{kept})" if is_owner_id(earlier) else ""
    return f"rename the folder to {suggested}{also}{stored}"


def _id_of(name: str) -> str:
    """The owner id earlier versions made of a folder's name: any other character run replaced by ``-``."""
    return re.sub(r"[^a-z0-9._-]+", "-", name).strip("-")


def _shown(value: str) -> str:
    return repr(value if len(value) <= 70 else value[:67] + "...")


def owner_inboxes(root: Path) -> dict[str, list[Path]]:
    """The owners' inboxes under an inboxes root (``<root>/<owner>/``): owner id → its folders.

    Hidden folders and symbolic links are passed over, like inside an inbox. Two folders whose
    names give the same owner id (``Jana`` and ``jana``) are both listed under it: the caller
    must refuse them rather than mix two people's data. A folder whose name is no owner id is listed
    under its name, which no owner id can be: the caller must refuse it (``owner_of`` says why).
    """
    owners: dict[str, list[Path]] = {}
    for path in sorted(root.iterdir()):
        if path.is_dir() and not path.is_symlink() and not path.name.startswith("."):
            owners.setdefault(_owner_key(path), []).append(path)
    return owners


def _owner_key(folder: Path) -> str:
    try:
        return owner_of(folder, option=False)
    except InvalidOwnerError:
        return folder.name
