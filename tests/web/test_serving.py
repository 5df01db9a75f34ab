"""The service as deployed (`cxo serve`, gunicorn with glossary_api/web/gunicorn_conf.py), over real sockets (slow).

Every error is problem+json, also those gunicorn answers before the app sees the request; stalled
clients hold threads, not the service; /metrics adds up every worker; access log lines are JSON.
"""

from __future__ import annotations

import json
import socket
import time
import urllib.request

import pytest

from glossary_api.web.workers import READ_TIMEOUT

pytestmark = pytest.mark.slow
JSON = b"Content-Type: application/json\r\n"


def exchange(port: int, data: bytes, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, return (status, headers, body) of the answer (read until Content-Length or close)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        try:
            connection.sendall(data)
        except OSError:
            pass  # the server may answer and close before it has read everything (e.g. 413)
        return read_answer(connection)


def read_answer(connection: socket.socket) -> tuple[int, dict[str, str], bytes]:
    received = b""
    while b"\r\n\r\n" not in received:
        chunk = connection.recv(65536)
        assert chunk, f"connection closed before an answer: {received!r}"
        received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", 0))
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), headers, body


def post(path: str, body: bytes, extra: bytes = JSON) -> bytes:
    return b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\n" + extra + b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body


def chunked(path: str, body: bytes, size: int = 65536) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(body[i : i + size]), body[i : i + size]) for i in range(0, len(body), size)]
    return b"POST " + path.encode() + b" HTTP/1.1\r\nHost: x\r\n" + JSON + b"Transfer-Encoding: chunked\r\n\r\n" + b"".join(parts) + b"0\r\n\r\n"


BIG_BATCH = json.dumps({"items": [{"id": i, "text": "CRO clinical trial services " * 300} for i in range(620)]}).encode()  # 5.2 MB
CASES = {
    "request line over 4 KB": (b"GET /v1/lookup?q=" + b"a" * 5_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    "header over 8 KB": (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9_000 + b"\r\n\r\n", 431),
    "over 100 headers": (b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: 1\r\n" % i for i in range(120)) + b"\r\n", 431),
    "garbage request line": (b"GARBAGE\r\n\r\n", 400),
    "query not percent-encoded": ("GET /v1/lookup?q=临床 HTTP/1.1\r\nHost: x\r\n\r\n".encode(), 400),
    "HTTP/2.0 request line": (b"GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n", 400),
    "obsolete line folding": (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 400),
    "unknown transfer coding": (b"POST /v1/classify HTTP/1.1\r\nHost: x\r\n" + JSON + b"Transfer-Encoding: br\r\n\r\n", 501),
    "transfer coding without chunked": (b"POST /v1/classify HTTP/1.1\r\nHost: x\r\n" + JSON + b"Transfer-Encoding: gzip\r\n\r\n", 400),
    "bad chunk size": (b"POST /v1/classify HTTP/1.1\r\nHost: x\r\n" + JSON + b"Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n", 400),
    "chunked body over 4 MiB": (chunked("/v1/classify/batch", BIG_BATCH), 413),
    "body over 4 MiB": (post("/v1/classify/batch", BIG_BATCH), 413),
    "JSON nested 1,000 deep": (post("/v1/classify", b"[" * 1_000 + b"]" * 1_000), 400),
    "integer of 5,000 digits": (post("/v1/classify/batch", b'{"items": [{"id": ' + b"9" * 5_000 + b', "text": "CRO"}]}'), 400),
    "malformed JSON": (post("/v1/classify", b"{not json"), 400),
    "Content-Type text/plain": (post("/v1/classify", b'{"text": "CRO"}', b"Content-Type: text/plain\r\n"), 415),
    "no Content-Type": (post("/v1/classify", b'{"text": "CRO"}', b""), 415),
    "Content-Encoding gzip": (post("/v1/classify", b'{"text": "CRO"}', JSON + b"Content-Encoding: gzip\r\n"), 415),
    "Content-Encoding br": (post("/v1/classify", b'{"text": "CRO"}', JSON + b"Content-Encoding: br\r\n"), 415),
    "text over the limit": (post("/v1/classify", json.dumps({"text": "x" * 10_001}).encode()), 422),
    "wrong method": (b"DELETE /v1/classify HTTP/1.1\r\nHost: x\r\n\r\n", 405),
    "HEAD on a POST route": (b"HEAD /v1/classify HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405),
    "unknown path": (b"GET /v1/nope HTTP/1.1\r\nHost: x\r\n\r\n", 404),
    "unknown concept": (b"GET /v1/terms/..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n", 404),
}


@pytest.mark.parametrize(("request_bytes", "status"), CASES.values(), ids=CASES.keys())
def test_every_error_is_problem_json_with_its_status(server, request_bytes, status):
    answer_status, headers, body = exchange(server[0], request_bytes)
    assert (answer_status, headers["content-type"]) == (status, "application/problem+json")
    assert headers["x-content-type-options"] == "nosniff"
    if not request_bytes.startswith(b"HEAD"):
        problem = json.loads(body)
        assert (problem["status"], problem["type"]) == (status, "about:blank") and problem["detail"]
        assert b"\xe4" not in request_bytes or problem["detail"].startswith("The request line is malformed:")


def test_options_is_204_without_a_body(server):
    status, headers, body = exchange(server[0], b"OPTIONS /v1/classify HTTP/1.1\r\nHost: x\r\n\r\n")
    assert (status, body, "content-type" in headers) == (204, b"", False)
    assert set(headers["allow"].split(", ")) == {"POST", "OPTIONS"}


def stall(port: int) -> socket.socket:
    """Open a connection that sends headers and part of a body, then nothing more."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=READ_TIMEOUT + 10)
    connection.sendall(b"POST /v1/classify HTTP/1.1\r\nHost: x\r\n" + JSON + b'Content-Length: 100\r\n\r\n{"text": ')
    return connection


def test_stalled_clients_do_not_hold_up_others_and_get_408(server):
    port = server[0]
    stalled_at = time.monotonic()
    stalled = [stall(port) for _ in range(8)]
    try:
        time.sleep(0.5)  # every stalled request is inside a worker now
        for request_bytes in (b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", post("/v1/classify", '{"text": "临床试验管理与生物统计"}'.encode())):
            started = time.monotonic()
            status, _, _ = exchange(port, request_bytes, timeout=5)
            assert (status, time.monotonic() - started < 1.0) == (200, True)
        status, headers, body = read_answer(stalled[0])
        assert (status, headers["content-type"], json.loads(body)["status"]) == (408, "application/problem+json", 408)
        assert READ_TIMEOUT - 0.5 < time.monotonic() - stalled_at < READ_TIMEOUT + 5
    finally:
        for connection in stalled:
            connection.close()


def test_clients_that_stall_in_their_headers_are_answered_408_and_free_their_threads(server):
    port = server[0]
    stalled_at = time.monotonic()
    stalled = [socket.create_connection(("127.0.0.1", port), timeout=READ_TIMEOUT + 10) for _ in range(40)]  # more than 2 x 16 threads
    try:
        for connection in stalled:
            connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # the headers never end
        time.sleep(0.5)
        status, _, _ = exchange(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", timeout=READ_TIMEOUT + 10)
        assert (status, time.monotonic() - stalled_at < READ_TIMEOUT + 5) == (200, True)
        for connection in stalled[:3]:
            status, headers, body = read_answer(connection)
            assert (status, headers["content-type"], headers["connection"]) == (408, "application/problem+json", "close")
            assert "headers did not arrive in time" in json.loads(body)["detail"]
    finally:
        for connection in stalled:
            connection.close()


def test_metrics_add_up_every_worker(server):
    port = server[0]

    def healthz_count() -> float:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            lines = response.read().decode().splitlines()
        return sum(float(line.rsplit(" ", 1)[1]) for line in lines if line.startswith('cxo_http_requests_total{method="GET",route="/healthz",status="200"}'))

    before = healthz_count()
    for _ in range(40):  # a new connection each: both workers answer some
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).close()
    assert [healthz_count() - before for _ in range(6)] == [40] * 6


def test_access_log_lines_are_json_with_the_request_id(server):
    port, log = server
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/lookup?q=CRO", headers={"X-Request-ID": "trace-4711"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.headers["X-Request-ID"] == "trace-4711"
    time.sleep(0.5)
    entries = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    entry = next(e for e in entries if e["request_id"] == "trace-4711")
    assert {k: entry[k] for k in ("method", "path", "query", "status", "remote")} == {
        "method": "GET", "path": "/v1/lookup", "query": "q=CRO", "status": 200, "remote": "127.0.0.1"
    }
    assert "Traceback" not in log.read_text()


def test_the_access_log_names_the_client_a_trusted_proxy_forwarded(server):
    port, log = server  # 127.0.0.1 is gunicorn's default forwarded_allow_ips
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "forwarded-1", "X-Forwarded-For": "198.51.100.1, 203.0.113.7"})
    urllib.request.urlopen(request, timeout=5).close()
    time.sleep(0.5)
    entry = next(json.loads(line) for line in log.read_text().splitlines() if '"forwarded-1"' in line)
    assert (entry["remote"], entry["proxy"]) == ("203.0.113.7", "127.0.0.1")


def test_the_access_log_counts_the_bytes_of_a_static_file(server):
    port, log = server
    request = urllib.request.Request(f"http://127.0.0.1:{port}/assets/style.css", headers={"X-Request-ID": "static-bytes-1"})
    with urllib.request.urlopen(request, timeout=5) as response:
        size = len(response.read())
    time.sleep(0.5)
    entry = next(json.loads(line) for line in log.read_text().splitlines() if '"static-bytes-1"' in line)
    assert size > 1000 and entry["bytes"] == size
