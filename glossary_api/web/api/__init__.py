"""The HTTP face of the glossary: blueprints over the core, errors as problem+json."""

from __future__ import annotations

from flask import Flask

from ..errors import ProblemApi
from . import classify, export, meta, terms, translation
from .validators import limits_as_configured


def init_app(app: Flask) -> ProblemApi:
    """Attach the REST API and its OpenAPI spec to app (the docs page is one of the pages, web/pages/)."""
    app.config.update(
        API_TITLE="CXO glossary and classifier",
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={"info": {"description": describe_limits(app.config)}},
    )
    api = ProblemApi(app)
    api.ma_plugin.converter.add_attribute_function(limits_as_configured(app.config))
    for blueprint in (meta.blp, terms.blp, classify.blp, export.blp, translation.blp):
        api.register_blueprint(blueprint)
    return api


# The limits a client can run into, named by their settings; each is shown with this app's value.
_LIMITS = {
    "MAX_CONTENT_LENGTH": "bytes of request body",
    "MAX_TEXT_LENGTH": "characters per text",
    "MAX_BATCH_ITEMS": "items per batch",
    "MAX_BATCH_CHARACTERS": "characters of text per batch, all items together",
    "MAX_EVIDENCE": "evidence entries per decision",
    "MAX_HEAVY_REQUESTS": "batches, term checks and annotations at once per worker process (more get 503 with Retry-After)",
}


def describe_limits(config: dict) -> str:
    """Return the sentence of the spec's description that states the limits as configured."""
    limits = "; ".join(f"{config[name]:,} {what} ({name})" for name, what in _LIMITS.items() if name in config)
    return f"Limits of this server: {limits}. Every error is RFC 9457 application/problem+json."
