"""vCards as phones, address books and XING write them: the reading shared by the XING and address-book sources.

Reading is done by vobject after a minimal clean-up of the quirks it does not handle (``vcard_lines``, each one
explained where it is handled): per-vCard charset detection, 2.1 quoted-printable soft line breaks
and charsets, unescaped commas, and lines folded inside a multi-byte character.

Limits (a card over one is quarantined, and the rest of it is read past, never held): at most
``UNSOCIAL_MAX_VCARD_PROPERTIES`` properties (1,000; a phone's richest card has a few dozen, and each
e-mail or number becomes a row: one card of 1,000,000 EMAIL lines took 65 s and 2.4 GB to become
1,000,000 accounts) and ``UNSOCIAL_MAX_VCARD_BYTES`` bytes (32 MiB: a photo is at most a few MB).
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice

from ..errors import UnreadableExportError
from ..models import MemberNote, Quarantined, Record, reason_of
from .archive import Export
from .phone_regions import Placement, file_region as file_region_of, place, region_note
from .code_pages import WHAT, code_page, sample
from .vcard_fields import is_group, is_sender_card, is_service_card, numbers_not_read, phone, read_sim_name
from .vcard_lines import (LATIN_1, MAC_ROMAN, READ, block_codec, clean_lines, fallback_lines, is_apple, is_mac_roman,
                          logical_lines, unparseable)
from .utf16 import UTF16_SNIFF, utf16_codec
from .zipcheck import limit_setting

VCARD_SUFFIXES = (".vcf", ".vcard")
# Becky! Internet Mail (a Windows mail program from Japan) keeps each address book as a folder of ``<hex id>.bab``
# files of vCards under ``AddrBook/`` (mozilla/releases-comm-central mailnews/import/becky/src/nsBeckyAddressBooks.cpp,
# test resources ``becky/addressbooks/4e4d186e.bab``): read as vCards when they start like one.
BECKY_BOOK = ".bab"
# A BOM may open any vCard of a concatenated file: `cat` keeps the one each Windows editor wrote.
_BEGIN = re.compile(rb"(?:\xef\xbb\xbf)?\s*BEGIN\s*:\s*VCARD\s*", re.I)
# A Sony Ericsson phone book ends its last card with a full stop, ``END:VCARD.`` (gammu/gammu tests/vcards/se-2.vcf;
# Gammu's own reading of it, se-2.backup, has the whole entry): the card was quarantined as cut off. Punctuation after
# END:VCARD is tolerated there only; BEGIN and every property are read as written.
_END = re.compile(rb"\s*END\s*:\s*VCARD[\s.,;]*", re.I)
# A property line ``clean_lines`` keeps for vobject; the others' parameters are never read
_READ = re.compile(rb"(?:[\w-]+\.)?(?:" + b"|".join(name.encode() for name in sorted(READ)) + rb")[;:]", re.I)
_VERSION_21 = re.compile(rb"\s*VERSION\s*:\s*2\.1\s*", re.I)
FOLD = re.compile(rb"\r?\n[ \t]|=\r?\n")
CHUNK = 1 << 20
MAX_LINE = 16 << 20  # bytes of one physical line
MAX_PROPERTIES = 1_000  # default of UNSOCIAL_MAX_VCARD_PROPERTIES, per card
MAX_BYTES = 32 << 20  # default of UNSOCIAL_MAX_VCARD_BYTES, per card
EXCERPT_LINES = 20  # lines of a card over a limit kept for its quarantine excerpt
# A contact group kept as a card of its own, beside its members' cards: vCard 4.0 KIND:group with MEMBER lines
# (RFC 6350 §6.1.4), and the 3.0 form Apple's address-book server brought in, which iCloud and Fastmail (Cyrus)
# write, X-ADDRESSBOOKSERVER-KIND:group with X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:<a member's UID> (code index
# ids 25588448763, a Fastmail client's test, and 58946498583). It names no one of its own: left out, counted.
GROUPS = "groups, not people (left out)"
# A phone maker's own card (``vcard_fields.is_service_card``): no person; left out, counted, as a group card.
SERVICE_CARDS = "phone makers' service cards, not people (left out)"
# A card of no name whose only numbers are an operator's codes or an SMS sender's name (``vcard_fields.is_sender_card``)
SENDER_CARDS = "operators' codes and SMS senders without a name, not people (left out)"
LEFT_OUT = (GROUPS, SERVICE_CARDS, SENDER_CARDS)
# A file of no vCard at all: text outside any card is refused, so it is empty or blank. Google Takeout writes one
# for each label with no contact (a real Takeout of 2025: TechnoSmack/TechnoSmack
# ``Takeout/Contacts/Solar/Solar.vcf`` and ``Takeout/Contacts/Starred in Android/Starred in Android.vcf``, 0 bytes).
# Left out as empty: before, it was "parsed" with a note no advice matched, and so in no row of ``not_read``. Not
# "read, no people" as a calendar of one's own events: an address book given alone that holds nothing is refused as
# an export of which no record was read.
EMPTY = "empty: an empty label or address book"
REGION_SAMPLE = 5_000  # the numbers a file's region is decided from: its first ones (a book of 50,000 cards: 1 s less)
_TEL_LINE = re.compile(rb"(?:[\w-]+\.)?TEL(?:;[^:]*)?:(?P<value>.*)", re.I)


@dataclass
class Block:
    """The physical lines of one vCard (or of text outside any vCard), from its first line on; once it
    is over a limit (``problem``), only the first lines, for the excerpt."""

    line: int
    lines: list[bytes] = field(default_factory=list)
    ended: bool = False
    stray: bool = False
    properties: int = 0
    size: int = 0
    parts: int = 0  # the ";" of the property being read, if vobject is given it (``_READ``)
    problem: str | None = None

    def add(self, line: bytes, limits: tuple[int, int]) -> None:
        self.size += len(line) + 1
        # a folded line continues the property before it; END:VCARD is none
        starts = line[:1] not in (b" ", b"\t") and not _END.fullmatch(line)
        self.properties += starts
        if starts:
            self.parts = line.count(b";") if _READ.match(line) else 0
        elif self.parts:
            self.parts += line.count(b";")
        if self.problem is None and not self.stray:
            self.problem = _over(self, limits)
        if (self.problem is None and not self.stray) or len(self.lines) < EXCERPT_LINES:
            self.lines.append(line)


def _over(block: Block, limits: tuple[int, int]) -> str | None:
    properties, size = limits
    if block.properties > properties:
        return f"vCard: more than {properties} properties (limit UNSOCIAL_MAX_VCARD_PROPERTIES)"
    # an EMAIL of 1,000,000 parameters (7 MB): 9 s and 2.7 GB in vobject; an N of 1,000,000 fields folded over as many
    # lines (5 MB): 10 s. A parameter or field is counted as a property is.
    if block.parts > properties:
        return f"vCard: a property of more than {properties} parameters or fields (limit UNSOCIAL_MAX_VCARD_PROPERTIES)"
    if block.size > size:
        return f"vCard: longer than {size} bytes (limit UNSOCIAL_MAX_VCARD_BYTES)"
    return None


def vcard_members(export: Export) -> list[str]:
    """Members named .vcf/.vcard, and Becky!'s .bab that start like a vCard; a single file of another name when
    it starts like a vCard."""
    members = [m for m in export.members() if m.lower().endswith(VCARD_SUFFIXES)
               or (m.lower().endswith(BECKY_BOOK) and _starts_like_vcard(export, m))]
    if not members and export.kind == "file" and export.members():  # a lone desktop.ini is no member (noise)
        members = export.members() if _starts_like_vcard(export, export.members()[0]) else []
    return members


def _starts_like_vcard(export: Export, member: str) -> bool:
    head = decoded_bytes(export.head(member, 1024)).lstrip()
    return bool(_BEGIN.match(head.split(b"\n", 1)[0]))


def parse_member(export: Export, member: str,
                 to_records: Callable[[str, int, object], list[Record]]) -> Iterator[Record]:
    """Records of every vCard in one file (``to_records`` makes them from a vobject card), a note with the
    count read; group cards are not read, and counted in the note. A file of no card is left out as empty
    (``EMPTY``)."""
    read, left_out, placed = 0, Counter(), Counter()
    limits = (limit_setting("UNSOCIAL_MAX_VCARD_PROPERTIES", MAX_PROPERTIES),
              limit_setting("UNSOCIAL_MAX_VCARD_BYTES", MAX_BYTES))
    fallback = file_code_page(export, member)
    region = file_region(export, member)
    with export.open(member) as handle:
        for block in _blocks(_physical_lines(handle, export), limits):
            records = _records(member, block, to_records, fallback or LATIN_1, region, placed)
            if records in LEFT_OUT:
                left_out[records] += 1
                continue
            read += 1
            yield from records
    if not (read or left_out):
        yield MemberNote(member=member, line=0, handling="ignored", note=EMPTY)
        return
    note = "vCards"
    note += f"; not UTF-8: read as {fallback} ({WHAT[fallback]})" if fallback else ""
    note += f"; {region_note(region, placed)}" if region else ""
    note += "".join(f"; {kind}: {left_out[kind]}" for kind in LEFT_OUT if left_out[kind])
    yield MemberNote(member=member, line=0, handling="parsed", note=note, records_read=read)


# Becky! Internet Mail (Japan) writes its .bab address books in the code page of the user's Windows, Shift_JIS (cp932)
# on a Japanese one, without CHARSET (Thunderbird's importer read them in the system charset, nsBeckyUtils.cpp
# nsMsgI18NFileSystemCharset, later detecting it per file, nsVCardAddress.cpp MsgDetectCharsetFromFile), and so do
# other Windows programs' 2.1 cards. Read as Latin-1 every such name was mojibake ("山田 花子" as "\x8eR\x93c \x89Ô\x8eq").
# The cards that say no CHARSET and are not UTF-8 are read in the code page their bytes show, decided for the whole
# file; None when there are none, or they read as Western European (Latin-1, and cp1252 where 0x80-0x9F say so).
# A Mac OS Roman file is told by its words too (``vcard_lines.is_mac_roman``), and by its PRODID in its first bytes
APPLE_HEAD = 4096


def file_code_page(export: Export, member: str) -> str | None:
    """The code page of the file's cards that are neither UTF-8 nor say their CHARSET, when not Western European:
    a Windows code page, or Mac OS Roman."""
    with export.open(member) as handle:
        if _utf8_throughout(handle):  # nearly every address book of today: no second pass over its cards
            return None
    with export.open(member) as handle:
        found = sample(line for block in _blocks(_physical_lines(handle, export)) if not block.stray
                       for line in fallback_lines(block.lines[1:-1]))
    if not found:
        return None
    decided = code_page(found)
    if decided == MAC_ROMAN or is_mac_roman(found, decided, is_apple(export.head(member, APPLE_HEAD))):
        return MAC_ROMAN
    return None if decided == "cp1252" else decided


def _utf8_throughout(handle) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _physical_lines(handle, export: Export) -> Iterator[bytes]:
    """The lines of ``decoded_bytes(file).splitlines()``, read in chunks so that memory stays bounded
    whatever the file's size. An address book with photos runs to hundreds of megabytes; a single
    line longer than ``MAX_LINE`` is no vCard (photos are at most a few MB even unfolded): refused."""
    pending = b""
    for chunk in _utf8_chunks(handle):
        lines = (pending + chunk).splitlines(keepends=True)
        # the last piece may be a line cut by the chunk, or a "\r" whose "\n" is in the next chunk
        pending = lines.pop() if lines and not lines[-1].endswith(b"\n") else b""
        if len(pending) > MAX_LINE:
            # the member is not named: XING's per-contact files are named after the contact
            raise UnreadableExportError(export.path, f"a .vcf file in it has a line longer than {MAX_LINE >> 20} MiB "
                                                     "(not a vCard file?)",
                                        "check that this is the file the address book or XING wrote")
        yield from (_without_ending(line) for line in lines)
    if pending:
        yield _without_ending(pending)


def _utf8_chunks(handle) -> Iterator[bytes]:
    """The file in chunks, as ``decoded_bytes`` would give it whole."""
    head = handle.read(max(CHUNK, UTF16_SNIFF))  # whole BOM, and the characters told by, in the first chunk
    rest = iter(lambda: handle.read(CHUNK), b"")
    if not (codec := utf16_codec(head)):
        yield head.removeprefix(codecs.BOM_UTF8)
        yield from rest
        return
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    for chunk in chain([head], rest):
        yield decoder.decode(chunk).encode("utf-8")
    yield decoder.decode(b"", final=True).encode("utf-8")


def _without_ending(line: bytes) -> bytes:
    return line[:-2] if line.endswith(b"\r\n") else line[:-1] if line.endswith((b"\n", b"\r")) else line


def decoded_bytes(raw: bytes) -> bytes:
    """The file's bytes with a BOM removed; UTF-16 (Outlook for Windows writes it) turned into UTF-8."""
    if codec := utf16_codec(raw):
        return raw.decode(codec, errors="replace").encode("utf-8")
    return raw.removeprefix(codecs.BOM_UTF8)


def card_blocks(export: Export, member: str) -> Iterator[Block]:
    """The file's vCards as raw lines, each with the line it starts on, as ``parse_member`` cuts them: for what a
    source reads beyond vobject's properties (XING's stamp in the NOTE, which vobject is never given)."""
    with export.open(member) as handle:
        yield from _blocks(_physical_lines(handle, export))


def _blocks(lines: Iterable[bytes], limits: tuple[int, int] = (MAX_PROPERTIES, MAX_BYTES)) -> Iterator[Block]:
    """BEGIN:VCARD … END:VCARD blocks; a vCard cut off by the next BEGIN or the file's end is yielded
    unended; text outside any vCard is one stray block until the next BEGIN:VCARD.

    vCard 2.1 lets a card hold another one (AOSP's importer test ``v21_nest.vcf``: two cards between
    the outer card's N and TEL; 2.1's AGENT holds one the same way): the inner card is a card of its
    own, and the outer one goes on after its END. One level deep: a BEGIN inside an inner card cuts it off.
    """
    current: Block | None = None
    outer: Block | None = None  # the 2.1 card the current one is nested in
    for number, line in enumerate(lines, start=1):
        if _BEGIN.fullmatch(line):
            if current is not None and outer is None and not current.stray and _nests(current):
                outer = current
            elif current is not None:
                yield current
            current = Block(number, [line])
        elif current is not None and not current.stray:
            current.add(line, limits)
            if _END.fullmatch(line):
                current.ended = True
                yield current
                current, outer = outer, None
        elif current is not None:
            current.add(line, limits)
        elif line.strip():
            current = Block(number, [line], stray=True)
    yield from (block for block in (current, outer) if block is not None)


def _nests(block: Block) -> bool:
    return any(_VERSION_21.fullmatch(line) for line in block.lines)


def file_region(export: Export, member: str) -> Placement | None:
    """The region of the file's numbers written without a country code, and what decided it (for the note), by
    the numbers the file writes internationally (``phone_regions.file_region``); None when nothing decides it, or
    when it is the region linking reads such numbers in anyway: those stay as written."""
    with export.open(member) as handle:
        numbers = (number for block in _blocks(_physical_lines(handle, export)) if not block.stray
                   for number in _tel_values(block.lines))
        return file_region_of(list(islice(numbers, REGION_SAMPLE)))


def _tel_values(lines: list[bytes]) -> Iterator[str]:
    for line in logical_lines(lines[1:-1]):
        if match := _TEL_LINE.fullmatch(line):
            yield phone(match["value"].decode("ascii", "replace")) or ""


def _in_region(card, region: Placement, placed: Counter) -> None:
    """The card's numbers written without a country code written with the region's (E.164), in place; in
    ``phone_regions.UNPLACED``, in the one of its candidates they are valid in, else left out (None: no number),
    counted in ``placed`` (``phone_regions.place``)."""
    for line in card.contents.get("tel", []):
        if isinstance(line.value, str):
            line.value = place(line.value, region, phone, placed)


def _records(member: str, block: Block, to_records: Callable[[str, int, object], list[Record]],
             fallback: str = LATIN_1, region: Placement | None = None, placed: Counter | None = None
             ) -> list[Record] | str:
    """The records of one card, or its quarantine; for a card left out, why (``LEFT_OUT``). ``fallback``:
    ``file_code_page``; ``region``: ``file_region``'s, its national numbers counted in ``placed``."""
    if block.stray:
        return [_quarantined(member, block, "BEGIN:VCARD: missing (text outside any vCard)", fallback)]
    if not block.ended:
        return [_quarantined(member, block, "END:VCARD: missing (vCard cut off)", fallback)]
    if block.problem:
        return [_quarantined(member, block, block.problem, fallback)]
    try:
        return card_records(member, block.line, _read_vcard(block, fallback), to_records, region, placed)
    except ValueError as exc:
        return [_quarantined(member, block, reason_of(exc), fallback)]


def card_records(member: str, line: int, card, to_records: Callable[[str, int, object], list[Record]],
                 region: Placement | None = None, placed: Counter | None = None) -> list[Record] | str:
    """The records of one card vobject read (or a phone backup's entry made one, ``gammu_backup``), its national
    numbers placed in ``region`` (counted in ``placed``), a name copied from a SIM read as the person's
    (``vcard_fields.read_sim_name``); for a card left out, why (``LEFT_OUT``). A ValueError says what the card lacks
    (``_emptied``)."""
    if region:
        _in_region(card, region, Counter() if placed is None else placed)
    read_sim_name(card)
    if left_out := _left_out(card):
        return left_out
    try:
        return to_records(member, line, card)
    except ValueError as exc:
        raise ValueError(_emptied(reason_of(exc), card)) from None


def _left_out(card) -> str | None:
    """Why a card is no person's (``LEFT_OUT``), or None."""
    if is_group(card):
        return GROUPS
    if is_service_card(card):
        return SERVICE_CARDS
    return SENDER_CARDS if is_sender_card(card) else None


def _emptied(reason: str, card) -> str:
    """``"FN, N, EMAIL, TEL: all missing"`` said of a card that writes some of them empty (``TEL;CELL:`` alone,
    kamalkne/contacts ``Contacts.vcf``) as ``"…: all missing or empty"``: the property is there, with no value.
    FN and N are not counted: vCard requires them, and a phone writes ``N:;;;;`` on every card it knows no name of.
    A card whose TEL lines hold only numbers not read says which (``vcard_fields.numbers_not_read``)."""
    names, _, rest = reason.rpartition(": ")
    if rest != "all missing" or card is None:
        return reason
    optional = {name.strip().lower() for name in names.split(",")} - {"fn", "n"}
    if not any(name in card.contents for name in optional):
        return reason
    held = numbers_not_read(card)
    return f"{names}: all missing or empty; only {held}" if held else f"{names}: all missing or empty"


def _quarantined(member: str, block: Block, reason: str, fallback: str) -> Quarantined:
    data = b"\n".join(block.lines)
    excerpt = data.decode(block_codec(data, fallback), errors="replace")[:300]
    return Quarantined(member=member, line=block.line, reason=reason, excerpt=excerpt)


def _read_vcard(block: Block, fallback: str = LATIN_1):
    """The vCard parsed by vobject, from the properties an Account needs."""
    logical = logical_lines(block.lines[1:-1])
    codec = block_codec(b"\n".join(logical), fallback)
    lines = clean_lines([line.decode(codec) for line in logical], codec, fallback)
    text = "".join(f"{line}\r\n" for line in ["BEGIN:VCARD", *lines, "END:VCARD"])
    import vobject  # here, where a card is read: telling a vCard from another file does without it

    try:
        return vobject.readOne(text)
    # vobject raises ParseError, and from its value decoders whatever they meet; any of them means
    # one property line it cannot read, which is named (never its value).
    except Exception:
        raise ValueError(f"{unparseable(lines)}: line cannot be parsed") from None
