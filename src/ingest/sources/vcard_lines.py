"""A vCard's lines made readable for vobject: unfolded, each card's charset decided, quoted-printable decoded,
commas escaped, and only the properties an Account is made of kept (``sources/vcard.py`` reads the cards)."""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re

from .code_pages import MAC_ROMAN, readable
from .tabular import decodes

# Google Talk addresses, as Android (AOSP VCardBuilder.appendIms) and other address books write them:
# the Google account's address, the same string as its e-mail (``chat_addresses``). Outlook's "Save as vCard"
# writes the contact's IM address as X-MS-IMADDRESS (mangstadt/ez-vcard outlook-2007.vcf and
# John_Doe_MS_OUTLOOK.vcf: an AOL address beside the EMAIL; Exchange writes it empty when there is none):
# an address of the person's mail or messenger account, read as an e-mail when it is one. Android 2.1 writes a
# Yahoo Messenger ID as ``X-YAHOO;HOME:<id>`` (kamalkne/contacts ``Contacts.vcf``): read as the others, an ID
# written as an address is that e-mail; a bare ID is none, as no other reader takes one for ``<id>@yahoo.com``
# (Yahoo's own CSV leaves its "Messenger ID" unread) and no profile form names a Yahoo account.
CHAT_ADDRESSES = ("X-GOOGLE-TALK", "X-GTALK", "X-MS-IMADDRESS", "X-YAHOO")
# Whether a card is a person or a group of cards (``vcard_fields.is_group``): 4.0's KIND, 3.0's X-ADDRESSBOOKSERVER-KIND.
KINDS = ("KIND", "X-ADDRESSBOOKSERVER-KIND")
# The properties an Account is made of, and the kind; only these are handed to vobject (see clean_lines).
READ = {"VERSION", "UID", "FN", "N", "NICKNAME", "EMAIL", "TEL", "ORG", "TITLE", "URL", *CHAT_ADDRESSES,
        "X-SOCIALPROFILE", "SOCIALPROFILE", "IMPP", "X-ABLABEL", *KINDS}
# Properties whose group ("item2.URL" beside "item2.X-ABLabel:Twitter") is kept: the label names the platform.
GROUPED = {"URL", "IMPP", "X-ABLABEL"}

# vCard 2.1 has no NICKNAME; Android writes the nickname as its own row type instead (AOSP
# VCardBuilder.appendNickNames): X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;<nickname>;1;;…
_ANDROID_NICKNAME = re.compile(r"(?:[\w-]+\.)?X-ANDROID-CUSTOM(?P<params>[^:]*):vnd\.android\.cursor\.item/nickname;"
                               r"(?P<value>(?:\\.|[^;])*)", re.I)
# Becky! Internet Mail writes the contact's name as FN and its own "name" field, a nickname or the name again in one
# string, as N without components (mozilla/releases-comm-central mailnews/import/test/unit/resources/becky/
# addressbooks/4e4d186e.bab: "N:The nick name of the first man" beside "FN:The first man"; Thunderbird's importer
# reads FN only). On a card of Becky!'s (an X-BECKY- property) such an N is read as the NICKNAME it is, so that no
# nickname becomes a family name.
_BECKY = re.compile(r"X-BECKY-[\w-]*[;:]", re.I)
# The CHARSET parameter's value ends at the value's colon: taken with it ("MACINTOSH:K" of macOS Contacts'
# ``N;CHARSET=MACINTOSH:Köchle``) it named no codec, and the card was read as cp1252 ("Kšchle"), unless the value
# opened with a byte no word character is, as the next card's "Åström" does, which was read rightly.
_CHARSET = re.compile(rb";\s*CHARSET\s*=\s*\"?([\w.-]+)", re.I)
_NAME = re.compile(r"(?:[\w-]+\.)?([\w-]+)[;:]")
_PROPERTY = re.compile(r'(?P<group>[\w-]+\.)?(?P<name>[\w-]+)(?P<params>(?:;(?:"[^"]*"|[^";:])*)*):(?P<value>.*)', re.S)
_PARAM = re.compile(r';((?:"[^"]*"|[^";])*)')
_READABLE_PARAM = re.compile(r'[\w-]+(?:=(?:"[^"]*"|[^"();]*))?')
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
LATIN_1 = "iso8859-1"


def logical_lines(lines: list[bytes]) -> list[bytes]:
    """Unfolded lines, joined as bytes so that a fold inside a UTF-8 character is mended.

    RFC 2425/6350 folding: a line starting with a space or tab continues the previous one (some
    writers fold in the middle of a multi-byte character, RFC 6350 §3.2 asks readers to mend it).
    vCard 2.1 quoted-printable: a value ending in "=" continues on the next line, unindented
    (a "soft line break"); vobject only reads those with allowQP and then still leaves the
    charset to chance, so they are joined here.
    """
    logical: list[bytearray] = []
    soft_break = False
    for line in lines:
        if soft_break or (logical and _broken_after_colon(logical[-1], line)):
            logical[-1] += line
        elif line[:1] in (b" ", b"\t") and logical:
            logical[-1] += line[1:]
        else:
            logical.append(bytearray(line))
        soft_break = logical[-1].endswith(b"=") and _is_quoted_printable(logical[-1].split(b":", 1)[0])
        if soft_break:
            del logical[-1][-1]
    return [bytes(line) for line in logical]


# A quoted-printable value broken right after its colon with no "=" soft break: a Sony Ericsson phone book (gammu/gammu
# tests/vcards/se-3.vcf) writes ``N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:`` and the name on the next line,
# ``;=D0=A2…``; that line was no property, and the card lost its name. Joined only when the value before is empty and
# the line can be no property (it opens with ";" or an encoded byte "=XX"); any other line after an empty value is
# the next property, as it is after ``EMAIL;CHARSET=UTF-8:`` in the same file.
_QP_CONTINUED = re.compile(rb";|=[0-9A-Fa-f]{2}")


def _broken_after_colon(previous: bytearray, line: bytes) -> bool:
    return (previous.endswith(b":") and bool(_QP_CONTINUED.match(line))
            and _is_quoted_printable(previous.split(b":", 1)[0]))


def _is_quoted_printable(params: bytes | bytearray | str) -> bool:
    """ENCODING=QUOTED-PRINTABLE, or 2.1's bare QUOTED-PRINTABLE parameter."""
    marker = "QUOTED-PRINTABLE"
    return (marker if isinstance(params, str) else marker.encode()) in params.upper()


def block_codec(data: bytes, fallback: str = LATIN_1) -> str:
    """The charset of one vCard: UTF-8 if it is valid UTF-8, else its CHARSET parameter, else ``fallback``, the
    code page of the file's cards that say none (``fallback_lines``), Latin-1 unless the file shows another.

    UTF-8 is told per vCard, not per file: a member who concatenated downloads of different years
    mixes UTF-8 vCards with XING's ISO-8859-1 ones (formats.md §4) in one file.
    """
    if decodes(data, "utf-8"):
        return "utf-8"
    declared = [c for c in map(_codec, _CHARSET.findall(data)) if c and decodes(data, c)]
    return _eight_bit(data, declared[0] if declared else fallback)


def fallback_lines(lines: list[bytes]) -> list[bytes]:
    """The bytes of one vCard that are read in the file's code page: its lines when it is not UTF-8 and names no
    CHARSET, and its quoted-printable values that name none, decoded (``code_pages`` decides from all of a file's)."""
    logical = logical_lines(lines)
    data = b"\n".join(logical)
    whole = logical if not decodes(data, "utf-8") and not _CHARSET.search(data) else []
    values = [line.split(b":", 1) for line in logical if b":" in line]
    return whole + [quopri.decodestring(value) for params, value in values
                    if _is_quoted_printable(params) and not _CHARSET.search(params)]


# macOS Contacts (Mac OS X 10.11) writes its vCard 2.1 in Mac OS Roman, ``N;CHARSET=MACINTOSH:…`` (Rillke/Contact-
# Conversion-Wizard issue #17); Python's codecs know "macintosh", not the other names IANA and Microsoft give it.
# IANA and Java names of charsets Python knows by others: WINDOWS-31J is cp932, the x-mac-… ones Mac OS code pages
_CHARSET_NAMES = {"mac": MAC_ROMAN, "csmacintosh": MAC_ROMAN, "x-mac-roman": MAC_ROMAN, "windows-31j": "cp932",
                  "cswindows31j": "cp932", "x-sjis": "shift_jis", "x-euc-jp": "euc_jp",
                  "x-mac-cyrillic": "mac-cyrillic", "x-mac-ce": "mac-latin2", "x-mac-centraleurroman": "mac-latin2",
                  "x-mac-greek": "mac-greek", "x-mac-turkish": "mac-turkish", "x-mac-iceland": "mac-iceland"}


def _codec(name: bytes | str) -> str | None:
    name = name.decode("ascii", "replace") if isinstance(name, bytes) else name
    try:
        return codecs.lookup(_CHARSET_NAMES.get(name.strip().lower(), name)).name
    except LookupError:
        return None


# A Mac OS Roman file that says no CHARSET (a 2.1 card of macOS Contacts edited elsewhere, a Mac program's 3.0 export)
# is told from a Windows one by its words: Mac OS Roman's accented letters are bytes 0x80-0x9F, which read in cp1252
# as "MŸller", "RenŽe", or not at all ("Åström": 0x81 is none of cp1252's), where a Windows name read as Mac Roman is
# "M¸ller", "JosÈ". Only "ö" reads as a letter in both ("Köhler", "Kšhler"): on such a tie an Apple file (its PRODID,
# or Mac Roman declared on its other cards) is Mac Roman, any other stays in its Windows code page.
_APPLE = re.compile(rb"PRODID:-//Apple Inc\.//Mac ?OS|;\s*CHARSET\s*=\s*\"?(?:macintosh|mac|x-mac-roman)[;:\"]", re.I)
# A word: a run of letters and characters beyond ASCII ("M¸ller" is one, a misread one), holding one of the latter;
# found as runs, then kept by that test: one pattern for both took time growing with the square of an ASCII run
_LETTERS = re.compile(r"(?:[^\W\d_]|[^\x00-\x7f])+")


def is_apple(head: bytes) -> bool:
    """The file (its first bytes) is macOS Contacts': an Apple PRODID of macOS, or Mac OS Roman declared."""
    return bool(_APPLE.search(head))


def is_mac_roman(data: bytes, code_page: str, apple: bool) -> bool:
    """Whether the bytes a file's cards say no CHARSET of (``data``) are Mac OS Roman rather than ``code_page``, the
    Windows code page they read best in: more of their words read as words in it, as many in an ``apple`` file."""
    mac, windows = _words_read(data, MAC_ROMAN, "cp1252"), _words_read(data, code_page, code_page)
    return mac > 0 and (mac >= windows if apple else mac > windows)


def _words_read(data: bytes, codec: str, alphabets: str) -> float:
    """The words of ``data`` read in ``codec`` that are words of the languages of ``alphabets``
    (``code_pages.readable``) less the others; -inf when the codec cannot read the bytes."""
    try:
        words = [word for word in _LETTERS.findall(data.decode(codec)) if not word.isascii()]
    except UnicodeDecodeError:
        return float("-inf")
    return sum(1 if readable(word, alphabets) else -1 for word in words)


def _eight_bit(data: bytes, codec: str) -> str:
    """Windows writes cp1252 and calls it ISO-8859-1: bytes 0x80–0x9F are „“–€ then, never controls. A code page
    that does not read the bytes (a card cut inside a character) gives way to Latin-1, which reads every byte."""
    if codec != LATIN_1 and not decodes(data, codec):
        codec = LATIN_1
    if codec == LATIN_1 and _C1_BYTES.search(data) and decodes(data, "cp1252"):
        return "cp1252"
    return codec


def clean_lines(lines: list[str], codec: str, fallback: str = LATIN_1) -> list[str]:
    """The lines an Account needs, quoted-printable decoded and commas escaped, for vobject.

    Only the properties in READ are kept: inline photos are most of a vCard's bytes, and a damaged
    photo, note or address must not cost the contact.
    """
    version = next((m["value"].strip() for m in map(_PROPERTY.fullmatch, lines)
                    if m and m["name"].upper() == "VERSION"), "")
    cleaned = []
    for line in map(_android_nickname, _becky_nickname(lines)):
        if not (named := _NAME.match(line)) or named[1].upper() not in READ:
            continue
        if not (match := _PROPERTY.fullmatch(line)):
            cleaned.append(line)  # left for vobject to refuse, so that the property is named
            continue
        name, params, value = match["name"].upper(), _readable_params(match["params"]), match["value"]
        if _is_quoted_printable(params):
            value, params = unquoted(value, params, codec, fallback), _without_encoding(params)
        elif name in _BARE_QUOTED_NAMES and _is_base64(params):
            value, params = _from_base64(value, params, codec, fallback), _without_encoding(params)
        elif name in _BARE_QUOTED_NAMES:
            value = _bare_quoted(value, params, codec)
        if name in ("FN", "TITLE", "ORG") or (name == "N" and version == "2.1"):
            value = _escaped_commas(value)
        group = match["group"] if name in GROUPED and match["group"] else ""
        cleaned.append(f"{group}{name}{params}:{value}")
    return cleaned


# A name quoted-printable without ENCODING=QUOTED-PRINTABLE: a vCard 3.0 of a phone exporter (BeautifulDirt/
# vcf_import_contacts ``00001.vcf``: ``N:;=D0=A8=D1=83;;;``, ``FN:=D0=A8=D1=83``, a Cyrillic name) was stored as the
# "=D0=A8=D1=83" written. A name value (``_BARE_QUOTED_NAMES``) made of "=XX" runs and separators only is decoded
# when its bytes are UTF-8 (or in its CHARSET); any other value, and every other property, is left as written.
_BARE_QUOTED_NAMES = {"N", "FN", "ORG", "NICKNAME"}
_BARE_QUOTED = re.compile(r"(?:[;, ]*=[0-9A-Fa-f]{2})+[;, ]*")


def _bare_quoted(value: str, params: str, codec: str) -> str:
    """A name value of "=XX" runs decoded (``_BARE_QUOTED``), when it decodes; else the value as it is."""
    if not _BARE_QUOTED.fullmatch(value):
        return value
    data = quopri.decodestring(value.encode("ascii"))
    declared = _codec(m.group(1)) if (m := _CHARSET.search(params.encode(codec, "replace"))) else None
    charset = next((c for c in ("utf-8", declared) if c and decodes(data, c)), None)
    return data.decode(charset) if charset else value


# A name written in base64, ``FN;ENCODING=b;CHARSET=utf-8:UsO8ZGlnZXIgS8Okc3RuZXI=`` (vCard 3.0) or 2.1's
# ``N;CHARSET=UTF-8;ENCODING=BASE64:…``: an iPhone address book exported by iDevice Manager wrote the names with letters
# beyond ASCII so (owncloud-archive/apps issue #282: "Köster Carina" stored as "S8O2c3RlciBDYXJpbmE="), and a Hebrew
# contacts tool's tests read the 2.1 form (code index id 62804505478). The name was kept as the base64 written: exactly
# the people whose names have such letters unreadable, and linked to no one by name. Decoded as quoted-printable is.
_BASE64_MARKS = {"ENCODING=B", "ENCODING=BASE64", "BASE64"}


def _is_base64(params: str) -> bool:
    return any(p.strip().upper() in _BASE64_MARKS for p in params.split(";")[1:])


def _from_base64(value: str, params: str, codec: str, fallback: str = LATIN_1) -> str:
    """A base64 name decoded with its CHARSET (else UTF-8, else ``fallback``); a value that is no base64 as written."""
    try:
        data = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        return value
    return _text_of(data, params, codec, fallback)


def _android_nickname(line: str) -> str:
    """Android's 2.1 nickname row as the NICKNAME property it stands for; any other line as it is."""
    if not (match := _ANDROID_NICKNAME.match(line)):
        return line
    return f"NICKNAME{match['params']}:{match['value']}"


def _becky_nickname(lines: list[str]) -> list[str]:
    """On a Becky! card, an N of one string as NICKNAME; other cards' lines as they are."""
    if not any(_BECKY.match(line) for line in lines):
        return lines
    return [f"NICKNAME{m['params']}:{m['value']}" if (m := _PROPERTY.fullmatch(line)) and not m["group"]
            and m["name"].upper() == "N" and not re.search(r"(?<!\\);", m["value"]) else line for line in lines]


def _readable_params(params: str) -> str:
    """The parameters vobject can read; others dropped, as they never change whose card it is.

    Android (AOSP's VCardBuilder) writes a custom label as ``TEL;X-CUSTOM(CHARSET=UTF-8,ENCODING=
    QUOTED-PRINTABLE,=4D=61=6D=61):+49…``: a parameter name with parentheses, which vobject refuses,
    and which would lose the whole card. Its inner ENCODING does not apply to the value.
    """
    kept = [p for p in _PARAM.findall(params) if _READABLE_PARAM.fullmatch(p)]
    return "".join(f";{p}" for p in kept)


def unquoted(value: str, params: str, codec: str, fallback: str = LATIN_1) -> str:
    """A quoted-printable value decoded with its CHARSET; without one (2.1 writers omit it on some
    lines and mean their own 8-bit charset), UTF-8 when the bytes are UTF-8, else ``fallback`` (ISO-8859-1,
    or the code page the file's cards show: ``block_codec``)."""
    return _text_of(quopri.decodestring(value.encode(codec)), params, codec, fallback)


def _text_of(data: bytes, params: str, codec: str, fallback: str) -> str:
    """A decoded value's bytes as text: in its CHARSET, else UTF-8, else ``fallback``; its line breaks escaped."""
    declared = _codec(m.group(1)) if (m := _CHARSET.search(params.encode(codec, "replace"))) else None
    charset = next((c for c in (declared, "utf-8") if c and decodes(data, c)), None)
    return re.sub(r"\r\n|\r|\n", r"\\n", data.decode(charset or _eight_bit(data, fallback)))


def _without_encoding(params: str) -> str:
    kept = [p for p in params.split(";")[1:]
            if p.strip().upper() not in ("QUOTED-PRINTABLE", "ENCODING=QUOTED-PRINTABLE", *_BASE64_MARKS)
            and not p.strip().upper().startswith("CHARSET=")]
    return "".join(f";{p}" for p in kept)


def _escaped_commas(value: str) -> str:
    """vCard 2.1 has no comma escape, and many 3.0 writers forget it; vobject then keeps only the
    text before the first comma ("Head of Data, EMEA" → "Head of Data"). In FN, TITLE and ORG a
    comma is always text, so every unescaped one is escaped; escapes already there are kept."""
    return re.sub(r"(\\.)|,", lambda m: m.group(1) or "\\,", value)


def unparseable(lines: list[str]) -> str:
    """The name of the first property line vobject refuses."""
    import vobject

    for line in lines:
        try:
            vobject.base.parseLine(line)
        except Exception:  # as in _read_vcard: whatever the failure, the property is named
            return _NAME.match(line)[1].upper()
    return "vCard"
