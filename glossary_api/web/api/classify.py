"""Classification endpoints: one text, a batch of texts, and the labels they can get."""

from __future__ import annotations

from flask import current_app
from flask_smorest import abort
from marshmallow import ValidationError

from .. import classifier
from ..bodies import Blueprint
from ..caching import IF_NONE_MATCH, conditional
from ..errors import describe_field_errors
from ..metrics import count_decision
from .classify_schemas import (
    BatchInSchema,
    BatchItemSchema,
    BatchOutSchema,
    ClassifyInSchema,
    DecisionSchema,
    LabelsOutSchema,
)

blp = Blueprint("classify", __name__, url_prefix="/v1", description="Classify service descriptions")


@blp.route("/classify", methods=["POST"])
@blp.arguments(ClassifyInSchema())
@blp.response(200, DecisionSchema)
def classify(body: dict) -> object:
    """Label one description CRO, CMO, CDMO, CSO or NONE, with the glossary terms found as evidence."""
    decision = classifier().classify(body["text"])
    count_decision(decision.label)
    return decision


@blp.route("/classify/batch", methods=["POST"])
@blp.arguments(BatchInSchema())
@blp.response(200, BatchOutSchema)
def classify_batch(body: dict) -> dict:
    """Label many descriptions in one call; results come back in input order, a bad item as an error."""
    items, config = body["items"], current_app.config
    characters = sum(len(item["text"]) for item in items if isinstance(item, dict) and isinstance(item.get("text"), str))
    if len(items) > config["MAX_BATCH_ITEMS"]:
        message = f"{len(items)} items; the limit is {config['MAX_BATCH_ITEMS']} per request."
        abort(422, errors={"json": {"items": [message]}})
    if characters > config["MAX_BATCH_CHARACTERS"]:
        message = f"{characters} characters of text in all; the limit is {config['MAX_BATCH_CHARACTERS']} per request."
        abort(422, errors={"json": {"items": [message]}})
    return {"results": [_classify_item(index, item) for index, item in enumerate(body["items"])]}


# Made once: a schema instance costs a deep copy of its fields, too much to pay per batch item.
_ITEM, _DECISION = BatchItemSchema(), DecisionSchema()


def _classify_item(index: int, item: object) -> dict:
    item_id = item.get("id") if isinstance(item, dict) else None
    try:
        if not isinstance(item, dict):
            raise ValidationError({"item": [f'Must be an object {{"id": ..., "text": ...}}, not {_json_type(item)}.']})
        loaded = _ITEM.load(item)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"item": error.messages}
        detail = describe_field_errors({f"items[{index}]": messages})
        error_body = {"status": 422, "detail": detail, "errors": messages}
        echoed_id = None if "id" in messages else item_id  # an id that is itself wrong is not sent back
        return {"index": index, "id": echoed_id, "error": error_body}
    decision = classifier().classify(loaded["text"])
    count_decision(decision.label)
    return {"index": index, "id": loaded["id"], **_DECISION.dump(decision)}


def _json_type(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number", list: "an array"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


@blp.route("/labels", parameters=[IF_NONE_MATCH])
@conditional(blp)
@blp.response(200, LabelsOutSchema)
def labels() -> dict:
    """List the labels the classifier gives, each with its glossary concept and definitions."""
    return {"labels": [{"label": label, "concept": concept} for label, concept in classifier().label_concepts().items()]}
