"""
### social_reports

Writes every owner's CSV reports (`<reports>/<owner>/contacts.csv`, `no_offline.csv`,
`unmatched_offline.csv`, `match_review.csv`) from the marts. Runs whenever `social_exports`
publishes the `unsocial_marts` Asset, with the database and reports folder named in that Asset
event; triggered by hand it uses its params. A report is rewritten only when its content changed.

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
    },
    doc_md=__doc__,
    tags=["unsocial"],
)
def social_reports():
    @task(pool="unsocial_duckdb", queue="unsocial_loader")
    def report() -> int:
        """Writes the CSV reports of every owner; returns how many files there are."""
        from ingest.tasks import report

        context = get_current_context()
        events = context["triggering_asset_events"].get(MARTS) or []
        where = {**context["params"], **(events[-1].extra if events else {})}
        return len(report(where["db"], where["reports"]))

    report()


dag = social_reports()
