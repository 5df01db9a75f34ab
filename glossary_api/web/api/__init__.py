"""The HTTP face of the glossary: blueprints over the core, errors as problem+json."""

from __future__ import annotations

from flask import Flask

from ..errors import ProblemApi
from . import classify, export, meta, terms, translation


def init_app(app: Flask) -> ProblemApi:
    """Attach the REST API and its OpenAPI spec to app (the docs page is one of the pages, web/pages/)."""
    app.config.update(
        API_TITLE="CXO glossary and classifier",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
    )
    api = ProblemApi(app)
    for blueprint in (meta.blp, terms.blp, classify.blp, export.blp, translation.blp):
        api.register_blueprint(blueprint)
    return api
