"""Headers on every response: a request id, security headers, CORS for allowed origins, OPTIONS.

- X-Request-ID: the caller's (or a proxy's) id when it is a sane token, else a new one; the access
  log carries the same id, so a client's report can be found in the logs.
- nosniff, frame denial and a content security policy that allows nothing but this origin, and no
  inline script or style: pages served here bring their own stylesheet and scripts.
- CORS is off unless CORS_ORIGINS names an origin; then that origin's pages may call the API, and
  every answer says Vary: Origin.
- OPTIONS answers 204 with Allow (and, for an allowed origin's preflight, the CORS headers).
"""

from __future__ import annotations

import os
import re

from flask import Flask, Response, current_app, g, request

REQUEST_ID = "X-Request-ID"
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "Referrer-Policy": "no-referrer",
}
_SECURITY_HEADERS = tuple(SECURITY_HEADERS.items())
CORS_MAX_AGE = "600"  # seconds a browser may keep a preflight's answer


def init_app(app: Flask) -> None:
    """Give every response of app its request id, security headers, and CORS headers when allowed."""
    origins = str(app.config["CORS_ORIGINS"]).replace(",", " ").split()
    app.extensions["cxo.cors_origins"] = frozenset(origin.rstrip("/") for origin in origins)
    app.before_request(_note_request_id)
    app.after_request(_add_headers)


def request_id() -> str:
    """Return the id of the request being served."""
    return g.get("request_id") or _take_request_id()


def _note_request_id() -> None:
    _take_request_id()  # a before_request hook that returned the id would answer with it


def _take_request_id() -> str:
    sent = request.headers.get(REQUEST_ID, "")
    g.request_id = sent if sent and _SANE_ID.fullmatch(sent) else os.urandom(16).hex()
    return g.request_id


def _add_headers(response: Response) -> Response:
    headers = response.headers
    if "Content-Security-Policy" in headers:  # a page with its own policy (the docs page)
        headers.extend((name, value) for name, value in SECURITY_HEADERS.items() if name not in headers)
    else:
        headers.extend(_SECURITY_HEADERS)
    headers.add(REQUEST_ID, request_id())
    if request.method == "OPTIONS" and response.status_code == 200 and not response.content_length:
        response.status_code = 204  # Flask's automatic answer: an empty text/html 200
        del headers["Content-Type"]
    allowed = current_app.extensions["cxo.cors_origins"]
    if not allowed:
        return response
    # ACAO depends on the Origin, so every answer says so, also one without it: a shared cache would
    # otherwise serve a copy made for no origin (or another) to an allowed one, whose browser blocks it.
    response.vary.add("Origin")
    origin = request.headers.get("Origin")
    if origin and origin in allowed:
        headers["Access-Control-Allow-Origin"] = origin
        headers["Access-Control-Expose-Headers"] = f"{REQUEST_ID}, ETag"
        if request.method == "OPTIONS":
            headers["Access-Control-Allow-Methods"] = headers.get("Allow", "GET, POST")
            headers["Access-Control-Allow-Headers"] = "Content-Type, If-None-Match, X-Request-ID"
            headers["Access-Control-Max-Age"] = CORS_MAX_AGE
    return response
