"""Glossary endpoints: list and fetch concepts, look a name up, search names."""

from __future__ import annotations

from functools import lru_cache

from flask import Response, current_app

from ...glossary import Glossary
from .. import glossary
from ..bodies import Blueprint
from ..caching import CONDITIONAL_HEADERS, conditional
from ..problem import PROBLEM_JSON, ProblemSchema
from .schemas import (
    ConceptOutSchema,
    LookupArgsSchema,
    LookupOutSchema,
    SearchArgsSchema,
    SearchOutSchema,
    TermsArgsSchema,
    TermsPageSchema,
)

blp = Blueprint("terms", __name__, url_prefix="/v1", description="The bilingual CXO glossary")


@blp.route("/terms", parameters=CONDITIONAL_HEADERS)
@conditional(blp)
@blp.arguments(TermsArgsSchema(), location="query")
@blp.response(200, TermsPageSchema)
def list_terms(args: dict) -> dict:
    """List concepts, optionally of one category, a page at a time."""
    concepts = glossary().concepts(args.get("category"))
    page = concepts[args["offset"] : args["offset"] + args["limit"]]
    return {"total": len(concepts), "offset": args["offset"], "limit": args["limit"], "items": page}


@blp.route("/terms/<string:concept_id>", parameters=CONDITIONAL_HEADERS)
@conditional(blp)
@blp.response(200, ConceptOutSchema)
@blp.alt_response(404, description="No concept has this id", schema=ProblemSchema, content_type=PROBLEM_JSON)
def get_term(concept_id: str) -> object:
    """Get one concept by its id."""
    return glossary().get(concept_id)


@blp.route("/lookup", parameters=CONDITIONAL_HEADERS)
@conditional(blp)
@blp.arguments(LookupArgsSchema(), location="query")
@blp.response(200, LookupOutSchema)
def lookup(args: dict) -> Response:
    """Find every concept one of whose names equals q (any language, case, width or script)."""
    return Response(_rendered_lookup(glossary(), args["q"]), mimetype="application/json")


@lru_cache(maxsize=512)
def _rendered_lookup(glossary: Glossary, query: str) -> bytes:
    """Return the JSON answer to a lookup, kept for the most recent queries: it depends on them and the glossary alone.

    Translators' tools ask for the same few hundred names over and over; rendering the answer
    costs 30 times the lookup.
    """
    return current_app.json.dumps(_LOOKUP.dump({"query": query, "matches": glossary.lookup(query)})).encode()


_LOOKUP = LookupOutSchema()


@blp.route("/search", parameters=CONDITIONAL_HEADERS)
@conditional(blp)
@blp.arguments(SearchArgsSchema(), location="query")
@blp.response(200, SearchOutSchema)
def search(args: dict) -> dict:
    """Rank concepts by how well their names match q: exact, prefix, substring, then typo-tolerant."""
    return {"query": args["q"], "results": glossary().search(args["q"], args.get("lang"), args["limit"])}
