"""Batches over HTTP: the limits of a batch, and each item answered in its place, a bad one as an error.

Shared by /v1/classify/batch and /v1/check/batch: a malformed item does not reject the batch; it
gets {"index", "id", "error"} where a good item gets its result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from flask import current_app
from flask_smorest import abort
from marshmallow import Schema, ValidationError

from ..errors import describe_field_errors


def check_limits(items: Sequence[object], text_fields: Sequence[str]) -> None:
    """Abort with 422 naming `items` when the batch has too many items or, in text_fields, too many characters."""
    config = current_app.config
    if len(items) > config["MAX_BATCH_ITEMS"]:
        abort(422, errors={"json": {"items": [f"{len(items)} items; the limit is {config['MAX_BATCH_ITEMS']} per request."]}})
    characters = sum(
        len(item[name]) for item in items if isinstance(item, dict) for name in text_fields if isinstance(item.get(name), str)
    )
    if characters > config["MAX_BATCH_CHARACTERS"]:
        message = f"{characters} characters of text in all; the limit is {config['MAX_BATCH_CHARACTERS']} per request."
        abort(422, errors={"json": {"items": [message]}})


def results(items: Sequence[object], schema: Schema, shape: str, answer: Callable[[dict], dict]) -> list[dict]:
    """Return each item's result in input order: answer(loaded item) for a good one, an error in its place for a bad one.

    shape is the item's JSON form for the message ('{"id": ..., "text": ...}'). An id already given to an
    earlier item is an error in its place: a client that matches results to items by id could not tell them apart.
    """
    first_with: dict[object, int] = {}  # id -> the index of the first item that has it
    return [_result(index, item, schema, shape, answer, first_with) for index, item in enumerate(items)]


def _result(index: int, item: object, schema: Schema, shape: str, answer: Callable[[dict], dict], first_with: dict[object, int]) -> dict:
    item_id = item.get("id") if isinstance(item, dict) else None
    try:
        if not isinstance(item, dict):
            raise ValidationError({"item": [f"Must be an object {shape}, not {_json_type(item)}."]})
        loaded = schema.load(item)
        if loaded["id"] is not None:
            earlier = first_with.setdefault(loaded["id"], index)
            if earlier != index:
                raise ValidationError({"id": [f"The id of items[{earlier}] too; give each item its own id, or none."]})
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"item": error.messages}
        detail = describe_field_errors({f"items[{index}]": messages})
        echoed_id = None if "id" in messages else item_id  # an id that is itself wrong is not sent back
        return {"index": index, "id": echoed_id, "error": {"status": 422, "detail": detail, "errors": messages}}
    return {"index": index, "id": loaded["id"], **answer(loaded)}


def _json_type(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number", list: "an array"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
