"""The docs page (/docs): Swagger UI over /openapi.json, with no inline script.

flask-smorest's own page configures Swagger UI in an inline <script>, which the content security
policy (headers.py) forbids; here the same configuration is a script of our own, served from this
origin, and Swagger UI itself comes from its CDN, which the policy of this one page allows.
"""

from __future__ import annotations

from flask import Flask, Response, url_for
from markupsafe import escape

SWAGGER_UI = "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/"
# The docs page loads Swagger UI's script and stylesheet from its CDN; nothing else comes from outside.
DOCS_POLICY = (
    f"default-src 'self'; script-src 'self' {SWAGGER_UI}; style-src 'self' {SWAGGER_UI}; "
    "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
_PAGE = """<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>{title}</title><link rel="stylesheet" href="{ui}swagger-ui.css"></head>
<body>
<div id="swagger-ui-container"></div>
<script src="{ui}swagger-ui-bundle.js"></script>
<script src="{init}"></script>
</body>
</html>
"""
_INIT = 'window.onload = function () {{ window.ui = SwaggerUIBundle({{url: "{spec}", dom_id: "#swagger-ui-container"}}); }};\n'


def init_app(app: Flask, title: str) -> None:
    """Serve the docs page at /docs and its start-up script at /docs/init.js."""

    def page() -> Response:
        html = _PAGE.format(title=escape(title), ui=SWAGGER_UI, init=url_for("docs_init"))
        return Response(html, mimetype="text/html", headers={"Content-Security-Policy": DOCS_POLICY})

    def init() -> Response:
        return Response(_INIT.format(spec=url_for("api-docs.openapi_json")), mimetype="text/javascript")

    app.add_url_rule("/docs", "docs", page)
    app.add_url_rule("/docs/init.js", "docs_init", init)
