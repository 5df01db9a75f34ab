# CXO glossary and classifier: the HTTP API under gunicorn, the app preloaded so workers share the glossary.
#   docker build -t cxo-glossary . && docker run --rm -p 8000:8000 cxo-glossary
# No Docker engine runs in CI: tests/install/test_docker_replay.py replays these steps in a venv.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CXO_CACHE_DIR=/home/cxo/.cache/cxo

# The user the service runs as; CXO_CACHE_DIR (jieba's dictionary cache) is in its home.
RUN groupadd --gid 10001 cxo \
    && useradd --no-log-init --create-home --uid 10001 --gid cxo cxo

WORKDIR /src

# Dependencies first, pinned by the lock file, in a layer of their own: rebuilt only when the lock changes.
COPY requirements/lock.txt requirements/
RUN pip install --no-cache-dir -r requirements/lock.txt

# Then the package: a normal, non-editable install, the glossary inside it as package data.
COPY pyproject.toml README.md LICENSE ./
COPY glossary_api/ glossary_api/
RUN pip install --no-cache-dir --no-deps . && pip check

USER 10001:10001
# The service runs from the user's home, so the installed package is what runs, not the source in /src.
WORKDIR /home/cxo
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2)"]
# The serving settings are the ones `cxo serve` uses (glossary_api/web/gunicorn_conf.py: gthread workers,
# the app preloaded, problem+json error pages, JSON access log); WEB_CONCURRENCY sets the worker count.
CMD ["gunicorn", "--config", "python:glossary_api.web.gunicorn_conf", "--bind", "0.0.0.0:8000"]
