"""CSV members read by header name, wherever the header row is.

LinkedIn puts a ``Notes:`` preamble of varying length above some headers, spreadsheets add a BOM
or use ``;`` as the separator, Thunderbird's "Tab Delimited" export a tab; a header is therefore found
by scanning, never by skipping N lines.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..errors import UnreadableExportError
from .archive import Export
from .code_pages import WHAT, code_page, sample

HEADER_SCAN_ROWS = 12
HEAD_BYTES = 8192  # what is read of a file to know it: its header, its line ends, its encoding
MAX_FIELD = 1 << 20  # 1 MiB: a longer field is a broken file, not a message
# A physical line is read at most this long (characters): a file that is one line of hundreds of
# megabytes (a binary, a JSON dump named .csv) is refused instead of being held in memory whole.
# Quoted fields spanning lines are read line by line, so only a single line counts.
MAX_LINE = 16 << 20
csv.field_size_limit(MAX_FIELD)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# A file that is not UTF-8 is in the ANSI code page of the Windows that wrote it: Excel's "CSV (Comma delimited)"
# saves in it ("it uses your locale's Windows or Mac codepage", donatstudios.com/CSV-An-Encoding-Nightmare), and so
# does Outlook's "Export to a file" (the journal on a Russian, Polish or Greek Windows, Calendar.CSV, a re-saved
# LinkedIn Connections.csv). Read as cp1252 every such name was mojibake ("Íàòàëüÿ" for "Наталья"), silently. Unless a
# reader passes the code pages its shape names (``eight_bit``: Polish Outlook cp1250), the code page is decided
# from the file's words (``code_pages``): once from the whole file for its rows, from its head to find its header.
# Latin-1 where a byte the decided one leaves unassigned (cp1252: 0x81, 0x8D, 0x8F, 0x90, 0x9D) shows it is not.
LATIN_1 = "latin-1"  # reads every byte


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]
    raw: list[str]
    problem: str | None = None

    def get(self, column: str) -> str | None:
        value = self.values.get(column)
        return value.strip() if value and value.strip() else None

    def excerpt(self, hidden: Iterable[str] = ()) -> str:
        """The raw row for the quarantine, cut to 300 characters, the values of the ``hidden`` columns left out."""
        hide = {self.values.get(column) for column in hidden} - {None, ""}
        return ",".join("…" if cell in hide else cell for cell in self.raw)[:300]


@lru_cache(maxsize=4096)  # a few hundred distinct header cells, asked about millions of times in detection
def canonical(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").replace("_", " ").split()).casefold()


def decode(data: bytes, eight_bit: tuple[str, ...] | None = None) -> str:
    """UTF-8 (with or without BOM); UTF-16 with a BOM (Excel's "Unicode text"); else what ``eight_bit``
    reads, as older spreadsheet exports and Windows programs write (None: the code page ``data``'s words show)."""
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16", errors="replace")  # a head may end in half a character
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        eight_bit = eight_bit or (code_page(sample(data.splitlines())), LATIN_1)
        return next(data.decode(codec) for codec in (*eight_bit, LATIN_1) if decodes(data, codec))


def decodes(data: bytes, codec: str) -> bool:
    """Whether ``data`` is text in ``codec`` (a codec Python does not know: no)."""
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def decode_head(data: bytes, eight_bit: tuple[str, ...] | None = None) -> str:
    """The first bytes of a file, read as ``decode`` reads the whole: a UTF-8 head cut inside a character
    ("ö" is two bytes, and 8 KiB of a German address book end in one as often as not) is UTF-8 without
    that last character, not Latin-1, which would turn every translated header into another one."""
    if not data.startswith(_UTF16_BOMS):
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
                return decode(data[:exc.start], eight_bit)
    return decode(data, eight_bit)


def first_row(head: bytes) -> list[str]:
    """The fields of a file's first line, as ``head_rows`` splits it, from the file's first bytes. Any line end ends
    it: read up to the first LF, a file saved with the old Mac's CR alone stopped csv with an error (a XING copy so
    saved: every detection of a CSV raised it)."""
    return next(iter(_rows_in(head, 1)), [])


def sniff_delimiter(first_line: str) -> str:
    # Tabs: LinkedIn's Complete exports of 2018-2022 write some files as UTF-16 with tabs, every field quoted
    # ("Endorsement Received Info.csv", "Account Status History.csv": Sajiah/mylinkedindata; abhishekwebcode/
    # Abhishek-Mathur-Complete_LinkedInDataExport_11-04-2018). A tie goes to the comma.
    return max((",", ";", "\t"), key=first_line.count)


def header_of(export: Export, member: str, required: Iterable[str],
              eight_bit: tuple[str, ...] | None = None) -> list[str] | None:
    """The canonical header of a CSV member if a row within the first lines holds every required column."""
    wanted = {canonical(c) for c in required}
    for row in head_rows(export, member, eight_bit):
        names = [canonical(c) for c in row]
        if wanted <= set(names):
            return names
    return None


def head_rows(export: Export, member: str, eight_bit: tuple[str, ...] | None = None) -> list[list[str]]:
    """The rows within the first lines of a member (comma, semicolon or tab separated), as read.

    A head that fills its 8 KiB is cut after its last whole line: in a double-byte code page (Japanese, Chinese,
    Korean: Outlook's contacts in cp932 …) it may end inside a character, and the whole head was then read as
    Latin-1, its header recognised nowhere."""
    data = export.head(member, HEAD_BYTES)
    if len(data) == HEAD_BYTES and not data.startswith(_UTF16_BOMS) and b"\n" in data:
        data = data[:data.rfind(b"\n") + 1]
    return _rows_in(data, HEADER_SCAN_ROWS, eight_bit)


def _rows_in(data: bytes, lines: int, eight_bit: tuple[str, ...] | None = None) -> list[list[str]]:
    """The rows of the first ``lines`` lines of a file's first bytes (any line end ends a line)."""
    texts = decode_head(data, eight_bit).splitlines()[:lines]
    return list(csv.reader(texts, delimiter=sniff_delimiter(texts[0] if texts else "")))


def read_rows(export: Export, member: str, required: Iterable[str], eight_bit: tuple[str, ...] | None = None,
              encoding: str | None = None) -> Iterator[Row]:
    """Rows after the header as {canonical column: value}, each with its physical line number; ``encoding``:
    the member's ``encoding_of`` where the reader has it already (each finding of it reads the whole file)."""
    wanted = {canonical(c) for c in required}
    encoding = encoding or encoding_of(export, member, eight_bit)
    with export.open(member) as handle:
        text = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline=line_end(export, member))
        yield from _rows(bounded_lines(text, export, member), wanted)


def line_end(export: Export, member: str) -> str:
    """How the file ends its lines: ``\\n`` (also ``\\r\\n``), or ``\\r`` alone (Excel for Mac's
    "CSV (Macintosh)"), told by the first line. Only that ends a line: a CR inside a quoted field
    of an LF file is text of the field (a spreadsheet's line break in a cell), not a new line,
    and a CR outside quotes there is no line end either (its row is refused, not cut in two)."""
    text = decode_head(export.head(member, HEAD_BYTES))
    first = min((i for i in (text.find("\r"), text.find("\n")) if i != -1), default=-1)
    return "\r" if first != -1 and text[first] == "\r" and text[first + 1:first + 2] != "\n" else "\n"


def bounded_lines(text: io.TextIOWrapper, export: Export, member: str,
                  advice: str = "check that this is the file the platform sent",
                  what: str = "a CSV file") -> Iterator[str]:
    """The lines of a text member (``what`` it should be), each read up to ``MAX_LINE`` characters: a longer one
    stops the file with ``advice``, never held whole."""
    while line := text.readline(MAX_LINE):
        if len(line) == MAX_LINE and not line.endswith(("\n", "\r")):
            raise UnreadableExportError(export.path, f"{member}: a line longer than {MAX_LINE >> 20} MiB characters "
                                        f"(not {what}?)", advice)
        yield line


def encoding_of(export: Export, member: str, eight_bit: tuple[str, ...] | None = None) -> str:
    """'utf-8-sig' when the whole member decodes as UTF-8, 'utf-16' when it starts with a UTF-16 BOM,
    else the first of ``eight_bit`` that decodes it whole (None: of the code page ``file_code_page`` decides)."""
    if export.head(member, 2).startswith(_UTF16_BOMS):
        return "utf-16"
    if _decodes_whole(export, member, "utf-8"):
        return "utf-8-sig"
    eight_bit = eight_bit or (file_code_page(export, member),)
    return next(codec for codec in (*eight_bit, LATIN_1) if _decodes_whole(export, member, codec))


def file_code_page(export: Export, member: str) -> str:
    """The code page a member that is not UTF-8 is in, decided once from its words (``code_pages``): a file is
    written by one Windows. Lines are cut at CR too: Excel for Mac's CSV ends them so."""
    with export.open(member) as handle:
        lines = iter(lambda: handle.readline(MAX_LINE), b"")
        return code_page(sample(piece for line in lines for piece in line.split(b"\r")))


def read_as(encoding: str) -> str:
    """For the file's note, what it says of its ``encoding_of``: nothing for UTF-8 and UTF-16, else its code page."""
    if encoding in ("utf-8-sig", "utf-16"):
        return ""
    return f"not UTF-8: read as {encoding} ({WHAT.get(encoding, 'ISO 8859-1')})"


def _decodes_whole(export: Export, member: str, codec: str) -> bool:
    decoder = codecs.getincrementaldecoder(codec)()
    with export.open(member) as handle:
        try:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _rows(lines: Iterator[str], wanted: set[str]) -> Iterator[Row]:
    peeked: list[str] = []
    for line in lines:
        peeked.append(line)
        if len(peeked) >= HEADER_SCAN_ROWS:
            break
    delimiter = sniff_delimiter(peeked[0] if peeked else "")
    tape = _Tape(_chain(peeked, lines))
    header = None
    for line, raw, taken in _records(csv.reader(tape, delimiter=delimiter), tape, delimiter):
        if isinstance(raw, str):
            if header is not None:
                yield Row(line, {}, [], raw)
            continue
        if header is None:
            names = [canonical(c) for c in raw]
            header = names if wanted <= set(names) else None
            continue
        swallowed = _swallowed(raw, taken, header, delimiter)
        if swallowed:
            yield Row(line - len(swallowed), {}, [], _OPEN_QUOTE)
            for number, cells in enumerate(swallowed, line - len(swallowed) + 1):
                yield from _row(number, cells, header, delimiter)
            continue
        yield from _row(line, raw, header, delimiter)


# The header line again among the rows: two files of one shape joined into one (a contacts export appended to another,
# a journal pasted after a copy of itself). Its cells were read as a person ("First Name Middle Name Last Name", phone
# "Phone 1 - Value"); it is no record, and is refused as such, the rows after it read.
HEADER_AGAIN = "row: the header again (two files joined into one?): no record"


def _row(line: int, raw: list[str] | str, header: list[str], delimiter: str) -> Iterator[Row]:
    if isinstance(raw, str):
        yield Row(line, {}, [], raw)
        return
    if not any(v.strip() for v in raw):
        return
    if len(raw) == 1 < len(header):
        raw = _unwrapped(raw[0], delimiter, len(header))
    if len(raw) > len(header) and not any(v.strip() for v in raw[len(header):]):
        raw = raw[:len(header)]  # a delimiter after each row's last field, not the header's: no field there
    if _is_header(raw, header):
        yield Row(line, {}, raw, HEADER_AGAIN)
        return
    problem = None if len(raw) == len(header) else f"row has {len(raw)} fields, the header {len(header)}"
    yield Row(line, dict(zip(header, raw)), raw, problem)


def _is_header(raw: list[str], header: list[str]) -> bool:
    """Whether a row is the header again, told cell by cell up to the first that differs: every row asks, and
    ``canonical`` remembers what it is given (header cells are short; a message's text is kept out of its cache)."""
    return len(raw) == len(header) and all(len(cell) <= MAX_HEADER_CELL and canonical(cell) == name
                                           for cell, name in zip(raw, header))


MAX_HEADER_CELL = 200  # characters: no header's column name is longer


_OPEN_QUOTE = "row: a quote opened in a field and not closed on its line (damaged?); the lines after it read alone"


def _swallowed(raw: list[str], taken: list[str], header: list[str], delimiter: str) -> list[list[str] | str]:
    """The lines after a record's first, each read alone, when a quote left open in that line made one record of
    them: the record does not fit the header, and read alone most of them do. A quote opened and closed lines
    later (the next quoted field) swallowed the rows between into one refused record, and a quote never closed
    all rows up to the end of the file; a message whose text spans lines keeps the header's fields and is one."""
    if len(taken) < 2 or len(raw) == len(header):
        return []
    alone = [_alone(line, delimiter) for line in taken[1:]]
    fitting = sum(1 for cells in alone if not isinstance(cells, str) and len(cells) == len(header))
    return alone if fitting * 2 >= len(alone) else []


def _unwrapped(cell: str, delimiter: str, fields: int) -> list[str]:
    """A row written whole into one quoted field, read as the row it holds; else the one field.

    A CSV opened in a spreadsheet whose list separator is another (";" in most of Europe and Brazil) lands in one
    column, a line a cell; saved again, the lines holding a quote come back wrapped in quotes, their own quotes
    doubled (``"Rafael,Moreira,,""Ateliê Norte, Lda"",…,01 Apr 2021"``), the others unchanged (ClaytonRafael/
    binderaula Connections.csv, 2021: 4 of 173 rows). Only a cell holding exactly the header's number of fields
    is taken for a row."""
    try:
        cells = next(csv.reader([cell], delimiter=delimiter), [])
    except csv.Error:  # a line break inside: lines a quote left open swallowed, no row written whole
        return [cell]
    return cells if len(cells) == fields else [cell]


class _Tape:
    """The lines the CSV reader took for its current record: read again when that record cannot be read."""

    def __init__(self, lines: Iterator[str]):
        self.lines, self.taken = lines, []

    def __iter__(self) -> _Tape:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.taken.append(line)
        return line


def _records(reader, tape: _Tape, delimiter: str) -> Iterator[tuple[int, list[str] | str, list[str]]]:
    """(line, record, the lines the reader took for it) of the reader; for one it cannot read (a CR inside an
    unquoted field of an LF file), why in its place: the reader starts afresh on the next line. Lines read again
    alone come with no lines of their own: they are never read a third time."""
    while True:
        tape.taken = []
        try:
            raw = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield from ((line, raw, []) for line, raw in _unreadable(str(exc), tape.taken, reader.line_num, delimiter))
            continue
        yield reader.line_num, raw, tape.taken


def _unreadable(error: str, taken: list[str], last: int, delimiter: str) -> Iterator[tuple[int, list[str] | str]]:
    """Why a record could not be read, and the rows its lines hold. A quote left open in a 7.5 MB Connections.csv
    made one field of the next 14,236 lines, up to the field limit (``MAX_FIELD``): they were one refused record,
    refused for a CR. The lines after the record's first are read again, each alone (a record of 1 MiB at most, so
    the file is read twice at most), their people kept."""
    if "field limit" not in error:
        yield last, "row: a line break (CR) inside a field that is not quoted"
        return
    first = last - len(taken) + 1
    yield first, _TOO_LONG
    for number, line in enumerate(taken[1:], first + 1):
        yield number, _alone(line, delimiter)


_TOO_LONG = f"row: a quote never closed, or a field longer than {MAX_FIELD >> 20} MiB (damaged?)"


def _alone(line: str, delimiter: str) -> list[str] | str:
    """A line read as a record of its own; the line that ran past the field limit may hold a field past it too."""
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return _TOO_LONG


def _chain(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest
