"""Export endpoint: the glossary as a termbase file for CAT tools (TBX, CSV, Excel, OmegaT)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Response

from ...termbase import FORMATS, export_termbase
from .. import glossary
from ..bodies import Blueprint
from ..caching import CONDITIONAL_HEADERS, conditional
from ..problem import PROBLEM_JSON, ProblemSchema
from .schemas import ExportArgsSchema

blp = Blueprint("export", __name__, url_prefix="/v1", description="The glossary as a termbase for CAT tools")


def _documented_media_types(view: Callable) -> Callable:
    """Declare the 200 response once per media type the formats are sent as (binary for Excel)."""
    binary = {f.media_type: f.binary for f in FORMATS.values()}
    for media_type, is_binary in binary.items():
        schema = {"type": "string", "format": "binary"} if is_binary else {"type": "string"}
        view = blp.alt_response(200, schema=schema, content_type=media_type, description="The termbase file", success=True)(view)
    return view


@blp.route("/export", parameters=CONDITIONAL_HEADERS)
@conditional(blp)
@blp.arguments(ExportArgsSchema(), location="query")
@_documented_media_types
@blp.alt_response(404, description="No concept has the id given as concept", schema=ProblemSchema, content_type=PROBLEM_JSON)
def export(args: dict) -> Response:
    """Download the termbase, or one concept of it: TBX v3 or v2, CSV or Excel for memoQ and Trados, or an OmegaT glossary."""
    result = export_termbase(glossary(), args["format"], args["source"], args.get("target"), args.get("concept"))
    disposition = f'attachment; filename="{result.filename}"'
    return Response(result.content, mimetype=result.media_type, headers={"Content-Disposition": disposition})
