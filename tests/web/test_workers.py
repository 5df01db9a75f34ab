"""The gunicorn worker's own error answers (web/workers.py): problem+json, with the status line its status's."""

import json
import socket

from glossary_api.web.workers import write_problem


def answer_of(status: int, reason: str, message: str) -> tuple[str, dict, dict]:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        write_problem(ours, status, reason, message)
        ours.shutdown(socket.SHUT_WR)
        data = b"".join(iter(lambda: theirs.recv(65536), b""))
    head, _, body = data.partition(b"\r\n\r\n")
    first, *lines = head.decode("latin-1").split("\r\n")
    return first, dict(line.split(": ", 1) for line in lines), json.loads(body)


def test_gunicorns_own_error_is_problem_json_without_an_instance():
    first, headers, problem = answer_of(431, "Request Header Fields Too Large", "Limit request headers fields size")
    assert first == "HTTP/1.1 431 Request Header Fields Too Large"
    assert headers["Content-Type"] == "application/problem+json" and headers["Connection"] == "close"
    assert problem == {"type": "about:blank", "title": "Request Header Fields Too Large", "status": 431, "detail": "Limit request headers fields size"}


def test_the_status_line_gives_the_reason_of_the_status_whatever_gunicorn_passes():
    first, _, problem = answer_of(501, "Bad Request", "")  # gunicorn's reason for an unsupported transfer coding
    assert first == "HTTP/1.1 501 Not Implemented"
    assert (problem["title"], problem["detail"]) == ("Not Implemented", "Server does not support this operation")


def test_a_malformed_request_line_is_said_so_not_echoed_in_latin_1():
    raw = "GET /v1/lookup?q=临床 HTTP/1.1".encode().decode("latin-1")  # as gunicorn reads it
    _, _, problem = answer_of(400, "Bad Request", f"Invalid Request Line 'Invalid HTTP request line: {raw!r}'")
    assert problem["detail"].startswith("The request line is malformed:") and "percent-encoded as UTF-8" in problem["detail"]
    assert "ä" not in problem["detail"]
