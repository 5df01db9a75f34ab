"""Service endpoints: health and version."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from flask_smorest import Blueprint

from ..schemas import HealthSchema
from .core import glossary

blp = Blueprint("meta", __name__, description="Service health")


def package_version() -> str:
    """Return the installed package version ('0+unknown' when running from a bare checkout)."""
    try:
        return version("cxo-glossary")
    except PackageNotFoundError:
        return "0+unknown"


@blp.route("/healthz")
@blp.response(200, HealthSchema)
def healthz() -> dict:
    """Say the service is up and how many concepts it serves."""
    return {"status": "ok", "concepts": len(glossary()), "version": package_version()}
