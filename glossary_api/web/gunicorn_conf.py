"""gunicorn settings of the service, used by `cxo serve` and the Docker image alike.

    gunicorn -c python:glossary_api.web.gunicorn_conf --bind 0.0.0.0:8000

Command-line flags override these (--bind, --workers); so does GUNICORN_CMD_ARGS. The choices,
measured with benchmarks/serving/ (figures in the README):
- gthread workers (web/workers.py), one per core, 16 threads each: a client that stalls
  mid-request holds a thread, not a process. With 8 stalled connections open, /healthz and a
  classify answered in 2 and 6 ms; with 4 threads the classify waited 9.5 s for a thread (the
  8 had landed on its worker), and sync workers did not answer /healthz within a minute. A
  request whose headers or body stall is answered 408 after 10 s (workers.READ_TIMEOUT), which frees its thread.
- the app preloaded in the master: the glossary and jieba are loaded once and shared.
- JSON access log lines on stdout with the request id (web/access_log.py).
- Prometheus counts kept in files that /metrics adds up over the workers (web/metrics.py).
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import sys
import tempfile


def _worker_count() -> int:
    """Return WEB_CONCURRENCY checked (config.web_concurrency), or exit with its one-line message."""
    from glossary_api.config import web_concurrency
    from glossary_api.errors import SettingsError

    try:
        return web_concurrency()
    except SettingsError as error:
        sys.exit(f"Error: {error}")


wsgi_app = "glossary_api.web.wsgi:app"
bind = ["127.0.0.1:8000"]
workers = _worker_count()  # processes; the Docker image and cxo serve --workers set it
worker_class = "glossary_api.web.workers.ProblemThreadWorker"
threads = 16
preload_app = True
timeout = 30  # a worker whose main loop stops answering for this long is replaced
graceful_timeout = 20
keepalive = 5
accesslog = "-"
logger_class = "glossary_api.web.access_log.JSONAccessLogger"
sendfile = False  # gunicorn's sendfile path counts no bytes: the access log said "bytes": 0 for every static file
control_socket_disable = True  # gunicorn >= 25: one control socket per user would be shared by every server

# prometheus_client's multiprocess mode reads this before it is first imported: here, before the app loads.
# A folder this server made itself is removed when it exits (on_exit, or atexit for a start that failed);
# one the operator set is theirs to keep. The master alone removes it: forked workers run atexit too.
_MADE_HERE = "PROMETHEUS_MULTIPROC_DIR" not in os.environ
_METRICS_DIR = os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="cxo-metrics-") if _MADE_HERE else "")
_MASTER = os.getpid()
_exited = False


def _remove_metrics_dir() -> None:
    global _exited
    if _MADE_HERE and not _exited and os.getpid() == _MASTER:
        _exited = True
        shutil.rmtree(_METRICS_DIR, ignore_errors=True)


atexit.register(_remove_metrics_dir)


def on_exit(server: object) -> None:
    """Remove the metrics folder this server made, unless a new master took it over (USR2: it inherited the variable)."""
    global _exited
    if getattr(server, "reexec_pid", 0):
        _exited = True  # the new master writes there now
    _remove_metrics_dir()


def on_starting(server: object) -> None:
    """Start the counts from zero: the files an earlier server left in the folder would be added in."""
    os.makedirs(_METRICS_DIR, exist_ok=True)
    for leftover in glob.glob(os.path.join(_METRICS_DIR, "*.db")):  # prometheus_client's files, nothing else
        os.remove(leftover)


def child_exit(server: object, worker: object) -> None:
    """Drop the live gauges of a worker that ended (its counters stay in the totals)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
