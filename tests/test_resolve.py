"""Resolution decisions, table-driven: who is joined, who is kept apart, and why."""

from __future__ import annotations

import pytest

from ingest.resolve import Account, person_id, resolve_accounts


def account(platform, ref, name=None, email=None, url=None, owner=False) -> Account:
    return Account(platform, ref, name, email, url, owner)


URL_A = "https://www.linkedin.com/in/anna-berg"
CASES = [
    ("same e-mail joins journal and LinkedIn",
     [account("linkedin", URL_A, "Anna Berg", "anna@example.org", URL_A), account("journal", "anna@example.org", "Anna B.", "anna@example.org")],
     [[("journal", "anna@example.org"), ("linkedin", URL_A)]]),
    ("a name-only account joins the one person with that name",
     [account("linkedin", URL_A, "Anna Berg", url=URL_A), account("journal", "anna berg", "Anna Berg")],
     [[("journal", "anna berg"), ("linkedin", URL_A)]]),
    ("names are compared without titles and case",
     [account("linkedin", URL_A, "Dr. Anna Berg, PhD", url=URL_A), account("journal", "anna berg", "anna berg")],
     [[("journal", "anna berg"), ("linkedin", URL_A)]]),
    ("namesakes stay apart, and a name-only entry joins neither",
     [account("linkedin", URL_A, "Anna Berg", url=URL_A), account("linkedin", "https://www.linkedin.com/in/aberg", "Anna Berg", url="https://www.linkedin.com/in/aberg"),
      account("journal", "anna berg", "Anna Berg")],
     [[("journal", "anna berg")], [("linkedin", "https://www.linkedin.com/in/aberg")], [("linkedin", URL_A)]]),
    ("different names stay apart",
     [account("linkedin", URL_A, "Anna Berg", url=URL_A), account("journal", "anna bergmann", "Anna Bergmann")],
     [[("journal", "anna bergmann")], [("linkedin", URL_A)]]),
]


def groups(accounts, must=(), cannot=()):
    people, links = resolve_accounts(accounts, list(must), list(cannot))
    clusters = {}
    for a in accounts:
        clusters.setdefault(people.find(a.node), []).append(a.node)
    return sorted(sorted(c) for c in clusters.values()), links


@pytest.mark.parametrize("title, accounts, expected", CASES, ids=[c[0] for c in CASES])
def test_resolution_decisions(title, accounts, expected):
    assert groups(accounts)[0] == expected


def test_namesake_entry_is_left_for_review():
    _, links = groups(CASES[3][1])
    assert [(l.a, l.accepted, l.reason) for l in links if l.rule == "same_name_unique"] == [
        (("journal", "anna berg"), False, "review: 2 people share this name")]


def test_cannot_link_override_wins_over_an_email_match():
    accounts = CASES[0][1]
    pair = (("linkedin", URL_A), ("journal", "anna@example.org"))
    clusters, links = groups(accounts, cannot=[pair])
    assert len(clusters) == 2
    assert [l.accepted for l in links if l.rule == "same_email"] == [False]


def test_must_link_override_joins_what_no_rule_would():
    accounts = CASES[4][1]
    clusters, _ = groups(accounts, must=[(("journal", "anna bergmann"), ("linkedin", URL_A))])
    assert len(clusters) == 1


def test_person_id_is_stable_and_owner_scoped():
    root = ("linkedin", URL_A)
    assert person_id("marta", root) == person_id("marta", root)
    assert person_id("marta", root) != person_id("jana", root)
