"""Admission control: a few heavy requests at a time per worker process, the rest answered 503 at once.

gthread hands every connection to a thread from one queue, so a burst of batches (each a second of
CPU, shared through the GIL) fills every thread of a worker and /healthz waits behind them in that
queue: 40 batches of 1,000 items kept /healthz waiting 40 s. Load shedding, as nginx's limit_conn and
Envoy's overload manager do it: a request to a heavy endpoint takes a slot of a non-blocking semaphore
before its body is read, and when none is free it is answered 503 with Retry-After straight away.
Heavy work in flight is then bounded by MAX_HEAVY_REQUESTS per worker, threads come free in
milliseconds, and health checks and light requests (lookups, a single classify) never queue behind it.
503 is a server-side status by design: the client did nothing wrong and should retry later.
"""

from __future__ import annotations

import threading

from flask import Flask, current_app, g, request
from flask_smorest import abort

# The endpoints whose work grows with a batch or a long text: seconds of CPU at their limits.
HEAVY_ENDPOINTS = frozenset(
    {"classify.classify_batch", "translation.check", "translation.check_batch", "translation.annotate", "pages.classify", "pages.check"}
)
RETRY_AFTER = "1"  # seconds: the heaviest batch takes about one
_SLOTS = "cxo.heavy_slots"


def init_app(app: Flask) -> None:
    """Bound the heavy requests app runs at once to MAX_HEAVY_REQUESTS; shed the others with 503."""
    app.extensions[_SLOTS] = threading.BoundedSemaphore(app.config["MAX_HEAVY_REQUESTS"])
    app.before_request(_admit)
    app.teardown_request(_release)


def _admit() -> None:
    if request.endpoint not in HEAVY_ENDPOINTS or request.method != "POST":
        return
    if not current_app.extensions[_SLOTS].acquire(blocking=False):
        limit = current_app.config["MAX_HEAVY_REQUESTS"]
        message = f"The server is busy: {limit} heavy requests are running in this worker already; retry after {RETRY_AFTER} s."
        abort(503, message=message, headers={"Retry-After": RETRY_AFTER})
    g.heavy_slot = True


def _release(error: BaseException | None = None) -> None:
    if g.pop("heavy_slot", False):
        current_app.extensions[_SLOTS].release()
