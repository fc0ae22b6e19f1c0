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
openpyxl reads it, and refused past ``MAX_UNZIPPED`` bytes of XML or ``MAX_CELLS`` cells, as a zip bomb is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
from datetime import date, datetime, time
from typing import IO

from ..errors import UnreadableExportError, UnsafeArchiveError
from .zipcheck import checked_zip_infos

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SHEET_SUFFIX = ".csv"
# Cells read from one workbook (a row's empty cells after its last value are not counted): a journal of twenty
# years is some 10,000 rows of six cells; a sheet whose XML claims millions is no one's journal.
MAX_CELLS = 5_000_000
# openpyxl holds a workbook read with its links in memory, some 50 times its XML: a journal of twenty years is
# under a megabyte of it, LinkedIn's Connections of 30,000 people some 8 MB
MAX_UNZIPPED = 64 << 20
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

    if data.getbuffer().nbytes > MAX_UNZIPPED or _unzipped(data, label) > MAX_UNZIPPED:
        raise UnsafeArchiveError(label, f"a workbook of more than {MAX_UNZIPPED >> 20} MB unpacked, refused as a zip "
                                 "bomb is", _TOO_LARGE)
    try:
        with warnings.catch_warnings():  # openpyxl warns of features it leaves out (data validation, styles)
            warnings.simplefilter("ignore")
            book = load_workbook(data, data_only=True)  # not read_only: that mode leaves the cells' links out
    except Exception as exc:  # noqa: BLE001 — openpyxl raises KeyError, InvalidFileException, XML errors …
        raise UnreadableExportError(label, f"not a workbook Excel can open ({type(exc).__name__})",
                                    "open it in Excel or LibreOffice and save it again as .xlsx or .csv") from None
    try:
        budget = [MAX_CELLS]
        sheets = {f"{_member_name(sheet.title)}{SHEET_SUFFIX}": _sheet_csv(sheet, label, budget)
                  for sheet in book.worksheets}
    finally:
        book.close()
    return {name: text for name, text in sheets.items() if text.strip(b"\r\n,")}


def _unzipped(data: io.BytesIO, label: str) -> int:
    """The bytes the workbook's parts declare, after the checks of every zip (``zipcheck``)."""
    size = sum(info.file_size for info in checked_zip_infos(data, label=label))
    data.seek(0)
    return size


def _member_name(title: str) -> str:
    """A sheet's title as a member's name: Excel forbids ``/`` in it already; a leading dot would hide it."""
    return title.replace("/", "_").lstrip(".") or "Sheet"


def _sheet_csv(sheet, label: str, budget: list[int]) -> bytes:
    """The sheet as CSV, each row as wide as its widest (a row's empty cells at the end are no cells in the XML, a
    CSV row is as wide as its header)."""
    rows = []
    for row in sheet.iter_rows():
        cells = [_text(cell) for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        budget[0] -= len(cells) + 1
        if budget[0] < 0:
            raise UnsafeArchiveError(label, f"a workbook of more than {MAX_CELLS:,} cells, refused as a zip bomb is",
                                     _TOO_LARGE)
        rows.append(cells)
    width = max(map(len, rows), default=0)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(row + [""] * (width - len(row)) if row else [] for row in rows)
    return out.getvalue().encode("utf-8")


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
