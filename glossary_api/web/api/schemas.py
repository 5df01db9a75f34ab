"""marshmallow schemas: every shape the HTTP API sends and accepts (the OpenAPI spec is made from them)."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app
from marshmallow import Schema, ValidationError, fields, post_dump, validate

from ...termbase import FORMATS
from ...terms_format import NOT_BLANK, SourceSchema
from ...vocabulary import ALL_LABELS, CATEGORIES, LANGUAGES

# --- HTTP shapes ------------------------------------------------------------------------------


class LanguageOutSchema(Schema):
    term = fields.String(required=True)
    synonyms = fields.List(fields.String(), required=True, metadata={"description": "Admitted variants"})
    deprecated = fields.List(fields.String(), required=True, metadata={"description": "Variants to avoid"})
    superseded = fields.List(fields.String(), required=True, metadata={"description": "Former names, replaced by the term"})
    definition = fields.String(allow_none=True)
    note = fields.String(allow_none=True)


class LanguagesOutSchema(Schema):
    en = fields.Nested(LanguageOutSchema, required=True)
    zh_hans = fields.Nested(LanguageOutSchema, required=True, attribute="zh-Hans", data_key="zh-Hans")
    zh_hant = fields.Nested(LanguageOutSchema, attribute="zh-Hant", data_key="zh-Hant")


class ConceptOutSchema(Schema):
    id = fields.String(required=True)
    category = fields.String(required=True)
    out_of_domain = fields.Boolean(required=True)
    abbreviations = fields.List(fields.String(), required=True)
    languages = fields.Nested(LanguagesOutSchema, required=True)
    broader = fields.List(fields.String(), required=True)
    related = fields.List(fields.String(), required=True)
    sources = fields.List(fields.Nested(SourceSchema), required=True)

    def dump(self, obj: object, *, many: bool | None = None) -> object:
        """Return the concept's JSON, made once per concept: concepts never change while the app runs.

        A concept's JSON is most of what a lookup, a search or a page of terms costs (about 40 µs
        each, against 5 µs for the lookup itself). The dict returned is shared: read it, never change it.
        """
        if many if many is not None else self.many:
            return [self.dump(item, many=False) for item in obj]
        if type(self) is not ConceptOutSchema or self.only or self.exclude:
            return super().dump(obj, many=False)
        cached = _DUMPED_CONCEPTS.get(id(obj))
        if cached is None or cached[0] is not obj:
            cached = _DUMPED_CONCEPTS[id(obj)] = (obj, super().dump(obj, many=False))  # keeps obj: its id stays its own
        return cached[1]


_DUMPED_CONCEPTS: dict[int, tuple[object, dict]] = {}


class DesignationOutSchema(Schema):
    text = fields.String(required=True)
    lang = fields.String(required=True, metadata={"description": "BCP 47 tag: en, zh-Hans or zh-Hant"})
    type = fields.String(required=True, metadata={"description": "abbreviation, preferred or variant"})
    status = fields.String(required=True, metadata={"description": "preferred, admitted, deprecated or superseded"})
    preferred = fields.String(
        metadata={"description": "Only on a deprecated or superseded name: the preferred term of its language, to use instead"}
    )

    @post_dump
    def _preferred_only_when_avoided(self, data: dict, **_: object) -> dict:
        if data.get("preferred") is None:
            data.pop("preferred", None)
        return data


class LookupMatchSchema(ConceptOutSchema):
    """A concept found by lookup, with the names of it that equal the query."""

    matched = fields.List(fields.Nested(DesignationOutSchema), required=True)

    def dump(self, obj: object, *, many: bool | None = None) -> object:
        """Return the match's JSON: its concept's (made once, see ConceptOutSchema.dump) with the names matched."""
        if many if many is not None else self.many:
            return [self.dump(item, many=False) for item in obj]
        return {**_CONCEPT.dump(obj.concept), "matched": _DESIGNATIONS.dump(obj.matched)}


_CONCEPT, _DESIGNATIONS = ConceptOutSchema(), DesignationOutSchema(many=True)


class LookupArgsSchema(Schema):
    q = fields.String(required=True, validate=[validate.Length(min=1, max=200), NOT_BLANK])


class LookupOutSchema(Schema):
    query = fields.String(required=True)
    matches = fields.List(fields.Nested(LookupMatchSchema), required=True)


class SearchArgsSchema(Schema):
    q = fields.String(required=True, validate=[validate.Length(min=1, max=200), NOT_BLANK])
    lang = fields.String(validate=validate.OneOf(LANGUAGES))
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))


class SearchHitSchema(Schema):
    concept = fields.Nested(ConceptOutSchema, required=True)
    matched = fields.Nested(DesignationOutSchema, required=True)
    match = fields.String(required=True, metadata={"description": "exact, prefix, substring or fuzzy"})
    score = fields.Float(required=True)


class SearchOutSchema(Schema):
    query = fields.String(required=True)
    results = fields.List(fields.Nested(SearchHitSchema), required=True)


class TermsArgsSchema(Schema):
    category = fields.String(validate=validate.OneOf(CATEGORIES))
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0, max=100_000))
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class TermsPageSchema(Schema):
    total = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    items = fields.List(fields.Nested(ConceptOutSchema), required=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    instance = fields.String()
    errors = fields.Dict(metadata={"description": "Field-level messages, keyed by location then field"})


class HealthSchema(Schema):
    status = fields.String(required=True)
    concepts = fields.Integer(required=True)
    version = fields.String(required=True)


# --- classification over HTTP -----------------------------------------------------------------

# A field's metadata under this key maps OpenAPI keywords to the settings that give their values,
# so the spec states the limits as this app is configured (limits_as_configured fills them in).
LIMITS = "limits_from_settings"


def limits_as_configured(config: dict) -> Callable:
    """Return an apispec attribute function that writes each field's LIMITS with config's values."""

    def configured_limits(converter: object, field: fields.Field, **_: object) -> dict:
        return {keyword: config[setting] for keyword, setting in field.metadata.get(LIMITS, {}).items()}

    return configured_limits



def _item_id(value: object) -> None:
    """Accept a string or a whole number as an item id (not a boolean, not a float like NaN)."""
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValidationError("Must be a string or an integer.")
    if isinstance(value, str):
        _well_formed(value)


def _well_formed(value: str) -> None:
    """Reject text that cannot be written back as UTF-8 (a lone surrogate such as \\ud800 in JSON)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError("Contains an unpaired surrogate (not valid Unicode text).") from None


def _text_within_limit(value: str) -> None:
    limit = current_app.config["MAX_TEXT_LENGTH"]
    if len(value) > limit:
        raise ValidationError(f"Longer than the limit of {limit} characters ({len(value)}).")


class ClassifyInSchema(Schema):
    text = fields.String(
        required=True,
        validate=[validate.Length(min=1), NOT_BLANK, _text_within_limit, _well_formed],
        metadata={
            "description": "A service description in English, simplified or traditional Chinese",
            LIMITS: {"maxLength": "MAX_TEXT_LENGTH"},
        },
    )


class EvidenceSchema(Schema):
    concept_id = fields.String(required=True)
    text = fields.String(required=True, metadata={"description": "The matched text as it appears in the input"})
    start = fields.Integer(required=True, metadata={"description": "Offset of the first character in the input"})
    end = fields.Integer(required=True, metadata={"description": "Offset after the last character (exclusive)"})
    signals = fields.Dict(keys=fields.String(), values=fields.Float(), required=True)
    negated = fields.Boolean(required=True)
    suppressed_by = fields.String(allow_none=True, required=True, metadata={"description": "Out-of-domain sense this mention was read as"})
    out_of_domain = fields.Boolean(required=True)
    off_topic = fields.Boolean(required=True, metadata={"description": "A generic word in a text not about medicines"})


class DecisionSchema(Schema):
    label = fields.String(required=True, validate=validate.OneOf(ALL_LABELS))
    labels = fields.List(fields.String(), required=True, metadata={"description": "Every well-supported label, strongest first"})
    scores = fields.Dict(keys=fields.String(), values=fields.Float(), required=True)
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True)


class BatchInSchema(Schema):
    items = fields.List(
        # Any JSON value is accepted here so that a malformed item is answered in its place, not by
        # rejecting the whole batch; BatchItemSchema says what a good item is.
        fields.Raw(allow_none=True, metadata={"description": 'An object {"id": string or integer (optional), "text": string}'}),
        required=True,
        validate=validate.Length(min=1),
        metadata={
            "description": "Items to classify; a bad item gets an error in its place. x-max-characters: the most "
            "characters of text that all the items together may hold",
            LIMITS: {"maxItems": "MAX_BATCH_ITEMS", "x-max-characters": "MAX_BATCH_CHARACTERS"},
        },
    )


class BatchItemSchema(Schema):
    id = fields.Raw(load_default=None, validate=_item_id)
    text = fields.String(required=True, validate=[validate.Length(min=1), NOT_BLANK, _text_within_limit, _well_formed])


class ItemErrorSchema(Schema):
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    errors = fields.Dict()


class BatchResultSchema(DecisionSchema):
    index = fields.Integer(required=True)
    id = fields.Raw(allow_none=True, metadata={"description": "The item's id as sent (a string or an integer), or null"})
    label = fields.String(validate=validate.OneOf(ALL_LABELS))
    labels = fields.List(fields.String())
    scores = fields.Dict(keys=fields.String(), values=fields.Float())
    evidence = fields.List(fields.Nested(EvidenceSchema))
    error = fields.Nested(ItemErrorSchema)


class BatchOutSchema(Schema):
    results = fields.List(fields.Nested(BatchResultSchema), required=True)


class LabelSchema(Schema):
    label = fields.String(required=True)
    concept = fields.Nested(ConceptOutSchema, required=True)


class LabelsOutSchema(Schema):
    labels = fields.List(fields.Nested(LabelSchema), required=True)


class ExportArgsSchema(Schema):
    """The export's query: a termbase format and the languages."""

    format = fields.String(required=True, validate=validate.OneOf(FORMATS), metadata={"description": "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())})
    source = fields.String(load_default="en", validate=validate.OneOf(LANGUAGES), metadata={"description": "Source language"})
    target = fields.String(
        validate=validate.OneOf(LANGUAGES),
        metadata={"description": "Target language; every other language when left out (OmegaT's tsv takes the first)"},
    )
