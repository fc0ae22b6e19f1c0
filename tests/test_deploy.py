"""Checks of the deployment files (docker-compose.yml, Dockerfile) that a user would otherwise find out by running them.

No Docker engine is needed: the files are parsed and compared with each other, with the DAG, with requirements.lock
and with the installed Airflow. The default deployment is one host with LocalExecutor; the `celery` profile adds
Redis, parse workers and the single loader.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
LOCK_FILE = ROOT / "requirements.lock"

DAG_FILE = ROOT / "dags" / "social_exports.py"

CORE_SERVICES = [
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
]
CELERY_WORKERS = ["airflow-worker", "airflow-loader"]
AIRFLOW_SERVICES = CORE_SERVICES + CELERY_WORKERS
# Long-running services that need a migrated metadata database before they start.
DB_USERS = [s for s in AIRFLOW_SERVICES if s != "airflow-init"]
EXPECTED_COMMANDS = {
    "airflow-apiserver": ["api-server"],
    "airflow-scheduler": ["scheduler"],
    "airflow-dag-processor": ["dag-processor"],
    "airflow-triggerer": ["triggerer"],
    "airflow-worker": ["celery", "worker", "--queues", "default"],
}


# --- helpers -------------------------------------------------------------------------------------------------------

_VAR = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?-)(?P<default>[^}]*))?\}")


def interpolate(value: object, variables: dict[str, str] | None = None) -> str:
    """Resolve ${VAR}, ${VAR:-default} and ${VAR-default} as compose does with ``variables`` set (default: none)."""
    variables = variables or {}
    text = str(value)
    resolved = _VAR.sub(lambda m: variables.get(m.group("name")) or m.group("default") or "", text)
    return resolved.replace("$$", "$")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose) -> dict:
    return compose["services"]


@pytest.fixture(scope="module")
def lock_text() -> str:
    return LOCK_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def airflow_version(lock_text) -> str:
    found = re.findall(r"^apache-airflow==([^\s\\]+)", lock_text, flags=re.MULTILINE)
    assert len(found) == 1, f"expected one apache-airflow pin in {LOCK_FILE.name}, found {found}"
    return found[0]


@pytest.fixture(scope="module")
def dockerfile_text() -> str:
    return DOCKERFILE.read_text(encoding="utf-8")


def env_of(service: dict, variables: dict[str, str] | None = None) -> dict[str, str]:
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) if "=" in item else (item, "") for item in raw)
    return {key: interpolate(value, variables) for key, value in raw.items()}


def dag_constant(name: str) -> str:
    """A string constant of the DAG file (read as text: importing it would import Airflow)."""
    match = re.search(rf'^{name} = "([^"]+)"', DAG_FILE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert match, f"{name} not found in {DAG_FILE.name}"
    return match.group(1)


def mounts_of(service: dict) -> list[dict]:
    """Volumes as dicts with source, target and read_only, for short and long syntax."""
    result = []
    for entry in service.get("volumes") or []:
        if isinstance(entry, str):
            parts = interpolate(entry).split(":")
            source, target = (parts[0], parts[1]) if len(parts) > 1 else (None, parts[0])
            options = parts[2].split(",") if len(parts) > 2 else []
            result.append({"source": source, "target": target, "read_only": "ro" in options})
        else:
            result.append(
                {
                    "source": interpolate(entry.get("source")) if entry.get("source") else None,
                    "target": interpolate(entry["target"]),
                    "read_only": bool(entry.get("read_only")),
                }
            )
    return result


def bind_mount(service: dict, host_dir: str) -> dict:
    wanted = posixpath.normpath(host_dir)
    matches = [m for m in mounts_of(service) if m["source"] and posixpath.normpath(m["source"]) == wanted]
    assert len(matches) == 1, f"expected one mount of {host_dir}, got {mounts_of(service)}"
    return matches[0]


def depends_on(service: dict) -> dict[str, str]:
    raw = service.get("depends_on") or {}
    if isinstance(raw, list):  # short syntax means service_started
        return {name: "service_started" for name in raw}
    return {name: (spec or {}).get("condition", "service_started") for name, spec in raw.items()}


def command_of(service: dict) -> list[str]:
    command = service.get("command")
    return command.split() if isinstance(command, str) else list(command or [])


def healthcheck_test(service: dict) -> str:
    test = (service.get("healthcheck") or {}).get("test")
    assert test, "service has no healthcheck"
    return " ".join(test) if isinstance(test, list) else str(test)


def dockerfile_copies(dockerfile_text: str) -> dict[str, str]:
    """Map each COPY source (without trailing slash) to its destination; a directory's content lands there."""
    copies = {}
    for line in dockerfile_text.splitlines():
        words = [w for w in line.split() if not w.startswith("--")]
        if words and words[0].upper() == "COPY":
            *sources, destination = words[1:]
            for source in sources:
                copies[source.rstrip("/")] = destination.rstrip("/")
    return copies


# --- services ------------------------------------------------------------------------------------------------------


def test_all_services_are_defined(services):
    assert set(services) >= {"postgres", *AIRFLOW_SERVICES}


@pytest.mark.parametrize("name", EXPECTED_COMMANDS)
def test_each_airflow_service_runs_its_component(services, name):
    assert command_of(services[name]) == EXPECTED_COMMANDS[name]


def test_init_migrates_and_creates_the_pool_the_dag_uses(services):
    command = services["airflow-init"]["command"]
    assert command[:2] == ["bash", "-c"] and len(command) == 3, "the entrypoint runs `bash -c` after its DB check"
    steps = [step.strip() for step in command[2].split("&&")]
    assert steps[0] == "airflow db migrate"
    assert steps[1].startswith(f"airflow pools set {dag_constant('DUCKDB_POOL')} 1 "), steps


def test_airflow_services_share_one_image_pinned_to_the_locked_airflow(services, airflow_version):
    images = {name: interpolate(services[name].get("image", "")) for name in AIRFLOW_SERVICES}
    assert len(set(images.values())) == 1, f"airflow services use different images: {images}"
    image = images["airflow-init"]
    repository, _, tag = image.rpartition(":")
    assert repository and tag, f"image {image!r} carries no tag"
    assert tag.split("-")[0] == airflow_version, f"image {image} vs apache-airflow=={airflow_version} in the lock"


def test_image_is_built_from_the_projects_dockerfile(services):
    for name in AIRFLOW_SERVICES:
        build = services[name].get("build")
        assert build is not None, f"{name}: no build section, the custom image would be pulled and not found"
        context = build if isinstance(build, str) else build.get("context", ".")
        dockerfile = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
        assert (ROOT / context / dockerfile).resolve() == DOCKERFILE.resolve(), name


def test_dockerfile_base_image_matches_the_lock(dockerfile_text, lock_text, airflow_version):
    from_lines = re.findall(r"^FROM\s+(\S+)", dockerfile_text, flags=re.MULTILINE | re.IGNORECASE)
    assert len(from_lines) == 1, from_lines
    match = re.fullmatch(r"apache/airflow:(?P<airflow>[\d.]+)(?:-python(?P<python>[\d.]+))?", from_lines[0])
    assert match, f"not an official, version-pinned Airflow image: {from_lines[0]}"
    assert match["airflow"] == airflow_version
    locked_python = re.search(r"--python-version\s+(\S+)", lock_text)
    assert locked_python, "the lock header does not name the Python version it was compiled for"
    assert match["python"] == locked_python.group(1), "base image Python differs from the lock's Python"


def test_dockerfile_install_cannot_move_airflow(dockerfile_text, airflow_version):
    runs = " ".join(re.findall(r"^RUN\s+(.*?)(?<!\\)$", dockerfile_text, flags=re.MULTILINE | re.DOTALL))
    installs = [cmd for cmd in re.split(r"&&|;", runs) if re.search(r"\bpip\s+install\b", cmd)]
    assert installs, "the Dockerfile does not install the project"
    for cmd in installs:
        pinned = re.search(r"apache-airflow==(\$\{?AIRFLOW_VERSION\}?|" + re.escape(airflow_version) + r")\b", cmd)
        assert pinned, f"pip may up- or downgrade the image's Airflow: {cmd.strip()}"


# --- configuration -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CORE_SERVICES)
def test_executor_is_local_by_default_and_celery_when_asked(services, name):
    assert env_of(services[name]).get("AIRFLOW__CORE__EXECUTOR") == "LocalExecutor"
    celery = env_of(services[name], {"AIRFLOW_EXECUTOR": "CeleryExecutor"})
    assert celery["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_metadata_db_is_the_postgres_service(services, name):
    url = urlsplit(env_of(services[name])["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"])
    postgres_env = env_of(services["postgres"])
    assert url.scheme.split("+")[0] == "postgresql"
    assert url.hostname == "postgres" and url.hostname in services
    assert (url.port or 5432) == 5432
    assert url.username == postgres_env["POSTGRES_USER"]
    assert url.password == postgres_env["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == postgres_env["POSTGRES_DB"]


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_dags_are_mounted_where_airflow_looks_for_them(services, name):
    service = services[name]
    dags = bind_mount(service, "./dags")
    assert dags["target"] == env_of(service)["AIRFLOW__CORE__DAGS_FOLDER"]
    assert dags["read_only"]


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_code_mounts_override_the_image_copy(services, dockerfile_text, name):
    service = services[name]
    copies = dockerfile_copies(dockerfile_text)
    for host_dir in ("src", "sql"):
        mount = bind_mount(service, f"./{host_dir}")
        assert mount["read_only"], host_dir
        assert mount["target"] == copies.get(host_dir), f"{host_dir} mounted at {mount['target']}, copied to {copies}"
    src_target = bind_mount(service, "./src")["target"]
    assert src_target in env_of(service).get("PYTHONPATH", "").split(":")


@pytest.mark.parametrize("name", CORE_SERVICES + ["airflow-loader"])
def test_data_volumes_hold_the_duckdb_file_inboxes_batches_and_reports(compose, services, name):
    service = services[name]
    env = env_of(service)
    targets = {m["source"]: m["target"] for m in mounts_of(service) if not m["read_only"]}
    assert posixpath.dirname(env["UNSOCIAL_DB"]) == targets["unsocial-data"]
    assert env["UNSOCIAL_INBOXES"] == targets["unsocial-inboxes"]
    assert env["UNSOCIAL_BATCHES"] == targets["unsocial-batches"]
    assert posixpath.commonpath([env["UNSOCIAL_REPORTS"], targets["unsocial-data"]]) == targets["unsocial-data"], \
        "the reports are lost with the container"


def test_named_volumes_are_declared(compose, services):
    declared = set(compose.get("volumes") or {})
    for name, service in services.items():
        for mount in mounts_of(service):
            source = mount["source"]
            if source and not source.startswith((".", "/", "~")):
                assert source in declared, f"{name} uses undeclared volume {source}"
    assert {"unsocial-data", "unsocial-inboxes", "unsocial-batches", "postgres-db"} <= declared
    pg_targets = [m["target"] for m in mounts_of(services["postgres"]) if m["source"] == "postgres-db"]
    assert pg_targets == ["/var/lib/postgresql/data"]


def test_components_share_the_jwt_secret(services):
    secrets = {name: env_of(services[name]).get("AIRFLOW__API_AUTH__JWT_SECRET") for name in AIRFLOW_SERVICES}
    assert all(secrets.values()), f"JWT secret missing in {[n for n, s in secrets.items() if not s]}"
    assert len(set(secrets.values())) == 1, "components with different JWT secrets reject each other's tokens"


@pytest.mark.parametrize("name", AIRFLOW_SERVICES)
def test_execution_api_url_reaches_the_api_server(services, name):
    url = urlsplit(env_of(services[name])["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"])
    assert url.hostname in services, f"{url.hostname} is not a service"
    assert command_of(services[url.hostname]) == ["api-server"]
    assert (url.port or 80) == 8080
    assert url.path.rstrip("/") == "/execution"


# --- start-up order and health -------------------------------------------------------------------------------------


def test_postgres_has_a_readiness_healthcheck(services):
    assert "pg_isready" in healthcheck_test(services["postgres"])


def test_init_waits_for_postgres(services):
    deps = depends_on(services["airflow-init"])
    assert deps.get("postgres") == "service_healthy"
    assert "airflow-init" not in deps


@pytest.mark.parametrize("name", DB_USERS)
def test_components_wait_for_healthy_db_and_finished_migration(services, name):
    deps = depends_on(services[name])
    assert deps.get("postgres") == "service_healthy"
    assert deps.get("airflow-init") == "service_completed_successfully"


def test_api_server_publishes_8080_with_a_healthcheck(services):
    api = services["airflow-apiserver"]
    container_ports = []
    for port in api.get("ports") or []:
        if isinstance(port, dict):
            container_ports.append(int(port["target"]))
        else:
            container_ports.append(int(str(port).split("/")[0].rsplit(":", 1)[-1]))
    assert 8080 in container_ports
    check = healthcheck_test(api)
    assert "localhost:8080/api/v2/monitor/health" in check


def test_health_endpoint_exists_in_the_installed_airflow(tmp_path, services):
    """The healthcheck URL must be a route of the pinned Airflow, or the api-server never becomes healthy."""
    path = urlsplit(re.search(r"https?://\S+", healthcheck_test(services["airflow-apiserver"])).group(0)).path
    code = (
        "from airflow.api_fastapi.core_api.routes.public import public_router\n"
        "print('\\n'.join(r.path for r in public_router.routes))"
    )
    env = {**os.environ, "AIRFLOW_HOME": str(tmp_path), "AIRFLOW__CORE__LOAD_EXAMPLES": "False"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert path in out.stdout.split()


# --- profile `celery`: parsing spread over workers, one loader -----------------------------------------------------


def test_celery_services_start_only_with_their_profile(services):
    for name in ("redis", *CELERY_WORKERS):
        assert services[name].get("profiles") == ["celery"], name
    for name in ("postgres", *CORE_SERVICES):
        assert not services[name].get("profiles"), f"{name} would not start by default"


@pytest.mark.parametrize("name", CELERY_WORKERS)
def test_workers_run_celery_against_redis_and_postgres(services, name):
    env = env_of(services[name])  # whatever AIRFLOW_EXECUTOR says: `airflow celery` needs CeleryExecutor
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    broker = urlsplit(env["AIRFLOW__CELERY__BROKER_URL"])
    assert broker.scheme == "redis" and broker.hostname in services and (broker.port or 6379) == 6379
    assert "redis-cli" in healthcheck_test(services[broker.hostname])
    assert urlsplit(env["AIRFLOW__CELERY__RESULT_BACKEND"]).hostname == "postgres"
    assert depends_on(services[name]).get(broker.hostname) == "service_healthy"
    assert "inspect ping" in healthcheck_test(services[name])


def test_one_loader_process_serves_the_database_queue(services):
    queue = dag_constant("LOADER_QUEUE")
    consumers = {name: command_of(s) for name, s in services.items() if "celery" in command_of(s)}
    serving = [name for name, command in consumers.items()
               if queue in command[command.index("--queues") + 1].split(",")]
    assert serving == ["airflow-loader"]
    command = consumers["airflow-loader"]
    assert command[command.index("--concurrency") + 1] == "1"
    assert "deploy" not in services["airflow-loader"] and "scale" not in services["airflow-loader"]


def test_parse_workers_cannot_reach_the_database_but_share_inboxes_and_batches(services):
    worker, loader = mounts_of(services["airflow-worker"]), mounts_of(services["airflow-loader"])
    assert "unsocial-data" not in {m["source"] for m in worker}, "a parse worker could open the DuckDB file"
    by_source = {m["source"]: m for m in worker}
    assert by_source["unsocial-inboxes"]["read_only"] and not by_source["unsocial-batches"]["read_only"]
    for volume in ("unsocial-inboxes", "unsocial-batches"):  # batches travel between tasks as absolute paths
        assert by_source[volume]["target"] == {m["source"]: m["target"] for m in loader}[volume], volume
    env = env_of(services["airflow-worker"])
    assert env["UNSOCIAL_BATCHES"] == by_source["unsocial-batches"]["target"]
    assert env["UNSOCIAL_INBOXES"] == by_source["unsocial-inboxes"]["target"]



def test_data_volumes_are_seeded_from_folders_the_airflow_user_owns(services, dockerfile_text):
    """A new named volume takes the ownership of the image's folder at its mount point: without it, root owns it."""
    folders = re.findall(r"mkdir -p ([^&\n]+)", dockerfile_text)[0].replace("\\", " ").split()
    made = {posixpath.dirname(f) for f in folders} | set(folders)  # mkdir -p makes the parents too
    assert re.search(r"chown -R airflow:0 [^&\n]*/data\b", dockerfile_text)
    for name in AIRFLOW_SERVICES:
        for mount in mounts_of(services[name]):
            if mount["source"] and mount["source"].startswith("unsocial-"):
                assert mount["target"] in made, f"{mount['target']} is not made in the image"
