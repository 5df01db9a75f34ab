"""The RFC 9457 problem document: the one shape of every error, from Flask or from gunicorn itself."""

from __future__ import annotations

import http
import json

from marshmallow import Schema, fields

PROBLEM_JSON = "application/problem+json"
PROBLEM_CONTENT = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}  # an error response's content in the spec


def problem_document(status: int, detail: str | None, instance: str | None, errors: dict | None = None) -> str:
    """Return the problem+json text for status, with a detail sentence, the path and field errors."""
    body: dict = {"type": "about:blank", "title": http.HTTPStatus(status).phrase, "status": status}
    if detail:
        body["detail"] = detail
    if instance is not None:
        body["instance"] = instance
    if errors:
        body["errors"] = errors
    # ASCII-escaped: an error may echo what the client sent, even a lone surrogate that UTF-8 cannot hold.
    return json.dumps(body, ensure_ascii=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    instance = fields.String()
    errors = fields.Dict(metadata={"description": "Field-level messages, keyed by location then field"})
