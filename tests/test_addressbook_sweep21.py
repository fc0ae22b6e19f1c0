"""Names copied from a phone's SIM into Google Contacts (docs/formats.md, address book): the SIM's mark of the
number after the name (``/1`` … ``/9``, gammu's ``/H`` ``/M`` ``/O`` ``/W``) and its "family;given" with a ``;``
in FN, escaped in N, were kept in the person's name, so one person stored from two SIM entries had two names."""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost, fixture, zip_folder
from ingest.models import Account, Quarantined
from ingest.normalise import normalise_name
from ingest.sources import addressbook
from ingest.sources.archive import Export
from ingest.sources.ldif import Entry
from ingest.sources.vcard_fields import without_sim_mark
from test_addressbook import ingest_books, parsed, people

SIM_NAMES = "google-vcard-sim-names-in"


def names(records) -> list[tuple[int, str | None, str | None, str | None]]:
    """(line, display name, first name, last name) of each card's first account."""
    seen, rows = set(), []
    for a in (r for r in records if isinstance(r, Account)):
        if a.line not in seen:
            seen.add(a.line)
            rows.append((a.line, a.display_name, a.first_name, a.last_name))
    return rows


def one_card(tmp_path, *lines: str) -> tuple[str | None, str | None, str | None]:
    card = "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", *lines, "TEL;TYPE=CELL:+919000010009", "END:VCARD", ""])
    path = tmp_path / "contacts.vcf"
    path.write_text(card, newline="")
    account = next(r for r in addressbook.parse(Export(path)) if isinstance(r, Account))
    return account.display_name, account.first_name, account.last_name


def test_sim_names_read_as_the_persons_name():
    records = parsed(SIM_NAMES)
    assert names(records) == [
        (2, None, None, None),  # an e-mail alone
        (8, "Arjun Menon", "Arjun", "Menon"),
        (15, "Meera Gokhale", "Meera", "Gokhale"),  # FN:Gokhale;Meera/1, N:;Gokhale\;Meera/1;;;
        (22, "Varun Deshpande", "Varun", "Deshpande"),  # FN:Deshpande.;Varun/2, N:\;Varun/2;Deshpande.;;; (shifted)
        (28, "Varun Deshpande", "Varun", "Deshpande"),  # the same person's second number: /7
        (34, "Dr. Ishaan Bhide", "Dr.", "Ishaan Bhide"),  # FN:Ishaan Bhide;Dr./1
        (41, "Kavita", "Kavita", None),  # FN:Kavita/1
        (47, "Sunny.", "Sunny.", None),  # FN:Sunny./1, N:/1;Sunny.;;;
        (53, "Tanvi Menon/Bhide", "Tanvi", "Menon/Bhide"),  # a slash that is no SIM's mark
        (59, "AC/DC Fanclub", "AC/DC", "Fanclub"),
    ]
    assert [(q.line, q.reason) for q in records if isinstance(q, Quarantined)] == [
        (65, "FN, N, EMAIL, TEL: all missing")]  # a URL alone, as 16 of the real book's cards
    assert_nothing_lost(records)


def test_one_person_from_two_sim_entries_has_one_name_matching_other_platforms():
    found = {normalise_name(name) for line, name, *_ in names(parsed(SIM_NAMES)) if line in (22, 28)}
    assert found == {normalise_name("Varun Deshpande")}  # before: "deshpande varun 2" and "deshpande varun 7"
    numbers = [a.phone for a in parsed(SIM_NAMES) if isinstance(a, Account) and a.display_name == "Varun Deshpande"]
    assert numbers == ["09000010003", "9000010004"]


@pytest.mark.parametrize("written, expected", [
    ("Anna Berg/2", "Anna Berg"), ("Anna/M", "Anna"), ("Carla Muster /W", "Carla Muster"), ("Anna.../1", "Anna..."),
    ("AC/DC Fanclub", "AC/DC Fanclub"), ("Anna/Ben", "Anna/Ben"), ("Flat 4/2", "Flat 4/2"), ("Team A/B", "Team A/B"),
    ("Anna/10", "Anna/10"), ("Anna/m", "Anna/m"), ("/1", ""), ("Anna/0", "Anna/0"),
])
def test_only_a_slot_digit_or_a_kind_right_after_a_name_is_a_sim_mark(written, expected):
    assert without_sim_mark(written) == expected


@pytest.mark.parametrize("lines, expected", [
    (("FN:Berg;Anna/1", "N:;Berg\\;Anna/1;;;"), ("Anna Berg", "Anna", "Berg")),
    (("FN:Berg.;Anna/2", "N:\\;Anna/2;Berg.;;;"), ("Anna Berg", "Anna", "Berg")),
    (("FN:Berg;Anna/1",), ("Anna Berg", None, None)),  # no N
    (("FN:Berg;Anna", "N:;Berg\\;Anna;;;"), ("Anna Berg", "Anna", "Berg")),  # no mark, the ; escaped in N too
    (("FN:Anna Berg/2", "N:Berg/2;Anna;;;"), ("Anna Berg", "Anna", "Berg")),
    (("FN:Anna/M", "N:;Anna/M;;;"), ("Anna", "Anna", None)),
    (("FN:Berg;Anna", "N:Berg;Anna;;;"), ("Berg;Anna", "Anna", "Berg")),  # a ; in FN alone: as written
    (("FN:A;B;C/1", "N:;A\\;B\\;C/1;;;"), ("A;B;C", "A;B;C", None)),  # no "family;given": the mark only
    (("FN:Anna/Ben", "N:;Anna/Ben;;;"), ("Anna/Ben", "Anna/Ben", None)),
])
def test_a_sim_name_in_fn_and_n(tmp_path, lines, expected):
    assert one_card(tmp_path, *lines) == expected


def test_gammus_ldif_shares_the_rule_and_drops_a_slot_digit():
    entry = Entry(line=1, attributes={"dn": ["Almut/2"]})
    assert entry.dn_name() == "Almut"
    assert Entry(line=1, attributes={"dn": ["Almut/M"]}).dn_name() == "Almut"
    assert Entry(line=1, attributes={"dn": ["AC/DC"]}).dn_name() == "AC/DC"


def test_the_folder_and_its_zip_read_alike(tmp_path):
    folder = people(parsed(SIM_NAMES))
    zipped = Export(zip_folder(fixture("addressbook", SIM_NAMES), tmp_path / "contacts.zip"))
    assert people(list(addressbook.parse(zipped))) == folder


def test_sim_names_through_the_command_line(unsocial, tmp_path):
    result, counts = ingest_books(unsocial, tmp_path / "u.duckdb", SIM_NAMES)
    assert counts == [(SIM_NAMES, "addressbook", 11, 10, 1)]
    assert "Gokhale" not in result.out + result.err
