"""Linkage decisions, table-driven: who is joined, who is kept apart, and why."""

from __future__ import annotations

import pytest

from ingest.identity.linkage import Account, resolve_accounts
from ingest.identity.resolve import person_id
from ingest.normalise import e164
from ingest.normalise import normalise_name


def account(platform, ref, name=None, emails=(), url=None, phones=(), owner=False, first=None, last=None) -> Account:
    return Account(platform, ref, name, first, last, tuple(emails), tuple(phones), url, owner)


def linkedin(slug, name, **fields):
    url = f"https://www.linkedin.com/in/{slug}"
    return account("linkedin", url, name, url=url, **fields)


def journal(name, **fields):
    return account("journal", normalise_name(name), name, **fields)  # as the journal source keys entries


ANNA, ANNA2 = linkedin("anna-mueller", "Dr. Anna Müller"), linkedin("amueller", "Anna Müller")
BOB = linkedin("robert-weber", "Robert Weber")
JONAS = linkedin("jonas-weber", "Jonas Weber", emails=["jonas@example.de"])
OWNER = linkedin("marta", "Marta Lindqvist", owner=True)

CASES = [
    ("same e-mail joins journal and LinkedIn",
     [JONAS, account("journal", "jonas@example.de", "J. W.", emails=["jonas@example.de"])], 1),
    ("same phone in any format joins calendar guest and address-book card",
     [account("addressbook", "uid-1", "Tom", phones=["0170 5550123", "+49 30 1234567"]),
      account("calendar", "tom@example.de", "Tom", emails=["tom@example.de"], phones=["+49 170 5550123"])], 1),
    ("a journal name joins the one person with that name, titles aside", [ANNA, journal("Anna Müller")], 1),
    ("transliteration: Mueller is Müller", [ANNA, journal("Anna Mueller")], 1),
    ("name order: Müller, Anna", [ANNA, journal("Müller, Anna")], 1),
    ("nicknames: Bob is Robert", [BOB, journal("Bob Weber")], 1),
    ("initials: Robert W.", [BOB, journal("Robert W.")], 1),
    ("first name alone, unique in the network", [BOB, JONAS, journal("Jonas")], 2),
    ("first name alone, shared: left for review", [JONAS, linkedin("jonas-b", "Jonas Berg"), journal("Jonas")], 3),
    ("namesakes: the journal entry joins neither", [ANNA, ANNA2, journal("Anna Müller")], 3),
    ("different names stay apart", [ANNA, journal("Anna Mahler")], 2),
    ("a journal entry joins a Facebook friend known only by name",
     [account("facebook", "Kathi Schmidt", "Kathi Schmidt"), journal("Katharina Schmidt")], 1),
    ("Facebook and LinkedIn namesakes are not joined on a name alone",
     [account("facebook", "Anna Müller", "Anna Müller"), ANNA], 2),
    ("the owner is never a journal entry's match", [OWNER, journal("Marta Lindqvist")], 2),
    ("offline entries of someone on no platform are one person",
     [journal("Greta Nachbar"), account("calendar", "Greta Nachbar", "Greta Nachbar")], 1),
    ("a calendar guest without a CN joins the one person its address names",
     [BOB, account("calendar", "robert.weber@example.org", emails=["robert.weber@example.org"], first="Robert",
                   last="Weber")], 1),
    ("a name from an address joins neither of two namesakes",
     [ANNA, ANNA2, account("calendar", "anna.mueller@example.org", emails=["anna.mueller@example.org"], first="Anna",
                           last="Mueller")], 3),
]


def people_of(accounts, must=(), cannot=()):
    people, links = resolve_accounts(accounts, list(must), list(cannot))
    return len({people.find(a.node) for a in accounts}), links


@pytest.mark.parametrize("title, accounts, expected", CASES, ids=[c[0] for c in CASES])
def test_linkage_decisions(title, accounts, expected):
    assert people_of(accounts)[0] == expected


def test_ambiguous_entries_are_review_cases_with_a_reason():
    _, links = people_of([ANNA, ANNA2, journal("Anna Müller")])
    assert [(l.a, l.accepted, l.reason) for l in links if l.rule.startswith("name_")] == [
        (("journal", "anna müller"), False, "review: 2 people match this name")]


def test_a_guest_or_card_whose_name_two_people_carry_is_a_review_case_too():
    """A calendar guest met offline and a number in the phone, each named like two LinkedIn connections: neither is
    joined, and the owner is asked, as for a journal entry; a guest named like nobody stays apart, unasked."""
    guest = account("calendar", "am@example.org", "Anna Müller", emails=["am@example.org"])
    card = account("addressbook", "uid-7", "Anna Müller", phones=["0170 5550199"])
    stranger = account("calendar", "gn@example.org", "Greta Nachbar", emails=["gn@example.org"])
    count, links = people_of([ANNA, ANNA2, guest, card, stranger])
    assert count == 5  # nobody joined: the name is two platform people's, so not even guest and card
    assert sorted((l.a, l.reason) for l in links if l.rule.startswith("name_") and not l.accepted) == [
        (("addressbook", "uid-7"), "review: 2 people match this name"),
        (("calendar", "am@example.org"), "review: 2 people match this name")]


def test_cannot_link_override_wins_over_an_email_match():
    accounts = CASES[0][1]
    count, links = people_of(accounts, cannot=[(JONAS.node, accounts[1].node)])
    assert count == 2 and [l.accepted for l in links if l.rule == "same_email"] == [False]


def test_must_link_override_joins_what_no_rule_would():
    accounts = [ANNA, journal("Anna Mahler")]
    assert people_of(accounts, must=[(ANNA.node, accounts[1].node)])[0] == 1


@pytest.mark.parametrize("written, expected", [
    ("+49 170 5550123", "+491705550123"), ("0170 5550123", "+491705550123"), ("(0170) 555 01 23", "+491705550123"),
    ("+46 8 555 012 34", "+46855501234"), ("not a number", None)])
def test_phone_numbers_in_e164(written, expected):
    assert e164(written) == expected


def test_person_id_is_stable_and_owner_scoped():
    root = ANNA.node
    assert person_id("marta", root) == person_id("marta", root) != person_id("jana", root)


def test_a_person_never_gets_two_accounts_of_one_platform():
    kathi, katharina = account("facebook", "Kathi Schmidt", "Kathi Schmidt"), account("facebook", "Katharina Schmidt", "Katharina Schmidt")
    card = account("addressbook", "UID-1", "Kathi Schmidt", emails=["k@example.de"], first="Katharina", last="Schmidt")
    people, _ = resolve_accounts([kathi, katharina, card], [], [])
    assert people.find(kathi.node) != people.find(katharina.node)


def test_must_link_may_join_two_accounts_of_one_platform():
    a, b = account("facebook", "Kathi Schmidt", "Kathi Schmidt"), account("facebook", "K. Schmidt", "K. Schmidt")
    people, _ = resolve_accounts([a, b], [(a.node, b.node)], [])
    assert people.find(a.node) == people.find(b.node)



def test_the_owners_same_on_a_second_account_keeps_the_persons_other_accounts():
    """The owner says a second Facebook account "Tasha 🌿" is the LinkedIn Natasja Taskinen: her Facebook
    "Natasja Taskinen", card and journal entry stay with that profile (joined before the evidence was weighed,
    the answer put a Facebook account into her person first, and the other was then kept out)."""
    second = account("facebook", "Tasha 🌿", "Tasha 🌿")
    full = account("facebook", "Natasja Taskinen", "Natasja Taskinen")
    profile = linkedin("natasja-taskinen-708c83", "Natasja Taskinen", emails=["natasja@example.fi"])
    card = account("addressbook", "UID-7", "Natasja Taskinen", emails=["natasja@example.fi"], first="Natasja",
                   last="Taskinen")
    her = [second, full, profile, card, journal("Natasja Taskinen")]
    others = [account("facebook", f"{first} {last}", f"{first} {last}") for first in FIRSTS for last in LASTS]
    people, _ = resolve_accounts(her + others, [], [])  # a rare name in a network of a hundred
    assert len({people.find(a.node) for a in her}) == 2
    people, _ = resolve_accounts(her + others, [(second.node, profile.node)], [])
    assert {people.find(a.node) for a in her} == {people.find(second.node)}


FIRSTS = "Anna Bruno Carla Dieter Emil Frida Gustav Hanna Ivo Jana Karl Lotte Mats Nora Olaf Petra Rosa Sven".split()
LASTS = "Berg Falk Horn Lund Moser Nagel".split()

def test_two_address_book_cards_are_two_people():
    """A phone holds one card per person: two "Anna Schmidt" cards never become one person by name,
    and a journal entry "Anna Schmidt" cannot tell which of them it means."""
    cards = [Account("addressbook", uid, "Anna Schmidt", "Anna", "Schmidt", (), (phone,), None, False)
             for uid, phone in (("A1", "+49 170 1111111"), ("A2", "+49 170 2222222"))]
    entry = Account("journal", "anna schmidt", "Anna Schmidt", None, None, (), (), None, False)
    people, links = resolve_accounts([*cards, entry], [], [])
    assert len({people.find(n) for n in (cards[0].node, cards[1].node, entry.node)}) == 3
    assert any(not l.accepted and "review" in l.reason for l in links)


def test_a_name_read_from_an_address_is_weaker_than_a_written_one():
    """A calendar guest's first_name/last_name come from ``firstname.lastname@``: no name of the
    account for scoring, a link of its own rule and a lower confidence, never a review case."""
    guest = account("calendar", "robert.weber@example.org", emails=["robert.weber@example.org"], first="Robert",
                    last="Weber")
    assert (guest.names, guest.address_name) == ([], "Robert Weber")
    _, links = people_of([BOB, guest])
    assert [(l.rule, l.confidence, l.accepted) for l in links if l.rule.startswith("name")] == [
        ("name_from_address", 0.7, True)]
    written = account("calendar", "rw@example.org", "Robert Weber", emails=["rw@example.org"], first="Rob", last="W")
    assert (written.names, written.address_name) == (["Robert Weber"], None)
    _, links = people_of([ANNA, ANNA2, account("calendar", "anna.mueller@example.org",
                                               emails=["anna.mueller@example.org"], first="Anna", last="Mueller")])
    assert not [l for l in links if l.rule.startswith("name")]


def tweeter(ref, name, handle):
    return Account("twitter", ref, name, None, None, (), (), None, False, None, handle)


def test_a_card_naming_a_twitter_handle_and_a_xing_profile_joins_them():
    card = Account("addressbook", "uid-7", "Wiebke", None, None, (), (), None, False,
                   named_profiles=("https://twitter.com/kaffee_und_code", "https://www.xing.com/profile/w_ostendorf"))
    xing = account("xing", "w_ostendorf", "Wiebke Ostendorf", url="https://www.xing.com/profile/W_Ostendorf/cv")
    tweets = tweeter("42", "Rike ☕", "Kaffee_und_Code")
    people, links = resolve_accounts([card, xing, tweets], [], [])
    assert people.find(card.node) == people.find(xing.node) == people.find(tweets.node)
    assert {link.rule for link in links if link.accepted} == {"named_profile"}


def test_two_twitter_accounts_with_one_handle_are_not_joined_without_a_card():
    people, _ = resolve_accounts([tweeter("1", "Old", "kaffee_und_code"), tweeter("2", "New", "kaffee_und_code")], [],
                                 [])
    assert people.find(("twitter", "1")) != people.find(("twitter", "2"))


def guest(email, name=None):
    return account("calendar", email, name, emails=[email])


ADDRESS_CASES = [
    ("an initial and a last name", guest("s.gangl@mail.example"), True),
    ("a first and a last name run together", guest("sebastiangangl@mail.example"), True),
    ("a transliterated last name", guest("b.hoermann@mail.example"), True),
    ("a card with a first name that agrees", account("addressbook", "card-1", "Sebastian",
                                                     emails=["s.gangl@mail.example"]), True),
    ("a card with a first name that does not agree", account("addressbook", "card-2", "Petra",
                                                             emails=["s.gangl@mail.example"]), False),
    ("another initial", guest("t.gangl@mail.example"), False),
    ("an address with digits", guest("sgangl84@mail.example"), False),
]


@pytest.mark.parametrize("title, offline, expected", ADDRESS_CASES, ids=[c[0] for c in ADDRESS_CASES])
def test_an_address_that_spells_a_name_joins_the_one_person_it_fits(title, offline, expected):
    """A calendar guest known by "s.gangl@…" and nothing else is met offline: the one platform person whose
    initial and last name those are is who was met."""
    platform = [linkedin("sebastian-gangl", "Sebastian Gangl"), linkedin("bukurije-h", "Bukurije Hörmann"),
                linkedin("stefan-gans", "Stefan Gans")]
    people, _ = resolve_accounts([OWNER, *platform, offline], [], [])
    target = platform[1] if "hoermann" in offline.account_ref + "".join(offline.emails) else platform[0]
    assert (people.find(offline.node) == people.find(target.node)) is expected


def test_an_address_two_people_fit_joins_neither():
    two = [linkedin("sebastian-gangl", "Sebastian Gangl"), linkedin("sabine-gangl", "Sabine Gangl")]
    offline = guest("s.gangl@mail.example")
    people, _ = resolve_accounts([OWNER, *two, offline], [], [])
    assert people.find(offline.node) not in {people.find(a.node) for a in two}


def test_a_person_on_no_platform_is_one_person_across_card_calendar_and_journal():
    """Someone met who is on no social platform: their card, their calendar invitations and the journal's
    entries carry one name, each with other evidence or none; one person, met offline."""
    card = account("addressbook", "card-traci", "Traci Blackburn", phones=["+49 178 3296335"])
    invited = guest("t.blackburn@post.example", "Blackburn, Traci")
    entry = journal("Traci Blackburn")
    people, _ = resolve_accounts([OWNER, BOB, card, invited, entry], [], [])
    assert len({people.find(a.node) for a in (card, invited, entry)}) == 1


def test_two_cards_of_one_name_keep_a_guest_of_that_name_apart_from_both():
    cards = [account("addressbook", f"card-{i}", "Paul Hoffmann", phones=[f"+49 170 100000{i}"]) for i in (1, 2)]
    invited = guest("p.hoffmann@post.example", "Paul Hoffmann")
    people, _ = resolve_accounts([OWNER, BOB, *cards, invited], [], [])
    assert people.find(invited.node) not in {people.find(c.node) for c in cards}


def test_a_card_and_a_guest_of_a_name_platform_accounts_carry_too_stay_apart():
    """Two Michael Hertrampf are on LinkedIn: the card and the guest, whom neither can be told to be, may be
    any of them, or two more; a shared name alone does not make them one."""
    card = account("addressbook", "card-m", "Michael Hertrampf", phones=["+49 170 1000001"])
    invited = guest("m.hertrampf@post.example", "Michael Hertrampf")
    namesakes = [linkedin(f"michael-hertrampf-{i}", "Michael Hertrampf") for i in (1, 2)]
    people, _ = resolve_accounts([OWNER, BOB, card, invited, *namesakes], [], [])
    assert people.find(card.node) != people.find(invited.node)


def test_two_xing_cards_of_one_name_are_two_people():
    """A XING card without UID or e-mail is known by its name alone, yet it is a contact of its own, not another
    view of one (as a LinkedIn recommendation is): two cards named Dagobert Müller are two people."""
    with_mail = account("xing", "dagobert.mueller@keudel.example", "Dagobert Müller",
                        emails=["dagobert.mueller@keudel.example"])
    name_only = account("xing", "Dagobert Müller", "Dagobert Müller")
    people, _ = resolve_accounts([OWNER, BOB, with_mail, name_only], [], [])
    assert people.find(with_mail.node) != people.find(name_only.node)


def test_a_linkedin_recommendation_by_name_still_joins_its_connection():
    recommended_by = account("linkedin", "Robert Weber", "Robert Weber")
    people, _ = resolve_accounts([OWNER, BOB, recommended_by], [], [])
    assert people.find(recommended_by.node) == people.find(BOB.node)


@pytest.mark.parametrize("card_company, joined", [("Bermingham UG", False), ("Fleetblick Retail GmbH", True),
                                                  (None, True)])
def test_a_card_at_another_company_than_the_profile_is_a_question(card_company, joined):
    """The one LinkedIn Hugo Leroy works at Fleetblick; a card of Hugo Leroy at Bermingham may be an old card of
    his, or another Hugo Leroy: the owner is asked, nothing is joined on the name."""
    profile = Account("linkedin", "https://www.linkedin.com/in/hugoleroy", "Hugo Leroy", None, None, (), (),
                      "https://www.linkedin.com/in/hugoleroy", False, "Fleetblick Retail GmbH")
    card = Account("addressbook", "card-hugo", "Hugo Leroy", None, None, (), ("+49 170 2000002",), None, False,
                   card_company)
    people, links = resolve_accounts([OWNER, BOB, profile, card], [], [])
    assert (people.find(card.node) == people.find(profile.node)) is joined
    assert joined or any(not l.accepted and "another current company" in l.reason for l in links)
