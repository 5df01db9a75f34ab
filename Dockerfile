# CXO glossary and classifier: the HTTP API under gunicorn, app preloaded so workers share the glossary.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CXO_CACHE_DIR=/home/cxo/.cache/cxo

WORKDIR /app

# Dependencies first, in their own layer: it is rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN mkdir glossary_api && touch glossary_api/__init__.py \
    && pip install --no-cache-dir . \
    && pip uninstall --yes cxo-glossary

COPY glossary_api/ glossary_api/
# the glossary is package data inside glossary_api/
RUN pip install --no-cache-dir --no-deps --editable . \
    && useradd --create-home --uid 10001 cxo

USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "--preload", "--access-logfile", "-", "glossary_api:create_app()"]
