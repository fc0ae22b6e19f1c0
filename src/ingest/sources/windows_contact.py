"""Windows Contacts (Windows Vista to 11): the address book Windows Mail and Windows Live Mail kept, one XML file per
contact in ``%USERPROFILE%\\Contacts\\<Name>.contact``, contact groups beside them as ``<Name>.group``. The reading
the address-book source uses for ``*.contact`` files.

The shape (code index id 23376253934, a parser's test of a real ``.contact`` file; 66206526997 and 12155652757,
readers of a Windows Contacts folder; 38056014357, a library's element names): a root ``c:contact`` in the namespace
``http://schemas.microsoft.com/Contact`` holding collections, each entry with a ``c:ElementID``, and an entry the user
deleted left as ``<c:EmailAddress … xsi:nil="true"/>``::

    c:ContactIDCollection/c:ContactID/c:Value                 a GUID: the account_ref
    c:NameCollection/c:Name/{c:FormattedName, c:GivenName, c:FamilyName, c:NickName}
    c:EmailAddressCollection/c:EmailAddress/{c:Type SMTP, c:Address, c:LabelCollection/c:Label Preferred|Business…}
    c:PhoneNumberCollection/c:PhoneNumber/{c:Number, c:LabelCollection/c:Label Voice|Cellular|Fax|Pager|Business…}
    c:PositionCollection/c:Position/{c:Company, c:JobTitle}

Not read: a group file (it names its members' files in a base64 MAPI property, no one of its own), photos, notes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..models import MemberNote, Quarantined, Record, reason_of
from .archive import Export

CONTACT_SUFFIX = ".contact"
GROUP_SUFFIX = ".group"
GROUP_NOTE = "a Windows Contacts group: it names its members' .contact files, no people of its own"
_NS = "http://schemas.microsoft.com/Contact"
_XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
MAX_BYTES = 32 << 20  # a contact with its user tile inline is a few hundred KB; past this, quarantined unread
EXCERPT_CHARS = 300
_NOT_PHONES = {"fax", "pager"}  # labels of numbers no one answers


@dataclass(frozen=True)
class Contact:
    """What one ``.contact`` file says about its person."""

    ref: str | None
    formatted: str | None
    given: str | None
    family: str | None
    nickname: str | None
    emails: list[str]
    phones: list[str]
    company: str | None
    position: str | None


def contact_members(export: Export) -> list[str]:
    """Members named .contact whose head names the Windows Contacts namespace."""
    return [m for m in export.members()
            if m.lower().endswith(CONTACT_SUFFIX) and _NS.encode() in export.head(m, 2048)]


def parse_member(export: Export, member: str, to_records: Callable[[str, Contact], list[Record]]) -> Iterator[Record]:
    """The records of one contact (``to_records`` makes them; a ValueError quarantines the file), and a note."""
    data = _read(export, member)
    try:
        records = to_records(member, read_contact(data))
    except ValueError as exc:
        excerpt = data[:EXCERPT_CHARS * 4].decode("utf-8", errors="replace")[:EXCERPT_CHARS]
        records = [Quarantined(member=member, line=1, reason=reason_of(exc), excerpt=excerpt)]
    yield from records
    yield MemberNote(member=member, line=0, handling="parsed", note="a Windows contact", records_read=1)


def _read(export: Export, member: str) -> bytes:
    with export.open(member) as handle:
        return handle.read(MAX_BYTES + 1)


def read_contact(data: bytes) -> Contact:
    """The contact in a file's bytes; ValueError when they are no Windows contact, or too long."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"Windows contact: longer than {MAX_BYTES >> 20} MiB")
    root = _root(data)
    name = _first_entry(root, "NameCollection", "Name")
    position = _first_entry(root, "PositionCollection", "Position")
    return Contact(ref=_text(_first_entry(root, "ContactIDCollection", "ContactID"), "Value"),
                   formatted=_text(name, "FormattedName"), given=_text(name, "GivenName"),
                   family=_text(name, "FamilyName"), nickname=_text(name, "NickName"),
                   emails=_emails(root), phones=_phones(root),
                   company=_text(position, "Company"), position=_text(position, "JobTitle"))


def _root(data: bytes):
    # lxml, never fetching or expanding anything a file declares (no DTD, no entities, no network)
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise ValueError("Windows contact: not well-formed XML (file cut off?)") from None
    if root.tag != f"{{{_NS}}}contact":
        raise ValueError("Windows contact: the root element is not c:contact")
    return root


def _entries(root, collection: str, entry: str) -> list:
    """The entries of a collection that are not left empty (``xsi:nil``)."""
    return [e for e in root.iterfind(f"c:{collection}/c:{entry}", {"c": _NS}) if e.get(_XSI_NIL) != "true"]


def _first_entry(root, collection: str, entry: str):
    return next(iter(_entries(root, collection, entry)), None)


def _text(element, child: str) -> str | None:
    found = element.find(f"c:{child}", {"c": _NS}) if element is not None else None
    value = " ".join((found.text or "").split()) if found is not None else ""
    return value or None


def _labels(element) -> set[str]:
    labels = element.iterfind("c:LabelCollection/c:Label", {"c": _NS})
    return {(label.text or "").strip().casefold() for label in labels}


def _emails(root) -> list[str]:
    """The addresses, the one labelled Preferred first."""
    entries = _entries(root, "EmailAddressCollection", "EmailAddress")
    entries.sort(key=lambda e: "preferred" not in _labels(e))
    return [address for address in (_text(e, "Address") for e in entries) if address]


def _phones(root) -> list[str]:
    entries = [e for e in _entries(root, "PhoneNumberCollection", "PhoneNumber") if not _labels(e) & _NOT_PHONES]
    return [number for number in (_text(e, "Number") for e in entries) if number]
