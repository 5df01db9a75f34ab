"""gunicorn's access log as JSON lines: one object per request, with the request id the client saw.

Behind a proxy, the connection comes from the proxy: gunicorn's forwarded_allow_ips says which peers
are trusted to forward (it uses it only for the scheme), and for a request from one of them the
line's remote is the last X-Forwarded-For address, the client the proxy itself saw (nginx's
$proxy_add_x_forwarded_for appends it), and proxy the peer. The addresses before it in the header
came from the client and could be anything, so they are not taken.
"""

from __future__ import annotations

import ipaddress
import json
import time
from datetime import timedelta

from gunicorn.glogging import Logger

from .headers import REQUEST_ID

_REQUEST_ID = REQUEST_ID.lower()


class JSONAccessLogger(Logger):
    """gunicorn's logger, writing each access log entry as one JSON object on a line."""

    def access(self, resp, req, environ: dict, request_time: timedelta) -> None:  # resp, req: gunicorn's objects
        if not self.access_log_enabled:
            return
        request_id = next((value for name, value in resp.headers if name.lower() == _REQUEST_ID), None)
        # gunicorn's own error answers never went through start_response: their status is only text.
        status = getattr(resp, "status_code", None) or int(str(resp.status).split()[0])
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "request_id": request_id,
            **addresses(environ, self.cfg),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or None,
            "status": status,
            "bytes": resp.sent,
            "ms": round(request_time.total_seconds() * 1000, 2),
            "user_agent": environ.get("HTTP_USER_AGENT"),
        }
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:  # noqa: BLE001 - a log line must never fail the request
            self.exception("Could not write the access log entry.")


def addresses(environ: dict, cfg: object) -> dict[str, str | None]:
    """Return {"remote": the client's address}, plus {"proxy": the peer} when a trusted proxy forwarded the request."""
    peer = environ.get("REMOTE_ADDR")
    forwarded = environ.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    if not (peer and forwarded and _trusted(peer, cfg)):
        return {"remote": peer}
    try:
        client = str(ipaddress.ip_address(forwarded))
    except ValueError:  # not an address (a port, "unknown"): the peer is all that is known
        return {"remote": peer}
    return {"remote": client, "proxy": peer}


def _trusted(peer: str, cfg: object) -> bool:
    allowed = cfg.forwarded_allow_ips
    if "*" in allowed:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return any(address in network for network in cfg.forwarded_allow_networks())
