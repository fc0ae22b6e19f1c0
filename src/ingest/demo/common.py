"""Helpers the writers share: deterministic zips written member by member, fast timestamps, message plans."""
from __future__ import annotations

import random
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from json.encoder import encode_basestring, encode_basestring_ascii
from pathlib import Path

_FOLD = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ı": "i", "ø": "o", "đ": "d", "'": ""})
_DE_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_DAYS: dict[int, str] = {}
FLUSH_BYTES = 1 << 20


def slugify(text: str, sep: str = "-") -> str:
    """Lowercase ASCII words joined by ``sep``: the way LinkedIn, Facebook and handles de-accent names."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.translate(_FOLD)) if c.isascii())
    return re.sub(r"[^a-z0-9]+", sep, folded.lower()).strip(sep)


def transliterate(text: str) -> str:
    """German transliteration, as people type without umlauts: Müller → Mueller."""
    return text.translate(_DE_TRANSLIT)


def epoch(moment: datetime) -> int:
    return int(moment.replace(tzinfo=timezone.utc).timestamp())


def last_activity(export: datetime) -> int:
    """The newest message of an export: an hour before it was made."""
    return epoch(export) - 3600


def day_string(seconds: int) -> str:
    """``YYYY-MM-DD`` of a Unix time, cached per day: timestamps are formatted a million times."""
    day = seconds // 86400
    text = _DAYS.get(day)
    if text is None:
        text = _DAYS[day] = date.fromordinal(_EPOCH_ORDINAL + day).isoformat()
    return text


def clock(seconds: int) -> str:
    minutes, sec = divmod(seconds % 86400, 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}:{sec:02d}"


def to_datetime(seconds: int) -> datetime:
    return datetime(1970, 1, 1) + timedelta(seconds=seconds)


def mojibake(text: str) -> str:
    """A JSON string literal as Facebook writes it: every UTF-8 byte escaped as its own ``\\u00XX``."""
    return encode_basestring_ascii(text.encode("utf-8").decode("latin-1"))


def quote(text: str) -> str:
    """A JSON string literal with UTF-8 left as it is, the way X's archive writes it."""
    return encode_basestring(text)


def zip_info(name: str, stamp: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])
    info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
    return info


class ZipOut:
    """A zip whose members must be added in sorted order, with one fixed timestamp: same input, same bytes."""

    def __init__(self, path: Path, stamp: datetime):
        self.zip, self.stamp, self.last = zipfile.ZipFile(path, "w"), stamp, ""
        self.sizes: dict[str, int] = {}

    def __enter__(self) -> ZipOut:
        return self

    def __exit__(self, *exc) -> None:
        self.zip.close()

    def _check(self, name: str) -> None:
        assert name > self.last, f"zip members out of order: {name} after {self.last}"
        self.last = name

    def write(self, name: str, data: bytes) -> None:
        self._check(name)
        self.zip.writestr(zip_info(name, self.stamp), data)
        self.sizes[name] = len(data)

    def stream(self, name: str, chunks: Iterable[str], encoding: str = "utf-8") -> int:
        """Write a member from text chunks, flushing about every megabyte; returns its size in bytes."""
        self._check(name)
        size, pending, pending_len = 0, [], 0
        with self.zip.open(zip_info(name, self.stamp), "w", force_zip64=True) as member:
            for chunk in chunks:
                pending.append(chunk)
                pending_len += len(chunk)
                if pending_len >= FLUSH_BYTES:
                    size += member.write("".join(pending).encode(encoding))
                    pending, pending_len = [], 0
            size += member.write("".join(pending).encode(encoding))
        self.sizes[name] = size
        return size


def allocate(total: int, slots: int, exponent: float = 0.85) -> list[int]:
    """Split ``total`` messages over ``slots`` threads, falling like Zipf: a few long threads, many short ones."""
    slots = min(slots, total)
    if slots <= 0:
        return []
    weights = [1 / (rank + 1) ** exponent for rank in range(slots)]
    scale = (total - slots) / sum(weights)
    counts = [1 + int(w * scale) for w in weights]
    for i in range(total - sum(counts)):  # hand the rounding remainder to the busiest threads
        counts[i % slots] += 1
    return counts


def burst_times(r: random.Random, n: int, lo: int, hi: int) -> list[int]:
    """``n`` Unix times in [lo, hi], newest first, in bursts the way chats happen, the last one at ``hi``."""
    span, out = max(hi - lo, 1), [hi]
    while len(out) < n:
        t = lo + int(span * r.random() ** 0.7)  # more recent activity than old
        t -= t % 86400 - (6 * 3600 + (t % 86400) * 15 // 24)  # daytime, 06:00-20:59 UTC
        for _ in range(min(r.randint(1, 8), n - len(out))):
            out.append(min(max(t, lo), hi))
            t += r.randint(30, 6 * 3600)
    out.sort(reverse=True)
    return out


def ranked(r: random.Random, people: list, key) -> list:
    """People ordered by how close they are to the owner, with some noise: who gets the long threads."""
    return sorted(people, key=lambda p: -key(p) * (0.6 + 0.8 * r.random()))


def random_time(r: random.Random, lo: int, hi: int) -> int:
    t = lo + r.randrange(max(hi - lo, 1))
    return min(max(t - t % 86400 + 6 * 3600 + (t % 86400) * 15 // 24, lo), hi)


def phone_key(text: str | None) -> str | None:
    """A phone number as ``+<digits>``, German national numbers (``0170 …``) read as +49: one form to compare."""
    if not text or "@" in text:
        return None
    digits = re.sub(r"\D", "", text)
    if not digits:
        return None
    if text.lstrip().startswith("+"):
        return f"+{digits}"
    if digits.startswith("00"):
        return f"+{digits[2:]}"
    return f"+49{digits[1:]}" if digits.startswith("0") else None


def fold_octets(line: str, limit: int = 75) -> str:
    """RFC 5545 §3.1 / RFC 6350 folding: at most ``limit`` octets a line, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= limit:
        return line + "\r\n"
    out, start, width = [], 0, limit
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:  # a continuation byte: cut before its character
            end -= 1
        out.append(data[start:end].decode("utf-8"))
        start, width = end, limit - 1  # continuation lines begin with one space
    return "\r\n ".join(out) + "\r\n"
