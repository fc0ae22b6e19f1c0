"""
### social_exports

Reads the exports in an inbox (Facebook, Twitter/X, LinkedIn, XING, calendar, journal) into DuckDB,
resolves people across platforms and writes the reports: everything `unsocial run` does.

discover → parse (one mapped task per new or changed export, no database writes) → load (the
single writer) → resolve → marts → reports → publish (the `unsocial_marts` Asset, only when the
marts changed). Params default to the environment: `UNSOCIAL_INBOX`, `UNSOCIAL_DB`,
`UNSOCIAL_REPORTS`, `UNSOCIAL_OVERRIDES`; an empty `as_of` means the run's date.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.sdk import Asset, Param, dag, get_current_context, task

MARTS = Asset(name="unsocial_marts", uri="file:///unsocial/marts")


def _params() -> dict:
    return get_current_context()["params"]


@dag(
    dag_id="social_exports",
    schedule="@daily",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=1), "retry_exponential_backoff": True},
    params={
        "inbox": Param(os.environ.get("UNSOCIAL_INBOX", "/data/inbox"), type="string", description="inbox folder"),
        "db": Param(os.environ.get("UNSOCIAL_DB", "/data/unsocial.duckdb"), type="string", description="DuckDB file"),
        "reports": Param(os.environ.get("UNSOCIAL_REPORTS", "/data/reports"), type="string", description="reports folder"),
        "overrides": Param(os.environ.get("UNSOCIAL_OVERRIDES", ""), type="string", description="overrides CSV, optional"),
        "as_of": Param("", type="string", description="reference date YYYY-MM-DD; empty: the run's date"),
    },
    doc_md=__doc__,
    tags=["unsocial"],
)
def social_exports():
    @task
    def discover() -> list[dict]:
        from ingest.tasks import discover_pending

        return discover_pending(_params()["inbox"], _params()["db"])

    @task
    def parse(item: dict) -> dict:
        from ingest.tasks import parse_pending

        return parse_pending(item, _params()["db"])

    @task(trigger_rule="none_failed")
    def load(results: list[dict] | None) -> list[str]:
        from ingest.tasks import load_parsed

        return load_parsed(_params()["inbox"], _params()["db"], list(results or []))

    @task
    def resolve(errors: list[str]) -> bool:
        from ingest.tasks import resolve

        return resolve(_params()["db"], _params()["overrides"] or None)

    @task
    def marts(resolved: bool) -> bool:
        from ingest.tasks import build_marts

        as_of = _params()["as_of"] or get_current_context()["dag_run"].run_after.date().isoformat()
        return build_marts(_params()["db"], as_of, force=resolved)

    @task
    def reports(changed: bool) -> bool:
        from ingest.tasks import report

        report(_params()["db"], _params()["reports"])
        return changed

    @task(outlets=[MARTS])
    def publish(changed: bool, errors: list[str]) -> None:
        from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

        if errors:
            raise AirflowFailException(f"{len(errors)} export(s) could not be read: " + " | ".join(errors))
        if not changed:
            raise AirflowSkipException("marts unchanged: no Asset event")

    errors = load(parse.expand(item=discover()))
    publish(reports(marts(resolve(errors))), errors)


dag = social_exports()
