# Offload's API and worker: one image, slim, run as an unprivileged user.
# Build: docker build -t offload .   Run: see compose.yaml (API replicas, worker, proxy).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system --gid 10001 offload \
    && useradd --system --uid 10001 --gid offload --home-dir /srv/offload --shell /usr/sbin/nologin offload

WORKDIR /srv/offload
# The migrations and alembic.ini are read from the source tree (api/migrate.py), so the
# project is installed in place rather than as a wheel into site-packages.
COPY pyproject.toml README.md alembic.ini constraints.txt ./
COPY api ./api
COPY matching ./matching
COPY migrations ./migrations
# The versions CI tested: constraints.txt pins every dependency (scripts/lock refreshes it).
RUN pip install --constraint constraints.txt --editable . && chown -R offload:offload /srv/offload

USER 10001:10001
EXPOSE 8000
# Liveness only: /readyz (database and migrations) is for the proxy and the orchestrator.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
# `offload serve` applies migrations before it listens; with several replicas, compose.yaml
# runs `offload migrate` once first so they never race to apply the same revision.
CMD ["offload", "serve", "--host", "0.0.0.0", "--port", "8000"]
