"""Translators' endpoints: the term check of translations (one pair or a batch) and the glossary terms of a text."""

from __future__ import annotations

from flask import current_app

from ...annotation import annotate as annotate_text
from ...annotation import senses_once, terms_once
from ...term_check import TermCheck, TermChecker
from ...termbase.languages import parse_language
from .. import classifier
from ..bodies import Blueprint
from .batches import check_limits, results
from .translation_schemas import (
    AnnotateInSchema,
    AnnotateOutSchema,
    CheckBatchInSchema,
    CheckBatchOutSchema,
    CheckInSchema,
    CheckItemSchema,
    CheckResultSchema,
)

blp = Blueprint("translation", __name__, url_prefix="/v1", description="Term checks of translations and term recognition for translators")


def checker() -> TermChecker:
    """Return the app's TermChecker, made on first use over the classifier's matcher."""
    extensions = current_app.extensions
    if "cxo.term_checker" not in extensions:
        extensions["cxo.term_checker"] = TermChecker(classifier())
    return extensions["cxo.term_checker"]


@blp.route("/check", methods=["POST"])
@blp.arguments(CheckInSchema)
@blp.response(200, CheckResultSchema)
def check(body: dict) -> dict:
    """Check one translation against the glossary: terms left untranslated, avoided names, names of the wrong region, ambiguous abbreviations left as they are."""
    return _result(checker().check(body["source"], body["target"], parse_language(body["source_lang"]), parse_language(body["target_lang"])))


@blp.route("/check/batch", methods=["POST"])
@blp.arguments(CheckBatchInSchema)
@blp.response(200, CheckBatchOutSchema)
def check_batch(body: dict) -> dict:
    """Check many translations in one call; results come back in input order, a bad item as an error in its place."""
    check_limits(body["items"], ("source", "target"))
    languages = parse_language(body["source_lang"]), parse_language(body["target_lang"])
    answer = lambda item: _result(checker().check(item["source"], item["target"], *languages))
    return {"results": results(body["items"], _ITEM, '{"id": ..., "source": ..., "target": ...}', answer)}


_ITEM = CheckItemSchema()


def _result(check: TermCheck) -> dict:
    return {"issues": check.issues, "terms": check.terms}


@blp.route("/annotate", methods=["POST"])
@blp.arguments(AnnotateInSchema)
@blp.response(200, AnnotateOutSchema)
def annotate(body: dict) -> dict:
    """List every glossary term of a text once, with its spans and the ids of the concepts it can name; each concept once, with its preferred names in each language."""
    found = annotate_text(classifier().matcher, body["text"])
    return {"terms": terms_once(found), "concepts": senses_once(found)}
