"""A team under one inboxes root: how the whole pipeline's time grows with the number of owners.

Owners are demo inboxes (``ingest.demo.write_demo_inbox``, seeds 0, 1, …, ``--people`` people each, every
platform). For 10, 50 and 200 owners, each on a fresh database:

- the DAGs with ``dag.test()`` in a fresh process: social_exports, social_reports, social_exports again with
  nothing new, both again the next day with nothing new (the marts and reports for a new reference date:
  the daily cost of a quiet day), and both again that day after one owner's journal changed (the cost of
  one member's new export); tasks one after another in that process, Airflow's machinery without its
  scheduler;
- the same task functions (``ingest.tasks``) called in one process without Airflow: the floor;
- the DAGs for real: runs triggered through the REST API of ``make airflow`` (airflow standalone,
  LocalExecutor, one task process per core), durations as Airflow records them;
- ``unsocial run``, one owner after another into the one database (a new process each), every owner
  (``--project-cli`` measures only the first and the last owner's run and projects the total), then
  ``unsocial run`` of the first owner again after their journal changed;

and one heavy owner (``--heavy-people``, ``--heavy-messages``): ``unsocial run`` and the DAG, wall time, peak
memory (GNU time) and database size. Writes bench/results/team_scale.md.
``python -m bench.team_scale [--owners 10 50 200] [--people 200] [--project-cli] [--no-standalone]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).parents[1]
RESULTS = Path(__file__).parent / "results" / "team_scale.md"
AS_OF = date(2026, 11, 27)
UNSOCIAL = str(Path(sys.executable).with_name("unsocial"))
NOTES = ('Columns: dag.test runs every task one after another in one process; "without Airflow" calls the '
         'same task functions in one process; "Airflow standalone" is `make airflow` (LocalExecutor, 2 task '
         'processes), DAG run durations as Airflow records them, the reports run started by the Asset. '
         '`unsocial run` per owner is one process per owner into the one database, every run measured; '
         '"one owner changed" is the next day with one owner\'s journal changed: social_exports + social_reports '
         "under dag.test, and that owner's `unsocial run` onto the team's database (same day).")

DAG_TEST = """
import json, os, sys, time
from pathlib import Path
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = sys.argv[1]
from airflow.utils.db import initdb
import importlib.util
initdb()
def load(name):
    spec = importlib.util.spec_from_file_location(name, Path(sys.argv[1]) / f"{name}.py")
    module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); return module.dag
sys.path.insert(0, sys.argv[5])
from bench.team_scale import change
conf, next_day, changed = json.loads(sys.argv[2]), sys.argv[3], Path(sys.argv[4])
exports, reports, times = load("social_exports"), load("social_reports"), {}
original = changed.read_bytes()
def published(run):  # the owners named by the run's unsocial_marts event, as the Asset trigger passes them on
    from airflow.models.asset import AssetEvent
    from airflow.utils.session import create_session
    with create_session() as session:
        return [e.extra["owners"] for e in session.query(AssetEvent).filter(AssetEvent.source_run_id == run.run_id)]
for step, dag, run_conf in (("exports", exports, conf), ("reports", reports, None), ("unchanged", exports, conf),
                            ("next_day", exports, {**conf, "as_of": next_day}), ("next_day_reports", reports, None),
                            ("changed", exports, {**conf, "as_of": next_day}), ("changed_reports", reports, None)):
    if step == "changed":
        change(changed)
    if dag is reports:
        if not owners:  # no Asset event: social_reports would not run
            times[step], times[step + "_owners"] = 0.0, 0
            continue
        run_conf = {"db": conf["db"], "reports": conf["reports"], "owners": owners[0]}
        times[step + "_owners"] = len(owners[0])
    started = time.perf_counter()
    run = dag.test(run_conf=run_conf)
    times[step] = time.perf_counter() - started
    assert str(run.state) == "success", (step, run.state)
    if dag is exports:
        owners = published(run)
    if step == "exports":
        from airflow.utils.session import create_session
        with create_session() as session:
            tis = [ti for ti in run.get_task_instances(session=session) if ti.start_date and ti.end_date]
        times["tasks"] = {}
        for ti in tis:
            seconds = (ti.end_date - ti.start_date).total_seconds()
            times["tasks"][ti.task_id] = times["tasks"].get(ti.task_id, 0) + seconds
changed.unlink(); changed.write_bytes(original)
print(json.dumps(times))
"""


def change(journal: Path) -> None:
    """One owner's new export: their journal without its first entry (a new file: the inboxes are hard links)."""
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.unlink()
    journal.write_bytes(lines[0] + b"".join(lines[2:]))



def measure(args: list[str], env: dict | None = None) -> dict:
    """Wall seconds of a command; peak RSS (MB) of its largest process, from GNU time; and peak physical
    memory of the command and every process it started (the sum of their PSS: pages a parent shares
    with a forked child count once), sampled every 0.2 s."""
    with tempfile.NamedTemporaryFile(suffix=".time") as report:
        started = time.perf_counter()
        process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", report.name, *args], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        sampler = PeakMemory(process.pid)
        stdout, stderr = process.communicate()
        seconds = time.perf_counter() - started
        sampler.stop()
        if process.returncode != 0:
            raise RuntimeError(f"{args[:3]} failed: {stdout[-2000:]} {stderr[-3000:]}")
        peak_kb = int(Path(report.name).read_text().split()[-1])
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "tree_mb": sampler.peak / 2**20, "stdout": stdout}


class PeakMemory:
    """The highest sum of PSS over a process and its descendants, sampled in a thread."""

    def __init__(self, pid: int, interval: float = 0.2):
        import threading

        import psutil

        self.root, self.peak, self.interval, self.done = psutil.Process(pid), 0, interval, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        import psutil

        while not self.done.wait(self.interval):
            total = 0
            try:
                for process in [self.root, *self.root.children(recursive=True)]:
                    try:
                        total += process.memory_full_info().pss
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            self.peak = max(self.peak, total)

    def stop(self) -> None:
        self.done.set()
        self.thread.join()


def make_owners(folder: Path, count: int, people: int) -> list[Path]:
    from ingest.demo import write_demo_inbox

    return [write_demo_inbox(folder / f"owner{i:03d}", seed=i, as_of=AS_OF, people=people) for i in range(count)]


def team_root(owners: list[Path], target: Path) -> Path:
    """An inboxes root holding these owners (hard links: no copying)."""
    for owner in owners:
        shutil.copytree(owner, target / owner.name, copy_function=os.link)
    return target


def dag_test(root: Path, work: Path) -> dict:
    conf = {"inboxes": str(root), "db": str(work / "dag.duckdb"), "reports": str(work / "dag-reports"),
            "as_of": AS_OF.isoformat()}
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "UNSOCIAL"))}
    env.update(AIRFLOW_HOME=str(work / "airflow"), AIRFLOW__CORE__LOAD_EXAMPLES="False", PYTHONWARNINGS="ignore")
    next_day = (AS_OF + timedelta(days=1)).isoformat()
    changed = sorted(root.iterdir())[0] / "journal.csv"
    result = measure([sys.executable, "-c", DAG_TEST, str(ROOT / "dags"), json.dumps(conf), next_day, str(changed),
                      str(ROOT)], env=env)
    times = json.loads(result["stdout"].strip().splitlines()[-1])
    return {**times, "process": result["seconds"], "peak_mb": result["peak_mb"], "tree_mb": result["tree_mb"],
            "db_mb": (work / "dag.duckdb").stat().st_size / 1e6}


def in_process(root: Path, work: Path) -> dict[str, float]:
    """The DAG's task functions one after another in this process, the work without Airflow: seconds per step."""
    from ingest import tasks

    db, steps, started = str(work / "lib.duckdb"), {}, time.perf_counter()

    def step(name: str, result=None):
        nonlocal started
        steps[name], started = time.perf_counter() - started, time.perf_counter()
        return result

    scans = step("list and scan owners", [tasks.scan_owners(group) for group in tasks.list_owners(str(root), db)])
    parsed = step("parse", [tasks.parse_exports(group, db) for group in tasks.plan_parsing(scans)])
    step("load", tasks.load_owners(db, scans, parsed))
    step("resolve", tasks.resolve(db))
    rebuilt = step("marts", tasks.build_marts(db, AS_OF.isoformat()))
    step("reports", tasks.report(db, str(work / "lib-reports"), rebuilt))
    return steps


def cli_run(inbox: Path, db: Path, reports: Path) -> dict:
    return measure([UNSOCIAL, "run", str(inbox), "--db", str(db), "--reports", str(reports),
                    "--as-of", AS_OF.isoformat()])


def cli_all(root: Path, work: Path) -> list[float]:
    """`unsocial run` for every owner, one after another, into one database: the time of each run."""
    return [cli_run(inbox, work / "cli.duckdb", work / "cli-reports")["seconds"] for inbox in sorted(root.iterdir())]


def cli_changed(root: Path, db: Path, reports: Path) -> float:
    """`unsocial run` of the first owner onto the team's database after their journal changed."""
    first = sorted(root.iterdir())[0]
    original = (first / "journal.csv").read_bytes()
    change(first / "journal.csv")
    try:
        return cli_run(first, db, reports)["seconds"]
    finally:
        (first / "journal.csv").unlink()
        (first / "journal.csv").write_bytes(original)


def cli_last(root: Path, work: Path) -> dict:
    """`unsocial run` of the last owner onto a database that already holds all the others."""
    from ingest.store.database import connect, load_batches

    last = sorted(root.iterdir())[-1]
    shutil.copy(work / "lib.duckdb", work / "last.duckdb")
    with connect(work / "last.duckdb") as con:  # forget the last owner: their run is a first run again
        load_batches(con, last.name, [], present=[])
    return cli_run(last, work / "last.duckdb", work / "last-reports")


def projected_total(first: float, last: float, count: int) -> float:
    """Σ of runs whose time grows linearly from the first owner's to the last owner's."""
    return count * (first + last) / 2


def bench_team(owners: list[Path], count: int, work: Path, options) -> dict:
    work.mkdir(parents=True)
    root = team_root(owners[:count], work / "inboxes")
    row = {"load": os.getloadavg()[0], "owners": count,
           "exports": sum(1 for owner in root.iterdir() for _ in owner.iterdir()),
           "inbox_mb": sum(f.stat().st_size for f in root.rglob("*") if f.is_file()) / 1e6}
    row["dag"] = dag_test(root, work)
    row["steps"] = in_process(root, work)
    row["lib"] = sum(row["steps"].values())
    print(f"{count} owners: dag.test {row['dag']}, in one process {row['steps']}", flush=True)
    if not options.project_cli:
        runs = cli_all(root, work)
        row["cli"] = {"total": sum(runs), "first": runs[0], "last": runs[-1], "measured": True,
                      "changed": cli_changed(root, work / "cli.duckdb", work / "cli-reports")}
    else:
        first = cli_run(sorted(root.iterdir())[0], work / "first.duckdb", work / "first-reports")["seconds"]
        last = cli_last(root, work)["seconds"]
        row["cli"] = {"total": projected_total(first, last, count), "first": first, "last": last, "measured": False,
                      "changed": cli_changed(root, work / "last.duckdb", work / "last-reports")}
    print(f"{count} owners: unsocial run {row['cli']}", flush=True)
    return row


def bench_heavy(work: Path, people: int, messages: int) -> dict:
    from ingest.demo import write_demo_inbox

    started = time.perf_counter()
    inbox = write_demo_inbox(work / "heavy" / "inboxes" / "heavy", as_of=AS_OF, people=people, messages=messages)
    generated = time.perf_counter() - started
    cli = cli_run(inbox, work / "heavy" / "cli.duckdb", work / "heavy" / "cli-reports")
    dag = dag_test(inbox.parent, work / "heavy")
    steps = in_process(inbox.parent, work / "heavy")
    return {"people": people, "messages": messages, "generated": generated, "cli": cli, "steps": steps,
            "cli_db_mb": (work / "heavy" / "cli.duckdb").stat().st_size / 1e6, "dag": dag,
            "inbox_mb": sum(f.stat().st_size for f in inbox.rglob("*") if f.is_file()) / 1e6}


def standalone_runs(roots: dict[int, Path], work: Path) -> dict[int, dict]:
    """Each team's social_exports run triggered through the REST API of `make airflow`, and the social_reports
    run its Asset starts: durations as Airflow records them (start to end of the DAG run)."""
    import httpx

    port, home = free_port(), work / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "UNSOCIAL"))}
    env.update(UNSOCIAL_SCHEDULE="none", PYTHONWARNINGS="ignore")
    work.mkdir(parents=True)
    with (work / "standalone.log").open("wb") as log:
        server = subprocess.Popen(["make", "--no-print-directory", "-o", ".venv/bin/.installed", "airflow",
                                   f"AIRFLOW_PORT={port}", f"AIRFLOW_HOME={home}", f"UNSOCIAL_INBOXES={work}"],
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://localhost:{port}"
    try:
        wait(lambda: httpx.get(f"{url}/api/v2/monitor/health", timeout=5).status_code == 200, 120)
        password = json.loads((home / "simple_auth_manager_passwords.json.generated").read_text())["admin"]
        token = httpx.post(f"{url}/auth/token", json={"username": "admin", "password": password}).json()["access_token"]
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30) as api:
            wait(lambda: api.get("/api/v2/dags/social_exports").status_code == 200, 60)
            return {n: standalone_run(api, root, work / f"team{n}") for n, root in roots.items()}
    finally:
        os.killpg(server.pid, 15)
        server.wait(30)


def standalone_run(api, root: Path, work: Path) -> dict:
    conf = {"inboxes": str(root), "db": str(work / "unsocial.duckdb"), "reports": str(work / "reports"),
            "as_of": AS_OF.isoformat()}
    reports_before = len(api.get("/api/v2/dags/social_reports/dagRuns").json()["dag_runs"])
    trigger = api.post("/api/v2/dags/social_exports/dagRuns", json={"logical_date": None, "conf": conf})
    run_id = trigger.json()["dag_run_id"]
    exports = wait(lambda: finished(api.get(f"/api/v2/dags/social_exports/dagRuns/{run_id}").json()), 3600)
    reports = wait(lambda: finished(api.get("/api/v2/dags/social_reports/dagRuns").json()["dag_runs"][reports_before:]
                                    or None), 3600)
    tasks = api.get(f"/api/v2/dags/social_exports/dagRuns/{run_id}/taskInstances", params={"limit": 1000}).json()
    print(f"standalone {root}: {exports['state']} in {duration(exports):.1f} s + reports {duration(reports):.1f} s",
          flush=True)
    return {"exports": duration(exports), "reports": duration(reports), "state": exports["state"],
            "tasks": tasks["total_entries"]}


def finished(run: dict | list | None) -> dict | None:
    run = run[0] if isinstance(run, list) else run
    return run if run and run["state"] in ("success", "failed") else None


def duration(run: dict) -> float:
    from datetime import datetime

    start, end = (datetime.fromisoformat(run[k].replace("Z", "+00:00")) for k in ("start_date", "end_date"))
    return (end - start).total_seconds()


def wait(check, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = check()
        except Exception:  # noqa: BLE001 — not up yet
            result = None
        if result:
            return result
        time.sleep(1)
    raise TimeoutError(f"nothing within {timeout} s")


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def report(rows: list[dict], standalone: dict, heavy: dict, people: int, generated: float) -> list[str]:
    base, largest = rows[0], rows[-1]
    lines = [
        "# A team: many owners, one database", "",
        f"Each owner a demo inbox of {people} people across every platform "
        f"({largest['exports'] // largest['owners']} exports, about {largest['inbox_mb'] / largest['owners']:.2f} MB; "
        f"generating {largest['owners']} owners took {generated:.0f} s). This machine: 2 cores. Seconds of wall time; every column on a fresh database. "
        "Generated by `python -m bench.team_scale`.", "",
        "| owners | exports | DAG (dag.test): social_exports | social_reports | per owner | again, nothing new "
        "| next day, nothing new | next day, one owner changed | same steps without Airflow "
        "| Airflow standalone: exports + reports | `unsocial run` per owner: total | first / last run "
        "| `unsocial run`, one owner changed |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        dag, cli, live = row["dag"], row["cli"], standalone.get(row["owners"])
        lines.append(
            f"| {row['owners']} | {row['exports']} | {dag['exports']:.1f} | {dag['reports']:.1f} | "
            f"{(dag['exports'] + dag['reports']) / row['owners']:.2f} | {dag['unchanged']:.1f} | "
            f"{dag['next_day'] + dag['next_day_reports']:.1f} | {dag['changed'] + dag['changed_reports']:.1f} | "
            f"{row['lib']:.1f} | "
            + (f"{live['exports']:.1f} + {live['reports']:.1f} | " if live else "not run | ")
            + f"{cli['total']:.0f}{'' if cli['measured'] else ' (projected)'} | "
            f"{cli['first']:.1f} / {cli['last']:.1f} | {cli['changed']:.1f} |")
    lines += ["", NOTES]
    lines += ["", "Database file after the DAG's runs, and peak memory of the dag.test process (every task in it, "
              "all processes): " + ", ".join(f"{r['owners']} owners {r['dag']['db_mb']:.0f} MB / "
                                              f"{r['dag']['tree_mb']:.0f} MB" for r in rows) + "."]
    lines += ["", "Load average (1 min) of the machine when each team's measurements began, a sign of other work "
              "sharing the 2 cores: " + ", ".join(f"{r['owners']} owners {r['load']:.1f}" for r in rows) + ".",
              "", "Growth against the smallest team (how many times longer, for how many times more owners):", ""]
    for row in rows[1:]:
        ratio = row["owners"] / base["owners"]
        dag = (row["dag"]["exports"] + row["dag"]["reports"]) / (base["dag"]["exports"] + base["dag"]["reports"])
        cli = row["cli"]["total"] / base["cli"]["total"]
        lines.append(f"- {row['owners']} owners (×{ratio:.0f}): DAG ×{dag:.1f}, without Airflow "
                     f"×{row['lib'] / base['lib']:.1f}, `unsocial run` per owner ×{cli:.1f}")
    lines += ["", *steps_lines(rows, heavy), "", *heavy_lines(heavy), ""]
    return lines


def steps_lines(rows: list[dict], heavy: dict) -> list[str]:
    """Where the time goes: each step without Airflow, and each social_exports task under dag.test."""
    names = list(rows[0]["steps"])
    header = [f"{r['owners']} owners" for r in rows] + ["heavy owner"]
    lines = ["## Where the time goes", "",
             "Seconds per step of the same work without Airflow (one process), on a fresh database:", "",
             "| step | " + " | ".join(header) + " |", "|---|" + "---|" * len(header)]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(f"{r['steps'][name]:.1f}" for r in (*rows, heavy)) + " |")
    order = ["owners", "scan", "plan", "parse", "load", "resolve", "marts", "summary"]
    tasks = sorted(rows[-1]["dag"]["tasks"], key=lambda t: order.index(t) if t in order else len(order))
    lines += ["", "Seconds per task of the first social_exports run under dag.test (mapped tasks summed):", "",
              "| task | " + " | ".join(header) + " |", "|---|" + "---|" * len(header)]
    for task in tasks:
        lines.append(f"| {task} | " + " | ".join(f"{r['dag']['tasks'].get(task, 0):.1f}"
                                                 for r in (*rows, heavy)) + " |")
    return lines


def heavy_lines(heavy: dict) -> list[str]:
    cli, dag = heavy["cli"], heavy["dag"]
    return [
        f"## One heavy owner: {heavy['people']:,} people, {heavy['messages']:,} messages", "",
        f"Inbox {heavy['inbox_mb']:.0f} MB (generated in {heavy['generated']:.0f} s).", "",
        "| path | seconds | peak memory, all processes (MB) | largest process (MB) | database MB |",
        "|---|---|---|---|---|",
        f"| `unsocial run` | {cli['seconds']:.1f} | {cli['tree_mb']:.0f} | {cli['peak_mb']:.0f} "
        f"| {heavy['cli_db_mb']:.0f} |",
        f"| DAG (dag.test, one process): social_exports + social_reports | {dag['exports'] + dag['reports']:.1f} "
        f"| {dag['tree_mb']:.0f} | {dag['peak_mb']:.0f} | {dag['db_mb']:.0f} |",
        f"| DAG again, nothing new | {dag['unchanged']:.1f} | | | |",
        f"| DAG next day, nothing new (marts and reports for the new date) | "
        f"{dag['next_day'] + dag['next_day_reports']:.1f} | | | |",
        f"| DAG next day, the journal changed (parse, load, resolution and marts of this owner) | "
        f"{dag['changed'] + dag['changed_reports']:.1f} | | | |",
        "", "Peak memory, all processes: the highest sum of PSS over the process and the children it forked "
        "(sampled every 0.2 s; pages a child shares with its parent count once), the machine's memory in use. "
        "Largest process: GNU time's maximum resident set size of the process or of one child (shared pages "
        "counted in each). `unsocial run` parses exports of 4 MB or more (`UNSOCIAL_CHILD_PROCESS_MB`) and links "
        "the accounts of an owner with 5,000 or more (`UNSOCIAL_CHILD_PROCESS_ACCOUNTS`) in forked children, "
        "whose memory goes back to the system when they end.",
    ]


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--owners", type=int, nargs="+", default=[10, 50, 200])
    options.add_argument("--people", type=int, default=200)
    options.add_argument("--heavy-people", type=int, default=20_000)
    options.add_argument("--heavy-messages", type=int, default=1_000_000)
    options.add_argument("--project-cli", action="store_true",
                         help="`unsocial run` of the first and the last owner only, the total projected")
    options.add_argument("--no-standalone", action="store_true", help="skip the runs on airflow standalone")
    options = options.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="unsocial-team-bench-"))
    try:
        started = time.perf_counter()
        owners = make_owners(work / "owners", max(options.owners), options.people)
        generated = time.perf_counter() - started
        rows = [bench_team(owners, n, work / f"team{n}", options) for n in options.owners]
        standalone = {} if options.no_standalone else standalone_runs(
            {n: work / f"team{n}" / "inboxes" for n in options.owners}, work / "standalone")
        heavy = bench_heavy(work, options.heavy_people, options.heavy_messages)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = report(rows, standalone, heavy, options.people, generated)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
