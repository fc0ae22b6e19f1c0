"""Ingest at scale, side by side with the floors and the peer (issue: parsers, speed and memory).

An owner with 20,000 people and 1,000,000 messages is generated in the real export formats
(``ingest.demo``): a Facebook export of ~9,000 Messenger files with their media, a Twitter archive whose
direct-messages.js is ~60 MB. On the same files, in one run, each measured in its own process with
``/usr/bin/time`` (wall seconds, CPU seconds, peak RSS):

- ours: ``detect_and_parse`` + ``load_batches`` of one export into a fresh DuckDB file;
- bare parse: ``orjson.loads`` of every JSON member, nothing else (the floor);
- DuckDB: ``read_json`` + ``unnest`` of the same JSON files, extracted to disk first (not timed);
- peer: ``twitter-to-sqlite import`` of the same Twitter zip, installed in a venv of its own;
- the whole inbox through ``unsocial run``, and its re-run on unchanged input.

Every tool runs as it would once installed: Python's bytecode cache is on (in a folder of the run) and
each tool is started once before it is measured, so no measurement compiles modules. Ours runs
without pandas and numpy, as installed from requirements.lock (only the benchmarks' own libraries bring
them into this venv, and pyarrow imports them when they are there); one row shows ours with them.

Writes bench/results/ingest.md. ``python -m bench.ingest_scale [--people N] [--messages N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "ingest.md"
PEER_VENV = Path(__file__).parent / ".peer-venv"
PEER = "twitter-to-sqlite==0.22"
AS_OF = date(2026, 11, 27)
# What the issue measured on this machine kind for an archive like the generated one (seconds, MB).
ISSUE = {"twitter": {"peer": 7.0, "peer_mb": 610, "duckdb": 5.0, "bare": 2.0},
         "facebook": {"duckdb": 24.0, "bare": 1.0}}
_YTD = re.compile(rb"^\s*[\w.$]+\s*=\s*")


class Runner:
    """Starts the measured commands with one environment: bytecode cached under the run's folder."""

    def __init__(self, work: Path):
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")

    def warm(self, args: list[str]) -> None:
        subprocess.run(args, env=self.env, capture_output=True, check=False)

    def measure(self, args: list[str]) -> dict:
        """Wall time, CPU time and peak memory of one command, from GNU time."""
        report = Path(tempfile.mktemp(suffix=".time"))
        started = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", str(report), *args], env=self.env,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"{args[:3]} failed: {done.stderr[-2000:]}")
        user, system, peak_kb = report.read_text().split()[-3:]
        report.unlink()
        return {"seconds": seconds, "cpu": float(user) + float(system), "peak_mb": int(peak_kb) / 1024,
                "stdout": done.stdout}


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


OURS = """
import json, sys
class NoPandas:  # as installed from requirements.lock, where neither pandas nor numpy is (pyarrow imports either)
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pandas", "numpy"):
            raise ImportError(f"{name} is not installed")
if sys.argv[3:] != ["pandas"]:
    sys.meta_path.insert(0, NoPandas())
from pathlib import Path
from ingest.store.database import connect, load_batches
from ingest.pipeline import detect_and_parse, clean_work_dir
path, db = Path(sys.argv[1]), Path(sys.argv[2])
if path.exists():
    parsed = detect_and_parse(path, "bench", db.with_name("batches"))
    with connect(db) as con:
        load_batches(con, "bench", [parsed])
    clean_work_dir([parsed])
    print(json.dumps({"read": parsed.read, "loaded": parsed.loaded, "quarantined": parsed.quarantined}))
"""

BARE = """
import orjson, sys, re
from pathlib import Path
prefix = re.compile(rb"^\\s*[\\w.$]+\\s*=\\s*")
wanted = set(sys.argv[2:])
n = 0
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.suffix in (".json", ".js") and (not wanted or path.stem in wanted):
        data = path.read_bytes()
        orjson.loads(prefix.sub(b"", data, count=1))
        n += 1
print(n)
"""

UNSOCIAL = """
import sys
class NoPandas:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pandas", "numpy"):
            raise ImportError(f"{name} is not installed")
if sys.argv[1] != "pandas":
    sys.meta_path.insert(0, NoPandas())
from ingest.cli import main
sys.argv = ["unsocial", *sys.argv[2:]]
main()
"""

DUCKDB = """
import duckdb, sys
con = duckdb.connect()
print(con.execute(sys.argv[1]).fetchone()[0])
"""


def extract(zip_path: Path, target: Path, strip_ytd: bool = False) -> Path:
    """The zip on disk, for the tools that cannot read inside one; Twitter's JS made plain JSON."""
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(target)
    if strip_ytd:
        for js in target.rglob("*.js"):
            js.with_suffix(".json").write_bytes(_YTD.sub(b"", js.read_bytes(), count=1))
            js.unlink()
    return target


def peer_command() -> list[str]:
    if not (PEER_VENV / "bin" / "twitter-to-sqlite").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(PEER_VENV / "bin" / "pip"), "install", "-q", PEER], check=True)
    return [str(PEER_VENV / "bin" / "twitter-to-sqlite"), "import"]


# The data files the Twitter parser reads (likes, blocks, mutes and the DM headers files are only listed)
TWITTER_READ = ("account", "manifest", "profile", "tweets", "follower", "following", "direct-messages",
                "direct-messages-group")


def warm_up(run: Runner, work: Path, exports: list[Path], plain: list[Path]) -> None:
    """Each tool run once on the exports, so that its modules are compiled and the files read before
    anything is measured."""
    for export in exports:
        run.warm(python(OURS, str(export), str(work / "warm.duckdb")))
        run.warm(python(OURS, str(export), str(work / "warm.duckdb"), "pandas"))
    for folder in plain:
        run.warm(python(BARE, str(folder)))
    run.warm(python("import duckdb; duckdb.connect().execute('select 1')"))
    run.warm(python("import pkgutil, importlib, ingest; [importlib.import_module(f'ingest.{m.name}') "
                    "for m in pkgutil.iter_modules(ingest.__path__) if m.name not in ('tasks', 'demo')]"))
    run.warm([peer_command()[0], "--help"])


def ours_rows(run: Runner, zip_path: Path, folder: Path, stem: Path) -> list[tuple]:
    """Our ingest of one export: from the zip, from the extracted folder, and from the zip with pandas and numpy
    importable."""
    return [
        ("ours: parse, validate, load (zip)", run.measure(python(OURS, str(zip_path), f"{stem}.duckdb"))),
        ("ours: the same, extracted folder", run.measure(python(OURS, str(folder), f"{stem}2.duckdb"))),
        ("ours (zip), pandas and numpy importable as in this venv",
         run.measure(python(OURS, str(zip_path), f"{stem}3.duckdb", "pandas"))),
    ]


def bench_twitter(run: Runner, zip_path: Path, folder: Path, plain: Path, work: Path) -> list[tuple]:
    dms = plain / "data" / "direct-messages.json"
    return [
        *ours_rows(run, zip_path, folder, work / "tw"),
        ("bare orjson parse, every file (extracted)", run.measure(python(BARE, str(plain)))),
        ("bare orjson parse, the files ours reads", run.measure(python(BARE, str(plain), *TWITTER_READ))),
        ("DuckDB read_json + unnest, DMs (extracted)", run.measure(python(DUCKDB,
            f"select count(*) from (select unnest(dmConversation.messages) from read_json('{dms}', "
            f"maximum_object_size=1000000000))"))),
        (f"peer: {PEER} import (zip)", run.measure([*peer_command(), str(work / "peer.db"), str(zip_path)])),
    ]


def bench_facebook(run: Runner, zip_path: Path, plain: Path, work: Path) -> list[tuple]:
    threads = f"{plain}/**/messages/*/*/message_*.json"
    return [
        *ours_rows(run, zip_path, plain, work / "fb"),
        ("bare orjson parse, every file (extracted)", run.measure(python(BARE, str(plain)))),
        ("DuckDB read_json + unnest, messages (extracted)", run.measure(python(DUCKDB,
            f"select count(*) from (select unnest(messages) from read_json('{threads}', "
            f"union_by_name=true, maximum_object_size=1000000000))"))),
    ]


def bench_inbox(run: Runner, inbox: Path, work: Path) -> list[tuple]:
    """``unsocial run`` on the whole inbox, as installed from requirements.lock, and again with pandas."""
    def args(db: str, pandas: str = "") -> list[str]:
        return python(UNSOCIAL, pandas or "-", "run", str(inbox), "--db", str(work / db), "--reports",
                      str(work / "reports"), "--as-of", AS_OF.isoformat())
    first = run.measure(args("all.duckdb"))
    second = run.measure(args("all.duckdb"))
    first["db_mb"] = (work / "all.duckdb").stat().st_size / 1e6
    with_pandas = run.measure(args("pandas.duckdb", "pandas"))
    return [("whole inbox: unsocial run", first), ("whole inbox: re-run, unchanged", second),
            ("whole inbox: unsocial run, pandas and numpy importable as in this venv", with_pandas)]


def find(rows: list[tuple], start: str) -> dict:
    return next(m for name, m in rows if name.startswith(start))


def table(title: str, rows: list[tuple], floor: float | None = None) -> list[str]:
    lines = [f"#### {title}", "", "| measured | wall s | CPU s | peak MB | wall × bare parse |",
             "|---|---|---|---|---|"]
    for name, m in rows:
        ratio = f"{m['seconds'] / floor:.1f}" if floor else ""
        lines.append(f"| {name} | {m['seconds']:.2f} | {m['cpu']:.2f} | {m['peak_mb']:.0f} | {ratio} |")
    return lines + [""]


def targets(tw: list[tuple], fb: list[tuple]) -> list[str]:
    """The issue's targets, each from figures of the same run."""
    ours_tw, peer, bare_tw = find(tw, "ours: parse"), find(tw, "peer"), find(tw, "bare orjson parse, every")
    read_tw, ours_fb, bare_fb = find(tw, "bare orjson parse, the files"), find(fb, "ours: parse"), find(fb, "bare")
    return [
        "| target | measured | met |", "|---|---|---|",
        f"| Twitter ≥ 2× faster than the peer | {peer['seconds'] / ours_tw['seconds']:.2f}× "
        f"({ours_tw['seconds']:.2f} s vs {peer['seconds']:.2f} s) "
        f"| {_yes(peer['seconds'] >= 2 * ours_tw['seconds'])} |",
        f"| Twitter peak memory below the peer's | {ours_tw['peak_mb']:.0f} MB vs {peer['peak_mb']:.0f} MB "
        f"| {_yes(ours_tw['peak_mb'] < peer['peak_mb'])} |",
        f"| Twitter within 4× of the bare parse | {ours_tw['seconds'] / bare_tw['seconds']:.2f}× (every file); "
        f"{ours_tw['seconds'] / read_tw['seconds']:.2f}× (the files ours reads) "
        f"| {_yes(ours_tw['seconds'] <= 4 * bare_tw['seconds'])} |",
        f"| Facebook within 4× of the bare parse | {ours_fb['seconds'] / bare_fb['seconds']:.2f}× "
        f"({ours_fb['seconds']:.2f} s vs {bare_fb['seconds']:.2f} s) "
        f"| {_yes(ours_fb['seconds'] <= 4 * bare_fb['seconds'])} |",
        "",
    ]


def _yes(met: bool) -> str:
    return "yes" if met else "**no**"


def calibration(runs: list[tuple[list[tuple], list[tuple]]]) -> list[str]:
    """How close the peer and the floors come to what the issue measured for such an archive."""
    lines = ["| figure | the issue | " + " | ".join(f"run {i}" for i in range(1, len(runs) + 1)) + " |",
             "|---|---|" + "---|" * len(runs)]
    for label, issue, pick in (
            ("Twitter: peer, s", ISSUE["twitter"]["peer"], lambda tw, fb: find(tw, "peer")["seconds"]),
            ("Twitter: peer, peak MB", ISSUE["twitter"]["peer_mb"], lambda tw, fb: find(tw, "peer")["peak_mb"]),
            ("Twitter: DuckDB read, s", ISSUE["twitter"]["duckdb"], lambda tw, fb: find(tw, "DuckDB")["seconds"]),
            ("Twitter: bare parse, s", ISSUE["twitter"]["bare"],
             lambda tw, fb: find(tw, "bare orjson parse, every")["seconds"]),
            ("Facebook: DuckDB read, s", ISSUE["facebook"]["duckdb"], lambda tw, fb: find(fb, "DuckDB")["seconds"]),
            ("Facebook: bare parse, s", ISSUE["facebook"]["bare"], lambda tw, fb: find(fb, "bare")["seconds"])):
        values = [pick(tw, fb) for tw, fb in runs]
        lines.append(f"| {label} | {issue:g} | " + " | ".join(f"{v:.2f} ({v / issue:.2f}×)" for v in values) + " |")
    return lines + [""]


def sizes_note(inbox: Path, twitter: Path, facebook: Path) -> str:
    sizes = {p.name: p.stat().st_size / 1e6 for p in inbox.iterdir() if p.is_file()}
    with zipfile.ZipFile(twitter) as tw:
        dm_mb = tw.getinfo("data/direct-messages.js").file_size / 1e6
        tw_files = {i.filename.removeprefix("data/"): i.file_size / 1e6 for i in tw.infolist()
                    if i.filename.endswith(".js") and i.file_size > 1e6}
    with zipfile.ZipFile(facebook) as fb:
        names = fb.namelist()
    message_files = [n for n in names if re.search(r"/messages/[^/]+/[^/]+/message_\d+\.json$", n)]
    threads = {n.rsplit("/", 1)[0] for n in message_files}
    return (f"Twitter archive: direct-messages.js {dm_mb:.0f} MB; "
            + ", ".join(f"{n} {mb:.0f} MB" for n, mb in sorted(tw_files.items()) if n != "direct-messages.js")
            + f". Facebook export: {len(message_files):,} Messenger files in {len(threads):,} threads, "
            f"{len(names):,} members with the media. Inbox: "
            + ", ".join(f"{name} {mb:.0f} MB" for name, mb in sorted(sizes.items())) + ".")


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--people", type=int, default=20_000)
    options.add_argument("--messages", type=int, default=1_000_000)
    options.add_argument("--runs", type=int, default=2, help="measurements of each export, one after the other")
    options = options.parse_args(argv)
    from ingest.demo import write_demo_inbox

    work = Path(tempfile.mkdtemp(prefix="unsocial-ingest-bench-"))
    try:
        started = time.perf_counter()
        inbox = write_demo_inbox(work / "inboxes" / "owner", as_of=AS_OF, people=options.people,
                                 messages=options.messages)
        generated = time.perf_counter() - started
        twitter, facebook = next(inbox.glob("twitter-*.zip")), next(inbox.glob("facebook-*.zip"))
        tw_folder, tw_plain = extract(twitter, work / "tw-folder"), extract(twitter, work / "tw-plain", strip_ytd=True)
        fb_plain = extract(facebook, work / "fb-plain")
        run = Runner(work)
        warm_up(run, work, [twitter, facebook], [tw_plain, fb_plain])
        load = [os.getloadavg()[0]]
        runs = []
        for _ in range(options.runs):
            runs.append((bench_twitter(run, twitter, tw_folder, tw_plain, work),
                         bench_facebook(run, facebook, fb_plain, work)))
            load.append(os.getloadavg()[0])
        inbox_rows = bench_inbox(run, inbox, work)
        about = sizes_note(inbox, twitter, facebook)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        "# Ingest at scale", "",
        f"Generated owner: {options.people:,} people, {options.messages:,} messages (generation {generated:.0f} s). "
        f"{about}", "",
        "Each line a separate process on this machine (2 cores, shared with other work: load average "
        + " → ".join(f"{x:.1f}" for x in load) + " during the runs), wall and CPU time and peak RSS from GNU "
        "time. Every tool runs with its bytecode cached and was started once before; ours without pandas and "
        "numpy, as installed from requirements.lock (one row with them). Generated by "
        "`python -m bench.ingest_scale`.", "",
        "## The issue's targets", "",
    ]
    for i, (tw, fb) in enumerate(runs, 1):
        lines += [f"Run {i}:", "", *targets(tw, fb)]
    first, again = inbox_rows[0][1], inbox_rows[1][1]
    lines += ["The whole inbox:", "", "| target | measured | met |", "|---|---|---|",
              f"| peak memory under 1 GB | {first['peak_mb']:.0f} MB (with pandas and numpy importable: "
              f"{inbox_rows[2][1]['peak_mb']:.0f} MB) | {_yes(first['peak_mb'] < 1024)} |",
              f"| re-run on unchanged input under 5% of the first run | {again['seconds'] / first['seconds']:.1%} "
              f"| {_yes(again['seconds'] < 0.05 * first['seconds'])} |", ""]
    lines += ["## How the generated exports compare with what the issue measured", "",
              "The peer's and the floors' figures on the generated exports, against the issue's for a real "
              "archive of this size (measured / issue in brackets).", "", *calibration(runs)]
    for i, (tw, fb) in enumerate(runs, 1):
        lines += [f"## Run {i}", "",
                  *table("Twitter/X archive", tw, find(tw, "bare orjson parse, every")["seconds"]),
                  *table("Facebook export", fb, find(fb, "bare")["seconds"])]
    lines += [
        "## Whole inbox (all sources)", "", *table("unsocial run", inbox_rows),
        f"Database after the first run: {inbox_rows[0][1]['db_mb']:.0f} MB. "
        f"Re-run / first run: {inbox_rows[1][1]['seconds'] / inbox_rows[0][1]['seconds']:.1%}.", "",
        "Counts (ours): " + "; ".join(f"{n}: {find(r, 'ours: parse')['stdout'].strip()}" for n, r in
                                       (("twitter", runs[0][0]), ("facebook", runs[0][1]))), "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
