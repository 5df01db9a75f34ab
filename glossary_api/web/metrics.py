"""Prometheus metrics at /metrics: requests and latency by route and status, decisions by label.

Under gunicorn every worker process counts for itself; with PROMETHEUS_MULTIPROC_DIR set (the
gunicorn config sets it) prometheus_client keeps the counts in files there, and /metrics adds up
every worker's, so any worker answers for the whole server. Without it (tests, a single
process) the counts live in this process.
"""

from __future__ import annotations

import os
import time

from flask import Flask, Response, g, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

REQUESTS = Counter("cxo_http_requests", "HTTP requests answered", ["route", "method", "status"])
LATENCY = Histogram(
    "cxo_http_request_duration_seconds",
    "Time from the request reaching the app to its response, by route and status",
    ["route", "method", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
DECISIONS = Counter("cxo_decisions", "Texts classified, by the label they got", ["label"])
UNMATCHED = "unmatched"  # the route of a request no rule matched: one series, whatever the URL
# The methods the app serves; any other (a client may send any token) is counted as "other", one series.
METHODS = frozenset({"GET", "HEAD", "POST", "OPTIONS"})
OTHER_METHOD = "other"


def init_app(app: Flask) -> None:
    """Time and count every request of app, and serve the counts at /metrics."""
    app.before_request(_start_clock)
    app.after_request(_count)
    app.add_url_rule("/metrics", "metrics", metrics)


def count_decision(label: str) -> None:
    """Count one classified text under its label."""
    DECISIONS.labels(label).inc()


def metrics() -> Response:
    """Return every metric in the Prometheus text format, summed over the server's workers."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


def _start_clock() -> None:
    g.started = time.perf_counter()


def _count(response: Response) -> Response:
    rule = request.url_rule
    method = request.method if request.method in METHODS else OTHER_METHOD
    key = (rule.rule if rule else UNMATCHED, method, response.status_code)
    series = _SERIES.get(key)
    if series is None:  # labels() checks and locks on every call: look each series up once
        labels = (key[0], key[1], str(key[2]))
        series = _SERIES[key] = (REQUESTS.labels(*labels), LATENCY.labels(*labels))
    series[0].inc()
    started = g.get("started")
    if started is not None:
        series[1].observe(time.perf_counter() - started)
    return response


# (route, method, status) -> its counter and histogram; bounded: routes are rules, not URLs, methods a fixed set.
_SERIES: dict[tuple[str, str, int], tuple] = {}
