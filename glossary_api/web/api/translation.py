"""Translators' endpoints: the term check of translations (one pair or a batch) and the glossary terms of a text."""

from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint, abort
from marshmallow import ValidationError

from ...annotation import annotate as annotate_text
from ...term_check import TermCheck, TermChecker, parse_language
from .. import classifier
from ..errors import describe_field_errors
from .classify import _json_type
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
    limit = current_app.config["MAX_BATCH_ITEMS"]
    if len(body["items"]) > limit:
        abort(422, errors={"json": {"items": [f"{len(body['items'])} items; the limit is {limit} per request."]}})
    languages = parse_language(body["source_lang"]), parse_language(body["target_lang"])
    return {"results": [_check_item(index, item, languages) for index, item in enumerate(body["items"])]}


def _check_item(index: int, item: object, languages: tuple) -> dict:
    item_id = item.get("id") if isinstance(item, dict) else None
    try:
        if not isinstance(item, dict):
            raise ValidationError({"item": [f'Must be an object {{"id": ..., "source": ..., "target": ...}}, not {_json_type(item)}.']})
        loaded = CheckItemSchema().load(item)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"item": error.messages}
        detail = describe_field_errors({f"items[{index}]": messages})
        return {"index": index, "id": None if "id" in messages else item_id, "error": {"status": 422, "detail": detail, "errors": messages}}
    return {"index": index, "id": loaded["id"], **_result(checker().check(loaded["source"], loaded["target"], *languages))}


def _result(check: TermCheck) -> dict:
    return {"issues": check.issues, "terms": check.terms}


@blp.route("/annotate", methods=["POST"])
@blp.arguments(AnnotateInSchema)
@blp.response(200, AnnotateOutSchema)
def annotate(body: dict) -> dict:
    """List every glossary term in a text, with its span, the concepts it can name and their preferred names in each language."""
    return {"terms": annotate_text(classifier().matcher, body["text"])}
