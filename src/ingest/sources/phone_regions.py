"""The region of an address book's numbers written without a country code, decided once per file.

Phones write numbers as the user typed them, and linking reads a number without a country code in
``UNSOCIAL_PHONE_REGION`` (DE unless set). Seen in address books of India (kamalkne/contacts ``Contacts.vcf``: 473
numbers written with +91, 1,189 without, read as +49…; NikhilDev7/Phone ``00001.vcf``), Ukraine (wandors/Phone
``00001.vcf``, +380) and Côte d'Ivoire (borisbob91/contact ``00001.vcf``, +225). The file's region is decided from
its numbers written internationally (``+`` or ``00``): at least ``REGION_MIN_NUMBERS`` of them, ``REGION_SHARE``
with one country code; its national numbers are then written with that code (E.164). Nothing decided: numbers stay
as written.

A book of several countries none of which is linking's: a Sony Ericsson phone book of Ukraine and Russia (gammu/gammu
``tests/vcards/se-3.vcf``, 499 cards) writes 555 numbers internationally, 324 with +380, 210 with +7, none with +49,
and 88 nationally ("097 …" of Ukraine, "8 495 …" of Moscow). No region decides it (57 %), and linking read the 88 in
DE (+49978…). When its numbers written internationally are ``REGION_MIN_NUMBERS`` at least, outnumber those written
nationally, and at most ``1 - REGION_SHARE`` of them have the code of ``UNSOCIAL_PHONE_REGION``, the book is not that
region's (``_unplaced``). A German book writes its German numbers nationally, as many as its foreign ones or more:
it stays read in DE. Each national number of such a book is tried in the regions its numbers written internationally
name (``CANDIDATE_SHARE`` of them at least, ``Placement.candidates``: UA and RU): read in the one that finds it valid
("097 …" in UA, "8 495 …" in RU), not linked where none or several do (``UNPLACED``); the note counts both.

Several, but one of them the book's clear majority: a Moroccan Android 2.1 phone book (SalahEddineLahniche/phonebook
``Contacts.vcf``, 326 cards) writes 181 numbers internationally, 121 with +212, 20 +39, 16 +33, and about a hundred
nationally, most as "06…", Moroccan mobiles. +212 is 67 %, under ``REGION_SHARE``: the book is ``UNPLACED`` with
candidates MA and IT, and 96 of its national numbers are valid in both (Rome's numbers start with 06 too): they were
left out, though the book's Italian friends are written with +39. ``_plurality``: a number valid in several
candidates is read in the one that more than half of the book's numbers written internationally name (between half
and ``REGION_SHARE``: above, that region decides the whole book), when it names at least ``PLURALITY_RATIO`` times
as many as each other candidate the number is valid in; else it is still left out. The Sony Ericsson book above
(324 +380, 210 +7: not twice as many) stays as it was, and so does a book of Austria and Switzerland in like parts.
The note counts the numbers so read apart. A number's type (mobile or fixed line) is not used: a "06…" is a
Moroccan mobile and a Roman landline alike, and nothing in the number says which the user dialled.

Too few numbers written internationally to decide, but those of one country, and the national ones valid there: a
Huawei Android 2.1 phone book of China (richchengcheng/studyplan ``00001.vcf``, 639 cards) writes 8 numbers with +86
and about 628 Chinese mobiles as "1-3xx-xxx-xxxx"; linking read them as German (+49…). Of those 628, 370 are valid
only in CN, 9 only in DE (258 in both). ``_decided_by_validity``: at least ``VALIDITY_MIN_INTERNATIONAL`` numbers
written internationally, ``REGION_SHARE`` of them one foreign code, and of the first ``VALIDITY_SAMPLE`` national
numbers, at least ``VALIDITY_MIN_NUMBERS`` valid only there and ``VALIDITY_RATIO`` times as many as are valid only in
``UNSOCIAL_PHONE_REGION``. A German book with a few foreign friends writes German numbers nationally, valid in DE:
it stays read in DE.

One number written internationally, but overwhelming evidence: a Coolpad phone book of China (Ben-wu14/contect-1
``00001.vcf``, vCard 3.0, 265 cards) writes 1 number with +86 and 216 Chinese mobiles of 11 digits; of its 260
national numbers, 136 are valid only in CN, 27 only in DE (most of six to eight digits: service and local numbers),
89 in both. Under ``VALIDITY_MIN_INTERNATIONAL``, linking read them as German. Fewer numbers written internationally
are enough when ``VALIDITY_FEW_NUMBERS`` and ``VALIDITY_FEW_SHARE`` of the national numbers are valid only in that
region, ``VALIDITY_FEW_RATIO`` times as many as only in ``UNSOCIAL_PHONE_REGION`` (``_convincing``); ten of them are
not. A German book with one Chinese friend writes German numbers, valid in DE, hardly any only in CN: it stays in DE.

No number written internationally at all: a Sri Lankan Android book (asiridissa/ics ``00001.vcf``, 247 cards) writes
its mobiles as nine digits, the leading 0 dropped ("712 555 014"); of 239 national numbers, 33 are valid only in LK,
3 only in DE, 201 in both, and 35 are not valid in DE. Nothing decides the book: checked in every region, those 35 are
valid in Kenya and South Africa as often as in Sri Lanka (nine-digit plans), so no region is guessed. When a book
writes no number internationally and ``DOUBT_SHARE`` of its national numbers (``REGION_MIN_NUMBERS`` at least) are not
valid in ``UNSOCIAL_PHONE_REGION`` (``_doubted``), they are still read there, as written, and the file's note says so
(``AS_WRITTEN``), for the owner to set ``UNSOCIAL_PHONE_REGION``. A German book's numbers are valid in DE: no note. A
book writing a few numbers of a foreign code, too few to decide it, is left as it was (no note: sweep 18's decision).

A contacts CSV that writes too few numbers internationally may say its contacts' country in an address column
(Yahoo's "Home Country", Outlook's "Home Country/Region", Google's "Address 1 - Country"): a US Yahoo address book
(Tessahoc72/tessahoc72.github.io ``yahoo_contacts.csv``) writes every number "925-555-0100", 21 of the 22 rows naming
a country say "United States" or "US". ``REGION_MIN_NUMBERS`` rows naming a country, ``REGION_SHARE`` of them one
(``region_of_country``), decide it the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache
from itertools import islice
from typing import NamedTuple

from ..normalise import MIN_NATIONAL_DIGITS, PHONE_REGION, repaired_number  # fewer: a short code

REGION_MIN_NUMBERS = 10
REGION_SHARE = 0.8
UNPLACED = "ZZ"  # phonenumbers' unknown region: a file's national numbers read in no region, and not linked
CANDIDATE_SHARE = 0.1  # of a book's numbers written internationally: a country its national numbers are tried in
VALIDITY_MIN_INTERNATIONAL = 3  # numbers written internationally enough for ``_decided_by_validity``
VALIDITY_SAMPLE = 300  # national numbers whose validity is checked: the first ones (a book of 50,000 cards: no more)
VALIDITY_MIN_NUMBERS = 10  # of them valid only in the foreign region
VALIDITY_RATIO = 3  # times as many as those valid only in UNSOCIAL_PHONE_REGION
VALIDITY_FEW_NUMBERS = 50  # valid only in the foreign region, for fewer than VALIDITY_MIN_INTERNATIONAL to decide
VALIDITY_FEW_SHARE = 0.4  # of the national numbers valid only in the foreign region, for the same
VALIDITY_FEW_RATIO = 4  # times as many as those valid only in UNSOCIAL_PHONE_REGION, with fewer international ones
DOUBT_SHARE = 0.1  # of a book's national numbers not valid in UNSOCIAL_PHONE_REGION: the note says where they were read
PLURALITY_RATIO = 2  # a number valid in several candidates: times as many numbers as each other one, ``_plurality``
READ, NOT_LINKED = "read", "not linked"  # what ``place`` did with a national number of an UNPLACED book
PLURALITY = "read by plurality"
# ``file_region``'s answer for a book read in ``UNSOCIAL_PHONE_REGION`` though many of its numbers are not valid there
# (``_doubted``): its numbers stay as written, and the note says so. A code no region has, as ``UNPLACED``.
AS_WRITTEN = "XX"  # ``place``'s tally: (PLURALITY, region), numbers valid in several read in one


class Candidate(str):
    """A region an ``UNPLACED`` book's national numbers are tried in ("MA"), with how many of the book's numbers
    written internationally have its code (``numbers``) and how many are so written (``of``), for ``_plurality``.
    A str: it is written, compared and passed on as the region's code; a plain code counts no numbers."""

    numbers: int
    of: int

    def __new__(cls, region: str, numbers: int = 0, of: int = 0) -> Candidate:
        candidate = super().__new__(cls, region)
        candidate.numbers, candidate.of = numbers, of
        return candidate


class Placement(NamedTuple):
    """``file_region``'s answer: the region, what decided it (for the note) and, for ``UNPLACED``, the regions its
    national numbers are tried in (``international``)."""

    region: str
    why: str
    candidates: tuple[str, ...] = ()


def decided_region(numbers: Iterable[str]) -> Placement | None:
    """The region of a file's numbers written without a country code (``REGION_SHARE``), and what decided it (for
    the file's note); None when its numbers written internationally are too few or of several countries."""
    return _decided(_country_codes(numbers))


def file_region(numbers: Iterable[str], countries: Iterable[str] = ()) -> Placement | None:
    """The region a file's numbers written without a country code are read in and what decided it: its numbers
    written internationally, else the countries its rows name; ``UNPLACED`` when neither decides and the book is not
    of the region linking reads them in (``_unplaced``); ``AS_WRITTEN`` when nothing decides it and many of them are
    not valid in that region (``_doubted``: said in the note); None when it is that region (``UNSOCIAL_PHONE_REGION``)
    or nothing tells: those stay as written."""
    numbers = list(numbers)
    codes = _country_codes(numbers)
    region = _decided(codes) or decided_by_country(countries) or _decided_by_validity(codes, numbers)
    if region is None:
        return _unplaced(codes) or _doubted(codes, numbers)
    return None if region.region == PHONE_REGION else region


def _country_codes(numbers: Iterable[str]) -> Counter:
    """How many of the numbers are written with each country code; None: those written without one."""
    return Counter(_country_code(number) for number in numbers if number)


def _decided(codes: Counter) -> Placement | None:
    code, count, total, region = _leading(codes)
    if total < REGION_MIN_NUMBERS or count < REGION_SHARE * total or region is None:
        return None
    return Placement(region, f"{count} of the {total} numbers written with a country code are +{code}")


def _leading(codes: Counter) -> tuple[int | None, int, int, str | None]:
    """The country code most numbers written internationally have, how many have it, how many are so written, and
    the code's region (None when none is)."""
    international = Counter({code: count for code, count in codes.items() if code})
    if not international:
        return None, 0, 0, None
    code, count = international.most_common(1)[0]
    return code, count, sum(international.values()), _region_of_code(code)


def _decided_by_validity(codes: Counter, numbers: list[str]) -> Placement | None:
    """The foreign region ``REGION_SHARE`` of the book's few numbers written internationally (at least
    ``VALIDITY_MIN_INTERNATIONAL``) have the code of, when its national numbers are far more often valid only there
    than only in ``PHONE_REGION`` (``VALIDITY_SAMPLE``, ``VALIDITY_MIN_NUMBERS``, ``VALIDITY_RATIO``); else None."""
    code, count, total, region = _leading(codes)
    if not total or count < REGION_SHARE * total or region in (None, PHONE_REGION):
        return None
    national = _sample(numbers)
    valid = [(bool(_valid(number, region)), bool(_valid(number, PHONE_REGION))) for number in national]
    there, here = sum(a and not b for a, b in valid), sum(b and not a for a, b in valid)
    if not _convincing(there, here, len(national), total):
        return None
    return Placement(region, f"{count} of the {total} numbers written with a country code are +{code}; of "
                             f"{len(national)} written without one, {there} are valid only in {region}, {here} only "
                             f"in {PHONE_REGION}")


def _sample(numbers: Iterable[str]) -> list[str]:
    """The first ``VALIDITY_SAMPLE`` national numbers (``_national``), whose validity is checked."""
    return list(islice(filter(_national, numbers), VALIDITY_SAMPLE))


def _convincing(there: int, here: int, national: int, international: int) -> bool:
    """Whether ``there`` national numbers valid only in the foreign region and ``here`` only in ``PHONE_REGION``
    (of ``national``) decide the book, with ``international`` numbers written with the foreign code: at least
    ``VALIDITY_MIN_INTERNATIONAL`` and ``VALIDITY_RATIO``, or fewer (the Coolpad book: one) and overwhelming,
    ``VALIDITY_FEW_NUMBERS``, ``VALIDITY_FEW_SHARE`` and ``VALIDITY_FEW_RATIO``."""
    if there < VALIDITY_MIN_NUMBERS or there < VALIDITY_RATIO * here:
        return False
    if international >= VALIDITY_MIN_INTERNATIONAL:
        return True
    return there >= max(VALIDITY_FEW_NUMBERS, VALIDITY_FEW_SHARE * national) and there >= VALIDITY_FEW_RATIO * here


def _doubted(codes: Counter, numbers: list[str]) -> Placement | None:
    """``AS_WRITTEN`` and why, for a book that writes no number internationally and whose national numbers are read
    in ``PHONE_REGION`` though ``DOUBT_SHARE`` of them are not valid there (the Sri Lankan book); else None."""
    national = _sample(numbers)
    if any(codes[code] for code in codes if code) or len(national) < REGION_MIN_NUMBERS:
        return None
    invalid = sum(not _valid(number, PHONE_REGION) for number in national)
    if invalid < DOUBT_SHARE * len(national):
        return None
    return Placement(AS_WRITTEN, f"{invalid} of {len(national)} not valid in {PHONE_REGION}, none written with a "
                                 f"country code")


def _region_of_code(code: int) -> str | None:
    import phonenumbers  # here: a run that reads no address book does not load it

    region = phonenumbers.region_code_for_country_code(code)
    return None if region in (None, phonenumbers.UNKNOWN_REGION) else region


def _national(number: str) -> bool:
    """A number written without a country code, long enough to be no short code (``MIN_NATIONAL_DIGITS``)."""
    return (bool(number) and not number.startswith(("+", "00"))
            and sum(c.isdigit() for c in number) >= MIN_NATIONAL_DIGITS)


def _valid(number: str, region: str) -> str | None:
    """The number in E.164 when it is a valid one of ``region`` (phonenumbers' numbering plan), else None."""
    return _in_region(number, region, valid_only=True)


def _in_region(number: str, region: str, valid_only: bool = False) -> str | None:
    """The number in E.164 as read in ``region``; None when it reads as none there (or, ``valid_only``, as no
    valid one)."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(repaired_number(number), region)
    except phonenumbers.NumberParseException:
        return None
    if valid_only and not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _unplaced(codes: Counter) -> Placement | None:
    """``UNPLACED`` and why, for a book whose numbers written internationally show it is not ``PHONE_REGION``'s: at
    least ``REGION_MIN_NUMBERS``, more than its national ones, at most ``1 - REGION_SHARE`` with that region's
    code; else None. Its candidates: the regions of the codes ``CANDIDATE_SHARE`` of them have."""
    international = Counter({code: count for code, count in codes.items() if code})
    total = sum(international.values())
    if total < REGION_MIN_NUMBERS or total <= codes[None]:
        return None
    import phonenumbers

    own = international[phonenumbers.country_code_for_region(PHONE_REGION)]
    if own > (1 - REGION_SHARE) * total:
        return None
    most = ", ".join(f"{count} +{code}" for code, count in international.most_common(3))
    return Placement(UNPLACED, f"{total} numbers written with a country code, {most}, {own} of {PHONE_REGION}",
                     _candidates(international))


def _candidates(international: Counter) -> tuple[Candidate, ...]:
    """The regions of the codes ``CANDIDATE_SHARE`` of the numbers written internationally have, most first."""
    total, found = sum(international.values()), {}
    for code, count in international.most_common():
        region = _region_of_code(code)
        if region and count >= CANDIDATE_SHARE * total:
            found.setdefault(region, Candidate(region, count, total))
    return tuple(found.values())


def decided_by_country(countries: Iterable[str]) -> Placement | None:
    """The region ``REGION_SHARE`` of the rows naming a country name (at least ``REGION_MIN_NUMBERS`` of them), and
    what decided it; a name no region has counts against it."""
    named = [country.strip() for country in countries if country and country.strip()]
    regions = Counter(region for region in map(region_of_country, named) if region)
    if len(named) < REGION_MIN_NUMBERS or not regions:
        return None
    region, count = regions.most_common(1)[0]
    if count < REGION_SHARE * len(named):
        return None
    return Placement(region, f"{count} of the {len(named)} rows naming a country: {region}")


# Names the table of ``region_of_country`` lacks, as address books write them
_COUNTRY_ALIASES = {"usa": "US", "u.s.a.": "US", "u.s.": "US", "united states of america": "US", "uk": "GB",
                    "u.k.": "GB", "great britain": "GB", "england": "GB", "scotland": "GB", "wales": "GB"}


def region_of_country(name: str) -> str | None:
    """The region a country cell names: an ISO 3166 code ("US", "de"), or a country's name in any language
    phonenumbers' geocoder names it in ("United States", "Deutschland", "Liban"); else None."""
    return _country_names().get(name.strip().casefold())


@cache
def _country_names() -> dict[str, str]:
    """Every region's code and names (phonenumbers' geocoder table, region → language → name, "*xx" naming the
    language whose name it shares), casefolded; a name two regions share is left out."""
    from phonenumbers.geodata.locale import LOCALE_DATA

    regions: dict[str, set[str]] = {}
    for region, names in LOCALE_DATA.items():
        for name in {region, *(_resolved(names, language) for language in names)}:
            if name:
                regions.setdefault(name.casefold(), set()).add(region)
    found = {name: next(iter(found)) for name, found in regions.items() if len(found) == 1}
    return found | _COUNTRY_ALIASES


def _resolved(names: dict[str, str], language: str) -> str | None:
    name = names.get(language)
    for _ in range(3):  # "*aa": the name of another language
        if not name or not name.startswith("*"):
            break
        name = names.get(name[1:])
    return name if name and not name.startswith("*") else None


def region_note(region: Placement, placed: Counter | None = None) -> str:
    """What a file's note says of ``file_region``'s answer; of ``UNPLACED``, how many national numbers were read
    in one of its candidates and how many left out (``placed``: ``place``'s tally)."""
    if region.region == AS_WRITTEN:
        return (f"numbers without a country code read in {PHONE_REGION}, the region UNSOCIAL_PHONE_REGION sets, "
                f"though many are not valid there ({region.why})")
    if region.region != UNPLACED:
        return f"numbers without a country code read in {region.region} ({region.why})"
    note = (f"numbers without a country code not linked: the book is not of {PHONE_REGION} and of no one country "
            f"({region.why})")
    placed, candidates = placed or Counter(), ", ".join(region.candidates) or "none"
    note += f"; {placed[NOT_LINKED]} left out, {placed[READ]} read in the one of {candidates} they are valid in"
    return note + "".join(_plurality_note(placed, candidate) for candidate in region.candidates)


def _plurality_note(placed: Counter, candidate: str) -> str:
    """What the note says of the numbers valid in several candidates read in ``candidate`` (``_plurality``)."""
    count = placed[PLURALITY, candidate]
    if not count:
        return ""
    return (f", {count} valid in several read in {candidate} ({candidate.numbers} of the {candidate.of} numbers "
            f"written with a country code, at least {PLURALITY_RATIO} times as many as of the others)")


def place(value: str, region: Placement, number_of: Callable[[str], str | None], tally: Counter) -> str | None:
    """``international`` of a value in ``file_region``'s answer, counted in ``tally`` for the note when it is a
    national number of an ``UNPLACED`` book: ``READ`` in one of its candidates, ``(PLURALITY, region)`` in the one
    ``_plurality`` picks, or ``NOT_LINKED``."""
    number = number_of(value)
    if region.region != UNPLACED or number is None or not _national(number):
        return international(value, region.region, number_of, region.candidates)
    found, how = _placed_in(number, region.candidates)
    tally[how] += 1
    return found


def international(value: str, region: str, number_of: Callable[[str], str | None],
                  candidates: Iterable[str] = ()) -> str | None:
    """A national number in E.164 as read in ``region``; any other value as it is (``number_of``: the number a
    value writes, or None). Written so even where the region's numbering plan has changed since (Côte d'Ivoire's
    eight-digit numbers of before 2021), so that it is never read in another region; not a short code (a service's
    four digits, amyaspal/contacts ``contacts.csv``: no number of any region). In ``UNPLACED``: in E.164 as read in
    the one of the ``candidates`` that finds it valid, or that ``_plurality`` picks of several, else None (not
    linked)."""
    number = number_of(value)
    if number is None or not _national(number) or region == AS_WRITTEN:
        return value
    if region == UNPLACED:
        return _placed_in(number, candidates)[0]
    return _in_region(number, region) or value


def _placed_in(number: str, candidates: Iterable[str]) -> tuple[str | None, str | tuple[str, str]]:
    """A national number of an ``UNPLACED`` book in E.164 and how (``place``'s tally): read in the one candidate it
    is valid in (or several reading it alike: +1 of US and CA), in the one ``_plurality`` picks, else None."""
    valid = {candidate: found for candidate in candidates if (found := _valid(number, candidate))}
    if len(set(valid.values())) == 1:
        return next(iter(valid.values())), READ
    leader = _plurality(list(valid))
    return (valid[leader], (PLURALITY, leader)) if leader else (None, NOT_LINKED)


def _plurality(valid: list[str]) -> str | None:
    """Of the candidates a number is valid in, the one more than half of the book's numbers written internationally
    have the code of, with ``PLURALITY_RATIO`` times as many as each other one; else None (plain codes: None)."""
    ranked = sorted(valid, key=lambda candidate: getattr(candidate, "numbers", 0), reverse=True)
    if len(ranked) < 2:
        return None
    leader, numbers = ranked[0], [getattr(candidate, "numbers", 0) for candidate in ranked]
    if numbers[0] <= getattr(leader, "of", 0) / 2 or numbers[0] < PLURALITY_RATIO * numbers[1]:
        return None
    return leader


def _country_code(number: str) -> int | None:
    """The country code of a number written internationally (``+91 …``, ``0091 …``), else None."""
    if not number.startswith(("+", "00")):
        return None
    import phonenumbers

    number = repaired_number(number)
    try:
        return phonenumbers.parse("+" + number[2:] if number.startswith("00") else number, None).country_code
    except phonenumbers.NumberParseException:
        return None
