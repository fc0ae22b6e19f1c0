"""The owner's review loop through the real command line: questions, answers, and answers that last."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from conftest import AS_OF

MUC, PLAIN = "https://www.linkedin.com/in/lukas-berger-muc", "https://www.linkedin.com/in/lukasberger"
JONAS = "https://www.linkedin.com/in/jonas-weber-1a2b"


def query(db: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def ran(unsocial, inbox, tmp_path):
    db = tmp_path / "out" / "unsocial.duckdb"
    result = unsocial("run", inbox, "--db", db, "--reports", tmp_path / "out" / "reports", "--as-of", AS_OF)
    assert result.code == 0, result.err
    return db


def lukas_met(db: Path) -> list[tuple]:
    return query(db, "select c.has_offline_interaction from contacts as c join person_accounts as p using "
                     f"(owner_id, person_id) where p.account_ref in ('{MUC}', '{PLAIN}') order by p.account_ref")


def test_list_shows_the_namesake_question_first_then_links_resting_on_a_name(ran, unsocial):
    result = unsocial("review", "--list", "--db", ran, "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    assert list(rows[0])[:7] == ["a_platform", "a_account_ref", "a_display_name", "b_platform", "b_account_ref",
                                 "b_display_name", "reason"]
    # the journal's "Lukas Berger" matches two LinkedIn people: whichever is right stops being "never met"
    assert [(r["a_account_ref"], r["b_account_ref"], r["reason"]) for r in rows[:2]] == [
        ("lukas berger", MUC, "several people have this name"), ("lukas berger", PLAIN, "several people have this name")]
    alone = {(r["a_account_ref"], r["b_account_ref"]) for r in rows if r["reason"] == "linked by a name alone"}
    assert (JONAS, "jonas weber") in alone
    assert all(r["a_platform"] != r["b_platform"] for r in rows)  # a recommendation naming a connection is no question
    limited = json.loads(unsocial("review", "--list", "--db", ran, "--limit", "1", "--format", "json").out)
    assert [(q["a_account_ref"], q["b_account_ref"]) for q in limited] == [("lukas berger", MUC)]


def test_link_gives_the_contact_its_meeting_and_lasts_through_later_runs(ran, unsocial, inbox, tmp_path):
    assert lukas_met(ran) == [(False,), (False,)]
    overrides = tmp_path / "overrides.csv"
    result = unsocial("link", "journal:lukas berger", f"linkedin:{MUC}", "--db", ran, "--overrides", overrides)
    assert result.code == 0, result.err
    assert lukas_met(ran) == [(True,), (False,)]  # at once, without another run
    # the entry is one person's now: "is it the other Lukas Berger?" is answered with it
    assert "lukas berger" not in unsocial("review", "--list", "--db", ran, "--format", "csv").out
    assert overrides.read_text(encoding="utf-8").splitlines() == [
        "rule,platform_a,account_ref_a,platform_b,account_ref_b", f"must_link,journal,lukas berger,linkedin,{MUC}"]
    # an inbox overrides file that knows nothing of the answer, and a re-import of every export
    (inbox / "overrides.csv").write_text("rule,platform_a,account_ref_a,platform_b,account_ref_b\n", encoding="utf-8")
    (inbox / "journal.csv").write_text((inbox / "journal.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = unsocial("run", inbox, "--db", ran, "--reports", tmp_path / "out" / "reports", "--as-of", AS_OF)
    assert again.code == 0, again.err
    assert lukas_met(ran) == [(True,), (False,)]
    listed = unsocial("review", "--list", "--db", ran, "--format", "csv").out
    assert "lukas berger" not in listed  # settled: asked no more



def test_a_same_answer_applied_in_place_is_what_resolving_again_gives(ran, unsocial, monkeypatch):
    """"Same" joins the two people on the resolved rows (a second at 20,000 people, not ten): the people, the
    evidence and the contacts are those a full resolution with the answer gives."""
    from ingest import pipeline
    from ingest.identity import resolve
    from ingest.store.database import connect

    tables = ("resolved_accounts", "match_evidence", "contacts")
    calls = []
    monkeypatch.setattr(resolve, "resolve_people", lambda *args: calls.append(args))  # no resolving again
    assert unsocial("link", f"linkedin:{MUC}", "journal:lukas berger", "--db", ran).code == 0
    assert calls == []
    in_place = {table: query(ran, f"select * from {table} order by all") for table in tables}
    assert lukas_met(ran) == [(True,), (False,)]
    monkeypatch.undo()
    with connect(ran) as con:
        pipeline.resolve_step(con, force=True)
        pipeline.marts_step(con, pipeline.date.fromisoformat(AS_OF), force=True)
    assert {table: query(ran, f"select * from {table} order by all") for table in tables} == in_place


def test_same_on_two_accounts_of_one_platform_brings_what_their_name_matches(ran, unsocial, monkeypatch):
    """The two LinkedIn Lukas Bergers said to be one person: their name is no longer two people's, so the journal's
    "Lukas Berger", which fitted both, is theirs, and the contact is met. That takes resolving again (the two are
    joined before names are weighed), not a join on the resolved rows; it ends as a full resolution does."""
    from ingest import pipeline
    from ingest.identity import resolve
    from ingest.store.database import connect

    tables = ("resolved_accounts", "match_evidence", "contacts")
    assert lukas_met(ran) == [(False,), (False,)]
    calls, resolve_people = [], resolve.resolve_people
    monkeypatch.setattr(resolve, "resolve_people", lambda *args: calls.append(args) or resolve_people(*args))
    assert unsocial("link", f"linkedin:{PLAIN}", f"linkedin:{MUC}", "--db", ran).code == 0
    assert len(calls) == 1
    assert lukas_met(ran) == [(True,), (True,)]
    answered = {table: query(ran, f"select * from {table} order by all") for table in tables}
    monkeypatch.undo()
    with connect(ran) as con:
        pipeline.resolve_step(con, force=True)
        pipeline.marts_step(con, pipeline.date.fromisoformat(AS_OF), force=True)
    assert {table: query(ran, f"select * from {table} order by all") for table in tables} == answered


def test_a_same_answer_that_replaces_a_different_one_resolves_again(ran, unsocial):
    """A "different" held the two apart while every link was made: "same" on that pair afterwards is not joined on
    those rows but resolved again, and ends as a full resolution with the answer does."""
    from ingest import pipeline
    from ingest.store.database import connect

    tables = ("resolved_accounts", "match_evidence", "contacts")
    pair = (f"linkedin:{JONAS}", "journal:jonas weber")
    assert unsocial("unlink", *pair, "--db", ran).code == 0
    assert unsocial("link", *pair, "--db", ran).code == 0
    answered = {table: query(ran, f"select * from {table} order by all") for table in tables}
    with connect(ran) as con:
        pipeline.resolve_step(con, force=True)
        pipeline.marts_step(con, pipeline.date.fromisoformat(AS_OF), force=True)
    assert {table: query(ran, f"select * from {table} order by all") for table in tables} == answered
    assert query(ran, "select has_offline_interaction from contacts where display_name = 'Jonas Weber'") == [(True,)]


def test_unlink_splits_a_link_that_rested_on_a_name(ran, unsocial):
    met = f"select has_offline_interaction from contacts where display_name = 'Jonas Weber'"
    assert query(ran, met) == [(True,)]
    result = unsocial("unlink", f"linkedin:{JONAS}", "journal:jonas weber", "--db", ran, "--owner", "marta")
    assert result.code == 0, result.err
    assert query(ran, met) == [(False,)]
    assert query(ran, "select rule from review_decisions") == [("cannot_link",)]


def test_an_unknown_account_is_a_one_line_usage_error_without_the_account(ran, unsocial):
    result = unsocial("link", "facebook:Someone Private", f"linkedin:{MUC}", "--db", ran)
    assert result.code == 2
    assert result.err.splitlines() == ["error: first account: no such account of owner marta; copy PLATFORM:ACCOUNT_REF "
                                       "from `unsocial review --list` or the person_accounts view"]
    assert "Private" not in result.err
    assert unsocial("link", "no-colon", f"linkedin:{MUC}", "--db", ran).code == 2


def test_interactive_review_skips_answers_and_undoes_by_key(ran, unsocial, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("k\ns\nq\n"))  # skip MUC, same for the other Lukas Berger
    result = unsocial("review", "--db", ran)
    assert result.code == 0, result.err
    assert "account A" in result.out and "1 answer(s) kept" in result.out
    assert lukas_met(ran) == [(False,), (True,)]
    monkeypatch.setattr(sys, "stdin", io.StringIO("d\nu\nq\n"))  # an answer, taken back at once
    unsocial("review", "--db", ran)
    assert query(ran, "select rule, account_ref_b from review_decisions") == [("must_link", PLAIN)]


def test_account_refs_split_at_the_first_colon():
    from ingest.identity.review import parse_account

    assert parse_account(f"LinkedIn:{MUC}") == ("linkedin", MUC)
    with pytest.raises(ValueError):
        parse_account("linkedin")


def test_a_first_name_alone_with_one_plausible_person_is_a_question():
    from ingest.identity.review import _first_name_only, _Network

    names = {("twitter", "1"): "Ulrike", ("facebook", "Ulrike Mertens"): "Ulrike Mertens",
             ("twitter", "2"): "Bartek", ("facebook", "Bartek Nowak"): "Bartek Nowak",
             ("linkedin", "bartek-kowalski"): "Bartek Kowalski"}
    person = {node: f"p{i}" for i, node in enumerate(names)}
    members = defaultdict(list, {p: [n] for n, p in person.items()})
    questions = _first_name_only(_Network(person, names, {}, {}, members))
    assert [(q.a, q.b) for q in questions] == [(("twitter", "1"), ("facebook", "Ulrike Mertens"))]  # two Barteks


def test_a_first_name_and_an_initial_with_one_plausible_person_is_a_question():
    """A Facebook friend shown as "Uwe W." may be the one Uwe W… of the network: not certain enough to link,
    so the owner is asked; two Thomas S… make no question."""
    from ingest.identity.review import _first_name_only, _Network

    names = {("facebook", "Uwe W."): "Uwe W.", ("linkedin", "uwe-werner"): "Uwe Werner",
             ("linkedin", "uwe-koch"): "Uwe Koch", ("facebook", "Thomas S."): "Thomas S.",
             ("linkedin", "thomas-schulz"): "Thomas Schulz", ("xing", "thomas-sommer"): "Thomas Sommer"}
    person = {node: f"p{i}" for i, node in enumerate(names)}
    members = defaultdict(list, {p: [n] for n, p in person.items()})
    questions = _first_name_only(_Network(person, names, {}, {}, members))
    assert [(q.a, q.b, q.reason) for q in questions] == [
        (("facebook", "Uwe W."), ("linkedin", "uwe-werner"), "a first name and an initial, one person fits")]


def test_of_the_people_a_name_fits_the_one_in_touch_most_is_asked_about_first():
    """"Anna" in the journal fits two Annas: the one the owner writes to every week is likelier the one met."""
    from ingest.identity.review import _candidate_chances, _Network

    close, far = ("linkedin", "anna-weber"), ("facebook", "Anna Koch")
    network = _Network({close: "p1", far: "p2"}, {close: "Anna Weber", far: "Anna Koch"}, {close: 9}, {},
                       defaultdict(list, {"p1": [close], "p2": [far]}))
    assert _candidate_chances(network, [far, close]) == [(far, 1 / 11), (close, 10 / 11)]


@pytest.mark.parametrize("reason, chance", [
    # two LinkedIn "Thomas Müller" and nothing else: namesakes or one person's two profiles, about as often
    ("review: same name (+9); rare name (+2.0); two accounts on one platform (-4); name alone", 0.5),
    ("review: same name (+9); common name (-0.5); a name two accounts of one platform carry; name alone", 0.45),
    ("review: same first name and last initial (+8); common name (-1.6); name alone", 0.3),
    ("review: same first name and last initial (+8); rare name (+0.9); name alone", 0.6),
    ("review: same first name (+1); handle is the name's beginnings (+5); rare name (+3.0)", 0.8),
])
def test_a_pair_close_to_the_threshold_is_asked_about_as_often_as_such_pairs_are_one_person(reason, chance):
    """The weight in bits oversells some evidence: the question's chance of a "same" comes from how often such
    pairs were one person, and it orders the questions (value = chance × what an answer changes)."""
    from ingest.identity.review import _close_chance, _evidence

    assert _close_chance(_evidence(reason), 0.8) == chance


@pytest.mark.parametrize("reason, chance", [
    ("same name (+9); rare name (+0.4); name alone", 0.09),  # linked just above the threshold: wrong 1 time in 11
    ("same name (+9); rare name (+3.5); name alone", 0.02),
    ("same name, on no platform", 0.02),  # an offline name's link: no weight to judge by
])
def test_a_link_resting_on_a_name_near_the_threshold_is_asked_about_before_a_surer_one(reason, chance):
    """Links by a name whose rarity is 0 to 1 bit were one person 0.91 of the time, those of rarer names 0.99: the
    chance an answer undoes the link orders the questions."""
    from ingest.identity.review import _evidence, _wrong_chance

    evidence = _evidence(reason) if "(+" in reason else [(reason, None)]
    assert _wrong_chance(evidence) == chance


def test_two_people_alone_with_a_first_name_and_another_family_name_each_are_a_question():
    """A married name on a profile never updated: "Magdalena Hettner" on Facebook and "Magdalena Peters" on
    LinkedIn, the only Magdalenas of the network, on no platform in common, are asked about. Two Annas more, or
    the two on one platform, or of one family name, are no such question."""
    from ingest.identity.review import MARRIED_NAME, _married_names, _Network

    names = {("facebook", "Magdalena Hettner"): "Magdalena Hettner",
             ("linkedin", "magdalena-peters"): "Magdalena Peters", ("facebook", "Anna Roth"): "Anna Roth",
             ("linkedin", "anna-kraus"): "Anna Kraus", ("xing", "anna_vogt"): "Anna Vogt",
             ("facebook", "Ilka Brandt"): "Ilka Brandt",
             ("facebook", "Ilka Sommer"): "Ilka Sommer", ("facebook", "Wiebke Lorenz"): "Wiebke Lorenz",
             ("xing", "wiebke_lorenz"): "Wiebke Lorenz"}
    person = {node: f"p{i}" for i, node in enumerate(names)}
    members = defaultdict(list, {p: [n] for n, p in person.items()})
    questions = _married_names(_Network(person, names, {}, {}, members))
    assert [(q.a, q.b, q.reason, q.kind) for q in questions] == [
        (("facebook", "Magdalena Hettner"), ("linkedin", "magdalena-peters"), MARRIED_NAME[0], "married_name")]


def test_same_on_two_accounts_of_one_platform_is_worth_what_it_brings_with_it():
    """Two Twitter accounts named Gülten Bauer, never met, and a journal entry of that name that several people fit:
    "same" on the two makes the name one person's, and the entry with it: the contact stops being "never met". The
    question is worth that, not only what the two accounts are worth together."""
    from ingest.identity.review import _full_name_index, _namesakes, _Network, _question

    personal, work = ("twitter", "3001"), ("twitter", "3002")
    entry, profile = ("journal", "gülten bauer"), ("linkedin", "gb")
    names = {personal: "Gülten Bauer", work: "Gülten Bauer", entry: "Gülten Bauer", profile: "Gülten Bauer"}
    person = {node: f"p{i}" for i, node in enumerate(names)}
    network = _Network(person, names, {personal: 5, work: 1}, {entry: 2},
                       defaultdict(list, {p: [n] for n, p in person.items()}))
    namesakes = _namesakes(network, personal, work, _full_name_index(network))
    assert namesakes == [entry, profile]
    alone = _question(network, personal, work, "close to the link threshold", [], "review", 0.5)
    brought = _question(network, personal, work, "close to the link threshold", [], "review", 0.5, namesakes)
    assert alone.value < 5 < brought.value  # a contact off the "never met" list: FLIP_VALUE × 0.5
