"""Identity resolution measured so that it cannot flatter us (issue 14).

Both generator configurations side by side: ``tuning`` (the one the team looks at) and ``holdout``
(``ingest.demo.holdout``: other cultures, name lists, variant habits and platform mix; it only reports
and is never tuned on). For each, at ``--sizes`` people:

- cross-platform precision, recall and F1 over **all** true cross-platform pairs; recall of the "linkable"
  pairs (the generator's ``link_group``) only as a diagnostic column;
- namesake groups the exports can tell apart (two accounts of one name on one platform, different companies,
  e-mails or phones) that a tool merged, x of y;
- precision and recall of the offline flag (``contacts.has_offline_interaction``) per contact;
- Splink 5 with the person comparisons its documentation recommends (``linkage_data.MODELS["people"]``);
- a simulated owner answering ``ingest.identity.review``'s questions from the generator's truth: F1 and offline recall
  after 0, 10, 25 and 50 answers per 1,000 contacts.

``python -m bench.resolution_honest [--small] [--sizes 2000,20000] [--configs tuning,holdout] [--no-splink]``.
Writes bench/results/resolution.md (``--small``: prints only).
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import importlib.util
import itertools
import os
import re
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench import linkage_data as data
from bench.resolution import AS_OF, Scores, code_version, evaluate, measure, read_clusters, write_records
from ingest.identity.matching import SHARED_NAMES

RESULTS = Path(__file__).parent / "results" / "resolution.md"
ANSWERS = (0, 10, 25, 50)  # per 1,000 contacts
CONFIGS = ("tuning", "holdout")


@dataclasses.dataclass
class Figures:
    config: str
    people: int
    tool: str
    scores: Scores
    namesakes: tuple[int, int]  # (merged, groups the exports tell apart)
    offline: tuple[float | None, ...] = (None, None, None)  # precision, recall, recall named
    seconds: float = 0.0
    note: str = ""
    named: Scores | None = None  # the scores without the Twitter accounts known by a number alone
    missed: tuple[Counter, int] | None = None  # ``missed_pairs``: true pairs left apart by kind, of all true pairs
    name_alone: Counter | None = None  # ``name_alone_pairs``


# --- measures -----------------------------------------------------------------------------------

def namesake_groups(records: list[dict], clusters: list) -> tuple[int, int]:
    """(merged, told apart): groups of true people sharing one full name whom the exports tell apart — two
    accounts of the name on one platform, or different companies, e-mails or phones — and of them those a
    clustering put (partly) into one person."""
    by_name = defaultdict(list)
    for rec, cluster in zip(records, clusters):
        if rec["name_key"]:
            by_name[rec["name_key"]].append((rec, cluster))
    merged = told = 0
    for members in by_name.values():
        if len({r["truth"] for r, _ in members}) < 2 or not told_apart([r for r, _ in members]):
            continue
        told += 1
        people_in = defaultdict(set)
        for r, cluster in members:
            people_in[cluster].add(r["truth"])
        merged += any(len(truths) > 1 for truths in people_in.values())
    return merged, told


def told_apart(records: list[dict]) -> bool:
    platforms = defaultdict(set)
    for r in records:
        platforms[r["source"]].add(r["truth"])
    if any(len(truths) > 1 for truths in platforms.values()):
        return True
    for fieldname in ("company", "email", "phone"):
        values = defaultdict(set)
        for r in records:
            if r[fieldname]:
                values[r["truth"]].add(r[fieldname])
        if len(values) > 1 and not set.intersection(*values.values()):
            return True
    return False


def named_only(dataset, clusters: list) -> tuple:
    """The dataset and clustering without the Twitter accounts known by a number alone (no name, no handle:
    a follower or a DM partner the archive names by id only), which no evidence in the exports can place.
    The issue's own figures count so; every table shows both."""
    keep = [i for i, r in enumerate(dataset.records)
            if not (r["source"] == "twitter" and not (r["first_name"] or r["surname"] or r["name_slug"]))]
    kept = dataclasses.replace(dataset, records=[dataset.records[i] for i in keep],
                               groups=tuple(dataset.groups[i] for i in keep))
    return kept, [clusters[i] for i in keep]


def scores_named(dataset, clusters: list) -> Scores:
    return evaluate(*named_only(dataset, clusters))


# --- where recall is lost -------------------------------------------------------------------------

MISSED_KINDS = (
    "a Twitter account known by a number alone",
    "a name two people visibly carry (two accounts of one platform, two address-book cards, two current "
    "companies) or one person's two accounts",
    "a name too common to link on its own",
    "a first name alone on one side",
    "names that differ (a married name, a pseudonym, an initial, a nickname no table has)",
    "the same name, no review case between their two people (a second card, guest or account kept apart)",
)
SEVERAL_MATCH = "people match this name"  # an offline name's review case (``linkage._seek``)


def _number_only(record: dict) -> bool:
    return record["source"] == "twitter" and not (record["first_name"] or record["surname"] or record["name_slug"])


def missed_pairs(con, dataset, clusters: list) -> tuple[Counter, int]:
    """True cross-platform pairs a clustering left apart, by what stood in the way (``MISSED_KINDS``): the
    review cases the resolver recorded between the two people the accounts ended in (a card may be apart
    from a LinkedIn account because the XING account it joined was not linked to it), else what the two
    names are; and the number of all true cross-platform pairs."""
    cluster_of = {(r["source"], r["ref"]): c for r, c in zip(dataset.records, clusters)}
    reasons: dict[frozenset, list[str]] = defaultdict(list)
    several = set()
    for pa, ra, pb, rb, reason in con.execute("select platform_a, account_ref_a, platform_b, account_ref_b, reason "
                                              "from match_evidence where not accepted order by all").fetchall():
        a, b = cluster_of.get((pa, ra)), cluster_of.get((pb, rb))
        if a is not None and (pa, ra) == (pb, rb) and SEVERAL_MATCH in reason:
            several.add(a)
        elif a is not None and b is not None and a != b:
            reasons[frozenset((a, b))].append(reason)
    people = defaultdict(list)
    for record, cluster in zip(dataset.records, clusters):
        people[record["truth"]].append((record, cluster))
    kinds, total = Counter(), 0
    for members in people.values():
        for (a, in_a), (b, in_b) in itertools.combinations(members, 2):
            if a["source"] == b["source"]:
                continue
            total += 1
            if in_a != in_b:
                kinds[_missed_kind(a, b, reasons[frozenset((in_a, in_b))], bool(several & {in_a, in_b}))] += 1
    return kinds, total


def _missed_kind(a: dict, b: dict, reasons: list[str], several: bool) -> str:
    if _number_only(a) or _number_only(b):
        return MISSED_KINDS[0]
    if several or any(shared in reason for reason in reasons for shared in SHARED_NAMES):
        return MISSED_KINDS[1]
    if any(reason.startswith("review:") for reason in reasons):
        return MISSED_KINDS[2]
    if not (a["first_name"] and a["surname"] and b["first_name"] and b["surname"]):
        return MISSED_KINDS[3]
    key = data.full_name_key(a["full_name"])
    return MISSED_KINDS[5] if key and key == data.full_name_key(b["full_name"]) else MISSED_KINDS[4]


NAME_ALONE = re.compile(r"^(?:review: )?same name \(\+9\); (?:rare|common) name \(([+-]?[\d.]+)\); name alone$")
RARITY_BANDS = ((-99, 0, "below 0"), (0, 1, "0 to 1"), (1, 2, "1 to 2"), (2, 4, "2 to 4"), (4, 99, "4 and more"))
LINKED_FROM = 0.0  # bits of rarity that bring "same name" (+9) to the default link threshold (9)


def name_alone_pairs(con, dataset) -> Counter:
    """Cross-platform pairs whose one piece of evidence is a full name no two accounts of one platform carry,
    by the name's rarity in bits (``RARITY_BANDS``) and whether the two are one person: ``(band, same) → n``.
    How often one name is one person, measured where the labels can tell: the ground the link threshold
    (``same name`` +9 and the rarity reaching 9 bits) stands on."""
    truth = {(r["source"], r["ref"]): r["truth"] for r in dataset.records}
    counts = Counter()
    for pa, ra, pb, rb, reason in con.execute(
            "select platform_a, account_ref_a, platform_b, account_ref_b, reason from match_evidence "
            "where rule = 'scored' and platform_a <> platform_b order by all").fetchall():
        match = NAME_ALONE.match(reason)
        if match and (pa, ra) in truth and (pb, rb) in truth:
            rarity = float(match.group(1))
            band = next(label for low, high, label in RARITY_BANDS if low <= rarity < high)
            counts[band, truth[pa, ra] == truth[pb, rb]] += 1
    return counts


# The generator labels a person met only through an entry several people's names fit ("Anna" in the journal)
# as not met: what a resolver can find alone. The owner knows better: after their answer the contact is met,
# and scored against the generator's label that correct answer would count as a false "met". Here the truth
# is what happened.
MET_ONLY_THE_OWNER_CAN_TELL = frozenset({"journal-ambiguous", "calendar-ambiguous"})


def read_labels(path: Path) -> tuple[dict, dict]:
    """``(platform, ref) → person key`` and ``person key → met offline`` (any account of the person says so:
    a second account of one person is labelled by what was written for it alone)."""
    truth, met = {}, defaultdict(bool)
    with Path(path).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["is_owner"] != "true":
                truth[row["platform"], row["account_ref"]] = row["person_key"]
                via = set(row["offline_via"].split(";"))
                met[row["person_key"]] |= row["met_offline"] == "true" or bool(via & MET_ONLY_THE_OWNER_CAN_TELL)
    return truth, met


def offline_flag(con, truth: dict, met: dict) -> tuple[float | None, float | None, float | None]:
    """Precision and recall of "met offline" per contact, a contact's truth the most common of its accounts' (a tie
    by the first account in order, so that two runs agree); and
    the recall over the contacts something names (not only Twitter accounts known by a number alone: a person
    met offline whose DMs came from such an account is a contact of their own that nothing can place)."""
    votes, flagged, unnamed = defaultdict(Counter), {}, defaultdict(lambda: True)
    for person_id, flag, platform, ref, nameless in con.execute(
            "select c.person_id, c.has_offline_interaction, a.platform, a.account_ref, "
            "s.platform = 'twitter' and s.display_name is null and s.handle is null from contacts c "
            "join person_accounts a using (owner_id, person_id) "
            "join stg_accounts s using (owner_id, platform, account_ref) order by all").fetchall():
        flagged[person_id] = bool(flag)
        unnamed[person_id] &= bool(nameless)
        if (platform, ref) in truth:
            votes[person_id][met[truth[platform, ref]]] += 1
    actual = {p: v.most_common(1)[0][0] for p, v in votes.items()}
    tp = sum(1 for p, t in actual.items() if t and flagged[p])
    predicted, positives = sum(1 for p in actual if flagged[p]), sum(actual.values())
    named = [p for p, t in actual.items() if t and not unnamed[p]]
    return (tp / predicted if predicted else None), (tp / positives if positives else None), \
        (sum(flagged[p] for p in named) / len(named) if named else None)


# --- the simulated owner --------------------------------------------------------------------------

def review_module():
    """``ingest.identity.review`` when it exists (``open_questions``, ``decide``), else None."""
    return importlib.import_module("ingest.identity.review") if importlib.util.find_spec("ingest.identity.review") else None


def question_pair(q) -> tuple[tuple[str, str], tuple[str, str]]:
    """The two accounts of a question, whatever shape ``open_questions`` gives it (object, dict, row)."""
    get = q.get if isinstance(q, dict) else lambda k: getattr(q, k, None)
    if get("a") is not None:
        return tuple(get("a")), tuple(get("b"))
    return (get("a_platform"), get("a_account_ref")), (get("b_platform"), get("b_account_ref"))


def simulate_owner(db: Path, overrides: Path, dataset, truth: dict, met: dict) -> list[tuple[int, int, Scores, tuple]]:
    """Answer the most valuable open question from the truth, asked again after each answer as ``unsocial review``
    does, budget after budget of ``ANSWERS``:
    ``(per 1,000, answers given, scores, offline flag)`` after each; [] without ``ingest.identity.review``."""
    import duckdb

    review = review_module()
    if review is None:
        return []
    from ingest import pipeline

    out, given = [], 0
    with duckdb.connect(str(db)) as con:
        (owner,) = con.execute("select distinct owner_id from contacts").fetchone()
        contacts = con.execute("select count(*) from contacts").fetchone()[0]
        for per_thousand in ANSWERS:
            budget = round(per_thousand * contacts / 1000)
            while given < budget:  # one at a time, as `unsocial review` asks: each answer may settle others
                questions = list(review.open_questions(con, owner, 1))
                if not questions:
                    break
                a, b = question_pair(questions[0])
                same = truth.get(a) is not None and truth.get(a) == truth.get(b)
                pipeline.answer(con, owner, a, b, same, overrides)
                given += 1
            clusters = data.resolved_clusters(con, dataset)
            out.append((per_thousand, given, evaluate(dataset, clusters), offline_flag(con, truth, met),
                        scores_named(dataset, clusters)))
    return out


# --- one network ----------------------------------------------------------------------------------

def bench_network(config: str, people: int, work: Path, splink: bool, owner: bool) -> tuple[list, list]:
    import duckdb

    from ingest.demo import labels_path, write_demo_inbox

    started = time.perf_counter()
    inbox = write_demo_inbox(work / f"{config}-{people}" / "inboxes" / "owner", as_of=AS_OF, people=people,
                             config=config)
    generated = time.perf_counter() - started
    db = work / f"{config}-{people}" / "unsocial.duckdb"
    run = measure("inbox", str(inbox), str(db))
    truth, met = read_labels(labels_path(inbox))
    with duckdb.connect(str(db), read_only=True) as con:
        dataset = data.generated_dataset(con, labels_path(inbox), f"{config} {people:,}")
        ours = data.resolved_clusters(con, dataset)
        flag = offline_flag(con, truth, met)
        missed, name_alone = missed_pairs(con, dataset, ours), name_alone_pairs(con, dataset)
    rows = [Figures(config, people, "ours", evaluate(dataset, ours), namesake_groups(dataset.records, ours), flag,
                    run["seconds"], f"generated in {generated:.1f} s; whole `run_inbox` {run['run_seconds']:.1f} s",
                    scores_named(dataset, ours), missed, name_alone)]
    if splink:
        rows += splink_rows(config, people, dataset, work)
    answers = simulate_owner(db, inbox / "overrides.csv", dataset, truth, met) if owner else []
    return rows, [(config, people, *a) for a in answers]


def splink_rows(config: str, people: int, dataset, work: Path) -> list[Figures]:
    """Splink 5 (``MODELS["people"]``) at the table's clustering threshold and at its best one, chosen with
    the labels (a ceiling no user of unlabelled data has)."""
    records = write_records(dataset, work / f"{config}-{people}.parquet")
    out_file = work / f"{config}-{people}-splink.parquet"
    m = measure("splink", str(records), "people", dataset.link_type, str(out_file))
    clusters = {t: read_clusters(out_file, dataset, str(t)) for t in data.THRESHOLDS}
    scores = {t: evaluate(dataset, c) for t, c in clusters.items()}
    best = max(scores, key=lambda t: scores[t].cross.f1 or 0.0)
    return [Figures(config, people, f"Splink 5, clustered at {t}" + (" (best)" if t == best else ""), scores[t],
                    namesake_groups(dataset.records, clusters[t]), seconds=m["seconds"],
                    named=scores_named(dataset, clusters[t]))
            for t in dict.fromkeys((data.CLUSTER_THRESHOLD, best))]


# --- the results file -----------------------------------------------------------------------------

def fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def figures_table(rows: list[Figures]) -> list[str]:
    lines = ["| people | config | tool | cross-platform P | R | F1 | R, named | F1, named | namesake groups merged | "
             "offline flag P | offline flag R | offline flag R, named | linkable R (diagnostic) | seconds |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: (r.people, r.tool != "ours", r.tool, CONFIGS.index(r.config))):
        c = r.scores.cross
        n = r.named.cross if r.named else None
        lines.append(f"| {r.people:,} | {r.config} | {r.tool} | {fmt(c.precision)} | {fmt(c.recall)} | {fmt(c.f1)} | "
                     f"{fmt(n and n.recall)} | {fmt(n and n.f1)} | {r.namesakes[0]} of {r.namesakes[1]} | {fmt(r.offline[0])} | {fmt(r.offline[1])} | "
                     f"{fmt(r.offline[2])} | {fmt(r.scores.linkable.recall)} | {r.seconds:.1f} |")
    return lines


def owner_table(answers: list) -> list[str]:
    if not answers and review_module() is not None:
        return ["Not simulated at these sizes (`--owner-sizes`): each answer re-resolves the owner."]
    if not answers:
        return ["Not measured: `ingest.identity.review` (`open_questions(con, owner_id, limit)`, `decide(con, owner_id, a, b, "
                "same, overrides_file)`) did not exist when this ran; `simulate_owner` is written against that "
                "interface and runs as soon as it does."]
    lines = ["| people | config | answers per 1,000 contacts | answers given | cross-platform P | R | F1 | "
             "F1, named | offline flag P | offline flag R | offline flag R, named |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for config, people, per_thousand, given, s, (fp, fr, fn), n in sorted(answers, key=lambda a: (a[1], a[0], a[2])):
        lines.append(f"| {people:,} | {config} | {per_thousand} | {given} | {fmt(s.cross.precision)} | "
                     f"{fmt(s.cross.recall)} | {fmt(s.cross.f1)} | {fmt(n.cross.f1)} | {fmt(fp)} | {fmt(fr)} | {fmt(fn)} |")
    return lines


def missed_table(rows: list[Figures]) -> list[str]:
    ours = sorted((r for r in rows if r.missed), key=lambda r: (r.people, CONFIGS.index(r.config)))
    if not ours:
        return []
    lines = ["| left apart because | " + " | ".join(f"{r.people:,} {r.config}" for r in ours) + " |",
             "|---|" + "---|" * len(ours)]
    for kind in MISSED_KINDS:
        lines.append(f"| {kind} | " + " | ".join(f"{r.missed[0][kind] / max(r.missed[1], 1):.3f}" for r in ours) + " |")
    lines.append("| **all missed (1 − R)** | " + " | ".join(
        f"**{sum(r.missed[0].values()) / max(r.missed[1], 1):.3f}**" for r in ours) + " |")
    return lines


def name_alone_table(rows: list[Figures]) -> list[str]:
    ours = sorted((r for r in rows if r.name_alone is not None), key=lambda r: (r.people, CONFIGS.index(r.config)))
    if not ours:
        return []
    lines = ["| rarity of the name (bits) | " + " | ".join(f"{r.people:,} {r.config}" for r in ours) + " |",
             "|---|" + "---|" * len(ours)]
    for low, _, band in RARITY_BANDS:
        cells = []
        for r in ours:
            same, other = r.name_alone[band, True], r.name_alone[band, False]
            cells.append(f"{same / (same + other):.3f} of {same + other:,}" if same + other else "–")
        linked = " (linked at the default threshold)" if low >= LINKED_FROM else ""
        lines.append(f"| {band}{linked} | " + " | ".join(cells) + " |")
    return lines


def write_results(rows: list[Figures], answers: list, header: str, path: Path | None) -> str:
    lines = [
        "# Identity resolution on data the team never tuned on", "",
        "Two configurations of the generator, side by side. **tuning**: `ingest.demo` as the team develops "
        "against it (since session 19 with second accounts of some people on one platform, in forms of its own: "
        "`ingest.demo.twins`). **holdout**: `ingest.demo.holdout` — other cultures and name lists (Faker locales "
        "the tuning configuration does not read: de_LU, de_LI, pt_BR, pt_PT, vi_VN, hu_HU, cs_CZ, sk_SK, it_IT, "
        "sv_SE, da_DK, fi_FI, en_IN, en_NZ, hr_HR, sl_SI), its own nickname table, other habits (family name first, diacritics "
        "dropped, a middle name on one side, decorations such as \", CFA\" and \"(she/her)\", Twitter names run "
        "together and cut at 15 characters, married names, a second account of one person on one platform) and "
        "another platform mix. **The holdout configuration only reports: nobody tunes the resolver on it.**", "",
        "Scores are pairwise over accounts (the owner's left out). Cross-platform P/R/F1 count **every** true pair "
        "of accounts on two platforms; *named*: the same without the Twitter accounts known by a number alone "
        "(no name, no handle: nothing in any export can place them; the issue's own figures count so); "
        "*linkable R* is the recall of the pairs the generator's labels say the exports tie together (`link_group`), a diagnostic that mirrors the resolver's own rules, not the target. "
        "Namesake groups: true people sharing a full name whom the exports tell apart (two accounts of the name "
        "on one platform, different companies, e-mails or phones); merged when one person holds two of them. "
        "Offline flag: `contacts.has_offline_interaction` per contact, the contact's truth the most common of its "
        "accounts' (a person is met when any account of theirs is, also through a journal entry or invitation whose "
        "name several people fit: met in fact, though only the owner can tell whom); *R, named*: over the contacts met offline "
        "that are not only a Twitter account known by a number alone. Seconds: ours `resolve_step` "
        "inside the pipeline run; Splink training, prediction and clustering. " + header, "",
        *figures_table(rows), "",
        "## Where recall is lost", "",
        "Our true cross-platform pairs left apart, as a share of all true cross-platform pairs (the column sums to "
        "1 − R), by what stood in the way: a review case the resolver recorded between the two people the accounts "
        "ended in (a name two people visibly carry; an offline name several people match; a name "
        "too common for its weight to reach the link threshold), else what the two names are.", "",
        *missed_table(rows), "",
        "## How often one name is one person", "",
        "Pairs of accounts on two platforms whose one piece of evidence is the same full name, carried by no two "
        "accounts of one platform, by the name's rarity in this network (`name_rarity`; +1 bit: one other "
        "person of that name expected by chance in two): the share that are one person, of how many. The "
        "default link threshold (9 bits: +9 for the name) links from 0 bits up, where such pairs are one person "
        "9 times in 10 or more; below it the pairs are review cases. Linking the band below would add pairs of "
        "that precision, and every wrong one merges two people, their namesakes' groups among them.", "",
        *name_alone_table(rows), "",
        "## The owner's effort", "",
        "A simulated owner answers `ingest.identity.review.open_questions` in the order given, from the generator's truth "
        "(`ingest.pipeline.answer(..., same=True)` when both accounts are one true person); the figures after each budget.", "",
        *owner_table(answers), "",
        "## Splink configuration", "",
        f"- **people** {data.describe_model(data.MODELS['people'])}",
        f"- `predict(threshold_match_probability={data.PREDICT_THRESHOLD})`, clustered at "
        f"{data.CLUSTER_THRESHOLD} and at each of {', '.join(map(str, data.THRESHOLDS))}; the best of them by "
        "cross-platform F1 is shown too, chosen with the labels.", "",
        "Older, more detailed tables (public datasets, per pair of platforms, link thresholds): "
        "[resolution_detail.md](resolution_detail.md), `python -m bench.resolution`.", "",
    ]
    text = "\n".join(lines)
    if path is not None:
        path.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(prog="python -m bench.resolution_honest")
    options.add_argument("--sizes", default="2000,20000", help="people in each generated network")
    options.add_argument("--small", action="store_true", help="300 people, no results file: a quick look")
    options.add_argument("--configs", default=",".join(CONFIGS))
    options.add_argument("--no-splink", action="store_true")
    options.add_argument("--owner-sizes", default="2000", help="sizes at which the owner is simulated")
    options.add_argument("--out", type=Path, default=RESULTS, help="the results file")
    options = options.parse_args(argv)
    sizes = [300] if options.small else [int(s) for s in options.sizes.split(",") if s.strip()]
    owner_sizes = set(sizes) if options.small else {int(s) for s in options.owner_sizes.split(",") if s.strip()}
    work = Path(tempfile.mkdtemp(prefix="unsocial-honest-bench-"))
    rows, answers, started = [], [], time.perf_counter()
    try:
        for people in sizes:
            for config in options.configs.split(","):
                found, simulated = bench_network(config, people, work, not options.no_splink, people in owner_sizes)
                rows, answers = rows + found, answers + simulated
                print(*figures_table(found)[2:], sep="\n", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    header = (f"Whole benchmark {time.perf_counter() - started:.0f} s on this machine ({os.cpu_count()} cores), "
              f"code at {code_version()}, one run.")
    print(write_results(rows, answers, header, None if options.small else options.out))


if __name__ == "__main__":
    main()
