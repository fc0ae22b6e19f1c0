"""
### social_reports

Writes the owners' CSV reports and summary page (`<reports>/<owner>/contacts.csv`, `no_offline.csv`,
…, `summary.html`) from the marts. Runs whenever `social_exports` publishes the `unsocial_marts`
Asset, for the owners whose marts that run rebuilt, with the database and reports folder named in
the Asset event; triggered by hand, with its params (`owners`: only these; empty: every owner). A
report is rewritten only when its content changed.

Reads the database in the one-slot pool `unsocial_duckdb`, so it never meets a writer.
"""

from __future__ import annotations

import os

import pendulum
from airflow.sdk import Asset, Param, dag, get_current_context, task

# The same Asset as in social_exports.py (an Asset is identified by its name and URI).
MARTS = Asset(name="unsocial_marts", uri="file:///unsocial/marts")


@dag(
    dag_id="social_reports",
    schedule=[MARTS],
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": pendulum.duration(minutes=1), "retry_exponential_backoff": True},
    params={
        "db": Param(os.environ.get("UNSOCIAL_DB", "/data/unsocial.duckdb"), type="string", pattern="^/",
                    description="the DuckDB file"),
        "reports": Param(os.environ.get("UNSOCIAL_REPORTS", "/data/reports"), type="string", pattern="^/",
                         description="reports folder (one subfolder per owner)"),
        "owners": Param([], type="array", items={"type": "string"},
                        description="when triggered by hand: only these owners' reports; empty: every owner"),
    },
    doc_md=__doc__,
    tags=["unsocial"],
)
def social_reports():
    @task(pool="unsocial_duckdb", queue="unsocial_loader")
    def report() -> int:
        """Writes the reports of the owners whose marts changed (triggered by hand: of the `owners`
        param, or every owner); returns how many files there are."""
        from ingest.tasks import report

        context = get_current_context()
        events = context["triggering_asset_events"].get(MARTS) or []
        where = {**context["params"], **(events[-1].extra if events else {})}
        owners = _owners(events) if events else (context["params"]["owners"] or None)
        return len(report(where["db"], where["reports"], owners))

    report()


def _owners(events: list) -> list[str] | None:
    """The owners whose marts the triggering runs rebuilt (events queued while a run was busy add up);
    None, every owner, for an event that does not say."""
    if any("owners" not in (event.extra or {}) for event in events):
        return None
    return sorted({owner for event in events for owner in event.extra["owners"]})


dag = social_reports()
