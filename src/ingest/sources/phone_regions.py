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
region's (``_unplaced``): its national numbers are not linked (``UNPLACED``). A German book writes its German
numbers nationally, as many as its foreign ones or more: it stays read in DE.

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

from ..normalise import PHONE_REGION, repaired_number

REGION_MIN_NUMBERS = 10
REGION_SHARE = 0.8
UNPLACED = "ZZ"  # phonenumbers' unknown region: a file's national numbers read in no region, and not linked
MIN_NATIONAL_DIGITS = 6  # fewer: a short code, left as written (no country's subscriber numbers are so short)


def decided_region(numbers: Iterable[str]) -> tuple[str, str] | None:
    """The region of a file's numbers written without a country code (``REGION_SHARE``), and what decided it (for
    the file's note); None when its numbers written internationally are too few or of several countries."""
    return _decided(_country_codes(numbers))


def file_region(numbers: Iterable[str], countries: Iterable[str] = ()) -> tuple[str, str] | None:
    """The region a file's numbers written without a country code are read in and what decided it: its numbers
    written internationally, else the countries its rows name; ``UNPLACED`` when neither decides and the book is not
    of the region linking reads them in (``_unplaced``); None when it is that region (``UNSOCIAL_PHONE_REGION``)
    or nothing tells: those stay as written."""
    codes = _country_codes(numbers)
    region = _decided(codes) or decided_by_country(countries)
    if region is None:
        return _unplaced(codes)
    return None if region[0] == PHONE_REGION else region


def _country_codes(numbers: Iterable[str]) -> Counter:
    """How many of the numbers are written with each country code; None: those written without one."""
    return Counter(_country_code(number) for number in numbers if number)


def _decided(codes: Counter) -> tuple[str, str] | None:
    international = Counter({code: count for code, count in codes.items() if code})
    total = sum(international.values())
    if total < REGION_MIN_NUMBERS:
        return None
    code, count = international.most_common(1)[0]
    import phonenumbers  # here: a run that reads no address book does not load it

    region = phonenumbers.region_code_for_country_code(code)
    if count < REGION_SHARE * total or region in (None, phonenumbers.UNKNOWN_REGION):
        return None
    return region, f"{count} of the {total} numbers written with a country code are +{code}"


def _unplaced(codes: Counter) -> tuple[str, str] | None:
    """``UNPLACED`` and why, for a book whose numbers written internationally show it is not ``PHONE_REGION``'s: at
    least ``REGION_MIN_NUMBERS``, more than its national ones, at most ``1 - REGION_SHARE`` with that region's
    code; else None."""
    international = Counter({code: count for code, count in codes.items() if code})
    total = sum(international.values())
    if total < REGION_MIN_NUMBERS or total <= codes[None]:
        return None
    import phonenumbers

    own = international[phonenumbers.country_code_for_region(PHONE_REGION)]
    if own > (1 - REGION_SHARE) * total:
        return None
    most = ", ".join(f"{count} +{code}" for code, count in international.most_common(3))
    return UNPLACED, f"{total} numbers written with a country code, {most}, {own} of {PHONE_REGION}"


def decided_by_country(countries: Iterable[str]) -> tuple[str, str] | None:
    """The region ``REGION_SHARE`` of the rows naming a country name (at least ``REGION_MIN_NUMBERS`` of them), and
    what decided it; a name no region has counts against it."""
    named = [country.strip() for country in countries if country and country.strip()]
    regions = Counter(region for region in map(region_of_country, named) if region)
    if len(named) < REGION_MIN_NUMBERS or not regions:
        return None
    region, count = regions.most_common(1)[0]
    if count < REGION_SHARE * len(named):
        return None
    return region, f"{count} of the {len(named)} rows naming a country: {region}"


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


def region_note(region: tuple[str, str]) -> str:
    """What a file's note says of ``file_region``'s answer."""
    if region[0] == UNPLACED:
        return (f"numbers without a country code not linked: the book is not of {PHONE_REGION} and of no one "
                f"country ({region[1]})")
    return f"numbers without a country code read in {region[0]} ({region[1]})"


def international(value: str, region: str, number_of: Callable[[str], str | None]) -> str | None:
    """A national number in E.164 as read in ``region``; any other value as it is (``number_of``: the number a
    value writes, or None). Written so even where the region's numbering plan has changed since (Côte d'Ivoire's
    eight-digit numbers of before 2021), so that it is never read in another region; not a short code (a service's
    four digits, amyaspal/contacts ``contacts.csv``: no number of any region). In ``UNPLACED``: None (not linked)."""
    number = number_of(value)
    if number is None or number.startswith(("+", "00")) or sum(c.isdigit() for c in number) < MIN_NATIONAL_DIGITS:
        return value
    if region == UNPLACED:
        return None
    import phonenumbers

    try:
        parsed = phonenumbers.parse(repaired_number(number), region)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


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
