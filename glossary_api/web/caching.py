"""Conditional GET: glossary responses carry an ETag of the glossary's content, If-None-Match gets 304.

A response of a glossary endpoint depends on the request and on the glossary alone, so the tag
is the glossary's fingerprint (a hash of terms/) with the package version (a release may change
the shapes): when neither changed, a client's cached copy is current. The tag is weak, W/"...":
it promises the same content, not the same bytes (an Excel export is zipped afresh each time,
and a proxy may compress). Cache-Control: no-cache lets clients keep responses and revalidate.

The preconditions are evaluated as RFC 9110 (section 13.2.2) orders them, here rather than by
Werkzeug's make_conditional, which answered `If-Match: *` 412 with the whole response as its body:
If-Match compares strongly, so only `*` matches a weak tag (anything else is a problem+json 412);
If-None-Match compares weakly, and a match is a 304 without a body.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Response, current_app, request
from flask_smorest import Blueprint, abort
from werkzeug.http import parse_etags

from .. import __version__
from . import glossary
from .problem import PROBLEM_CONTENT

# The request headers, documented on the route: @blp.route(rule, parameters=CONDITIONAL_HEADERS).
CONDITIONAL_HEADERS = [
    {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "schema": {"type": "string"},
        "description": "The ETag of a response you hold: if the glossary has not changed since, the answer is 304.",
    },
    {
        "name": "If-Match",
        "in": "header",
        "required": False,
        "schema": {"type": "string", "enum": ["*"]},
        "description": "`*` only: the tags are weak, and If-Match compares strongly, so any tag is a 412 (use If-None-Match to revalidate).",
    },
]
# The responses, documented by @conditional.
_RESPONSES = {
    200: {"headers": {"ETag": {"description": "Weak tag of the glossary's content", "schema": {"type": "string"}}}},
    304: {"description": "Not Modified: the glossary has not changed since the ETag in If-None-Match"},
    412: {
        "description": "Precondition Failed: If-Match named a tag, and If-Match compares strongly, which a weak tag never matches",
        "content": PROBLEM_CONTENT,
    },
}


def glossary_etag() -> str:
    """Return this app's tag of the glossary's content: fingerprint and package version."""
    extensions = current_app.extensions
    if "cxo.etag" not in extensions:
        extensions["cxo.etag"] = f"{glossary().fingerprint}-{__version__}"
    return extensions["cxo.etag"]


def conditional(blueprint: Blueprint) -> Callable:
    """Return a decorator for a GET view of blueprint: ETag on its 200 responses, 304 on a match, documented.

    It goes right below @blueprint.route (whose parameters are CONDITIONAL_HEADERS) and above
    @blueprint.response, where the view's Response is made.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: object, **kwargs: object) -> Response:
            response = view(*args, **kwargs)
            if response.status_code == 200:
                tag = glossary_etag()
                if "If-Match" in request.headers and not parse_etags(request.headers["If-Match"]).star_tag:
                    abort(412, message=f"If-Match compares tags strongly, and this resource's tag is weak (W/\"{tag}\"); send If-None-Match to revalidate.")
                response.set_etag(tag, weak=True)
                response.headers.setdefault("Cache-Control", "no-cache")
                if parse_etags(request.headers.get("If-None-Match")).contains_weak(tag):  # "*" too
                    response.status_code, response.response = 304, []
                    response.headers.pop("Content-Length", None)
                    response.headers.pop("Content-Disposition", None)
            return response

        return blueprint.doc(responses=_RESPONSES)(wrapper)

    return decorator
