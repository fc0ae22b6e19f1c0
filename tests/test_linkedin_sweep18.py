"""LinkedIn shapes found by the lead in round 18: a profile URL with letters beyond ASCII, written percent-encoded in
Connections.csv and as the letters in Invitations.csv (Mauricio1806/Conections-map, 2026: 443 of 5,498 invitations'
people were a second account of a connection), and a synced address book whose company is the word "null"
(UsernameTron/Linkedin-Chatbot ``MY Data/Contacts.csv``)."""

from __future__ import annotations

from conftest import assert_nothing_lost, fixture, parse
from ingest.identity.overrides import load_overrides
from ingest.models import Account, Interaction
from ingest.normalise import normalise_linkedin_url
from ingest.sources.archive import Export

ENCODED = fixture("linkedin", "2026-percent-encoded-urls")
RUBEN = "https://www.linkedin.com/in/rubén-ortíz-4b2a"
JOAO = "https://www.linkedin.com/in/joão-araújo"


def test_a_connection_and_an_invitation_of_one_person_are_one_account_however_the_url_is_written():
    records = parse(Export(ENCODED))
    by_file = {(r.member, r.account_ref) for r in records if isinstance(r, Account) and r.platform == "linkedin"}
    assert {("Connections.csv", RUBEN), ("Invitations.csv", RUBEN), ("Connections.csv", JOAO),
            ("Invitations.csv", JOAO)} <= by_file
    assert not [ref for _, ref in by_file if "%" in ref]
    assert {(r.account_ref, r.direction) for r in records if isinstance(r, Interaction)
            and r.kind == "invitation"} == {(RUBEN, "in"), (JOAO, "out")}
    assert_nothing_lost(records)


def test_the_slug_is_decoded_and_lowercased():
    assert normalise_linkedin_url("https://www.linkedin.com/in/rub%C3%A9n-ort%C3%ADz-4b2a/") == RUBEN
    assert normalise_linkedin_url("de.linkedin.com/in/RUBÉN-ORTÍZ-4B2A?trk=x") == RUBEN


def test_a_decision_written_with_the_encoded_url_still_applies(tmp_path):
    overrides = tmp_path / "overrides.csv"
    overrides.write_text("rule,platform_a,account_ref_a,platform_b,account_ref_b\n"
                         "must_link,linkedin,https://www.linkedin.com/in/rub%c3%a9n-ort%c3%adz-4b2a,facebook,Rubén O.\n",
                         encoding="utf-8")
    assert load_overrides(overrides) == [("must_link", ("linkedin", RUBEN), ("facebook", "Rubén O."))]


def test_a_company_written_as_null_is_no_company():
    records = parse(Export(ENCODED))
    companies = {r.display_name: r.company for r in records if isinstance(r, Account) and r.member == "Contacts.csv"}
    assert companies == {"Irene Costa": None, "Tiago Faria": "Faria & Filhos"}
