"""The gunicorn worker the service runs in: gthread, with problem+json error pages and a body timeout.

gunicorn answers some requests itself, before the app sees them (a request line over 4 KB, too many
or too large headers, a malformed request line, an invalid chunked body), with an HTML page. This
worker makes those answers problem+json like every other error. gunicorn has no setting for its
error page, so the worker puts its own writer in place of gunicorn.util.write_error in its process.

A client that sends headers and then stalls mid-body holds one thread, not the worker; the socket
timeout set here frees that thread after BODY_TIMEOUT seconds without a byte, and the app answers
408 (web/bodies.py).
"""

from __future__ import annotations

import http
import uuid

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker

from .headers import REQUEST_ID, SECURITY_HEADERS
from .problem import PROBLEM_JSON, problem_document

BODY_TIMEOUT = 10.0  # seconds a request body may pause before it is answered 408


def write_problem(sock: object, status: int, reason: str, message: str) -> None:
    """Write gunicorn's own error answer as problem+json (the signature of gunicorn.util.write_error)."""
    known = status in http.HTTPStatus.__members__.values()
    detail = message or (http.HTTPStatus(status).description if known else None)
    body = problem_document(status, detail, None).encode("ascii")  # no instance: gunicorn answers before a path is read
    reason = http.HTTPStatus(status).phrase if known else reason  # gunicorn gives 501 the reason "Bad Request"
    head = [f"HTTP/1.1 {status} {reason}", "Connection: close", f"Content-Type: {PROBLEM_JSON}", f"Content-Length: {len(body)}"]
    head += [f"{name}: {value}" for name, value in SECURITY_HEADERS.items()]
    head.append(f"{REQUEST_ID}: {uuid.uuid4().hex}")
    util.write_nonblock(sock, ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)


class ProblemThreadWorker(ThreadWorker):
    """gunicorn's gthread worker, answering its own errors as problem+json, with a body timeout."""

    def init_process(self) -> None:
        util.write_error = write_problem  # this worker process's error pages; see the module docstring
        super().init_process()

    def handle_request(self, req, conn) -> bool:  # req, conn: gunicorn's request and connection
        conn.sock.settimeout(BODY_TIMEOUT)  # gthread makes the socket blocking again for each request
        return super().handle_request(req, conn)
