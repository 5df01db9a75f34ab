"""Pages for people, from the same app as the API: search, concept cards, browse, classify, check, docs.

Server-rendered Jinja templates (templates/), one stylesheet and a little plain JavaScript
(static/): every page works without JavaScript, which only adds search as you type, copy buttons
and the browse filter. Nothing is loaded from outside the service (the API reference's Swagger UI
is vendored in static/swagger-ui/), and no page has inline script or style, so the content security
policy `default-src 'self'` holds. Errors of a page are an HTML page in the same style; the API's
stay problem+json (web/errors.py asks error_page() below first).
"""

from __future__ import annotations

import http

from flask import Flask, Response, render_template, request

from ...errors import ConceptNotFound
from .. import glossary
from ..errors import ERROR_PAGE, PROBLEM_JSON
from . import filters
from .views import PAGE_POLICY, bp

# Paths of the machine faces: an error there is problem+json whoever asks.
API_PATHS = ("/v1/", "/openapi.json", "/healthz")
SUGGESTIONS = 5  # concepts a 404 of a concept page suggests


def init_app(app: Flask) -> None:
    """Serve the pages from app, with their error page and the helpers the templates use."""
    app.register_blueprint(bp)
    app.extensions[ERROR_PAGE] = error_page
    app.after_request(_vary_with_accept)
    filters.register(app)


def wants_page() -> bool:
    """Return whether the request was made for a page: routed to one, or to no page (no route, a static file
    that is not there) outside the API, by a browser."""
    if _negotiated():
        return request.accept_mimetypes.best_match([PROBLEM_JSON, "text/html"]) == "text/html"
    return request.blueprint == bp.name


def _negotiated() -> bool:
    """Return whether an error of this request is HTML or problem+json as its Accept header says."""
    routed = request.blueprint is not None and request.endpoint != f"{bp.name}.static"
    return not routed and not request.path.startswith(API_PATHS)


def _vary_with_accept(response: Response) -> Response:
    """Say an error whose form the Accept header chose varies with it, so a shared cache keeps the two apart."""
    if response.status_code >= 400 and _negotiated():
        response.vary.add("Accept")
    return response


def error_page(status: int, detail: str | None, error: Exception | None) -> Response | None:
    """Return the HTML error page for a page's request (an unknown concept suggests some), None for the API's."""
    if not wants_page():
        return None
    suggestions = []
    if isinstance(error, ConceptNotFound):
        suggestions = glossary().search(error.concept_id.replace("-", " "), limit=SUGGESTIONS)
    title = http.HTTPStatus(status).phrase
    html = render_template("error.html", status=status, title=title, detail=detail, suggestions=suggestions)
    return Response(html, status=status, mimetype="text/html", headers={"Content-Security-Policy": PAGE_POLICY})
