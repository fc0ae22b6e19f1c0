"""`make airflow` for real: airflow standalone with the project's DAGs, one run triggered through the REST API.

A team of three owners (demo inboxes) under a temporary inboxes root; Airflow's home in a temporary folder and the
API on a free port. The run goes through the scheduler and LocalExecutor with the machine's parallelism, so the
parse tasks run side by side in separate processes while every task that opens the DuckDB file waits for the
one-slot pool: the test checks both from the task instances' times, then the database and the reports, and stops
the server by killing its process group.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from datetime import date, datetime
from pathlib import Path

import duckdb
import httpx
import pytest

pytestmark = pytest.mark.long  # run first: a minute or so of work (tests/conftest.py)

ROOT = Path(__file__).parents[1]
OWNERS = ("amara", "bruno", "chen")
DATABASE_TASKS = {"owners", "load", "resolve", "marts", "report"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, timeout: float, what: str, server: subprocess.Popen, log: Path):
    """Poll ``check`` until it returns something truthy; fail with the server's last output otherwise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"airflow standalone exited ({server.returncode}):\n{log.read_text()[-3000:]}")
        try:
            result = check()
        except httpx.HTTPError:
            result = None
        if result:
            return result
        time.sleep(1)
    pytest.fail(f"{what} not within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def airflow(tmp_path_factory):
    """``make airflow`` with a temporary AIRFLOW_HOME, port and data; yields (base URL, paths, server, log)."""
    from ingest.demo import write_demo_inbox

    base = tmp_path_factory.mktemp("standalone")
    paths = {"home": base / "home", "inboxes": base / "inboxes", "db": base / "unsocial.duckdb",
             "reports": base / "reports"}
    for number, owner in enumerate(OWNERS):
        write_demo_inbox(paths["inboxes"] / owner, seed=number, people=150, as_of=date(2026, 11, 27))
    port, log = free_port(), base / "standalone.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "UNSOCIAL"))}
    env.update(UNSOCIAL_SCHEDULE="none", PYTHONWARNINGS="ignore")  # only the run triggered below
    command = ["make", "--no-print-directory", "-o", ".venv/bin/.installed", "airflow", f"AIRFLOW_PORT={port}",
               f"AIRFLOW_HOME={paths['home']}", f"UNSOCIAL_INBOXES={paths['inboxes']}",
               f"UNSOCIAL_DB={paths['db']}", f"UNSOCIAL_REPORTS={paths['reports']}"]
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    try:
        yield f"http://localhost:{port}", paths, server, log
    finally:
        stop(server)


def stop(server: subprocess.Popen) -> None:
    """SIGTERM to the whole process group (make, standalone, scheduler, API server…), SIGKILL after 15 s."""
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            server.poll()  # reap make, or it stays in the group as a zombie
            try:
                os.killpg(server.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.5)


def healthy(url: str) -> bool:
    health = httpx.get(f"{url}/api/v2/monitor/health", timeout=5)
    return health.status_code == 200 and all(c["status"] == "healthy" for c in health.json().values())


def token(url: str, home: Path) -> str:
    """A JWT from the simple auth manager, with the admin password that standalone generated."""
    password = json.loads((home / "simple_auth_manager_passwords.json.generated").read_text())["admin"]
    answer = httpx.post(f"{url}/auth/token", json={"username": "admin", "password": password}, timeout=10)
    answer.raise_for_status()
    return answer.json()["access_token"]


def finished_run(api: httpx.Client, dag_id: str, run_id: str | None = None) -> dict | None:
    runs = api.get(f"/api/v2/dags/{dag_id}/dagRuns").json()["dag_runs"]
    done = [r for r in runs if r["state"] in ("success", "failed") and run_id in (None, r["dag_run_id"])]
    return done[0] if done else None


def seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def most_at_once(intervals: list[tuple[float, float]]) -> int:
    events = sorted([(start, 1) for start, _ in intervals] + [(end, -1) for _, end in intervals])
    running = peak = 0
    for _, step in events:
        running += step
        peak = max(peak, running)
    return peak


def test_a_run_triggered_through_the_rest_api_loads_every_owner(airflow):
    url, paths, server, log = airflow
    started = time.monotonic()
    wait_for(lambda: healthy(url), 180, "a healthy API server, scheduler, DAG processor and triggerer", server, log)
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token(url, paths['home'])}"},
                      timeout=10) as api:  # closed before the server stops: open connections delay its exit
        tasks = trigger_and_follow(api, server, log)
    print(f"standalone: healthy, run and reports in {time.monotonic() - started:.0f} s")
    check_parallel_parsing_and_one_database_user(tasks)
    check_database_and_reports(paths)


def trigger_and_follow(api: httpx.Client, server: subprocess.Popen, log: Path) -> list[dict]:
    """Trigger social_exports, wait for it and for the reports it starts; returns every task instance."""
    wait_for(lambda: api.get("/api/v2/dags/social_exports").status_code == 200, 90, "the parsed DAG", server, log)
    trigger = api.post("/api/v2/dags/social_exports/dagRuns", json={"logical_date": None, "conf": {"as_of": "2026-11-27"}})
    assert trigger.status_code == 200, trigger.text
    run_id = trigger.json()["dag_run_id"]
    run = wait_for(lambda: finished_run(api, "social_exports", run_id), 240, "the triggered run", server, log)
    assert run["state"] == "success"
    reports_run = wait_for(lambda: finished_run(api, "social_reports"), 120, "the Asset-triggered reports", server, log)
    assert reports_run["state"] == "success" and reports_run["run_type"] == "asset_triggered"
    return api.get("/api/v2/dags/~/dagRuns/~/taskInstances", params={"limit": 200}).json()["task_instances"]


def check_parallel_parsing_and_one_database_user(tasks: list[dict]) -> None:
    parallel = [t for t in tasks if t["task_id"] == "parse"]
    assert len(parallel) == 4 and len({t["pid"] for t in parallel}) == 4, "mapped tasks share a process"
    # The four parse tasks are queued at once and the two task processes take them as they come: two
    # run side by side. (Before `make airflow` set [workers] min_heartbeat_interval to 1 s, a worker
    # sat idle for up to 5 s after each task, longer than a parse task here, and they seldom overlapped.)
    assert most_at_once([(seconds(t["start_date"]), seconds(t["end_date"])) for t in parallel]) == 2, \
        "no two parse tasks ran at the same time"
    database = [t for t in tasks if t["task_id"] in DATABASE_TASKS]
    assert {t["pool"] for t in database} == {"unsocial_duckdb"}
    assert most_at_once([(seconds(t["start_date"]), seconds(t["end_date"])) for t in database]) == 1, \
        "two tasks held the DuckDB file at once"


def check_database_and_reports(paths: dict[str, Path]) -> None:
    with duckdb.connect(str(paths["db"]), read_only=True) as con:
        loaded = con.execute("select owner_id, count(*) from ingested_exports group by 1 order by 1").fetchall()
        contacts = con.execute("select count(distinct owner_id), min(n) from (select owner_id, count(*) n "
                               "from contacts group by 1)").fetchone()
    assert loaded == [(owner, len(list((paths["inboxes"] / owner).iterdir()))) for owner in OWNERS]
    assert contacts[0] == 3 and contacts[1] > 100
    for owner in OWNERS:
        assert (paths["reports"] / owner / "contacts.csv").stat().st_size > 1000
