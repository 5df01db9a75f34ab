"""Soak: mixed traffic, bad requests included, against the service for a bounded time; memory and errors.

    .venv/bin/python benchmarks/serving/soak.py                 # 10 minutes, 4 client threads
    .venv/bin/python benchmarks/serving/soak.py --minutes 1

The service runs as deployed (gunicorn with glossary_api/web/gunicorn_conf.py, 2 workers) on
127.0.0.1. Clients send lookups, searches, pages of terms, exports, single and batch
classifications of development-set texts made unique, and bad requests (malformed JSON, a wrong
Content-Type, unknown routes and concepts, wrong methods, a text over the limit, a bad query).
Every 30 s the RSS of each worker is sampled. Verdicts: zero 5xx, no worker restarted (the same
pids at the end), and each worker's RSS at the end within 10% of its value after the warm-up (the
first half of the run, by default: the worker's bounded caches, 65,536 segmentations and as many
English base forms, 512 rendered lookups, fill up in the first minutes). The server runs with
CXO_MAX_HEAVY_REQUESTS at the number of clients (unless it is set), so that no batch is shed with
503 (admission.py; tests/web/test_load_shedding.py holds the shedding) and a 5xx means a fault.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from benchmarks.corpus import corpus_texts
from benchmarks.serving.servers import SERVICE, gunicorn, rss_mb, worker_pids

TEXTS = corpus_texts("dev")
QUERIES = ["CRO", "CMO", "CDMO", "GMP", "合同研究组织", "委託製造", "pharmacovigilance", "临床试验", "API", "IND", "NMPA", "fill-finish"]
JSON_TYPE = {"Content-Type": "application/json"}


def next_request(rng: random.Random, number: int) -> tuple[str, str, bytes | None, dict]:
    """Return (method, path, body, headers) of the next request of the mix."""
    text = f"{rng.choice(TEXTS)} #{number}"  # unique: the caches do not flatter the run
    roll = rng.random()
    if roll < 0.30:
        return "POST", "/v1/classify", json.dumps({"text": text}).encode(), JSON_TYPE
    if roll < 0.35:
        items = [{"id": n, "text": f"{rng.choice(TEXTS)} #{number}.{n}"} for n in range(20)]
        return "POST", "/v1/classify/batch", json.dumps({"items": items}).encode(), JSON_TYPE
    if roll < 0.60:
        return "GET", f"/v1/lookup?q={quote(rng.choice(QUERIES))}", None, {}
    if roll < 0.72:
        return "GET", f"/v1/search?q={quote(rng.choice(QUERIES)[:-1] or 'x')}&limit=5", None, {}
    if roll < 0.78:
        return "GET", f"/v1/terms?offset={rng.randrange(0, 200)}&limit=20", None, {}
    if roll < 0.79:
        return "GET", "/v1/export?format=tsv", None, {}
    if roll < 0.81:
        return "GET", "/healthz", None, {}
    bad = [
        ("POST", "/v1/classify", b"{not json", JSON_TYPE),
        ("POST", "/v1/classify", b'{"text": "CRO"}', {"Content-Type": "text/plain"}),
        ("POST", "/v1/classify", json.dumps({"text": "x" * 10_001}).encode(), JSON_TYPE),
        ("POST", "/v1/classify", b"[" * 2_000 + b"]" * 2_000, JSON_TYPE),
        ("GET", "/v1/terms/no-such-concept", None, {}),
        ("GET", f"/v1/nowhere/{number}", None, {}),
        ("DELETE", "/v1/lookup?q=CRO", None, {}),
        ("GET", "/v1/terms?limit=abc", None, {}),
    ]
    return rng.choice(bad)


def client(base_port: int, seed: int, deadline: float, statuses: Counter, errors: Counter, lock: threading.Lock) -> None:
    """Send the mix over one keep-alive connection (reopened when the server closes it) until the deadline."""
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", base_port, timeout=30)
    number = seed * 10_000_000
    while time.monotonic() < deadline:
        number += 1
        method, path, body, headers = next_request(rng, number)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            with lock:
                statuses[response.status] += 1
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        except (OSError, http.client.HTTPException) as error:
            with lock:
                errors[type(error).__name__] += 1
            connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--warm-up", type=float, default=300.0, help="seconds before the reference RSS is taken (bounded caches fill)")
    args = parser.parse_args()
    os.environ.setdefault("CXO_MAX_HEAVY_REQUESTS", str(args.clients))  # see the module's docstring
    statuses: Counter = Counter()
    errors: Counter = Counter()
    lock = threading.Lock()
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "gunicorn.log"
        with gunicorn(SERVICE, ["--workers", "2"], log) as (base, master):
            port = int(base.rsplit(":", 1)[1])
            booted = time.monotonic() + 60
            while len(worker_pids(master)) < 2 and time.monotonic() < booted:  # the first may answer before the second boots
                time.sleep(0.2)
            pids = sorted(worker_pids(master))
            started = time.monotonic()
            deadline = started + args.minutes * 60
            threads = [threading.Thread(target=client, args=(port, n + 1, deadline, statuses, errors, lock)) for n in range(args.clients)]
            for thread in threads:
                thread.start()
            curve: list[tuple[float, list[float], int]] = []
            while any(thread.is_alive() for thread in threads):
                elapsed = time.monotonic() - started
                with lock:
                    done = sum(statuses.values())
                curve.append((elapsed, [rss_mb(pid) for pid in pids], done))
                time.sleep(min(30.0, max(0.1, deadline - time.monotonic() + 0.1)))
            for thread in threads:
                thread.join()
            curve.append((time.monotonic() - started, [rss_mb(pid) for pid in pids], sum(statuses.values())))
            pids_at_end = sorted(worker_pids(master))
        server_log = log.read_text(errors="replace")
    total = sum(statuses.values())
    seconds = curve[-1][0]
    print(f"{total:,} requests in {seconds:.0f} s ({total / seconds:,.0f}/s) from {args.clients} clients; statuses {dict(sorted(statuses.items()))}")
    print(f"client-side errors: {dict(errors) or 'none'}")
    print(f"{'seconds':>8} {'requests':>10} " + " ".join(f"{'worker ' + str(pid) + ' MB':>18}" for pid in pids))
    for elapsed, sizes, done in curve:
        print(f"{elapsed:8.0f} {done:10,} " + " ".join(f"{size:18.1f}" for size in sizes))
    reference = next((sizes for elapsed, sizes, _ in curve if elapsed >= args.warm_up), curve[0][1])
    final = curve[-1][1]
    growth = [end / ref - 1 for ref, end in zip(reference, final)]
    server_errors = sum(count for status, count in statuses.items() if status >= 500)
    print(f"5xx: {server_errors}; workers restarted: {'no' if pids_at_end == pids else f'yes ({pids} -> {pids_at_end})'}")
    print("RSS after warm-up -> end: " + ", ".join(f"{ref:.1f} -> {end:.1f} MB ({g:+.1%})" for ref, end, g in zip(reference, final, growth)))
    print(f"server log: {server_log.count('WORKER TIMEOUT')} worker timeouts, {server_log.count('Traceback')} tracebacks")
    ok = server_errors == 0 and pids_at_end == pids and all(abs(g) <= 0.10 for g in growth) and not errors
    print("verdict:", "PASS" if ok else "FAIL")


if __name__ == "__main__":
    main()
