"""Run DAGs of ``dags/`` with ``dag.test()`` in this process (called by tests in a subprocess).

Usage: python tests/run_dag.py SPEC.json RESULT.json, where SPEC is
``{"runs": [{"dag": "social_exports", "conf": {...}}, ...]}``. The runs go one after another, each
announced on stdout by a line ``=== run N: DAG``; RESULT gets, per run, its state and its task
instances (task id, map index, state, start and end, pid, pool) and the Asset events it published (their
``extra``). AIRFLOW_HOME must point at a fresh
folder. Tasks run one by one in this process: ``dag.test(use_executor=True)`` would need an
Execution API server, which dag.test does not start (measured: every task fails with "connection
refused"), so parallel runs are tested against ``airflow standalone`` (test_airflow_standalone.py).
"""

import importlib.util
import json
import os
import sys
from pathlib import Path

DAGS = Path(__file__).resolve().parents[1] / "dags"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")

from airflow.utils.db import initdb  # noqa: E402  (after the environment is set)


def load_dag(dag_id: str):
    spec = importlib.util.spec_from_file_location(dag_id, DAGS / f"{dag_id}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.dag


def task_instances(run) -> list[dict]:
    from airflow.utils.session import create_session

    with create_session() as session:
        return [{"task_id": ti.task_id, "map_index": ti.map_index, "state": str(ti.state), "pid": ti.pid,
                 "pool": ti.pool, "start": ti.start_date.timestamp() if ti.start_date else None,
                 "end": ti.end_date.timestamp() if ti.end_date else None,
                 "label": ti.rendered_map_index}
                for ti in sorted(run.get_task_instances(session=session), key=lambda t: (t.task_id, t.map_index))]


def asset_events(run) -> list[dict]:
    from airflow.models.asset import AssetEvent
    from airflow.utils.session import create_session
    from sqlalchemy import select

    with create_session() as session:
        query = select(AssetEvent).where(AssetEvent.source_run_id == run.run_id).order_by(AssetEvent.id)
        return [event.extra for event in session.scalars(query)]


def main() -> int:
    spec = json.loads(Path(sys.argv[1]).read_text())
    initdb()
    results = []
    for number, item in enumerate(spec["runs"]):
        print(f"=== run {number}: {item['dag']}", flush=True)
        run = load_dag(item["dag"]).test(run_conf=item.get("conf"))
        results.append({"dag": item["dag"], "state": str(run.state), "tasks": task_instances(run),
                        "asset_events": asset_events(run)})
        print(f"{item['dag']} run state: {run.state}")
    Path(sys.argv[2]).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
