"""A burst of heavy requests against the real server (slow): beyond MAX_HEAVY_REQUESTS per worker they get 503 at
once, /healthz still answers within a second, and as many as the limit allows all succeed."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request

import pytest

from glossary_api import load_settings

pytestmark = pytest.mark.slow
PER_WORKER = load_settings(environ={})["MAX_HEAVY_REQUESTS"]
BATCH = json.dumps({"items": [{"id": i, "text": ("CRO " * 25)[:100]} for i in range(1_000)]}).encode()  # the slowest batch


def post_batch(port: int) -> tuple[int, float, str | None]:
    """POST the batch; return status, seconds and Retry-After."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/classify/batch", data=BATCH, headers={"Content-Type": "application/json"})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.status, time.monotonic() - started, None
    except urllib.error.HTTPError as error:
        assert error.headers["Content-Type"] == "application/problem+json"
        return error.code, time.monotonic() - started, error.headers["Retry-After"]


def burst(port: int, count: int) -> tuple[list[tuple[int, float, str | None]], list[float]]:
    """Send count batches at once; return their answers and how long /healthz took, asked three times meanwhile."""
    answers: list = []
    threads = [threading.Thread(target=lambda: answers.append(post_batch(port))) for _ in range(count)]
    for thread in threads:
        thread.start()
    health: list[float] = []
    try:
        for _ in range(3):
            time.sleep(0.3)
            started = time.monotonic()
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=30).close()
            health.append(time.monotonic() - started)
    finally:
        for thread in threads:
            thread.join()
    return answers, health


def test_a_burst_beyond_the_limit_is_shed_with_503_and_healthz_still_answers(server):
    answers, health = burst(server[0], 40)
    statuses = sorted(status for status, _, _ in answers)
    assert set(statuses) == {200, 503} and statuses.count(200) <= 2 * PER_WORKER
    shed = [(seconds, retry) for status, seconds, retry in answers if status == 503]
    assert {retry for _, retry in shed} == {"1"}
    assert sorted(seconds for seconds, _ in shed)[len(shed) // 2] < 1.0  # answered at once, not queued
    assert max(health) < 1.0, health


def test_as_many_heavy_requests_as_one_worker_may_run_all_succeed(server):
    answers, _ = burst(server[0], PER_WORKER)  # however they land on the two workers, none is over its limit
    assert [status for status, _, _ in answers] == [200] * PER_WORKER
