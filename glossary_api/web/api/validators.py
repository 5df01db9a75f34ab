"""What a request's values must be, shared by every HTTP shape: ids, well-formed text, texts within the
limit, a batch's items, and the limits written into the OpenAPI spec as this app is configured."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from marshmallow import ValidationError, fields, validate

# A field's metadata under this key maps OpenAPI keywords to the settings that give their values,
# so the spec states the limits as this app is configured (limits_as_configured fills them in).
LIMITS = "limits_from_settings"


def limits_as_configured(config: dict) -> Callable:
    """Return an apispec attribute function that writes each field's LIMITS with config's values."""

    def configured_limits(converter: object, field: fields.Field, **_: object) -> dict:
        return {keyword: config[setting] for keyword, setting in field.metadata.get(LIMITS, {}).items()}

    return configured_limits


def batch_items(description: str, item_shape: str) -> fields.List:
    """Return the `items` field of a batch, bounded by MAX_BATCH_ITEMS and MAX_BATCH_CHARACTERS.

    Any JSON value is accepted as an item, so that a malformed one is answered in its place rather
    than by rejecting the whole batch; the endpoint's item schema says what a good item is.
    """
    return fields.List(
        fields.Raw(allow_none=True, metadata={"description": item_shape}),
        required=True,
        validate=validate.Length(min=1),
        metadata={
            "description": f"{description}; a bad item gets an error in its place. x-max-characters: the most "
            "characters of text that all the items together may hold",
            LIMITS: {"maxItems": "MAX_BATCH_ITEMS", "x-max-characters": "MAX_BATCH_CHARACTERS"},
        },
    )


def item_id(value: object) -> None:
    """Accept a string or a whole number as an item id (not a boolean, not a float like NaN)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValidationError("Must be a string or an integer.")
    if isinstance(value, str):
        well_formed(value)


def well_formed(value: str) -> None:
    """Reject text that cannot be written back as UTF-8 (a lone surrogate such as \\ud800 in JSON)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("Contains an unpaired surrogate (not valid Unicode text).") from None


def text_within_limit(value: str) -> None:
    limit = current_app.config["MAX_TEXT_LENGTH"]
    if len(value) > limit:
        raise ValidationError(f"Longer than the limit of {limit} characters ({len(value)}).")
