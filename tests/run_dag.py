"""Run the social_exports DAG once with ``dag.test()`` in this process (called by tests in a subprocess).

Usage: python tests/run_dag.py INBOX DB REPORTS AS_OF. AIRFLOW_HOME must point at a fresh folder.
Exits 0 when the DAG run succeeded.
"""

import importlib.util
import os
import sys
from pathlib import Path

DAGS = Path(__file__).resolve().parents[1] / "dags"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")

from airflow.utils.db import initdb  # noqa: E402  (after the environment is set)


def main() -> int:
    inbox, db, reports, as_of = sys.argv[1:5]
    initdb()
    spec = importlib.util.spec_from_file_location("social_exports", DAGS / "social_exports.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dag = module.dag
    run = dag.test(run_conf={"inbox": inbox, "db": db, "reports": reports, "as_of": as_of})
    print(f"dag run state: {run.state}")
    return 0 if str(run.state) == "success" else 1


if __name__ == "__main__":
    sys.exit(main())
