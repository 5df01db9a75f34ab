"""The gunicorn worker the service runs in: gthread, with problem+json error pages and read timeouts.

gunicorn answers some requests itself, before the app sees them (a request line over 4 KB, too many
or too large headers, a malformed request line, an invalid chunked body), with an HTML page. This
worker makes those answers problem+json like every other error. gunicorn has no setting for its
error page, so the worker puts its own writer in place of gunicorn.util.write_error in its process.

A client that stalls holds one thread, not the worker, and not for long: each connection's socket
gives up after READ_TIMEOUT seconds without a byte. In the headers, the worker answers 408 and
closes (without this, 40 clients that sent half their headers held every thread of two workers
for as long as they stayed connected); in the body, the app answers 408 (web/bodies.py). A client
that trickles a byte at a time is bounded only by the request's size limits: the proxy in front
(nginx's client_header_timeout, see the README) bounds the whole request.
"""

from __future__ import annotations

import http
import uuid

from gunicorn import util
from gunicorn.workers import gthread

from .headers import REQUEST_ID, SECURITY_HEADERS
from .problem import PROBLEM_JSON, problem_document

READ_TIMEOUT = 10.0  # seconds a request's headers or body may pause before it is answered 408
# gunicorn's "Invalid Request Line 'Invalid HTTP request line: ...'" echoes the line, its UTF-8 read as
# Latin-1 (a raw q=临床 as q=ä¸´åº), and does not say what is wrong: most often a character not percent-encoded.
MALFORMED_REQUEST_LINE = (
    "The request line is malformed: it must be the method, the address and HTTP/1.1, one space apart, the address in "
    "printable ASCII with every other character percent-encoded as UTF-8 (q=%E4%B8%B4, not q=临)."
)


def write_problem(sock: object, status: int, reason: str, message: str) -> None:
    """Write gunicorn's own error answer as problem+json (the signature of gunicorn.util.write_error)."""
    known = status in http.HTTPStatus.__members__.values()
    if message.startswith("Invalid Request Line"):
        message = MALFORMED_REQUEST_LINE
    detail = message or (http.HTTPStatus(status).description if known else None)
    body = problem_document(status, detail, None).encode("ascii")  # no instance: gunicorn answers before a path is read
    reason = http.HTTPStatus(status).phrase if known else reason  # gunicorn gives 501 the reason "Bad Request"
    head = [f"HTTP/1.1 {status} {reason}", "Connection: close", f"Content-Type: {PROBLEM_JSON}", f"Content-Length: {len(body)}"]
    head += [f"{name}: {value}" for name, value in SECURITY_HEADERS.items()]
    head.append(f"{REQUEST_ID}: {uuid.uuid4().hex}")
    util.write_nonblock(sock, ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)


class _TimedHeaders:
    """A connection's request parser that answers 408 and ends the connection when the headers stall."""

    def __init__(self, parser: object, sock: object) -> None:
        self._parser, self._sock = parser, sock

    def __iter__(self) -> _TimedHeaders:
        return self

    def __next__(self) -> object:
        try:
            return next(self._parser)
        except TimeoutError:
            message = f"The request's headers did not arrive in time (nothing for {READ_TIMEOUT:g} s); send them whole, without pauses."
            try:
                write_problem(self._sock, 408, "Request Timeout", message)
            except OSError:
                pass  # the client went away meanwhile
            raise StopIteration from None  # gthread closes the connection

    def __getattr__(self, name: str) -> object:  # the rest of the parser as it is (finish_body, unreader...)
        return getattr(self._parser, name)


class _TimedConnection(gthread.TConn):
    """gthread's connection, its socket given READ_TIMEOUT each time a thread takes it up (init runs then, after gthread
    has made the socket blocking again): the headers' and the body's reads alike."""

    def init(self) -> None:
        super().init()  # makes the socket blocking, with no timeout
        self.sock.settimeout(READ_TIMEOUT)
        if not (isinstance(self.parser, _TimedHeaders) or getattr(self, "is_http2", False)):  # an HTTP/2 parser is no iterator
            self.parser = _TimedHeaders(self.parser, self.sock)


class ProblemThreadWorker(gthread.ThreadWorker):
    """gunicorn's gthread worker, answering its own errors as problem+json, with read timeouts."""

    def init_process(self) -> None:
        util.write_error = write_problem  # this worker process's error pages; see the module docstring
        gthread.TConn = _TimedConnection  # the connections this worker process accepts
        super().init_process()
