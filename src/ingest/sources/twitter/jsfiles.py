"""The archive's ``.js`` files: a JavaScript assignment, then one JSON value (formats.md §2.2).

``window.YTD.<name>.partN = [ … ]`` since 2018 (T1 to T4), ``window.__THAR_CONFIG = { … }`` for the
manifest, ``Grailbird.data.tweets_YYYY_MM = [ … ]`` and ``var tweet_index = [ … ]`` in the legacy
tweet archive (T0). The name and the part number vary, so the assignment is matched by shape, never
by its literal text.

Large files (a direct-messages.js of hundreds of megabytes) are not parsed as one tree: the top-level
array is cut at each element that opens with the file's wrapper key (``{"dmConversation" : …``) and
each element is parsed on its own, so only one conversation is ever held as Python objects.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

import msgspec
import orjson

from ..archive import Export
from ..base import LineTooLong, read_whole

_ASSIGNMENT = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:var\s+)?([A-Za-z_$][\w$]*(?:\.[\w$]+)*)\s*=\s*")
_TRAILER = b" \t\r\n;"
_WHITESPACE, _OPEN, _COLON = b" \t\n\r\x0b\x0c", ord("{"), ord(":")  # ``\s`` of a bytes pattern
MAX_REJOIN = 16  # elements re-joined when a cut fell inside an element (a nested wrapper key)
# A file edited by hand may leave a comma before a closing bracket, which JavaScript allows and JSON does not:
# procedural/tweets data/manifest.js ends its dataTypes with ``},`` and was refused whole, so the tweet.js it lists
# (11,474 tweets) was never reported missing. Dropped on a second try only, outside strings.
_TRAILING_COMMA = re.compile(rb'("(?:[^"\\]|\\.)*(?:"|\Z))|,(\s*[\]}])')  # a string left open ends the text


@dataclass(frozen=True)
class Unparsable:
    """An element of the top-level array that is not valid JSON (a truncated or damaged file)."""

    excerpt: str


class NotADataFile(ValueError):
    """The file does not start with a JavaScript assignment, or holds no JSON array after it."""


def squash(name: str) -> str:
    """``direct-messages-group``, ``direct_messages_group`` and ``directMessagesGroup`` → one key."""
    return re.sub(r"[-_\s]", "", name).lower()


def global_name(head: bytes) -> str | None:
    """The variable a ``.js`` file assigns to (``window.YTD.tweets.part1``), or None."""
    match = _ASSIGNMENT.match(head)
    return match.group(1).decode("ascii") if match else None


def kind_of_global(name: str | None) -> str | None:
    """The data type a global name holds, squashed (``directmessagesgroup``); None if not an archive's."""
    if not name:
        return None
    if name.startswith("window.YTD.") and name.count(".") >= 2:
        return squash(name.split(".")[2])
    if name == "window.__THAR_CONFIG":
        return "manifest"
    if name.startswith("Grailbird.data.tweets_"):
        return "grailbird"
    if name in ("tweet_index", "user_details", "payload_details"):
        return squash(name)
    return None


def read_member(export: Export, member: str) -> bytearray:
    """The file's bytes; ``NotADataFile`` for a line of more than 64 MiB (the archive's files are
    pretty-printed), before the rest of such a file is read."""
    try:
        return read_whole(export, member)
    except LineTooLong as exc:
        raise NotADataFile(str(exc)) from None


def load_value(data: bytes) -> object:
    """The whole JSON value after the assignment (small files: account.js, the manifest)."""
    start, end = _json_bounds(data)
    try:
        return orjson.loads(memoryview(data)[start:end])
    except orjson.JSONDecodeError:
        pass
    try:
        return orjson.loads(without_trailing_commas(bytes(memoryview(data)[start:end])))
    except orjson.JSONDecodeError:
        raise NotADataFile("file: not valid JSON after the assignment (truncated or damaged?)") from None


def without_trailing_commas(text: bytes) -> bytes:
    """The JSON text without the commas before ``]`` or ``}`` (strings left as they are)."""
    return _TRAILING_COMMA.sub(lambda m: m.group(1) or m.group(2), text)


def iter_items(data: bytes, wrapper: str | None = None, fast: Callable[[memoryview], object] | None = None
               ) -> Iterator[object]:
    """Each element of the file's top-level array, in order; ``Unparsable`` for a damaged element.

    With a ``wrapper`` key the array is cut element by element (see the module docstring); files
    whose elements are not wrapped (T1's bare tweets) are parsed whole. ``fast``: a decoder tried
    first on each element's bytes, whose result is yielded as it is; None from it, or any error,
    and the element is parsed as above.
    """
    start, end = _json_bounds(data)
    cuts = _element_starts(data, start, end, wrapper) if wrapper else None
    if cuts is None:
        value = load_value(data)
        if not isinstance(value, list):
            raise NotADataFile("file: the assignment holds no JSON array")
        yield from value
        return
    yield from _parse_elements(data, cuts, end, fast)


def decode_array(data: bytes, element: type) -> list | None:
    """The file's top-level array decoded whole against ``element`` (a msgspec type) in one pass, for files
    of small entries (follows); None when it does not decode so (another shape, a damaged element), to be
    read by ``iter_items`` instead."""
    start, end = _json_bounds(data)
    try:
        return msgspec.json.decode(memoryview(data)[start:end], type=list[element])
    except (msgspec.DecodeError, UnicodeDecodeError):
        return None


def _json_bounds(data: bytes) -> tuple[int, int]:
    match = _ASSIGNMENT.match(data)
    if not match:
        raise NotADataFile("file: no window.YTD assignment at the start (not an archive data file?)")
    end = len(data)
    while end > match.end() and data[end - 1] in _TRAILER:
        end -= 1
    return match.end(), end


def _element_starts(data: bytes, start: int, end: int, wrapper: str) -> list[int] | None:
    """Offsets of the elements ``{"<wrapper>" :`` of the top-level array; None if it is not so shaped.

    In valid JSON, ``{`` then ``"<wrapper>" :`` is always an object opening with that key (inside a
    string the unescaped quote would end it, and no key can follow a string). A key repeated in a
    nested object would cut an element in two, which the parser repairs by joining the pieces again.
    """
    starts = list(_opening(data, start, end, b'"' + wrapper.encode() + b'"'))
    if not starts or data[end - 1:end] != b"]" or data[start:starts[0]].strip() != b"[":
        return None
    return starts


def _opening(data: bytes, start: int, end: int, key: bytes) -> Iterator[int]:
    """Offsets of ``{`` ``key`` ``:`` (JSON whitespace allowed between), as ``re``'s ``\\{\\s*"key"\\s*:`` finds them:
    the key sought with ``bytes.find`` and its neighbours checked costs half the regular expression's scan of a
    60 MB file (17 ms against 32)."""
    found = data.find(key, start, end)
    while found != -1:
        before, after = found, found + len(key)
        while before > start and data[before - 1] in _WHITESPACE:
            before -= 1
        while after < end and data[after] in _WHITESPACE:
            after += 1
        if before > start and data[before - 1] == _OPEN and after < end and data[after] == _COLON:
            yield before - 1
        found = data.find(key, found + len(key), end)


def _parse_elements(data: bytes, starts: list[int], end: int, fast: Callable | None) -> Iterator[object]:
    view = memoryview(data)
    ends = [_separator(data, a, b) for a, b in zip(starts, starts[1:])] + [_last_end(data, starts[-1], end)]
    i = 0
    while i < len(starts):
        value = _fast_value(fast, view[starts[i]:ends[i]]) if fast else None
        if value is not None:
            yield value
            i += 1
            continue
        for j in range(i, min(i + MAX_REJOIN, len(starts))):
            try:
                value = orjson.loads(view[starts[i]:ends[j]])
            except orjson.JSONDecodeError:
                continue
            yield value
            i = j + 1
            break
        else:
            yield Unparsable(bytes(view[starts[i]:ends[i]][:300]).decode("utf-8", "replace"))
            i += 1


def _fast_value(fast: Callable, raw: memoryview) -> object:
    try:
        return fast(raw)
    except ValueError:  # not of the decoder's shape (or not JSON at all): parsed the usual way
        return None


def _last_end(data: bytes, start: int, end: int) -> int:
    """Where the last element ends: before the closing ``]`` and a comma left before it (``_TRAILING_COMMA``)."""
    last = end - 1
    while last > start and data[last - 1] in _WHITESPACE:
        last -= 1
    return last - 1 if data[last - 1] == ord(",") else end - 1


def _separator(data: bytes, start: int, next_start: int) -> int:
    """Where an element ends: at the comma before the next one (damaged files may lack it)."""
    comma = data.rfind(b",", start, next_start)
    return comma if comma != -1 else next_start


def unwrap(item: object, key: str) -> object:
    """``{"tweet": {…}}`` (T2 and later) → the inner object; a bare object (T1) as it is."""
    if isinstance(item, dict) and len(item) == 1 and key in item:
        return item[key]
    return item


def excerpt(item: object) -> str:
    """The raw record as JSON, cut to 300 characters, for the quarantine, without what a message or
    tweet says (kept only where the owner opts in, never in a quarantine excerpt)."""
    if isinstance(item, Unparsable):
        return item.excerpt
    return orjson.dumps(_without_text(item), default=str).decode()[:300]


def _without_text(item: object, depth: int = 0) -> object:
    if depth > 8:  # deeper than any record: nothing of it fits into the excerpt anyway
        return "…"
    if isinstance(item, dict):
        return {k: "…" if k in ("text", "full_text") else _without_text(v, depth + 1) for k, v in item.items()}
    if isinstance(item, list):
        return [_without_text(v, depth + 1) for v in item[:20]]
    return item


@dataclass(frozen=True)
class ManifestFile:
    member: str
    data_type: str  # squashed: "directmessages"
    count: int | None


def manifest_files(manifest: dict, manifest_member: str, members: Collection[str] = ()) -> list[ManifestFile]:
    """Every file the manifest lists, as a member path of this export (T4, formats.md §2.1). A file that is
    among ``members`` only without its leading ``data/`` is that member; one found nowhere keeps the path the
    manifest gives (a file in another zip of a split delivery)."""
    root = manifest_member.rsplit("/", 2)[0] + "/" if manifest_member.count("/") >= 2 else ""
    beside = _data_folder(manifest, manifest_member)
    present = set(members)
    data_types = manifest.get("dataTypes")
    files = []
    for data_type, entry in sorted(data_types.items() if isinstance(data_types, dict) else []):
        listed = entry.get("files") if isinstance(entry, dict) else None
        for item in listed if isinstance(listed, list) else []:
            name = item.get("fileName") if isinstance(item, dict) else None
            if isinstance(name, str) and name.strip("/"):
                count = str(item.get("count", "")).strip()
                files.append(ManifestFile(_listed_member(name.lstrip("/"), root, beside, present), squash(data_type),
                                          manifest_count(count)))
    return files


def manifest_count(text: str) -> int | None:
    """A file's count as an archive's index writes it (manifest.js "count", tweet_index.js "tweet_count"); None for
    anything ``int`` would not read or no file holds ("²", 5,000 digits)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else None


def _data_folder(manifest: dict, manifest_member: str) -> tuple[str, str]:
    """(the folder the manifest's paths start with, ``data/``; the manifest's own folder in this export)."""
    readme = manifest.get("readmeInfo")
    directory = readme.get("directory") if isinstance(readme, dict) else None
    directory = directory.strip("/") + "/" if isinstance(directory, str) and directory.strip("/") else "data/"
    return directory, manifest_member.rsplit("/", 1)[0] + "/" if "/" in manifest_member else ""


def _listed_member(name: str, root: str, beside: tuple[str, str], present: set[str]) -> str:
    # The manifest sits in data/ and names every file data/<name>.js, from the archive's root. Given the
    # data/ folder alone (unzipped, then that folder chosen; so published, e.g. RobErskine/robs-twitter),
    # the export holds the files beside the manifest, without the data/ before them.
    directory, folder = beside
    if root + name not in present and name.startswith(directory) and folder + name[len(directory):] in present:
        return folder + name[len(directory):]
    return root + name
