"""What one vCard says, once vobject has read it (``vcard``): its names, company, e-mails, numbers and social
profiles, each read the way the address-book and XING sources need it, and whether it is a person's card at all."""

from __future__ import annotations

import re
from collections.abc import Callable
from email.utils import parseaddr

from ..normalise import join_name, normalise_email, without_dial_pause
from .profiles import platform_of, profile_key, twitter_id_key
from .vcard_lines import CHAT_ADDRESSES, KINDS

# A phone maker's own card, pre-installed on every phone of the brand and exported with the user's contacts: Huawei's
# hotline, ``EMAIL;HOME:mobile@huawei.com`` in two languages (borisbob91/contact ``00001.vcf``: "Huawei Hotline" and
# the same in Chinese, with a +86 number), read as two people merged by their shared address. A card whose every
# e-mail is one of these names no person: left out, counted, as a group card.
SERVICE_CARD_ADDRESSES = {"mobile@huawei.com"}


def is_group(card) -> bool:
    """A card of KIND group (``vcard.GROUPS``); a person's, an organisation's (4.0 KIND:org) or one without a kind
    is none."""
    return any((text(card, kind.lower()) or "").casefold() == "group" for kind in KINDS)


def is_service_card(card) -> bool:
    """A phone maker's pre-installed card (``SERVICE_CARD_ADDRESSES``): every e-mail of it is the maker's. The
    written values are looked at first: reading every card's addresses twice cost a book of 50,000 cards 3 s."""
    written = " ".join(str(value).lower() for value in values(card, "email"))
    if not any(address in written for address in SERVICE_CARD_ADDRESSES):
        return False
    emails = all_values(card, "email", email_address)
    return bool(emails) and set(emails) <= SERVICE_CARD_ADDRESSES


def is_sender_card(card) -> bool:
    """A card of no name, e-mail, chat address or profile whose every TEL is an operator's code or an SMS sender's
    name (``phone`` reads no number in it): the operator's or a shop's, no person (``vcard.SENDER_CARDS``). A card
    of a name and only such codes is a name-only account, as a contacts CSV's row ("Airtime balance") is."""
    tels = [line.value for line in card.contents.get("tel", [])]
    if not any(isinstance(v, str) and v.strip() for v in tels) or any(not isinstance(v, str) or phone(v) for v in tels):
        return False
    named = text(card, "fn") or any(name_parts(card)) or text(card, "nickname")
    return not (named or all_values(card, "email", email_address) or chat_addresses(card) or social_profiles(card))


def numbers_not_read(card) -> str | None:
    """What a card's TEL lines hold when it is left with no name, e-mail or number: fax or pager numbers
    (``_NOT_PHONES``), or national numbers of a book of no one country not linked (``phone_regions.UNPLACED``: their
    value None); None when neither."""
    lines = card.contents.get("tel", [])
    held = ["numbers without a country code not linked" if line.value is None else "fax or pager numbers"
            for line in lines if line.value is None or (isinstance(line.value, str) and phone(line.value)
                                                        and not _answered(line))]
    return " and ".join(dict.fromkeys(held)) or None


def values(card, name: str) -> list:
    return [line.value for line in card.contents.get(name, [])]


def text(card, name: str) -> str | None:
    return next((v.strip() for v in values(card, name) if isinstance(v, str) and v.strip()), None)


def _flat(value) -> str | None:
    """One name or ORG component: vobject gives a list where the vCard had a comma list."""
    if isinstance(value, list):
        value = " ".join(_flat(v) or "" for v in value)
    return (" ".join(value.split()) or None) if isinstance(value, str) else None


def name_parts(card) -> tuple[str | None, str | None]:
    name = next(iter(values(card, "n")), None)
    if name is None or isinstance(name, str):
        return None, None
    return _flat(name.given), _flat(name.family)


# A name copied from a phone's SIM. The SIM's phone book holds one number per entry: a phone copying there a contact
# of several numbers writes one entry for each, the name marked with the number's kind, home, mobile, other or work
# (gammu/gammu tests/ldif/173_contacts.ldif: ``dn: <Name>/M``), or with its place among the contact's numbers, ``/1``
# to ``/9`` (a Google Contacts vCard 3.0 export of an Indian book, chetnachaudhari/contacts-parser ``contacts.vcf`` at
# 3b51632: 180 of 801 cards, one person twice as ``…/2`` and ``…/7`` with two numbers). Only a mark at the very end,
# right after a letter or a full stop ("Anna.../1"), is one: "AC/DC Fanclub", "Anna/Ben", "Flat 4/2" are names.
_MARK = r"\s*/(?:[1-9]|[HMOW])\s*"
SIM_MARK = re.compile(rf"(?<=[^\W\d_]|\.){_MARK}$")
# a mark alone: Google cut "Anna./1" at its full stop into N (family "/1", given "Anna."); gammu's dn "/M"
_MARK_ALONE = re.compile(_MARK)


def without_sim_mark(name: str) -> str:
    """The name without a SIM's mark (``SIM_MARK``): "Anna Berg/2" → "Anna Berg", "Anna/M" → "Anna", "/1" → ""."""
    return "" if _MARK_ALONE.fullmatch(name) else SIM_MARK.sub("", name).strip()


def read_sim_name(card) -> None:
    """A name copied from a SIM (``SIM_MARK``) written as the person's, in place: FN and N without the mark, and the
    SIM's "family;given" as FN "given family" and as N. Google Contacts wrote that SIM name as the FN ("Berg;Anna/1",
    the ``;`` unescaped) and cut it at spaces into N, the ``;`` escaped: ``N:;Berg\\;Anna/1;;;``, and after a family
    name ending in a full stop, shifted: ``FN:Berg.;Anna/2``, ``N:\\;Anna/2;Berg.;;;`` (the contacts-parser book
    above: 164 cards). Its cards show which part is the given name: the one after the ``;`` ("cricket;AL" is Airtel
    Live's "AL cricket", "Kaka;<given>" an uncle, "<given> Kaka")."""
    fn = next((line for line in card.contents.get("fn", []) if isinstance(line.value, str)), None)
    name = next((v for v in values(card, "n") if not isinstance(v, str)), None)
    if fn is not None and (split := _sim_split(fn.value, name)):
        family, given = split
        fn.value = join_name(given, family) or ""
        if name is not None:
            name.family, name.given, name.additional, name.prefix, name.suffix = family, given, "", "", ""
    elif fn is not None and SIM_MARK.search(fn.value):
        fn.value = without_sim_mark(fn.value)
        for part in _N_PARTS if name is not None else ():
            if isinstance(written := getattr(name, part), str):
                setattr(name, part, without_sim_mark(written))


_N_PARTS = ("family", "given", "additional", "prefix", "suffix")


def _sim_split(written: str, name) -> tuple[str, str] | None:
    """(family, given) of a SIM's "family;given" (``read_sim_name``): the FN cut at its one ``;``, when it has a
    mark (``SIM_MARK``) or N holds that ``;`` too, escaped; None when it is no such name."""
    bare = without_sim_mark(written)
    if bare.count(";") != 1:
        return None
    in_n = name is not None and any(";" in (_flat(getattr(name, part)) or "") for part in ("family", "given"))
    if not (in_n or SIM_MARK.search(written)):
        return None
    family, given = (" ".join(part.split()) for part in bare.split(";"))
    return _FULL_STOP.sub("", family), given


# A full stop closes the family part of 41 of the contacts-parser book's 164 "family;given" names ("Berg.;Anna/2"),
# and a space 2 more; after a word only ("Anna..." and "Room 2." are left as written).
_FULL_STOP = re.compile(r"(?<=[^\W\d_])\.$")


def company(card) -> str | None:
    org = next(iter(values(card, "org")), None)
    return _flat(org[0]) if isinstance(org, list) and org else _flat(org)


def preferred(card, name: str, convert: Callable[[str], str | None]) -> str | None:
    """The first usable value by preference: PREF (4.0 PREF=1, 2.1/3.0 TYPE=PREF), then WORK, then
    file order. XING gives the business e-mail and phone; a private one may be listed first."""
    lines = sorted(enumerate(card.contents.get(name, [])), key=lambda item: (*_rank(item[1]), item[0]))
    values = (convert(line.value) for _, line in lines if isinstance(line.value, str))
    return next((v for v in values if v), None)


def _rank(line) -> tuple[int, bool]:
    types = _type_set(line)
    pref = next((int(p) for p in line.params.get("PREF", []) if p.strip().isdigit()), None)
    return (pref if pref is not None else 1 if "pref" in types else 101), "work" not in types


def email_address(value: str) -> str | None:
    """The address, lowercased; some phones keep a mail program's ``"Omega" <omega@example.com>``
    in EMAIL (AOSP's importer test ``v21_invalid_multiple_line.vcf``)."""
    _, address = parseaddr(value)
    return normalise_email(address if "@" in address else value)


# A code dialled to the operator, not to a person (USSD: "*100#" the balance, "*200*<voucher>#" a top-up, "#456#"):
# phones keep the operator's SIM entries as contacts (a Dialog SIM of Sri Lanka, whiteyeti7x7/0001.vcf ``00001.vcf``:
# "D-Balance Check" and six more, ``TEL;CELL;PREF:#456#``), an address book synced from an iPhone to Google keeps them
# (a Lebanese Google CSV), Nokia Suite's export too (cvenkatachary/contacts Contacts.csv): two contacts sharing one
# are no one. "#31#0170…" (the caller's number withheld) is a number.
SERVICE_CODE = re.compile(r"\s*[*#][\d*#]*#\s*$")


def phone(value: str) -> str | None:
    """The number as written, up to a dial pause and what is dialled after it (``9876543210w12``: kamalkne/contacts
    ``Contacts.vcf``; ``normalise.without_dial_pause``); vCard 4.0 writes it as a URI (``tel:+49-89-1234567``).
    An operator's code (``SERVICE_CODE``) or a value without a digit is none: an SMS sender's name saved as the
    number ("ExamplePROMO", "Pizza Place": whiteyeti7x7/0001.vcf ``00001.vcf``, ``TEL;CELL:`` on a card of no name)."""
    number = without_dial_pause(re.sub(r"^\s*tel:", "", value, flags=re.I)).strip()
    return number if any(c.isdigit() for c in number) and not SERVICE_CODE.match(number) else None


def all_values(card, name: str, convert: Callable[[str], str | None]) -> list[str]:
    """Every usable value of a property, preferred first, without repeats."""
    return _sorted_values(card.contents.get(name, []), convert)


def _sorted_values(lines: list, convert: Callable[[str], str | None]) -> list[str]:
    ranked = sorted(enumerate(lines), key=lambda item: (*_rank(item[1]), item[0]))
    found = [convert(line.value) for _, line in ranked if isinstance(line.value, str)]
    return list(dict.fromkeys(v for v in found if v))


# Numbers no one answers: TEL typed FAX or PAGER (2.1 ``TEL;FAX``: a Sony Ericsson phone book, gammu/gammu
# tests/vcards/se-3.vcf; ``TEL;WORK;FAX``: Outlook 2003, ``TEL;type=WORK;type=FAX``: Lotus Notes, ``TEL;TYPE=PAGER``:
# Thunderbird's MoreFunctionsForAddressBook, mangstadt/ez-vcard src/test/resources/…/vcard/). Left out as the Outlook
# CSV's and Windows Contacts' fax and pager are (``contacts_shapes``, ``windows_contact``): a shared office fax would
# link everyone in the office. A number typed VOICE or CELL as well is answered: a phone.
_NOT_PHONES, _ANSWERED = {"fax", "pager"}, {"voice", "cell"}


def phone_numbers(card) -> list[str]:
    """The card's phone numbers (``phone``), preferred first, without fax and pager numbers (``_NOT_PHONES``)."""
    return _sorted_values([line for line in card.contents.get("tel", []) if _answered(line)], phone)


def _answered(line) -> bool:
    types = _type_set(line)
    return not types & _NOT_PHONES or bool(types & _ANSWERED)


def _type_set(line) -> set[str]:
    return {t.strip().lower() for t in _types(line)}


def chat_addresses(card) -> list[str]:
    """The Google Talk and Outlook IM addresses of a card, as e-mail addresses (the account's); a screen name
    that is no address is none."""
    return [address for name in CHAT_ADDRESSES for address in all_values(card, name.lower(), email_address)]


# The properties naming a social profile, and the parameters that name its platform and its username: Apple's
# X-SOCIALPROFILE (type=linkedin, x-user=jdoe); RFC 9554's SOCIALPROFILE (SERVICE-TYPE=LinkedIn, a URI, or the
# username as VALUE=text or in USERNAME=); URL; IMPP (Apple's X-SERVICE-TYPE, or 9554's SERVICE-TYPE).
PROFILE_PROPERTIES = ("x-socialprofile", "socialprofile", "url", "impp")
SERVICE_PARAMS = ("X-SERVICE-TYPE", "SERVICE-TYPE")
USER_PARAMS = ("X-USER", "USERNAME")
# Apple's cards of the years Contacts synced with Twitter also name the account by its number, as archives know
# a correspondent: "X-SOCIALPROFILE;type=twitter;x-userid=45414910:http://twitter.com/…". Some cards write the
# handle there instead: no number, nothing the URL beside it does not say.
USER_ID_PARAM = "X-USERID"


def social_profiles(card) -> list[str]:
    """The social profiles a card names (``PROFILE_PROPERTIES``), as ``profiles.profile_key``: a URL of a
    platform's host, else the username when a type, service or ``itemN.X-ABLabel`` names the platform."""
    labels = {line.group.casefold(): line.value for line in card.contents.get("x-ablabel", [])
              if line.group and isinstance(line.value, str)}
    found = []
    for name in PROFILE_PROPERTIES:
        for line in card.contents.get(name, []):
            if not isinstance(line.value, str):
                continue
            platform = platform_of(" ".join([*_types(line), *_params(line, SERVICE_PARAMS),
                                             labels.get((line.group or "").casefold(), "")]))
            found += _profile_keys(name, line, platform)
    return list(dict.fromkeys(key for key in found if key))


def _types(line) -> list[str]:
    return [t for v in line.params.get("TYPE", []) for t in v.split(",")] + list(line.singletonparams)


def _params(line, names: tuple[str, ...]) -> list[str]:
    return [v for name in names for v in line.params.get(name, [])]


def _profile_keys(name: str, line, platform: str | None) -> list[str | None]:
    value = line.value.replace("\\:", ":").strip()
    if name == "impp":  # "x-apple:jdoe", "xmpp:jdoe@chat.facebook.com"
        handle = value.split(":", 1)[-1].split("@")[0] if ":" in value else value
        return [profile_key(handle, platform)]
    users = [u for u in _params(line, USER_PARAMS) if u.strip()]
    ids = [twitter_id_key(u) for u in _params(line, (USER_ID_PARAM,))] if platform == "twitter" else []
    return [profile_key(value, platform), *(profile_key(u, platform) for u in users), *ids]
