"""Ingest at scale, side by side with the floors and the peer (issue: parsers, speed and memory).

An owner with 20,000 people and 1,000,000 messages is generated in the real export formats
(``ingest.demo``). On the same files, in one run, each measured in its own process with
``/usr/bin/time`` (wall seconds, peak RSS):

- ours: ``parse_export`` + ``load_batches`` of one export into a fresh DuckDB file;
- bare parse: ``orjson.loads`` of every JSON member, nothing else (the floor);
- DuckDB: ``read_json`` + ``unnest`` of the same JSON files, extracted to disk first (not timed);
- peer: ``twitter-to-sqlite import`` of the same Twitter zip, installed in a venv of its own;
- the whole inbox through ``unsocial run``, and its re-run on unchanged input.

Writes bench/results/ingest.md. ``python -m bench.ingest_scale [--people N] [--messages N]``.
"""

from __future__ import annotations

import argparse
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


def measure(args: list[str], cwd: Path | None = None) -> dict:
    """Wall time and peak memory of one command, from GNU time."""
    report = Path(tempfile.mktemp(suffix=".time"))
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(report), *args], cwd=cwd,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{args[:3]} failed: {done.stderr[-2000:]}")
    peak_kb = int(report.read_text().split()[-1])
    report.unlink()
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "stdout": done.stdout}


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


OURS = """
import json, sys, time
from pathlib import Path
from ingest.database import connect, load_batches
from ingest.pipeline import detect_and_parse, clean_work_dir
path, db = Path(sys.argv[1]), Path(sys.argv[2])
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
n = 0
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.suffix in (".json", ".js"):
        data = path.read_bytes()
        orjson.loads(prefix.sub(b"", data, count=1))
        n += 1
print(n)
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
        import re

        for js in target.rglob("*.js"):
            text = js.read_bytes()
            js.with_suffix(".json").write_bytes(re.sub(rb"^\s*[\w.$]+\s*=\s*", b"", text, count=1))
            js.unlink()
    return target


def peer_command() -> list[str]:
    if not (PEER_VENV / "bin" / "twitter-to-sqlite").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run([str(PEER_VENV / "bin" / "pip"), "install", "-q", PEER], check=True)
    return [str(PEER_VENV / "bin" / "twitter-to-sqlite"), "import"]


def bench_twitter(zip_path: Path, work: Path) -> list[tuple]:
    folder = extract(zip_path, work / "twitter-folder")
    plain = extract(zip_path, work / "twitter-plain", strip_ytd=True)
    dms = plain / "data" / "direct-messages.json"
    rows = [
        ("ours: parse, validate, load (zip)", measure(python(OURS, str(zip_path), str(work / "tw.duckdb")))),
        ("ours: the same, extracted folder", measure(python(OURS, str(folder), str(work / "tw2.duckdb")))),
        ("bare orjson parse (extracted)", measure(python(BARE, str(plain)))),
        ("DuckDB read_json + unnest, DMs (extracted)", measure(python(DUCKDB,
            f"select count(*) from (select unnest(dmConversation.messages) from read_json('{dms}', "
            f"maximum_object_size=1000000000))"))),
        (f"peer: {PEER} import (zip)", measure([*peer_command(), str(work / "peer.db"), str(zip_path)])),
    ]
    return rows


def bench_facebook(zip_path: Path, work: Path) -> list[tuple]:
    plain = extract(zip_path, work / "facebook-plain")
    threads = f"{plain}/**/messages/inbox/*/message_*.json"
    return [
        ("ours: parse, validate, load (zip)", measure(python(OURS, str(zip_path), str(work / "fb.duckdb")))),
        ("ours: the same, extracted folder", measure(python(OURS, str(plain), str(work / "fb2.duckdb")))),
        ("bare orjson parse (extracted)", measure(python(BARE, str(plain)))),
        ("DuckDB read_json + unnest, messages (extracted)", measure(python(DUCKDB,
            f"select count(*) from (select unnest(messages) from read_json('{threads}', "
            f"union_by_name=true, maximum_object_size=1000000000))"))),
    ]


def bench_inbox(inbox: Path, work: Path) -> list[tuple]:
    unsocial = str(Path(sys.executable).with_name("unsocial"))
    args = [unsocial, "run", str(inbox), "--db", str(work / "all.duckdb"), "--reports", str(work / "reports"),
            "--as-of", AS_OF.isoformat()]
    first = measure(args)
    second = measure(args)
    first["db_mb"] = (work / "all.duckdb").stat().st_size / 1e6
    return [("whole inbox: unsocial run", first), ("whole inbox: re-run, unchanged", second)]


def table(title: str, rows: list[tuple], floor: float | None = None) -> list[str]:
    lines = [f"### {title}", "", "| measured | seconds | peak MB | × bare parse |", "|---|---|---|---|"]
    for name, m in rows:
        ratio = f"{m['seconds'] / floor:.1f}" if floor else ""
        lines.append(f"| {name} | {m['seconds']:.2f} | {m['peak_mb']:.0f} | {ratio} |")
    return lines + [""]


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--people", type=int, default=20_000)
    options.add_argument("--messages", type=int, default=1_000_000)
    options = options.parse_args(argv)
    from ingest.demo import write_demo_inbox

    work = Path(tempfile.mkdtemp(prefix="unsocial-ingest-bench-"))
    try:
        started = time.perf_counter()
        inbox = write_demo_inbox(work / "inboxes" / "owner", as_of=AS_OF, people=options.people,
                                 messages=options.messages)
        generated = time.perf_counter() - started
        twitter = next(inbox.glob("twitter-*.zip"))
        facebook = next(inbox.glob("facebook-*.zip"))
        tw_rows, fb_rows = bench_twitter(twitter, work), bench_facebook(facebook, work)
        inbox_rows = bench_inbox(inbox, work)
        sizes = {p.name: p.stat().st_size / 1e6 for p in inbox.iterdir() if p.is_file()}
        dm_mb = zipfile.ZipFile(twitter).getinfo("data/direct-messages.js").file_size / 1e6
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        "# Ingest at scale", "",
        f"Generated owner: {options.people:,} people, {options.messages:,} messages "
        f"(generation {generated:.0f} s; direct-messages.js {dm_mb:.0f} MB; "
        + ", ".join(f"{name} {mb:.0f} MB" for name, mb in sorted(sizes.items())) + "). "
        "Each line a separate process on this machine (2 cores), wall time and peak RSS from GNU time. "
        "Generated by `python -m bench.ingest_scale`.", "",
        *table("Twitter/X archive", tw_rows, tw_rows[2][1]["seconds"]),
        *table("Facebook export", fb_rows, fb_rows[2][1]["seconds"]),
        *table("Whole inbox (all sources)", inbox_rows),
        f"Database after the first run: {inbox_rows[0][1]['db_mb']:.0f} MB. "
        f"Re-run / first run: {inbox_rows[1][1]['seconds'] / inbox_rows[0][1]['seconds']:.1%}.", "",
        "Counts (ours): " + "; ".join(f"{n}: {r[1]['stdout'].strip()}" for n, r in
                                       (("twitter", tw_rows[0]), ("facebook", fb_rows[0]))), "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
