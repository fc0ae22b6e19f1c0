"""Scored matching across platforms: rare names and corroborated names join, common names wait for review."""

from __future__ import annotations

import pytest

from ingest.errors import UnsocialError
from ingest.identity.clusters import clusters_of
from ingest.identity.linkage import Account, resolve_accounts
from ingest.identity.matching import shared_names

FIRSTS = ["Anna", "Jonas", "Lea", "Paul", "Mia", "Finn", "Emma", "Ben", "Lina", "Noah"]
LASTS = ["Schmidt", "Fischer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann"]


def linkedin(name, company=None, slug=None):
    url = f"https://www.linkedin.com/in/{slug or name.lower().replace(' ', '-')}"
    return Account("linkedin", url, name, None, None, (), (), url, False, company, None)


def facebook(name):
    return Account("facebook", name, name, None, None, (), (), None, False)


def xing(name, company=None):
    return Account("xing", name.lower().replace(" ", "_"), name, None, None, (), (), None, False, company, None)


def twitter(ref, name, handle):
    return Account("twitter", ref, name, None, None, (), (), None, False, None, handle)


# A network of 100 ordinary people, so that name frequencies mean something.
BACKGROUND = [linkedin(f"{f} {l}") for f in FIRSTS for l in LASTS]
COMMON = [linkedin(f"Thomas {l}", slug=f"thomas-{l.lower()}-{i}") for i, l in enumerate(LASTS)] + \
         [linkedin(f"{f} Müller", slug=f"{f.lower()}-mueller") for f in FIRSTS]


def joined(*accounts) -> bool:
    people, _ = resolve_accounts([*BACKGROUND, *COMMON, *accounts], [], [])
    return people.find(accounts[0].node) == people.find(accounts[1].node)


CASES = [
    ("a rare name on Facebook and LinkedIn", (facebook("Hauke Thießen"), linkedin("Hauke Thiessen")), True),
    ("a common name alone is a review case", (facebook("Thomas Müller"), linkedin("Thomas Müller")), False),
    ("a common name and the same company … still one name only on Facebook",
     (facebook("Thomas Müller"), linkedin("Thomas Müller", company="Alpenwerk AG")), False),
    ("Twitter display name and a handle made of the name",
     (twitter("1001", "Zofia", "zkaminska"), linkedin("Zofia Kamińska")), True),
    ("Twitter handle spelling the full name, no display name",
     (twitter("1002", None, "gretavanderberg"), linkedin("Greta van der Berg")), True),
    ("different people with different names", (facebook("Hauke Thießen"), linkedin("Hanne Thomsen")), False),
    ("a middle name on LinkedIn only", (facebook("Hauke Thießen"), linkedin("Hauke Ole Thießen")), True),
    ("a double name on Facebook, one half of it on LinkedIn",
     (facebook("Wiebke Harms-Thießen"), linkedin("Wiebke Thießen")), True),
    ("a particle is not a middle name", (facebook("Greta Berg"), linkedin("Greta van der Berg")), False),
    # a Facebook friend who shortened the name: a rare first name and the initial, nobody else in the network fits
    ("a rare first name and the initial of the one person it fits", (facebook("Hauke T."), linkedin("Hauke Thießen")),
     True),
    ("a common first name and an initial are not enough", (facebook("Thomas W."), linkedin("Thomas Wagner")), False),
    # Hungarian and Vietnamese write the family name first; a profile elsewhere may turn it round, and the
    # family name need not be one of the common ones names.family_first_names lists
    ("a rare name, family name first on one side only", (facebook("Vörösmarty Boglárka"),
                                                          linkedin("Boglárka Vörösmarty")), True),
    ("a common name read the other way round is another person's", (facebook("Klein Paul"), xing("Paul Klein")),
     False),
    ("two colleagues with a rare first name and last names alike only in their initial",
     (xing("Hauke Tamm", company="Alpenwerk AG"), linkedin("Hauke Thießen", company="Alpenwerk AG")), False),
]


@pytest.mark.parametrize("title, pair, expected", CASES, ids=[c[0] for c in CASES])
def test_cross_platform_decisions(title, pair, expected):
    assert joined(*pair) is expected


def test_namesakes_on_one_platform_never_join_a_third_account():
    a, b = linkedin("Hauke Thießen", slug="hauke-a"), linkedin("Hauke Thießen", slug="hauke-b")
    people, links = resolve_accounts([*BACKGROUND, a, b, facebook("Hauke Thießen")], [], [])
    assert len({people.find(n) for n in (a.node, b.node, ("facebook", "Hauke Thießen"))}) == 3
    assert any(l.rule == "scored" and not l.accepted and l.reason.startswith("review:") for l in links)


def card(uid, name, company=None, phone="+4917055500", named_profiles=()):
    return Account("addressbook", uid, name, None, None, (), (f"{phone}{uid[-2:]}",), None, False, company,
                   named_profiles=named_profiles)


def test_two_cards_of_a_name_keep_an_account_carrying_only_that_name_a_question():
    """Two address-book cards are two people, even when only one of them has a social account: a Facebook
    "Can Yıldız" could be either, so it joins neither (the card naming a LinkedIn profile is one person with it)."""
    profile = linkedin("Can Yıldız", company="Spreeufer Studios", slug="canyildiz")
    named = card("uid-01", "Can Yıldız", "Spreeufer Studios", named_profiles=(profile.profile_url,))
    accounts = [profile, named, card("uid-02", "Can Yıldız", "Bolton KG"), facebook("Can Yıldız")]
    people, links = resolve_accounts([*BACKGROUND, *accounts], [], [])
    assert people.find(profile.node) == people.find(named.node)
    assert people.find(("facebook", "Can Yıldız")) not in {people.find(a.node) for a in accounts[:3]}
    (question,) = [l for l in links if l.rule == "scored" and ("facebook", "Can Yıldız") in (l.a, l.b)]
    assert not question.accepted and "a name two address-book cards carry" in question.reason
    # with one card, the name is one person's, and the Facebook account joins them
    people, _ = resolve_accounts([*BACKGROUND, *accounts[:2], accounts[3]], [], [])
    assert people.find(("facebook", "Can Yıldız")) == people.find(profile.node)


def test_one_persons_two_cards_at_one_company_do_not_make_their_name_a_shared_one():
    """An address book synced twice holds one person on two cards, one with the e-mail and one without: at one
    company they are that person's, and the Facebook account of the name joins the LinkedIn profile. (At two
    companies they stay two people: the test above.)"""
    profile = linkedin("Gianluca Zarrella", company="Thamesbridge Partners Ltd", slug="gianluca-zarrella-c9a4d7")
    cards = [card("uid-01", "Gianluca Zarrella", "Thamesbridge Partners Ltd"),
             card("uid-02", "Gianluca Zarrella", "Thamesbridge Partners Ltd", phone="+4915122200")]
    fb = facebook("Gianluca Zarrella")
    people, links = resolve_accounts([*BACKGROUND, profile, *cards, fb], [], [])
    assert people.find(fb.node) == people.find(profile.node)
    assert not any("address-book cards" in l.reason for l in links)


@pytest.mark.parametrize("xing_company, joins", [("Gross SAS", False), ("Duke Ltd", True)])
def test_namesakes_at_two_current_companies_keep_an_account_carrying_only_the_name_a_question(xing_company, joins):
    """A LinkedIn "Frauke Osterhagen" at Duke Ltd and a XING one at Gross SAS are two people: a Twitter account
    with only that name could be either. At one company they are one person, and it joins them."""
    accounts = [linkedin("Frauke Osterhagen", company="Duke Ltd"), xing("Frauke Osterhagen", company=xing_company),
                twitter("1219828431413822647", "Frauke Osterhagen", None)]
    people, links = resolve_accounts([*BACKGROUND, *accounts], [], [])
    assert (people.find(accounts[2].node) in {people.find(a.node) for a in accounts[:2]}) is joins
    questions = [l for l in links if l.rule == "scored" and not l.accepted and accounts[2].node in (l.a, l.b)]
    assert all("two people at different current companies" in l.reason for l in questions)
    assert len(questions) == (0 if joins else 2)


def test_a_company_typed_without_its_accents_is_the_same_company():
    """XING shows a company as its member typed it: "Bogaz Yazilim A.s." is LinkedIn's "Boğaz Yazılım A.Ş.", not
    a second current company that would make two people of one name."""
    accounts = [linkedin("Germaine Brauer", company="Boğaz Yazılım A.Ş."),
                xing("Germaine Brauer", "Bogaz Yazilim A.s."), twitter("1219828431413822648", "Germaine Brauer", None)]
    people, links = resolve_accounts([*BACKGROUND, *accounts], [], [])
    assert len({people.find(a.node) for a in accounts}) == 1
    (pair,) = [l for l in links if {l.a, l.b} == {accounts[0].node, accounts[1].node}]
    assert "same company (+4)" in pair.reason


def journal(name, email=None):
    return Account("journal", email or name.casefold(), name, None, None, (email,) if email else (), (), None, False)


def test_the_owners_journal_writing_one_name_twice_shows_no_namesakes():
    """The owner writes "Emilia McGarrity" once with her e-mail and once without, and each entry has joined one of
    her accounts (by the name, by the e-mail on her LinkedIn profile): two journal accounts of one name in two
    people are one person written twice, not namesakes, so the name is not a shared one. Two Facebook
    accounts of that name would be two people."""
    fb, li = facebook("Emilia McGarrity"), linkedin("Emilia McGarrity")
    by_name, by_email = journal("Emilia McGarrity"), journal("Emilia McGarrity", "e.mcgarrity@example.org")
    joined = {by_name.node: fb.node, by_email.node: li.node}
    clusters = clusters_of([fb, li, by_name, by_email], lambda node: joined.get(node, node))
    assert shared_names(clusters) == {}
    other_fb = Account("facebook", "emilia.mcgarrity.7", "Emilia McGarrity", None, None, (), (), None, False)
    assert shared_names(clusters_of([fb, other_fb], lambda node: node)) == \
        {"emilia mcgarrity": "a name two accounts of one platform carry"}


def test_a_first_name_and_initial_is_no_rival_to_the_whole_name():
    """"Tanses İ." on Facebook could be Tanses İnönü or Tanses İhsanoğlu; beside a Facebook "Tanses İnönü" it does
    not make LinkedIn's Tanses İnönü a coin toss. The whole names join; "Tanses İ." stays a question."""
    inonu, initial = facebook("Tanses İnönü"), facebook("Tanses İ.")
    profiles = [linkedin("Tanses İnönü"), linkedin("Tanses İhsanoğlu")]
    people, _ = resolve_accounts([*BACKGROUND, inonu, initial, *profiles], [], [])
    assert people.find(inonu.node) == people.find(profiles[0].node)
    assert people.find(initial.node) not in {people.find(p.node) for p in profiles}


# Six Katrins of the network with other initials: "Katrin B." is no rare name, one Katrin B… fits it.
KATRINS = [linkedin(f"Katrin {last}") for last in ("Schmidt", "Fischer", "Wagner", "Hoffmann", "Koch", "Richter")]


def test_a_first_name_and_initial_only_one_name_fits_join_as_a_full_name_would():
    """"Katrin B." on Facebook, a common first name and initial, where the network holds one Katrin B… (Katrin
    Becker): linked as a full name of that rarity is, and marked as resting on the name alone; beside a second
    Katrin B… it is a question."""
    short, becker = facebook("Katrin B."), linkedin("Katrin Becker")
    people, links = resolve_accounts([*BACKGROUND, *COMMON, *KATRINS, short, becker], [], [])
    (link,) = [link for link in links if short.node in (link.a, link.b)]
    assert link.accepted and people.find(short.node) == people.find(becker.node)
    assert "nobody else's name fits (+1)" in link.reason and link.reason.endswith("name alone")

    brandt = linkedin("Katrin Brandt")
    people, links = resolve_accounts([*BACKGROUND, *COMMON, *KATRINS, short, becker, brandt], [], [])
    assert people.find(short.node) not in {people.find(becker.node), people.find(brandt.node)}
    assert all(not link.accepted and "nobody else" not in link.reason for link in links
               if short.node in (link.a, link.b))


def test_a_linked_pair_carries_its_evidence():
    pair = (facebook("Hauke Thießen"), linkedin("Hauke Thiessen"))
    _, links = resolve_accounts([*BACKGROUND, *pair], [], [])
    (link,) = [l for l in links if l.rule == "scored" and l.accepted]
    assert link.reason.startswith("same name (+9); rare name") and link.confidence > 0.9


def test_a_handle_made_of_the_display_name_counts_once():
    """"imueller" beside the display name "Ilse Müller" is what any Ilse Müller would pick: the pair
    weighs what the name weighs, not the name and the handle again."""
    with_handle = twitter("1003", "Ilse Müller", "imueller")
    without = twitter("1003", "Ilse Müller", None)
    evidence = {}
    for account in (with_handle, without):
        _, links = resolve_accounts([*BACKGROUND, account, linkedin("Ilse Müller")], [], [])
        evidence[account.handle] = next(l.confidence for l in links if l.rule == "scored")
    assert evidence["imueller"] == evidence[None]


def test_given_names_are_weighed_among_last_names_ending_alike():
    """Nikos is rare in this network but common among the -iou: a Facebook and a LinkedIn "Nikos
    Georgiou" weigh less than two "Nikos Weber", though both names are as rare network-wide."""
    lasts = ("Dimitriou", "Antoniou", "Vasileiou", "Athanasiou", "Alexiou", "Oikonomou", "Theodorou", "Kyriakou")
    greek = [linkedin(f"{f} {l}", slug=f"{f}-{l}") for f in ("Nikos", "Eleni") for l in lasts]
    weight = {}
    for last in ("Georgiou", "Weber"):
        _, links = resolve_accounts([*BACKGROUND, *greek, facebook(f"Nikos {last}"), linkedin(f"Nikos {last}")], [], [])
        weight[last] = next(l.confidence for l in links if l.rule == "scored" and "Nikos" in l.a[1] + l.b[1])
    assert weight["Georgiou"] < weight["Weber"]


def test_a_nickname_weighs_as_much_as_the_name_it_stands_for():
    """"Andi Kuhn" and "Andreas Kühn" agree as Andreas Kuhn: as common as every Andreas Kuhn, though
    few write "Andi". Weighed by the nickname alone they would look rare and join on less."""
    andreases = [linkedin(f"Andreas {l}", slug=f"andreas-{l}") for l in LASTS]
    weight = {}
    for first in ("Andi", "Andreas"):
        _, links = resolve_accounts([*BACKGROUND, *andreases, facebook(f"{first} Kuhn"), linkedin("Andreas Kühn")],
                                    [], [])
        weight[first] = next(l.confidence for l in links if l.rule == "scored" and "Kuhn" in l.a[1] + l.b[1])
    assert weight["Andi"] == weight["Andreas"]


def test_a_stricter_link_threshold_leaves_a_name_only_pair_for_review(monkeypatch):
    pair = (facebook("Hauke Thießen"), linkedin("Hauke Thiessen"))
    monkeypatch.setenv("UNSOCIAL_LINK_BITS", "20")
    people, links = resolve_accounts([*BACKGROUND, *pair], [], [])
    assert people.find(pair[0].node) != people.find(pair[1].node)
    assert any(l.rule == "scored" and not l.accepted and l.reason.startswith("review:") for l in links)


@pytest.mark.parametrize("value", ["strict", "5", "31", "nan"])
def test_a_link_threshold_that_is_no_number_of_bits_is_a_one_line_error(monkeypatch, value):
    monkeypatch.setenv("UNSOCIAL_LINK_BITS", value)
    with pytest.raises(UnsocialError, match="UNSOCIAL_LINK_BITS: must be a number from 6 to 30"):
        resolve_accounts([*BACKGROUND, facebook("Hauke Thießen"), linkedin("Hauke Thiessen")], [], [])


def test_a_double_family_name_weighs_as_the_whole_name_both_write():
    """Two "Sofía Lobato García" agree on Lobato García, not merely on García, which half the Sofías here share:
    weighed by the fullest family name they have in common, they are as rare as they look."""
    garcias = [linkedin(f"{f} García", slug=f"{f}-garcia-{i}") for i, f in enumerate(["Sofía"] * 4 + FIRSTS)]
    pair = (facebook("Sofía Lobato García"), linkedin("Sofía Lobato García"))
    people, _ = resolve_accounts([*BACKGROUND, *garcias, *pair], [], [])
    assert people.find(pair[0].node) == people.find(pair[1].node)


def twitter_mail(ref, name, email):
    return Account("twitter", ref, name, None, None, (email,), (), None, False, None, None)


def resolved(*accounts):
    people, links = resolve_accounts([*BACKGROUND, *COMMON, *accounts], [], [])
    return people, links


# Two accounts of one platform: one person's two accounts with evidence, namesakes without it.
ONE_PLATFORM = [
    ("personal and work Twitter account with one e-mail",
     (twitter_mail("2001", "Laura Beck", "laura@beck.example"), twitter_mail("2002", "Laura Beck | Fahrwerk",
                                                                            "laura@beck.example")), True),
    ("a duplicate LinkedIn profile at the same company",
     (linkedin("Hauke Thießen", company="Alpenwerk AG", slug="hauke-t-1"),
      linkedin("Hauke Thiessen", company="Alpenwerk AG", slug="hauke-t-2")), True),
    ("two LinkedIn namesakes at two companies",
     (linkedin("Callum Turner", company="Alpenwerk AG", slug="ct-1"),
      linkedin("Callum Turner", company="Nordhafen GmbH", slug="ct-2")), False),
    ("two Facebook accounts with a rare name and nothing else", (facebook("Hauke Thießen"),
                                                                 Account("facebook", "fb-2", "Hauke Thießen", None,
                                                                         None, (), (), None, False)), False),
    ("a LinkedIn and a XING account of one name at two current companies",
     (linkedin("Hauke Thießen", company="Alpenwerk AG"), xing("Hauke Thießen", company="Nordhafen GmbH")), False),
    ("a married name with the same e-mail",
     (Account("facebook", "fb-anna", "Anna Berg", None, None, ("anna@post.example",), (), None, False),
      Account("linkedin", "li-anna", "Anna Schulz", None, None, ("anna@post.example",), (), None, False)), True),
]


@pytest.mark.parametrize("title, pair, expected", ONE_PLATFORM, ids=[c[0] for c in ONE_PLATFORM])
def test_accounts_on_one_platform_and_conflicting_evidence(title, pair, expected):
    assert joined(*pair) is expected


def test_a_name_two_people_visibly_share_is_a_question_not_a_link():
    """Two LinkedIn profiles named Callum Turner are two people: the Facebook and the Twitter account of that
    name, known by nothing else, could be either of them, or a third."""
    namesakes = (linkedin("Callum Turner", company="Alpenwerk AG", slug="ct-1"),
                 linkedin("Callum Turner", company="Nordhafen GmbH", slug="ct-2"))
    fb, tw = facebook("Callum Turner"), twitter("3001", "Callum Turner", None)
    people, links = resolved(*namesakes, fb, tw)
    assert people.find(fb.node) != people.find(tw.node)
    assert any(not link.accepted and {link.a, link.b} == {fb.node, tw.node} and "two accounts of one platform"
               in link.reason for link in links)


def test_the_owners_same_on_a_personal_and_a_work_account_brings_the_others_of_their_name():
    """Two Twitter accounts named Gülten Bauer kept the LinkedIn and the Facebook Gülten Bauer apart from both (the
    name looked two people's). Said to be one person by the owner, they are one before names are weighed: every
    account of the name joins them, not the second Twitter account alone."""
    personal, work = twitter("3001", "Gülten Bauer", None), twitter("3002", "Gülten Bauer", None)
    profile, friend = linkedin("Gülten Bauer", company="Alpenwerk AG", slug="gb"), facebook("Gülten Bauer")
    accounts = [*BACKGROUND, *COMMON, personal, work, profile, friend]
    people, _ = resolve_accounts(accounts, [], [])
    assert len({people.find(a.node) for a in (personal, work, profile, friend)}) == 4
    people, _ = resolve_accounts(accounts, [(personal.node, work.node)], [])
    assert len({people.find(a.node) for a in (personal, work, profile, friend)}) == 1


@pytest.mark.parametrize("display, joins", [
    ("Laura Beck | Fahrwerk", True), ("Laura Beck @ Fahrwerk", True), ("Laura Beck (Fahrwerk)", True),
    ("Laura Beck – Data", False),  # a job, no company: nothing for or against
])
def test_a_work_account_that_names_the_employer_joins_the_profile_at_that_company(display, joins):
    """A personal and a work Twitter account of one name make the name look like two people's: a name alone links
    neither to the LinkedIn Laura Beck. The work account's display name names her company beside the name: that
    is the company agreeing, as a XING position would."""
    personal, work = twitter("4001", "Laura Beck", None), twitter("4002", display, None)
    profile = linkedin("Laura Beck", company="Fahrwerk Logistik GmbH", slug="laura-beck")
    people, links = resolved(personal, work, profile)
    assert (people.find(work.node) == people.find(profile.node)) is joins
    assert people.find(personal.node) != people.find(profile.node)  # the name still two accounts', unasked


def test_a_link_resting_on_a_name_alone_says_so():
    _, links = resolved(facebook("Hauke Thießen"), linkedin("Hauke Thiessen"))
    (link,) = [l for l in links if l.accepted and l.rule == "scored"]
    assert "name alone" in link.reason
    _, links = resolved(xing("Hauke Thießen", company="Alpenwerk AG"), linkedin("Hauke Thiessen", "Alpenwerk AG"))
    (link,) = [l for l in links if l.accepted and l.rule == "scored"]
    assert "name alone" not in link.reason and "same company" in link.reason


def url_only(slug):
    url = f"https://www.linkedin.com/in/{slug}"
    return Account("linkedin", url, None, None, None, (), (), url, False)


# Names written as handles, run together or cut: weaker evidence than a written name, yet evidence.
SPELLED = [
    ("cut at 15 characters", twitter("1", "MichaelRichards", "mike_r_dev"), linkedin("Michael Richardson"), True),
    ("run together whole", twitter("2", "HaukeThiessen", None), facebook("Hauke Thießen"), True),
    ("handle is first and last name", twitter("3", None, "dominikmazurek"), linkedin("Dominik Mazurek"), True),
    ("handle is initial and last name, first name written", twitter("4", "Szymon", "sglowacki"),
     linkedin("Szymon Głowacki"), True),
    ("a LinkedIn URL's slug spells the name", url_only("thuy-vo-e8a1b47c"), facebook("Thúy Võ"), True),
    ("cut elsewhere than at 15 is another name", twitter("5", "MichaelRich", None), linkedin("Michael Richardson"),
     False),
    ("run together, another last name", twitter("6", "MichaelRichards", None), linkedin("Michael Richter"), False),
    ("run together, another first name", twitter("7", "AnnaRichardson", None), linkedin("Hanna Richardson"), False),
    ("handle with a first name only", twitter("8", None, "travel_esra"), linkedin("Esra Yıldız"), False),
    ("handle made of the beginnings of both names", twitter("9", "Maxwell", "maxwcol"), linkedin("Maxwell Colhoun"),
     True),
    ("handle of the first name and the beginning of the last", twitter("10", "José", "josearr"),
     linkedin("José Arregui"), True),
    ("beginnings of another last name", twitter("11", "Maxwell", "maxwcol"), linkedin("Maxwell Denning"), False),
    ("a rare first name with the last initial as handle", twitter("12", "Fredo 📊", "fredo_z"),
     linkedin("Fredo Zimmermann"), True),
    ("a first name and the last initial run together", twitter("14", "Tomasz", "tomaszq"),
     linkedin("Tomasz Quandt"), True),
    ("a Dutch name abbreviated by its particle", twitter("13", "Marloes ⛵", "marloes_d"),
     linkedin("Marloes de Grote"), True),
    ("a slug of another person", url_only("thuy-vo-e8a1b47c"), facebook("Thu Vu"), False),
    # a display name that is a motto, no name anyone in the network goes by: the handle tells who it is
    ("a motto as display name, a handle of first and last name", twitter("15", "Team Dackel", "tabeawalcher"),
     linkedin("Tabea Walcher"), True),
    ("a motto as display name, a handle of initial and a rare last name", twitter("20", "Team Dackel", "twalcher72"),
     linkedin("Tabea Walcher"), True),
    ("a motto as display name, a handle of the beginnings of both names", twitter("16", "ex-consultant", "steenclau79"),
     linkedin("Steen Clausen"), True),
    ("a motto and the handle of another name", twitter("17", "Team Dackel", "twalcher72"), linkedin("Tabea Wagner"),
     False),
    ("a name that differs is no motto", twitter("18", "Anna Koch", "twalcher72"), linkedin("Tabea Walcher"), False),
    ("handle is last name and initial", twitter("19", "Roger", "schmitr"), linkedin("Roger Schmit"), True),
    # a short name typed without spaces is the name written apart at its capitals, when it begins with a given name
    ("a short name run together with capitals", twitter("21", "MadhavSha", "msha"), linkedin("Madhav Sha"), True),
    ("run together with capitals, a middle name on the other side", twitter("22", "LunaMoura", "lunamoura"),
     linkedin("Luna Garcia Moura"), True),
    ("run together with capitals, another last name", twitter("23", "TimMuller", None), linkedin("Tim Mueller-Hahn"),
     False),
]


@pytest.mark.parametrize("label, a, b, expected", SPELLED, ids=[case[0] for case in SPELLED])
def test_names_spelled_by_handles_cut_names_and_urls(label, a, b, expected):
    assert joined(a, b) is expected


def test_a_first_name_written_with_a_capital_inside_is_no_first_and_last_name():
    """"JoAnn" is one given name where Jo and Ann are both names people in the network go by: read as "Jo Ann" it
    would be a full name that differs from JoAnn Miller's (-8) instead of her first name."""
    joann, miller = twitter("24", "JoAnn", "joannmiller"), linkedin("JoAnn Miller")
    people, _ = resolve_accounts([*BACKGROUND, *COMMON, joann, miller, linkedin("Jo Brandt"), xing("Ann Kohl")], [], [])
    assert people.find(joann.node) == people.find(miller.node)


def test_a_motto_beside_a_handle_that_fits_two_people_is_a_question():
    """"Team Dackel" is no name: the handle "twalcher" is what says who it is, and it fits Tabea Walcher and Theo
    Walcher alike, so the owner is asked about both (before, the motto was a name that differs from both and ruled
    them out)."""
    motto, tabea, theo = twitter("15", "Team Dackel", "twalcher"), linkedin("Tabea Walcher"), xing("Theo Walcher")
    people, links = resolve_accounts([*BACKGROUND, *COMMON, motto, tabea, theo], [], [])
    asked = [link for link in links if motto.node in (link.a, link.b)]
    assert len(asked) == 2 and all(not link.accepted and link.reason.startswith(
        "review: name unknown (+0); handle is initial and last name") for link in asked)
    assert people.find(motto.node) not in {people.find(tabea.node), people.find(theo.node)}


def test_a_name_cut_at_15_that_fits_two_people_is_a_question():
    people, links = resolve_accounts([*BACKGROUND, *COMMON, twitter("1", "MichaelRichards", None),
                                      linkedin("Michael Richardson"), xing("Michael Richards")], [], [])
    assert people.find(("twitter", "1")) not in {people.find(("linkedin", "https://www.linkedin.com/in/michael-richardson")),
                                                 people.find(("xing", "michael_richards"))}
    assert any(link.reason.startswith("review:") and ("twitter", "1") in (link.a, link.b) for link in links)


def test_one_persons_duplicate_profiles_do_not_make_their_name_a_shared_one():
    """Two LinkedIn profiles of one name at one company are one person's (an old profile never deleted): the
    name is not two people's, so the Facebook account of that rare name joins them as it would join one."""
    duplicates = (linkedin("Dionýz Daňková", company="Alpenwerk AG", slug="dionyz-dankova"),
                  linkedin("Dionýz Daňková", company="Alpenwerk AG", slug="dionyz-dankova-1a4e33"))
    fb = facebook("Dionýz Daňková")
    people, _ = resolved(*duplicates, fb)
    assert len({people.find(n) for n in (fb.node, *(d.node for d in duplicates))}) == 1


def test_an_address_book_card_finds_the_profile_that_writes_its_name_the_other_way_round():
    """A card "Boglárka Vörösmarty" (the phone's order) and the LinkedIn profile "Vörösmarty Boglárka": one person,
    found after the name as written found no one, and marked as a link by a name alone."""
    card = Account("addressbook", "C-1", "Boglárka Vörösmarty", "Boglárka", "Vörösmarty", (), ("+49 170 5550123",),
                   None, False)
    profile = linkedin("Vörösmarty Boglárka")
    people, links = resolve_accounts([*BACKGROUND, card, profile], [], [])
    assert people.find(card.node) == people.find(profile.node)
    (link,) = [l for l in links if card.node in (l.a, l.b) and l.accepted]
    assert link.rule == "name_turned" and link.confidence < 0.8


def test_a_shortened_name_that_fits_two_people_is_not_joined():
    """"Hauke T." on Facebook is Hauke Thießen or Hauke Tamm: neither is taken."""
    short, one, other = facebook("Hauke T."), linkedin("Hauke Thießen"), linkedin("Hauke Tamm")
    people, _ = resolve_accounts([*BACKGROUND, *COMMON, short, one, other], [], [])
    assert people.find(short.node) not in {people.find(one.node), people.find(other.node)}


def test_a_handle_of_initial_and_last_name_beside_a_first_name_weighs_as_the_whole_name():
    """The display name "Michał" and the handle "mandruszko" spell Michał Andruszko, first name and last: in a
    network of several Andruszkos that is as rare as his full name, not as rare as any "M. Andruszko"."""
    family = [linkedin(f"{first} Andruszko") for first in ("Piotr", "Anna", "Ewa", "Marek", "Maria", "Magda")]
    handle, profile = twitter("1003", "Michał", "mandruszko"), facebook("Michał Andruszko")
    people, _ = resolve_accounts([*BACKGROUND, *COMMON, *family, handle, profile], [], [])
    assert people.find(handle.node) == people.find(profile.node)
    assert all(people.find(handle.node) != people.find(f.node) for f in family)


def _card(ref, name, phone):
    first, last = name.split()
    return Account("addressbook", ref, name, first, last, (), (phone,), None, False)


def test_a_card_finds_the_friend_who_shows_only_a_first_name_and_initial():
    """A card "Ilka Voss" and the Facebook friend "Ilka V.", whom nobody else fits: one person, marked as a link
    by a name alone (the owner is asked first). With a LinkedIn "Ilka Vogel" too, the friend may be either."""
    card, friend = _card("C-2", "Ilka Voss", "+49 170 5550124"), facebook("Ilka V.")
    people, links = resolve_accounts([*BACKGROUND, card, friend], [], [])
    assert people.find(card.node) == people.find(friend.node)
    (link,) = [l for l in links if card.node in (l.a, l.b) and l.accepted]
    assert link.rule == "name_abbreviated" and link.confidence < 0.8
    rival = linkedin("Ilka Vogel")
    people, _ = resolve_accounts([*BACKGROUND, card, friend, rival], [], [])
    assert people.find(card.node) != people.find(friend.node)


def test_a_journal_entry_finds_the_friend_who_shows_only_a_first_name_and_initial():
    entry, friend = Account("journal", "Ilka Voss", "Ilka Voss", None, None, (), (), None, False), facebook("Ilka V.")
    people, _ = resolve_accounts([*BACKGROUND, entry, friend], [], [])
    assert people.find(entry.node) == people.find(friend.node)


def test_a_first_name_with_a_handle_of_its_initial_weighs_as_first_name_and_initial():
    """"Drosos" with the handle "drosos_p" says what "Drosos P." says: beside the one Drosos P… of the network, one
    person; the evidence says where the initial came from."""
    handle, profile = twitter("1004", "Drosos", "drosos_p"), linkedin("Drosos Pappas")
    people, links = resolve_accounts([*BACKGROUND, *COMMON, handle, profile], [], [])
    assert people.find(handle.node) == people.find(profile.node)
    (link,) = [l for l in links if handle.node in (l.a, l.b) and l.accepted]
    assert "the initial in the handle" in link.reason and "name alone" in link.reason


def test_a_spanish_name_shortened_by_its_first_family_name():
    """"Estefanía R." is Estefanía Rodríguez Valderrama: Spanish custom abbreviates the first family name."""
    short, profile = facebook("Estefanía R."), linkedin("Estefanía Rodríguez Valderrama")
    assert joined(short, profile)


def test_pairs_scored_half_in_a_child_process_link_as_in_one(monkeypatch):
    """A large owner's name counts and two blocks' candidates are made in a forked child, and the pairs scored
    half in another, on the second core: the people, the links and their evidence are those of one process."""
    from ingest.identity import matching

    accounts = [*BACKGROUND, *COMMON, *(a for _, pair, _ in ONE_PLATFORM for a in pair),
                *(facebook(f"{f} {l}") for f in FIRSTS[:6] for l in LASTS), twitter("3001", "Jonas Wagner", "jwagner")]

    def outcome():
        people, links = resolve_accounts(accounts, [], [])
        return sorted(people.find(account.node) for account in accounts), links

    alone = outcome()
    children = []
    beside = matching.beside_child
    monkeypatch.setattr(matching, "beside_child", lambda *args: children.append(1) or beside(*args))
    monkeypatch.setattr(matching, "BESIDE_CHILD_PAIRS", 2)
    assert outcome() == alone and children == [1]
    monkeypatch.setattr(matching, "BESIDE_CHILD_CLUSTERS", 2)
    assert outcome() == alone and children == [1, 1, 1]
