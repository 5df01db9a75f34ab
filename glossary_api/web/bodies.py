"""Request bodies: JSON only, uncompressed, within MAX_CONTENT_LENGTH, and parse failures as 400; query strings in UTF-8.

Each rule answers with the status that names what is wrong: 415 for a body that is not JSON or is
compressed, 413 for one over the limit (also when it comes chunked, without a Content-Length), 408
for one that stalls (under gunicorn, see workers.py), 400 for JSON that cannot be read (also JSON
nested too deeply, or a number too long for Python to convert, which the json module reports as
RecursionError and ValueError), and 422, as the parser answers an unknown field, for a query
parameter an endpoint does not take or a name given twice in one JSON object. A page's form must be
UTF-8 too (400).
"""

from __future__ import annotations

import io
import json
import typing
from collections import Counter
from urllib.parse import unquote_to_bytes

import flask_smorest
import marshmallow as ma
from flask import Flask, current_app, request
from webargs import core
from webargs.flaskparser import FlaskParser, abort, is_json_request
from werkzeug.exceptions import HTTPException

BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def init_app(app: Flask) -> None:
    """Check the query and body of every request routed to a view before the view parses them."""
    app.before_request(check_query)
    app.before_request(check_body)


def check_query() -> None:
    """Abort with 400 when the query string, percent-decoded, is not UTF-8 (Werkzeug would pass "%ff" on as text)."""
    if request.routing_exception is not None:
        return  # no such address or method: the 404 or 405 tells the client more
    try:
        unquote_to_bytes(request.query_string).decode("utf-8")
    except UnicodeDecodeError as error:
        abort(400, message=f"The query string is not UTF-8 once percent-decoded (byte {error.start}); percent-encode its UTF-8 bytes.")
    if request.args and _takes_no_query(current_app.view_functions.get(request.endpoint)):
        abort(422, messages={"query": {name: ["Unknown field."] for name in request.args}})


def _takes_no_query(view: object) -> bool:
    """Return whether view is an API endpoint documented without query parameters (the parser checks those that have some)."""
    apidoc = getattr(view, "_apidoc", None)
    if apidoc is None:
        return False  # a page, a static file or /metrics: not the API's rule
    return all(parameter["in"] != "query" for parameter in apidoc.get("arguments", {}).get("parameters", []))


def check_body() -> None:
    """Abort with 415, 413, 408 or 400 when the body breaks a rule; read it whole before the view runs."""
    if request.method not in BODY_METHODS or request.routing_exception is not None:
        return  # no body expected, or 404/405 tells the client more
    if request.blueprint == "pages":
        _check_form()  # the pages' forms post form data; the rules below are the JSON API's
        return
    encoding = request.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding != "identity":
        abort(415, message=f"Content-Encoding {encoding!r} is not accepted; send the body uncompressed.", headers={"Accept-Encoding": "identity"})
    if not request.is_json:
        sent = request.headers.get("Content-Type") or "none"
        abort(415, message=f"The body must be JSON (Content-Type: application/json), not {sent}.", headers={"Accept-Post": "application/json"})
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length > limit:  # said as the chunked case says it
        abort(413, message=f"The body is {request.content_length:,} bytes long; the limit is {limit:,} bytes.")
    try:
        if request.content_length is None and request.environ.get("wsgi.input_terminated"):
            _buffer_chunked_body()
        request.get_data(cache=True)  # read now, so a stalled body is answered here; the parser reads the cache
    except HTTPException as error:  # Werkzeug reports a read that failed as the client gone
        if isinstance(error.__context__, TimeoutError):
            _stalled()
        raise
    except TimeoutError:
        _stalled()
    except Exception as error:  # noqa: BLE001 - the server could not decode the body, e.g. a malformed chunk
        abort(400, message=f"The body could not be read: {error}.")


def _check_form() -> None:
    """Abort with 400 when a page's form, percent-decoded, is not UTF-8 (Werkzeug would drop the form, or pass "%ff" on)."""
    if request.mimetype != "application/x-www-form-urlencoded":
        return
    try:
        unquote_to_bytes(request.get_data(cache=True)).decode("utf-8")  # the form is parsed from this copy after
    except UnicodeDecodeError as error:
        abort(400, message=f"The form is not UTF-8 once percent-decoded (byte {error.start}); send it in UTF-8, as browsers do.")


def _stalled() -> typing.NoReturn:
    """Answer a body that stopped arriving: the server's socket timeout (web/workers.py) ran out."""
    abort(408, message="The request body did not arrive in time; send it whole, without pauses.")


def _buffer_chunked_body() -> None:
    """Read a body sent without Content-Length (chunked) up to the limit; 413 when it is longer.

    Werkzeug would cut such a body at the limit and hand the JSON parser half a document.
    """
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    body = request.environ["wsgi.input"].read(limit + 1)
    if len(body) > limit:
        abort(413, message=f"The body is longer than the limit of {limit:,} bytes.")
    request.environ["wsgi.input"] = io.BytesIO(body)  # still terminated: Werkzeug reads it to its end


class JSONBodyParser(FlaskParser):
    """webargs' parser, with the JSON the json module cannot build answered 400 instead of 500, and strict queries.

    The 400 says what the json module found wrong and where (line and column). Also 400: an empty
    body, which webargs reads as no data (every field then "missing", 422). A leading byte order mark
    is ignored. NaN
    and Infinity, which JSON (RFC 8259) has not but Python's json module reads, are read, so that a
    batch item's NaN id is that item's 422 and not the whole batch's 400.
    """

    # an unknown query parameter is refused as an unknown body field is: "?categroy=clinical" must not list every concept
    DEFAULT_UNKNOWN_BY_LOCATION: typing.ClassVar = {**FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION, "query": ma.RAISE, "querystring": ma.RAISE}

    def load_querystring(self, req: typing.Any, schema: ma.Schema) -> typing.Any:
        """Return the query's parameters; one given twice (not a list) is refused, as which was meant cannot be told."""
        fields = schema.fields
        repeated = sorted(name for name, values in req.args.lists() if len(values) > 1 and name in fields and not isinstance(fields[name], ma.fields.List))
        if repeated:
            raise ma.ValidationError({name: ["Given more than once; give it once."] for name in repeated})
        return super().load_querystring(req, schema)

    def _raw_load_json(self, req: typing.Any) -> typing.Any:
        if not is_json_request(req):  # as webargs' own (check_body has answered such a POST 415 already)
            return core.missing
        body = req.get_data(cache=True)
        if not body.strip():
            raise json.JSONDecodeError("the body is empty; send a JSON object", "-", 0)
        try:
            return json.loads(body.decode("utf-8-sig"), object_pairs_hook=_names_once)  # a byte order mark is ignored, as RFC 8259 lets a parser do
        except UnicodeDecodeError as error:
            raise json.JSONDecodeError(f"not UTF-8 (byte {error.start})", "-", 0) from None
        except RecursionError:
            raise json.JSONDecodeError("nested too deeply", "-", 0) from None
        except json.JSONDecodeError as error:  # the json module's reason, and where: "Expecting value at line 1, column 9"
            reason = error.msg.removesuffix(" at")  # "Unterminated string starting at", said once
            raise json.JSONDecodeError(f"{reason} at line {error.lineno}, column {error.colno}", "-", error.pos) from None
        except ValueError:
            raise json.JSONDecodeError("a number has too many digits", "-", 0) from None  # over 4,300 digits

    def _handle_invalid_json_error(self, error: Exception, req: typing.Any, *args: object, **kwargs: object) -> typing.NoReturn:
        reason = error.msg if isinstance(error, json.JSONDecodeError) and error.doc == "-" else None  # ours, from _raw_load_json
        abort(400, exc=error, messages={"json": [f"Invalid JSON body: {reason}." if reason else "Invalid JSON body."]})


def _names_once(pairs: list[tuple[str, typing.Any]]) -> dict[str, typing.Any]:
    """Build a JSON object, refusing a name given twice in it (422, as a repeated query parameter): which was meant cannot be told."""
    built = dict(pairs)
    if len(built) < len(pairs):
        repeated = sorted(name for name, times in Counter(name for name, _ in pairs).items() if times > 1)
        raise ma.ValidationError({name: ["Given more than once in one object; give it once."] for name in repeated})
    return built


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's Blueprint with the JSONBodyParser: every blueprint of the API uses this one."""

    ARGUMENTS_PARSER = JSONBodyParser()
