"""gunicorn's access log as JSON lines: one object per request, with the request id the client saw."""

from __future__ import annotations

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
            "remote": environ.get("REMOTE_ADDR"),
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
