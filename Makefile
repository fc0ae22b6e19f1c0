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
	touch $@

demo: $(BIN)/.installed
	$(BIN)/unsocial demo --dir demo

test: $(BIN)/.installed
	$(BIN)/python -m pytest --cov=ingest --cov-report=term $(PYTEST_ARGS)

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
