"""Service endpoints: health and version."""

from __future__ import annotations

from flask_smorest import Blueprint

from ... import __version__
from .. import glossary
from .schemas import HealthSchema

blp = Blueprint("meta", __name__, description="Service health")


@blp.route("/healthz")
@blp.response(200, HealthSchema)
def healthz() -> dict:
    """Say the service is up and how many concepts it serves."""
    return {"status": "ok", "concepts": len(glossary()), "version": __version__}
