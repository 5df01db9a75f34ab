"""Every error as RFC 9457 problem details (application/problem+json); a page's error as the pages' HTML error page."""

from __future__ import annotations

import http
import logging

from flask import Response, current_app, request
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from werkzeug.exceptions import HTTPException, InternalServerError

from ..errors import ConceptNotFound, CXOError, InvalidText
from .problem import PROBLEM_JSON, ProblemSchema, problem_document

log = logging.getLogger(__name__)

# The web layer's one map from core errors to HTTP statuses.
STATUS_OF_CORE_ERROR: dict[type[CXOError], int] = {ConceptNotFound: 404, InvalidText: 422}


def problem(status: int, detail: str | None = None, errors: dict | None = None, headers: dict | None = None) -> Response:
    """Return a problem+json response for status, with a detail sentence and field errors."""
    response = Response(problem_document(status, detail, request.path, errors), status=status, mimetype=PROBLEM_JSON)
    response.headers.update(headers or {})
    return response


MAX_DESCRIBED_ERRORS = 5  # the detail names the first few; `errors` carries them all
MAX_NAME = 60  # characters of a field name echoed back: an unknown field is named, not a kilobyte of it


def shortened_names(errors: object) -> object:
    """Return webargs' field errors with every field name longer than MAX_NAME cut, as errors.quoted() cuts echoed values."""
    if not isinstance(errors, dict):
        return errors
    return {_cut(name): shortened_names(messages) for name, messages in errors.items()}


def _cut(name: object) -> object:
    if not isinstance(name, str) or len(name) <= MAX_NAME:
        return name
    return f"{name[: MAX_NAME - 3]}... ({len(name):,} characters)"


def describe_field_errors(errors: dict) -> str:
    """Return 'field (location): message; ... .' for webargs' {location: {field: [messages]}}: one sentence, one full stop."""
    parts: list[str] = []
    for location, by_field in errors.items():
        if not isinstance(by_field, dict):
            parts.append(f"{location}: {_text(by_field)}")
            continue
        for name, messages in by_field.items():
            parts.append(f"{name} ({location}): {_text(messages)}")
    more = len(parts) - MAX_DESCRIBED_ERRORS
    shown = [part.removesuffix(".") for part in parts[:MAX_DESCRIBED_ERRORS]]
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "") + "."


def _text(messages: object) -> str:
    if isinstance(messages, list):
        return " ".join(_text(m) for m in messages)
    if isinstance(messages, dict):
        shown = [f"{k}: {_text(v)}" for k, v in list(messages.items())[:MAX_DESCRIBED_ERRORS]]
        more = len(messages) - len(shown)
        return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    return str(messages)


class ProblemApi(Api):
    """flask-smorest's Api, with errors rendered and documented as problem+json."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        self._app.register_error_handler(HTTPException, self.handle_http_exception)
        self._app.register_error_handler(CXOError, handle_core_error)
        self._app.register_error_handler(Exception, handle_unexpected_error)

    def handle_http_exception(self, error: HTTPException) -> Response:
        data = getattr(error, "data", None) or {}
        errors = shortened_names(data.get("errors") or data.get("messages"))
        if errors:
            detail = "Invalid request: " + describe_field_errors(errors)
        else:
            detail = data.get("message") or error.description
        headers = dict(data.get("headers") or {})
        if error.code == 405 and error.valid_methods:
            headers["Allow"] = ", ".join(error.valid_methods)
        return answer(error.code or 500, detail, errors, headers, error)

    def _register_responses(self) -> None:
        """Document error responses with the content type they are really sent with."""
        for status in http.HTTPStatus:
            response: dict = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM_JSON)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "Default error response", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


def handle_core_error(error: CXOError) -> Response:
    status = next((s for t, s in STATUS_OF_CORE_ERROR.items() if isinstance(error, t)), 400)
    return answer(status, str(error), error=error)


def handle_unexpected_error(error: Exception) -> Response:
    if isinstance(error, HTTPException):  # pragma: no cover - routed to handle_http_exception
        raise error
    log.exception("Unhandled error on %s %s", request.method, request.path)
    return answer(500, InternalServerError.description)


# --- pages (web/pages/): the same statuses, as an HTML page ------------------------------------

# app.extensions key of the pages' error page: (status, detail, error) -> an HTML Response for a
# request made for a page, None for any other request (which gets problem+json).
ERROR_PAGE = "cxo.error_page"


def answer(status: int, detail: str | None = None, errors: dict | None = None, headers: dict | None = None, error: Exception | None = None) -> Response:
    """Return the error as the pages' HTML error page when the request was for a page, as problem+json otherwise."""
    error_page = current_app.extensions.get(ERROR_PAGE)
    response = error_page(status, detail, error) if error_page is not None else None
    if response is None:
        return problem(status, detail, errors, headers)
    response.headers.update(headers or {})
    return response
