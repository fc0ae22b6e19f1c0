"""``unsocial ingest`` against ``twitter-to-sqlite import`` on Twitter archives of five shapes (issue 13).

Each archive of ``bench.twitter_archives`` is read by both tools, each as a command in a process of its
own, paired: ours then the peer, the peer then ours, and so on, ``--runs`` times (3 by default); wall
and CPU time (user + system) and peak RSS from GNU time. The figures are medians; a ratio is the peer's
median over ours. The target: at least 2× in wall time and 1.5× in CPU time on every archive.
``--compare REV`` adds ours at a git revision (its ``src/`` exported to the run's folder), measured in
the same pairs, to show what a change did.

As in ``bench.ingest_scale``, every tool runs as installed: bytecode cached, each started once before
anything is measured, ours without pandas and numpy (as from requirements.lock). The machine is shared, so
the load average is noted with each archive; the CPU ratio, from runs side by side, is the steadier figure.

Writes bench/results/twitter.md. ``python -m bench.twitter_speed [--small] [--runs N] [--shapes a,b]
[--compare REV]``; ``--small`` reads archives a tenth of the size and prints the figures only.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import duckdb

from bench.ingest_scale import UNSOCIAL, Runner, peer_command, python
from bench.twitter_archives import SHAPES, Shape, scaled, write_archive

RESULTS = Path(__file__).parent / "results" / "twitter.md"
REPO = Path(__file__).resolve().parent.parent
TARGET_WALL, TARGET_CPU = 2.0, 1.5
KEYS = ("seconds", "cpu", "peak_mb")


# Ours stage by stage in one process (CPU seconds): imports, parse (read, decode, check, keep as Arrow tables),
# load into DuckDB; then what reading and decoding alone cost: the same files inflated and decoded the way
# the parser does (element by element, ``jsfiles.iter_items``), nothing else (the files of any size).
STAGES = """
import json, sys, time, zipfile
started = time.process_time()
class NoPandas:  # as installed from requirements.lock, where neither pandas nor numpy is
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pandas", "numpy"):
            raise ImportError(f"{name} is not installed")
sys.meta_path.insert(0, NoPandas())
from pathlib import Path
from ingest import cli, sources
from ingest.store import batches
from ingest.store.database import connect, load_batches
from ingest.pipeline import clean_work_dir, detect_and_parse_all
imported = time.process_time()
path, db = Path(sys.argv[1]), Path(sys.argv[2])
parsed = detect_and_parse_all(path, "bench", db.with_name("batches"), sole=True, in_memory=True)[0]
done = time.process_time()
with connect(db) as con:
    load_batches(con, "bench", [parsed])
loaded = time.process_time()
clean_work_dir([parsed])
import gc
from ingest.sources.twitter.jsfiles import iter_items
gc.disable()  # as the DM parser reads a conversation
WRAPPERS = {"direct-messages": "dmConversation", "direct-messages-group": "dmConversation", "tweets": "tweet",
            "follower": "follower", "following": "following"}
with zipfile.ZipFile(path) as archive:
    for name in archive.namelist():
        if name[5:-3] in WRAPPERS:
            for item in iter_items(archive.read(name), WRAPPERS[name[5:-3]]):
                pass
print(json.dumps({"imports": imported - started, "parse": done - imported, "load": loaded - done,
                  "decode": time.process_time() - loaded}))
"""


def ours(zip_path: Path, db: Path) -> list[str]:
    return python(UNSOCIAL, "-", "ingest", str(zip_path), "--db", str(db))


def peer(zip_path: Path, db: Path) -> list[str]:
    return [*peer_command(), str(db), str(zip_path)]


def peer_library() -> str:
    """The version of sqlite-utils that pip installed with the peer."""
    python_ = Path(peer_command()[0]).with_name("python")
    return subprocess.run([str(python_), "-c", "import importlib.metadata as m; print(m.version('sqlite-utils'))"],
                          capture_output=True, text=True, check=True).stdout.strip()


def counts(db: Path) -> tuple[int, int, int]:
    """Records read, loaded and quarantined, as ``unsocial ingest`` stored them."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select records_read, records_loaded, records_quarantined from ingested_exports").fetchone()


def export_revision(rev: str, folder: Path) -> Path:
    """``src/`` of a git revision, for ours as it was, with its own ``sql/`` beside it, where its code looks for the
    SQL layers (read only: the work tree is left alone)."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "src", "sql"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder / "src"


def measure_round(tools: dict[str, tuple[Runner, Callable]], zip_path: Path, work: Path, i: int) -> dict:
    """One run of every tool on the archive; the order is turned round from one round to the next."""
    names = list(tools) if i % 2 == 0 else list(tools)[::-1]
    measured = {}
    for name in names:
        runner, command = tools[name]
        db = work / f"{name.replace(' ', '-')}-{i}.db"
        measured[name] = runner.measure(command(zip_path, db))
        if name != "peer":
            measured[name]["counts"] = counts(db)
        db.unlink()
    return measured


def bench_archive(tools: dict, shape: Shape, zip_path: Path, work: Path, runs: int) -> dict:
    load = [os.getloadavg()[0]]
    rounds = [measure_round(tools, zip_path, work, i) for i in range(runs)]
    load.append(os.getloadavg()[0])
    runner = tools["ours"][0]
    stages = json.loads(runner.measure(python(STAGES, str(zip_path), str(work / "stages.duckdb")))["stdout"])
    (work / "stages.duckdb").unlink()
    figures = {"shape": shape, "load": load, "sizes": sizes(zip_path), "tools": {}, "stages": stages}
    for name in tools:
        runs_of = [r[name] for r in rounds]
        figures["tools"][name] = {key: statistics.median(m[key] for m in runs_of) for key in KEYS}
        figures["tools"][name]["range"] = (min(m["seconds"] for m in runs_of), max(m["seconds"] for m in runs_of))
        if name != "peer":
            if len({m["counts"] for m in runs_of}) != 1:
                raise RuntimeError(f"{shape.name}: {name} read different counts from one run to the next")
            figures["tools"][name]["counts"] = runs_of[0]["counts"]
            figures["tools"][name]["pairs"] = [(r["peer"]["seconds"] / r[name]["seconds"],
                                                r["peer"]["cpu"] / r[name]["cpu"]) for r in rounds]
    return figures


def sizes(zip_path: Path) -> str:
    with zipfile.ZipFile(zip_path) as archive:
        mb = {i.filename.removeprefix("data/"): i.file_size / 1e6 for i in archive.infolist()}
    return ", ".join(f"{name} {mb[name]:.0f} MB" for name in ("direct-messages.js", "direct-messages-group.js",
                                                                  "tweets.js") if mb.get(name, 0) >= 0.5)


def ratios(figures: dict, name: str) -> tuple[float, float, bool]:
    mine, theirs = figures["tools"][name], figures["tools"]["peer"]
    wall, cpu = theirs["seconds"] / mine["seconds"], theirs["cpu"] / mine["cpu"]
    return wall, cpu, wall >= TARGET_WALL and cpu >= TARGET_CPU


def summary_table(results: list[dict], names: list[str]) -> list[str]:
    lines = ["| archive | what it holds (at scale 1) | records read = loaded + quarantined (ours) | "
             + " | ".join(f"{n}: wall × | {n}: CPU × | {n}: met" for n in names) + " | load |",
             "|---|---|---|" + "---|---|---|" * len(names) + "---|"]
    for f in results:
        read, loaded, quarantined = f["tools"]["ours"]["counts"]
        cells = []
        for name in names:
            wall, cpu, met = ratios(f, name)
            cells += [f"{wall:.2f}", f"{cpu:.2f}", "yes" if met else "**no**"]
        lines.append(f"| {f['shape'].name} | {f['shape'].about} | {read:,} = {loaded:,} + {quarantined:,} | "
                     + " | ".join(cells) + f" | {f['load'][0]:.1f} → {f['load'][1]:.1f} |")
    return lines + [""]


def archive_table(f: dict) -> list[str]:
    lines = [f"### {f['shape'].name}: {f['shape'].about}", "", f"{f['sizes']}; load average {f['load'][0]:.1f} → "
             f"{f['load'][1]:.1f}.", "",
             "| tool | wall s, median (range) | CPU s | peak MB | peer ÷ this, wall | peer ÷ this, CPU "
             "| pair by pair (wall, CPU) |", "|---|---|---|---|---|---|---|"]
    for name, m in f["tools"].items():
        pairs = "; ".join(f"{w:.2f}, {c:.2f}" for w, c in m.get("pairs", []))
        ratio = "| | | " if name == "peer" else "| {:.2f} | {:.2f} | {} ".format(*ratios(f, name)[:2], pairs)
        spread = f"{m['range'][0]:.2f}–{m['range'][1]:.2f}"
        lines.append(f"| {name} | {m['seconds']:.2f} ({spread}) | {m['cpu']:.2f} | {m['peak_mb']:.0f} {ratio}|")
    s = f["stages"]
    return lines + ["", f"Ours stage by stage, in one process (CPU s): imports {s['imports']:.2f} (after the "
                    f"interpreter's own start), parse {s['parse']:.2f} (reading, decoding, checking every record, kept "
                    f"in memory as `unsocial ingest` does), load into DuckDB {s['load']:.2f}; of the parse, "
                    f"inflating and decoding the DM, tweet and follow files alone (element by element, as the parser "
                    f"does): {s['decode']:.2f}.", ""]


def fixed_cost(tools: dict, folder: Path, work: Path) -> dict[str, dict]:
    """What each tool costs on an archive of a dozen conversations: start-up, imports, an empty database."""
    tiny = write_archive(scaled(SHAPES["mixed"], 0.002), folder)
    rounds = [measure_round(tools, tiny, work, i) for i in range(3)]
    return {name: {key: statistics.median(r[name][key] for r in rounds) for key in KEYS} for name in tools}


def report(results: list[dict], fixed: dict, options, generated: float, scale: float) -> str:
    names = [n for n in results[0]["tools"] if n != "peer"]
    compared = f", by the same command on the `src/` of `{options.compare}` (`--compare`)" if options.compare else ""
    lines = [
        "# Twitter archives of five shapes: ours against twitter-to-sqlite", "",
        f"The archives of `bench.twitter_archives` (scale {scale:g}, generated in {generated:.0f} s), each read by "
        f"`unsocial ingest ZIP --db …`{compared} and by `twitter-to-sqlite import` (0.22), each in a process of its "
        f"own, {options.runs} rounds in alternating order; medians of wall and CPU (user + system) time and peak "
        "RSS from GNU time; a ratio is the peer's median over ours. Bytecode cached, every tool started once before. "
        "The machine has 2 cores, shared with other work (load average before → after each archive); the peer's "
        f"wall time includes SQLite's commits (sqlite-utils {peer_library()} commits every 100 rows), a wait on the "
        "disk that grows with the machine's load, so its CPU time is the steadier figure. Target: "
        f"≥ {TARGET_WALL:g}× in wall time and ≥ {TARGET_CPU:g}× in CPU time on every archive. Generated by "
        f"`python -m bench.twitter_speed{' --compare ' + options.compare if options.compare else ''}`.", "",
        *summary_table(results, names),
        "Before reading anything, on an archive of a dozen conversations (start-up, imports, an empty database): "
        + "; ".join(f"{name} {m['seconds']:.2f} s wall, {m['cpu']:.2f} s CPU, {m['peak_mb']:.0f} MB"
                    for name, m in fixed.items()) + ".", "",
        "What each tool does with the same zip: ours reads account, manifest, tweets, follower, following and both "
        "DM files, checks every record and loads one row per person and event into DuckDB (an owner's message to a "
        "group: one row, its members listed once per change of members), its rows handed from parse to load as "
        "Arrow tables in memory, each inserted by a thread of its own while the parse goes on; the peer stores "
        "each file's entries as rows of SQLite tables, a conversation as one row with its messages as JSON text, and passes over `tweets.js` (it knows "
        "the older name `tweet.js` only).", "",
        "## Each archive", "",
    ]
    for f in results:
        lines += archive_table(f)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--small", action="store_true", help="archives a tenth of the size; prints only")
    options.add_argument("--runs", type=int, default=3, help="rounds of measurements per archive")
    options.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated: " + ", ".join(SHAPES))
    options.add_argument("--compare", help="a git revision whose ours is measured too")
    options = options.parse_args(argv)
    scale = 0.1 if options.small else 1.0
    shapes = [scaled(SHAPES[name], scale) for name in options.shapes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="unsocial-twitter-bench-"))
    try:
        run = Runner(work)
        tools = {"ours": (run, ours)}
        if options.compare:
            then = Runner(work)
            then.env["PYTHONPATH"] = str(export_revision(options.compare, work / "revision"))
            tools[f"ours at {options.compare}"] = (then, ours)
        tools["peer"] = (run, peer)
        started = time.perf_counter()
        zips = {shape.name: write_archive(shape, work / shape.name) for shape in shapes}
        generated = time.perf_counter() - started
        first = next(iter(zips.values()))
        for runner, command in tools.values():
            runner.warm(command(first, work / "warm.db"))
            (work / "warm.db").unlink(missing_ok=True)
        fixed = fixed_cost(tools, work / "tiny", work)
        results = [bench_archive(tools, shape, zips[shape.name], work, options.runs) for shape in shapes]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = report(results, fixed, options, generated, scale)
    if not options.small:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
