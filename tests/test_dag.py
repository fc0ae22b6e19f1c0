"""The social_exports DAG in real Airflow (``dag.test()``), against the same inbox as ``unsocial run``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from conftest import AS_OF

ROOT = Path(__file__).parents[1]
VIEWS = {
    "contacts": "select * exclude (person_id) from contacts order by all",
    "person_accounts": "select * exclude (person_id) from person_accounts order by all",
    "interactions": "select * exclude (person_id) from interactions order by all",
    "quarantine": "select * from quarantine order by all",
}


def views(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(sql).fetchall() for name, sql in VIEWS.items()}


def airflow_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIRFLOW")}
    env.update(AIRFLOW_HOME=str(home), AIRFLOW__CORE__LOAD_EXAMPLES="False", PYTHONWARNINGS="ignore")
    return env


def test_dag_run_produces_the_same_views_as_the_command_line(unsocial, inbox, tmp_path):
    cli_db = tmp_path / "cli" / "unsocial.duckdb"
    assert unsocial("run", inbox, "--db", cli_db, "--reports", tmp_path / "cli" / "reports", "--as-of", AS_OF).code == 0
    dag_inbox = tmp_path / "copy" / "marta"  # same owner (folder name), another place
    shutil.copytree(inbox, dag_inbox)
    dag_db, dag_reports = tmp_path / "dag" / "unsocial.duckdb", tmp_path / "dag" / "reports"
    (tmp_path / "airflow").mkdir()
    result = subprocess.run([sys.executable, str(ROOT / "tests" / "run_dag.py"), str(dag_inbox), str(dag_db),
                             str(dag_reports), AS_OF], env=airflow_env(tmp_path / "airflow"),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert views(dag_db) == views(cli_db)
    assert (dag_reports / "marta" / "contacts.csv").read_bytes() == \
        (tmp_path / "cli" / "reports" / "marta" / "contacts.csv").read_bytes()
    for name in ("Jonas", "Weber", "Lindqvist", "Tomasz", "Nowak", "Aylin"):
        assert name not in result.stdout + result.stderr, "personal data in the Airflow task log"


def test_dag_file_does_no_heavy_work_at_import(tmp_path):
    code = ("import runpy, sys; runpy.run_path(sys.argv[1]); "
            "print(sorted(m for m in ('duckdb', 'ingest', 'pyarrow') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code, str(ROOT / "dags" / "social_exports.py")],
                            env=airflow_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"
