"""The region of an address book's numbers written without a country code, decided once per file.

Phones write numbers as the user typed them, and linking reads a number without a country code in
``UNSOCIAL_PHONE_REGION`` (DE unless set). Seen in address books of India (kamalkne/contacts ``Contacts.vcf``: 473
numbers written with +91, 1,189 without, read as +49…; NikhilDev7/Phone ``00001.vcf``), Ukraine (wandors/Phone
``00001.vcf``, +380) and Côte d'Ivoire (borisbob91/contact ``00001.vcf``, +225). The file's region is decided from
its numbers written internationally (``+`` or ``00``): at least ``REGION_MIN_NUMBERS`` of them, ``REGION_SHARE``
with one country code; its national numbers are then written with that code (E.164). Nothing decided: numbers stay
as written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

REGION_MIN_NUMBERS = 10
REGION_SHARE = 0.8


def decided_region(numbers: Iterable[str]) -> tuple[str, str] | None:
    """The region of a file's numbers written without a country code (``REGION_SHARE``), and what decided it (for
    the file's note); None when its numbers written internationally are too few or of several countries."""
    codes = Counter(code for code in map(_country_code, numbers) if code)
    total = sum(codes.values())
    if total < REGION_MIN_NUMBERS:
        return None
    code, count = codes.most_common(1)[0]
    import phonenumbers  # here: a run that reads no address book does not load it

    region = phonenumbers.region_code_for_country_code(code)
    if count < REGION_SHARE * total or region in (None, phonenumbers.UNKNOWN_REGION):
        return None
    return region, f"{count} of the {total} numbers written with a country code are +{code}"


def international(value: str, region: str, number_of: Callable[[str], str | None]) -> str:
    """A national number in E.164 as read in ``region``; any other value as it is (``number_of``: the number a
    value writes, or None). Written so even where the region's numbering plan has changed since (Côte d'Ivoire's
    eight-digit numbers of before 2021), so that it is never read in another region."""
    number = number_of(value)
    if number is None or number.startswith(("+", "00")):
        return value
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _country_code(number: str) -> int | None:
    """The country code of a number written internationally (``+91 …``, ``0091 …``), else None."""
    if not number.startswith(("+", "00")):
        return None
    import phonenumbers

    try:
        return phonenumbers.parse("+" + number[2:] if number.startswith("00") else number, None).country_code
    except phonenumbers.NumberParseException:
        return None
