"""Facebook shapes seen in published exports and parsers of them (issue 13), each read without loss.

Deleted accounts in a Polish export: Messenger names every one "Użytkownik Facebooka" (in its JSON as
latin-1 mojibake, the thread folder ``uzytkownikfacebooka_<token>``), which was made one person who had
written in every thread a deleted account wrote in (code index ids 4126165948, 18518296329).
"""

from __future__ import annotations

import pytest

from conftest import assert_nothing_lost
from test_facebook import as_  # noqa: F401 (the fixture: each vintage as a folder and as a zip)
from test_facebook_shapes import interactions, parse, quarantined
from ingest.models import Account
from ingest.sources import detect_source, facebook
from ingest.sources.facebook.text import is_placeholder

PL = "f3-2019-pl-deleted"
GONE = "messages/inbox/uzytkownikfacebooka_kQ3zXw8pLm/message_1.json"
TATRY = "messages/inbox/wyjazdwtatry_Zx9yW8vU7t/message_1.json"
DELETED = "sender_name: a deleted or deactivated account, not one person"


def test_the_polish_export_is_facebook_and_nothing_is_lost(as_):
    export = as_(PL)
    assert detect_source(export) is facebook
    assert_nothing_lost(parse(export))


def test_a_deleted_account_in_a_polish_export_is_refused_not_made_a_person(as_):
    records = parse(as_(PL))
    people = {r.account_ref for r in records if isinstance(r, Account) and not r.is_owner}
    assert people == {"Tomasz Zieliński"}
    assert interactions(records, GONE) == []
    # the owner's message to the group goes to Tomasz alone; the owner's reaction to the deleted account's is dropped
    assert interactions(records, TATRY) == [(1, "Tomasz Zieliński", "message", "out"),
                                            (2, "Tomasz Zieliński", "message", "in")]
    assert quarantined(records) == {
        (GONE, 1): "participants: no one besides the owner but a deleted or deactivated account",
        (GONE, 2): DELETED, (GONE, 3): DELETED, (TATRY, 3): DELETED}


@pytest.mark.parametrize("name, placeholder", [
    ("Użytkownik Facebooka", True), ("użytkownik facebooka", True),  # Polish
    ("Usuário do Facebook", True),  # Brazilian Portuguese
    ("Facebook user", True), ("Usuario de Facebook", True),
    ("Tomasz Zieliński", False), ("Facebooka", False),
])
def test_placeholders_of_deleted_accounts_in_the_accounts_language(name, placeholder):
    assert is_placeholder(name) is placeholder
