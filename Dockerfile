# Airflow image for unsocial: the official image plus the `ingest` package.
# Airflow and Python are pinned to what requirements.lock was compiled for (apache-airflow==3.3.2, Python 3.11).
FROM apache/airflow:3.3.2-python3.11

USER root
# /data, /data/inboxes and /data/batches become the `unsocial-data`, `unsocial-inboxes` and `unsocial-batches`
# volumes: Docker seeds a new named volume from the image, ownership included, so the airflow user (any UID,
# group 0) can write the DuckDB file, the parsed batches and the reports.
RUN mkdir -p /opt/unsocial /data/inboxes /data/batches /data/reports \
    && chown -R airflow:0 /opt/unsocial /data \
    && chmod -R g+rwX /data

USER airflow
COPY --chown=airflow:0 requirements.lock pyproject.toml /opt/unsocial/
COPY --chown=airflow:0 src/ /opt/unsocial/src/
COPY --chown=airflow:0 sql/ /opt/unsocial/sql/
COPY --chown=airflow:0 schemas/ /opt/unsocial/schemas/

# The image already holds Airflow and its providers, installed against Airflow's official constraints.
# Installing requirements.lock (resolved without those constraints) would up/downgrade them, so the lock is
# only shipped for reference. Install just the project; naming apache-airflow==$AIRFLOW_VERSION (set by the
# base image) keeps pip from moving Airflow while it adds duckdb, pyarrow & co.
RUN pip install --no-cache-dir "apache-airflow==${AIRFLOW_VERSION}" /opt/unsocial
