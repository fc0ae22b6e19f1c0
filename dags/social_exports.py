"""
### social_exports

Reads every team member's exports (Facebook, Twitter/X, LinkedIn, XING, journal) into one DuckDB
file, resolves people across platforms per owner and rebuilds the marts: everything
`unsocial run` does, for a whole team. One folder per owner under the `inboxes` root
(`<inboxes>/<owner>/`); the folder name is the owner id, and every row carries it.

owners → scan (mapped over owners) → plan → parse (mapped over new or changed exports, Parquet
only) → load (the single writer) → resolve → marts → summary. Owners with nothing new are skipped:
resolve and marts rebuild only the owners whose exports or overrides changed (every owner on a new
reference date). An owner whose exports cannot be read is reported by the `summary` task (which then
fails the run) while the other owners are loaded. The marts publish the `unsocial_marts` Asset, with
the owners they rebuilt, when they change, which starts the `social_reports` DAG.

An owner's overrides (must_link / cannot_link pairs) are the `overrides.csv` at the top of their
inbox; they apply to that owner only and are kept until the file changes.

Mapped tasks take work in groups of about equal size, because each task costs Airflow about two
seconds before it does anything: a parse task gets about `UNSOCIAL_PARSE_TASK_MB` (32) MB of
exports, a scan task about a gigabyte of inboxes, with at least `UNSOCIAL_MIN_TASKS` (4) tasks while
there is work and at most `UNSOCIAL_MAX_TASKS` (512). The UI names each by its first owner or export.

Every task that opens the database runs in the one-slot pool `unsocial_duckdb` (DuckDB allows one
writing process) and, under Celery, on the `unsocial_loader` queue. Create the pool once:
`airflow pools set unsocial_duckdb 1 "one DuckDB user at a time"` (`make airflow` and the compose
file do it).

Runs daily (`UNSOCIAL_SCHEDULE`: another cron preset, or `none` for on demand only) and whenever
triggered. Params default to the environment: `UNSOCIAL_INBOXES`, `UNSOCIAL_DB`, `UNSOCIAL_REPORTS`,
`UNSOCIAL_KEEP_MESSAGE_TEXT` (`keep_message_text`: store what messages say; off by default, and
changing it re-reads the exports that have message text).
`owners` limits a run to some owners; an empty `as_of` means the run's date.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.sdk import (Asset, ExceptionRetryPolicy, Param, RetryAction, RetryRule, dag, get_current_context,
                         task)

MARTS = Asset(name="unsocial_marts", uri="file:///unsocial/marts")
DUCKDB_POOL = "unsocial_duckdb"
LOADER_QUEUE = "unsocial_loader"
DATABASE_TASK = {"pool": DUCKDB_POOL, "queue": LOADER_QUEUE}
# Mapped tasks do not take their function's docstring as their docs in the UI.
SCAN_DOC = """Some owners' inboxes: which exports are new or changed (by content hash), unchanged or gone.
No database access. Trouble with an owner is passed on to the summary, not raised."""
PARSE_DOC = """Parses some owners' new or changed exports into Parquet batches in the batch folder
(`UNSOCIAL_BATCHES`, else beside the database). Runs anywhere, in parallel, and never opens the
database. An unreadable export is passed on to the summary, not retried."""
STEPS = ("owners", "plan", "load", "resolve", "marts")  # the unmapped steps the summary checks
# A task that stopped on a clear message (`_fail`) fails at once: retrying cannot fix a wrong path.
NO_RETRY_AFTER_A_CLEAR_FAILURE = ExceptionRetryPolicy(rules=[RetryRule(
    exception=SystemExit, action=RetryAction.FAIL, reason="stopped with a message that says what to do")])


def _params() -> dict:
    return get_current_context()["params"]


def _label(names: list[str]) -> str:
    """How a mapped task is shown in the UI: its first owner or export, and how many more."""
    return names[0] if len(names) == 1 else f"{names[0]} +{len(names) - 1}"


def _schedule() -> str | None:
    """``UNSOCIAL_SCHEDULE``: a cron expression or preset, or ``none`` for runs on demand only."""
    schedule = os.environ.get("UNSOCIAL_SCHEDULE", "@daily").strip()
    return None if schedule.lower() in ("", "none") else schedule


def _fail(message: str):
    """Fail the task with one clear log line and no traceback (Airflow logs one for every exception,
    but only an exit code for SystemExit), without retries under NO_RETRY_AFTER_A_CLEAR_FAILURE."""
    import logging

    logging.getLogger("unsocial").error("%s", message)
    raise SystemExit(1)


@dag(
    dag_id="social_exports",
    schedule=_schedule(),
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=1), "retry_exponential_backoff": True,
                  "max_retry_delay": timedelta(minutes=30)},
    params={
        "inboxes": Param(os.environ.get("UNSOCIAL_INBOXES", "/data/inboxes"), type="string", pattern="^/",
                         description="absolute path of the folder holding one folder per owner"),
        "owners": Param([], type="array", items={"type": "string"},
                        description="only these owners (folder names under inboxes); empty: every owner"),
        "db": Param(os.environ.get("UNSOCIAL_DB", "/data/unsocial.duckdb"), type="string", pattern="^/",
                    description="the DuckDB file"),
        "reports": Param(os.environ.get("UNSOCIAL_REPORTS", "/data/reports"), type="string", pattern="^/",
                         description="reports folder (one subfolder per owner)"),
        "as_of": Param("", type="string", pattern=r"^(\d{4}-\d{2}-\d{2})?$",
                       description="reference date YYYY-MM-DD; empty: the run's date"),
        "keep_message_text": Param(os.environ.get("UNSOCIAL_KEEP_MESSAGE_TEXT", "").strip().lower()
                                   in ("1", "true", "t", "yes", "y", "on"), type="boolean",
                                   description="store what messages say (off: counts, times and directions only)"),
    },
    doc_md=__doc__,
    tags=["unsocial"],
)
def social_exports():
    @task(retry_policy=NO_RETRY_AFTER_A_CLEAR_FAILURE, **DATABASE_TASK)
    def owners() -> list[list[dict]]:
        """Checks the `inboxes` param and lists the owner folders under it, with what is already loaded
        for each (one read of the database), in groups for the scan tasks. A missing or unreadable root
        fails here at once, naming it and what to do; a database busy with another process is retried."""
        from ingest.errors import DatabaseBusyError, UnsocialError
        from ingest.tasks import list_owners

        try:
            return list_owners(_params()["inboxes"], _params()["db"], _params()["owners"],
                               _params()["keep_message_text"], _params()["reports"])
        except DatabaseBusyError:
            raise
        except UnsocialError as exc:
            _fail(exc.message())

    @task(map_index_template="{{ label }}", doc_md=SCAN_DOC)
    def scan(owners: list[dict]) -> list[dict]:
        from ingest.tasks import scan_owners

        get_current_context()["label"] = _label([o["owner"] for o in owners])
        return scan_owners(owners)

    @task
    def plan(scans: list[list[dict]]) -> list[list[dict]]:
        """The parse tasks to start: every new or changed export, in groups of about equal size (see
        the DAG's docs)."""
        from ingest.tasks import plan_parsing

        return plan_parsing(list(scans))

    @task(map_index_template="{{ label }}", doc_md=PARSE_DOC)
    def parse(exports: list[dict]) -> list[dict]:
        from ingest.tasks import parse_exports

        get_current_context()["label"] = _label([f"{e['owner']}/{e['export']}" for e in exports])
        return parse_exports(exports, _params()["db"], _params()["keep_message_text"])

    @task(trigger_rule="all_done", **DATABASE_TASK)
    def load(scans: list[list[dict]] | None, parsed: list[list[dict]] | None) -> list[dict]:
        """The single writer: per owner, one transaction replaces its new or changed exports' rows and
        drops exports gone from its inbox, and the `overrides.csv` of its inbox replaces its stored
        overrides. Runs even when some parse tasks failed: their owners are reported, the others loaded."""
        from airflow.sdk.exceptions import AirflowSkipException
        from ingest.tasks import load_owners

        if not scans:  # `owners` failed: there is always at least one owner otherwise
            raise AirflowSkipException("no owner was scanned")
        return load_owners(_params()["db"], list(scans), list(parsed or []))

    @task(**DATABASE_TASK)
    def resolve(outcomes: list[dict]) -> list[str]:
        """Staging and identity resolution of the owners whose exports, overrides or forgotten people
        changed since their last resolution (by fingerprint); the others are not touched."""
        from ingest.tasks import resolve

        return resolve(_params()["db"])

    @task(outlets=[MARTS], **DATABASE_TASK)
    def marts(resolved: list[str]) -> None:
        """Builds the marts for the reference date, for the owners whose resolution changed (every
        owner on a new date), and publishes the `unsocial_marts` Asset with those owners, which starts
        `social_reports`. Skipped (no Asset event) when the marts were already up to date."""
        from airflow.sdk.exceptions import AirflowSkipException
        from ingest.tasks import build_marts

        context = get_current_context()
        as_of = _params()["as_of"] or context["dag_run"].run_after.date().isoformat()
        owners = build_marts(_params()["db"], as_of)
        if not owners:
            raise AirflowSkipException("marts unchanged: no Asset event")
        context["outlet_events"][MARTS].extra = {"db": _params()["db"], "reports": _params()["reports"],
                                                 "as_of": as_of, "owners": owners}

    @task(trigger_rule="all_done", retry_policy=NO_RETRY_AFTER_A_CLEAR_FAILURE)
    def summary(outcomes: list[dict] | None) -> None:
        """Logs what happened to every owner (counts and file names only) and fails the run if an
        owner could not be read or loaded, or a step did not finish, after everything else is done."""
        import logging

        from ingest.tasks import summarise_run

        ti = get_current_context()["ti"]
        states = ti.get_task_states(dag_id=ti.dag_id, run_ids=[ti.run_id], task_ids=list(STEPS))[ti.run_id]
        lines, failures = summarise_run(outcomes, [t for t in STEPS if states.get(t) in ("failed", "upstream_failed")])
        for line in lines:
            logging.getLogger("unsocial").info("%s", line)
        if failures:
            _fail(f"{len(failures)} failure(s): " + " | ".join(failures))

    scans = scan.expand(owners=owners())
    outcomes = load(scans, parse.expand(exports=plan(scans)))
    marts(resolve(outcomes)) >> summary(outcomes)


dag = social_exports()
