# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.8

.PHONY: demo test lock airflow bench clean

$(BIN)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --compile-bytecode requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --compile-bytecode -e .
	rm -f $(BIN)/.bench  # the sync removed the benchmark's peers
	touch $@

demo: $(BIN)/.installed
	$(BIN)/unsocial demo --dir demo

# On every core (pytest-xdist), a test file's tests on one worker: its module fixtures are made once; the files
# marked long first (tests/conftest.py), in that order.
test: $(BIN)/.installed
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder --cov=ingest --cov-report=term $(PYTEST_ARGS)

# Re-resolve the lock file after changing pyproject.toml.
lock: $(BIN)/.installed
	$(BIN)/uv pip compile pyproject.toml --extra airflow --extra dev --python-version 3.11 \
		--generate-hashes --quiet -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra airflow --extra dev --extra bench --python-version 3.11 \
		--generate-hashes --quiet -o requirements-bench.lock

# The benchmarks' peers (Splink, recordlinkage, er-evaluation) come from a lock of their own.
$(BIN)/.bench: $(BIN)/.installed requirements-bench.lock
	$(BIN)/uv pip sync --quiet --python $(BIN)/python --compile-bytecode requirements-bench.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --compile-bytecode -e .
	touch $@

bench: $(BIN)/.bench
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) demo .pytest_cache

# Airflow on this machine: `airflow standalone` (scheduler, DAG processor, triggerer, API server and UI on
# http://localhost:$(AIRFLOW_PORT), this machine only) with its home in .airflow/, the project's DAGs, no
# examples and one task process per core. Log in as `admin`; the generated password is in
# .airflow/simple_auth_manager_passwords.json.generated. Exports go into $(UNSOCIAL_INBOXES)/<owner>/.
AIRFLOW_PORT ?= 8080
airflow: export AIRFLOW_HOME := $(CURDIR)/.airflow
airflow: export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
airflow: export AIRFLOW__CORE__LOAD_EXAMPLES := False
airflow: export AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION := False
airflow: export AIRFLOW__CORE__PARALLELISM := $(shell nproc 2>/dev/null || echo 2)
airflow: export AIRFLOW__DAG_PROCESSOR__PARSING_PROCESSES := 1
# A task process's end is noticed at the supervisor's next wake-up (every 5 s by default): a worker
# then sits idle for up to 5 s after each task. 1 s lets the next task start at once.
airflow: export AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL := 1
airflow: export AIRFLOW__API__HOST := 127.0.0.1
airflow: export AIRFLOW__API__PORT := $(AIRFLOW_PORT)
airflow: export AIRFLOW__API__BASE_URL := http://localhost:$(AIRFLOW_PORT)
airflow: export UNSOCIAL_INBOXES ?= $(CURDIR)/inboxes
airflow: export UNSOCIAL_DB ?= $(CURDIR)/unsocial.duckdb
airflow: export UNSOCIAL_REPORTS ?= $(CURDIR)/reports
airflow: export PATH := $(CURDIR)/$(BIN):$(PATH)
airflow: $(BIN)/.installed
	mkdir -p "$$AIRFLOW_HOME" "$$UNSOCIAL_INBOXES"
	airflow db migrate
	airflow pools set unsocial_duckdb 1 "one DuckDB user at a time: social_exports and social_reports"
	exec airflow standalone
