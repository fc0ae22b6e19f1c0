"""Excel workbooks kept where a CSV belongs: each sheet read as a CSV of its own.

People keep their journal in Excel and save it as ``journal.xlsx``, open LinkedIn's ``Connections.csv`` and save it
again as a workbook, or get their contacts from a tool that writes one (olebittner/XingExport ``XingNetwork.xlsx``,
sheet ``Contacts``: ``Name,Vorname,Firma,Titel,Notiz,Xing-Profil``). A workbook is a zip of XML parts: read as an
export, its parts were listed ("2 .rels, 8 .xml"), and every person in it lost. ``archive`` shows each sheet of a
workbook as the member ``<workbook>/<sheet>.csv`` (Excel names the sheet of a CSV saved again after the file:
``Connections.xlsx/Connections.csv``), so every reader of CSV files reads it as it reads a CSV, and a sheet no
reader knows is listed as a file not read, as any file. Line N of that CSV is row N of the sheet.

A cell is written as a CSV of the same data would hold it: a date as ``2025-06-14`` (a time beside it as
``2025-06-14 10:30:00``), a whole number without ``.0``, a one-word label linking to a web address as that address
(XingExport's "Link" to each contact's profile). A workbook is checked as every zip is (``zipcheck``) before
openpyxl reads it, and refused past ``MAX_UNZIPPED`` bytes of XML, ``MAX_CELLS`` cells or ``MAX_TEXT`` characters,
as a zip bomb is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
import zipfile
from datetime import date, datetime, time
from typing import IO

from ..errors import UnreadableExportError, UnsafeArchiveError
from .zipcheck import MEMBER_ERRORS, checked_zip

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SHEET_SUFFIX = ".csv"
# Cells read from one workbook: a journal of twenty years is some 10,000 rows of six cells, LinkedIn's Connections
# of 30,000 people 210,000; a sheet whose XML claims millions is no one's journal. Counted twice: the cell elements
# of its XML before openpyxl reads it, which holds each, even an empty ``<c r="D3"/>``, at some 400 bytes and 8 µs
# (a 6.8 MB workbook of 2.4 million empty cells: 31 s and 1.4 GB, was 5,000,000 then), and the cells of the CSV,
# a row's empty cells up to the sheet's widest row included (a cell at XFD1048576 in a 1.5 KB workbook: openpyxl
# made 17 billion empty cells, a hang).
MAX_CELLS = 1_000_000
# openpyxl holds a workbook read with its links in memory, some 50 times its XML: a journal of twenty years is
# under a megabyte of it, LinkedIn's Connections of 30,000 people some 8 MB
MAX_UNZIPPED = 64 << 20
# Characters of the CSV made of one workbook: a shared string is stored once and may be used in every cell (a 1 MB
# workbook of 200,000 cells naming one string of 30,000 characters: a CSV of 6 GB, a hang)
MAX_TEXT = MAX_UNZIPPED
_TOO_LARGE = "save the sheet you need as .csv if it really is that large"


def is_workbook(name: str) -> bool:
    return name.lower().endswith(WORKBOOK_SUFFIXES)


def workbook_sheets(stream: IO[bytes], label: str) -> dict[str, bytes]:
    """Each sheet holding a value, by its member name (``<sheet>.csv``), as UTF-8 CSV; the workbook's zip checked
    first (``UnsafeArchiveError``, ``UnreadableExportError``). A workbook openpyxl cannot read raises
    ``UnreadableExportError``. A run lists an export more than once (found in the inbox, then read): a workbook of
    the same bytes is read by openpyxl once (``_READ``)."""
    data = stream.read(MAX_UNZIPPED + 1)  # held whole (openpyxl seeks): never more than it may unpack to
    key = (hashlib.sha256(data).digest(), MAX_UNZIPPED, MAX_CELLS)  # what the sheets depend on
    if key not in _READ:
        _READ[key] = _sheets(io.BytesIO(data), label)
        while len(_READ) > _KEPT:
            _READ.pop(next(iter(_READ)))
    return _READ[key]


# the sheets of the workbooks read last, by the SHA-256 of their bytes and the limits they were read under
_READ: dict[tuple[bytes, int, int], dict[str, bytes]] = {}
_KEPT = 8


def _sheets(data: io.BytesIO, label: str) -> dict[str, bytes]:
    from openpyxl import load_workbook  # only where a workbook is met: 0.1 s of imports

    _check_size(data, label)
    try:
        with warnings.catch_warnings():  # openpyxl warns of features it leaves out (data validation, styles)
            warnings.simplefilter("ignore")
            book = load_workbook(data, data_only=True)  # not read_only: that mode leaves the cells' links out
    except Exception as exc:  # noqa: BLE001 — openpyxl raises KeyError, InvalidFileException, XML errors …
        raise UnreadableExportError(label, f"not a workbook Excel can open ({type(exc).__name__})",
                                    "open it in Excel or LibreOffice and save it again as .xlsx or .csv") from None
    try:
        budget = [MAX_CELLS, MAX_TEXT]
        sheets = {f"{_member_name(sheet.title)}{SHEET_SUFFIX}": _sheet_csv(sheet, label, budget)
                  for sheet in book.worksheets}
    finally:
        book.close()
    return {name: text for name, text in sheets.items() if text.strip(b"\r\n,")}


def _check_size(data: io.BytesIO, label: str) -> None:
    """Refuse a workbook past ``MAX_UNZIPPED`` bytes unpacked (its parts' declared sizes, after the checks of every
    zip, ``zipcheck``) or ``MAX_CELLS`` cell elements, before openpyxl holds it."""
    if data.getbuffer().nbytes > MAX_UNZIPPED:  # read no further than that: not a whole zip
        raise _too_large(label)
    archive, infos = checked_zip(data, label)
    with archive:
        if sum(info.file_size for info in infos) > MAX_UNZIPPED:
            raise _too_large(label)
        if sum(_cell_elements(archive, info, label) for info in infos) > MAX_CELLS:
            raise _too_many_cells(label)
    data.seek(0)


def _too_large(label: str) -> UnsafeArchiveError:
    return UnsafeArchiveError(label, f"a workbook of more than {MAX_UNZIPPED >> 20} MB unpacked, refused as a zip bomb "
                              "is", _TOO_LARGE)


def _cell_elements(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> int:
    """The ``<c>`` elements of an XML part (any part: a sheet's part may have any name), read a megabyte at a time;
    a ``<`` at a chunk's end is kept for the next."""
    if not info.filename.lower().endswith(".xml"):
        return 0
    count, tail = 0, b""
    try:
        with archive.open(info) as part:
            while chunk := part.read(1 << 20):
                text = tail + chunk
                cut = text.rfind(b"<")
                cut = len(text) if cut < 0 else cut
                count += sum(1 for _ in _CELL.finditer(text, 0, cut))
                tail = text[cut:]
    except (*MEMBER_ERRORS, ValueError):  # zipfile's "negative seek value": a byte lost before the zip's directory
        raise UnreadableExportError(label, "not a workbook Excel can open (damaged part)",
                                    "open it in Excel or LibreOffice and save it again as .xlsx or .csv") from None
    return count + sum(1 for _ in _CELL.finditer(tail))


# A cell element, with or without a namespace prefix (``<x:c r="A1">``)
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")


def _too_many_cells(label: str) -> UnsafeArchiveError:
    return UnsafeArchiveError(label, f"a workbook of more than {MAX_CELLS:,} cells, refused as a zip bomb is",
                              _TOO_LARGE)


def _member_name(title: str) -> str:
    """A sheet's title as a member's name: Excel forbids ``/`` in it already; a leading dot would hide it."""
    return title.replace("/", "_").lstrip(".") or "Sheet"


def _sheet_csv(sheet, label: str, budget: list[int]) -> bytes:
    """The sheet as CSV from its first row and column, each row as wide as its widest (a row's empty cells at the end
    are no cells in the XML, a CSV row is as wide as its header). Read from the cells the sheet holds, not row by
    column up to its last ones: ``iter_rows`` makes every empty cell between."""
    rows = _sparse_rows(sheet)
    width = max((max(cells) for cells in rows.values()), default=0)
    _spend(budget, max(rows, default=0) + width * len(rows), sum(map(len, _texts(rows))), label)
    lines = (rows.get(number) for number in range(1, max(rows, default=0) + 1))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([row.get(column, "") for column in range(1, width + 1)]
                                                     if row else [] for row in lines)
    return out.getvalue().encode("utf-8")


def _sparse_rows(sheet) -> dict[int, dict[int, str]]:
    """The texts of each row holding a value, by row and column number. ``_cells`` is openpyxl's own store of the
    cells read, the only way to them that makes none."""
    rows: dict[int, dict[int, str]] = {}
    for (row, column), cell in sheet._cells.items():
        if text := _text(cell):
            rows.setdefault(row, {})[column] = text
    return rows


def _texts(rows: dict[int, dict[int, str]]):
    return (text for cells in rows.values() for text in cells.values())


def _spend(budget: list[int], cells: int, characters: int, label: str) -> None:
    """Take a sheet's CSV cells (its empty lines count one each) and characters from what the workbook may hold."""
    budget[0] -= cells
    budget[1] -= characters
    if budget[0] < 0:
        raise _too_many_cells(label)
    if budget[1] < 0:
        raise UnsafeArchiveError(label, f"a workbook of more than {MAX_TEXT >> 20} MB of text, refused as a zip bomb "
                                 "is", _TOO_LARGE)


def _text(cell) -> str:
    value, link = cell.value, cell.hyperlink
    if link is not None and _LINK.match(link.target or "") and isinstance(value, str) and len(value.split()) == 1:
        return link.target  # "Link", "Profil": the address is what the sheet holds there
    return _value_text(value)


def _value_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.replace(microsecond=0).isoformat(" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_LINK = re.compile(r"https?://", re.I)
