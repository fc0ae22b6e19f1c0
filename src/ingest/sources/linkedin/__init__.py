"""LinkedIn "Get a copy of your data": the Basic and the Complete export, zip or folder (formats.md §3).

Files are recognised by their header, not their name: LinkedIn has renamed files
("Endorsement Received Info.csv" → "Endorsement_Received_Info.csv") and users rename them too. Only the
connections exported for an address book before 2018 (``linkedin_connections_export_yahoo.csv`` …) are
known by name as well: their headers are Outlook's and Yahoo's own.
``files`` tells which file is which, ``copies`` which repeats another, ``owner`` who the owner is, ``rows`` what
one row yields, ``sponsored`` whether a message is an advertiser's; the address book the owner uploaded
(``Imported Contacts.csv``, ``Contacts.csv``, ``ImportedContacts.csv``) is read by ``contacts_csv``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial

from ..archive import Export
from ..base import records_from_rows
from ...columns import Columns
from ..contacts_csv import parse_table, shape_of
from ..dates import MONTH_FIRST, Order, decide_order, holds_slashed_dates
from ..tabular import encoding_of, read_as
from ...models import MemberNote, Record
from .copies import Copy, copies, note_copy
from .files import DATE_COLUMNS, HIDDEN_COLUMNS, NAME, NOTES, detect, export_root, kind_of, note_unparsed, rows_of
from .owner import OWNER_TIE_NOTE, Owner, connection_keys, find_owner
from .rows import OWNER_TIE, ROW_PARSERS, SharedNames, invitations_file
from .sponsored import Senders, gives_sender_urls

__all__ = ["MESSAGE_TEXT", "NAME", "OWNER_TIE", "detect", "parse"]
MESSAGE_TEXT = True  # messages.csv's CONTENT, kept only when the owner opts in


def parse(export: Export, message_text: bool = False) -> Iterator[Record | Columns]:
    """Records of every file read, a note for every file not read."""
    kinds = {m: kind_of(export, m) for m in export.members()}
    root = export_root(list(kinds))
    owner, repeated = find_owner(export, kinds), copies(export, kinds)
    connected = frozenset(connection_keys(export, kinds)) if "messages" in kinds.values() else frozenset()
    for member, kind in kinds.items():
        if member in repeated and repeated[member].whole:
            yield note_copy(member, repeated[member])
        elif kind is not None:
            yield from _parse_member(export, member, kind, owner, message_text, connected, repeated.get(member))
        elif shape := shape_of(export, member):
            # Imported Contacts.csv (≤ 2018), Contacts.csv (2021 on), ImportedContacts.csv (2025): the address
            # book the owner uploaded, read as any address book is: identity evidence, no interaction
            yield from parse_table(export, member, shape)
        else:
            yield note_unparsed(member, root)


def _parse_member(export: Export, member: str, kind: str, owner: Owner, message_text: bool,
                  connected: frozenset[str], copy: Copy | None = None) -> Iterator[Record | Columns]:
    parse_row = partial(ROW_PARSERS[kind], member=member, owner=owner, given="given" in member.lower())
    messages = kind in ("messages", "legacy_messages")
    if messages:
        parse_row = partial(parse_row, seen=set(), keep_text=message_text)
    note = NOTES.get(kind, kind.removeprefix("legacy_"))
    if kind == "legacy_messages" and invitations_file(member):
        note = "invitations (in the columns of the messages, 2015-2017)"
    if kind == "messages" and owner.tied:
        note = OWNER_TIE_NOTE.format(n=owner.tied)
    # A file saved again by a spreadsheet in a Windows code page (Connections.csv in cp1251 or cp1250) is read in
    # the code page its words show; the note says which, as the address books' does (contacts_csv). Found once: each
    # finding reads the whole file.
    encoding = encoding_of(export, member)
    if kind == "messages":
        parse_row = partial(parse_row, senders=Senders(gives_sender_urls(export, member, encoding), connected))
    if kind in DATE_COLUMNS:
        order = _date_order(export, member, kind, encoding)
        parse_row = partial(parse_row, day_first=order.day_first)
        note = "; ".join(filter(None, [note, order.note]))
    note = "; ".join(filter(None, [note, read_as(encoding), copy and copy.note()]))
    shared = SharedNames(parse_row) if kind == "connections" else None
    rows = rows_of(export, member, kind, encoding)
    records = records_from_rows(member, copy.rows_new(rows) if copy else rows, shared or parse_row, note=note,
                                hidden=HIDDEN_COLUMNS.get(kind, ()))
    yield from _noted(records, shared.note) if shared else records


def _noted(records: Iterable[Record | Columns], more: Callable[[], str]) -> Iterator[Record | Columns]:
    """The records, the file's closing note with what ``more`` says once every row is read."""
    for record in records:
        if isinstance(record, MemberNote) and (extra := more()):
            record = record.model_copy(update={"note": "; ".join(filter(None, [record.note, extra]))})
        yield record


def _date_order(export: Export, member: str, kind: str, encoding: str) -> Order:
    """Day and month order of the file's dates, decided from all of them (a file without slashed
    dates needs no decision and is not read for one)."""
    with export.open(member) as stream:
        if not holds_slashed_dates(stream):
            return MONTH_FIRST
    column = DATE_COLUMNS[kind]
    return decide_order((row.get(column) for row in rows_of(export, member, kind, encoding)), MONTH_FIRST)
