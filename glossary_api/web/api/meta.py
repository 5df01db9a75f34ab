"""Service endpoints: liveness (/healthz) and readiness (/readyz)."""

from __future__ import annotations

from flask import current_app
from flask_smorest import abort

from ... import __version__
from .. import glossary
from ..bodies import Blueprint
from ..problem import PROBLEM_JSON, ProblemSchema
from .schemas import HealthSchema

blp = Blueprint("meta", __name__, description="Service health")


@blp.route("/healthz")
@blp.response(200, HealthSchema)
def healthz() -> dict:
    """Say the process is up and how many concepts it serves."""
    return {"status": "ok", "concepts": len(glossary()), "version": __version__}


@blp.route("/readyz")
@blp.response(200, HealthSchema)
@blp.alt_response(503, description="The glossary or the tokenizer is not loaded yet", schema=ProblemSchema, content_type=PROBLEM_JSON)
def readyz() -> dict:
    """Say the service can classify: 200 once the glossary and the tokenizer are loaded, else 503."""
    if not current_app.extensions.get("cxo.ready"):
        abort(503, message="The glossary and the tokenizer are still loading.")
    return {"status": "ready", "concepts": len(glossary()), "version": __version__}
