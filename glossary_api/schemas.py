"""marshmallow schemas: the terms/ file format, and the shapes the HTTP API sends and accepts."""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, post_dump, pre_dump, validate, validates_schema

LANGUAGES = ("en", "zh-Hans", "zh-Hant")
CATEGORIES = (
    "organization",
    "discovery-preclinical",
    "clinical",
    "data-statistics",
    "safety",
    "regulatory",
    "cmc-development",
    "manufacturing",
    "quality",
    "supply-chain",
    "commercial",
    "market-policy",
    "business",
    "out-of-domain",
)
FACETS = ("research", "development", "manufacturing", "commercial")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_name = fields.String(validate=validate.Length(min=1, max=200))
_names = fields.List(_name, load_default=list)


# As a pattern it shows in the OpenAPI spec; it matches any text with a non-space character. The
# spaces are spelled out (those str.isspace() knows) because \s differs between Python, where it
# covers "\x1c"-"\x1f" and "\x85", and the ECMA-262 regexes that clients and schemathesis read.
_no_blank = validate.Regexp(
    r"[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*"
    r"[^\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]",
    error="Must not be blank.",
)


# --- the terms/ file format -------------------------------------------------------------------


class LanguageSectionSchema(Schema):
    """The names and definition a concept has in one language."""

    term = fields.String(required=True, validate=[validate.Length(min=1, max=200), _no_blank])
    synonyms = _names  # admitted
    deprecated = _names
    superseded = _names
    definition = fields.String(validate=[validate.Length(min=10, max=1200), _no_blank])
    note = fields.String(validate=validate.Length(min=1, max=1200))


class SourceSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=3, max=300))
    url = fields.Url(required=True, schemes={"http", "https"})


class ConceptEntrySchema(Schema):
    """One concept as written in a terms/*.yaml file."""

    id = fields.String(required=True, validate=validate.Regexp(SLUG, error="Must be a slug like 'process-development'."))
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    out_of_domain = fields.Boolean(load_default=False)
    abbreviations = _names
    en = fields.Nested(LanguageSectionSchema, required=True)
    zh_hans = fields.Nested(LanguageSectionSchema, required=True, data_key="zh-Hans")
    zh_hant = fields.Nested(LanguageSectionSchema, data_key="zh-Hant")
    broader = fields.List(fields.String(validate=validate.Regexp(SLUG)), load_default=list)
    related = fields.List(fields.String(validate=validate.Regexp(SLUG)), load_default=list)
    sources = fields.List(fields.Nested(SourceSchema), load_default=list)
    signals = fields.Dict(
        keys=fields.String(validate=validate.OneOf(FACETS)),
        values=fields.Float(validate=validate.Range(min=0, max=10)),
        load_default=dict,
    )
    cues = _names
    generic = fields.Boolean(load_default=False)

    @validates_schema
    def _definitions_required(self, data: dict, **_: object) -> None:
        for key, lang in (("en", "en"), ("zh_hans", "zh-Hans")):
            if key in data and "definition" not in data[key]:
                raise ValidationError({"definition": ["Missing data for required field."]}, lang)

    @validates_schema
    def _signals_only_in_domain(self, data: dict, **_: object) -> None:
        if data.get("out_of_domain") and data.get("signals"):
            raise ValidationError("An out-of-domain concept gives no classification signals.", "signals")


class TermsFileSchema(Schema):
    """A terms/*.yaml file: a list of concepts under `concepts`."""

    concepts = fields.List(fields.Nested(ConceptEntrySchema), required=True, validate=validate.Length(min=1))


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

    @pre_dump
    def _flatten_match(self, match: object, **_: object) -> dict:
        fields_of_concept = {name: getattr(match.concept, name) for name in ConceptOutSchema._declared_fields}
        return {**fields_of_concept, "matched": match.matched}


class LookupArgsSchema(Schema):
    q = fields.String(required=True, validate=[validate.Length(min=1, max=200), _no_blank])


class LookupOutSchema(Schema):
    query = fields.String(required=True)
    matches = fields.List(fields.Nested(LookupMatchSchema), required=True)


class SearchArgsSchema(Schema):
    q = fields.String(required=True, validate=[validate.Length(min=1, max=200), _no_blank])
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


# --- terms/_classifier.yaml: the classifier settings that are not concepts ---------------------

LABELS = ("CRO", "CMO", "CDMO", "CSO")
NONE_LABEL = "NONE"
_facet_weights = fields.Dict(
    keys=fields.String(validate=validate.OneOf(FACETS)), values=fields.Float(validate=validate.Range(min=0, max=10))
)


class NegationSettingsSchema(Schema):
    cues = fields.List(_name, required=True, validate=validate.Length(min=1))
    window = fields.Integer(required=True, validate=validate.Range(min=1, max=50))
    scope_ends = fields.List(_name, required=True)
    after = fields.List(_name, load_default=list)


class SenseSettingsSchema(Schema):
    window = fields.Integer(required=True, validate=validate.Range(min=1, max=100))


class ServiceContextSchema(Schema):
    boost = fields.Float(required=True, validate=validate.Range(min=1, max=5))
    cues = fields.List(_name, required=True)


class MedicineContextSchema(Schema):
    cues = fields.List(_name, required=True)


class ClassifierSettingsSchema(Schema):
    """How found concepts' signals add up to a label."""

    labels = fields.Dict(keys=fields.String(validate=validate.OneOf(LABELS)), values=_facet_weights, required=True)
    requires = fields.Dict(keys=fields.String(validate=validate.OneOf(LABELS)), values=_facet_weights, load_default=dict)
    subsumes = fields.Dict(
        keys=fields.String(validate=validate.OneOf(LABELS)),
        values=fields.List(fields.String(validate=validate.OneOf(LABELS))),
        load_default=dict,
    )
    min_score = fields.Float(required=True, validate=validate.Range(min=0))
    secondary_ratio = fields.Float(required=True, validate=validate.Range(min=0, max=1))
    negation = fields.Nested(NegationSettingsSchema, required=True)
    senses = fields.Nested(SenseSettingsSchema, required=True)
    service_context = fields.Nested(ServiceContextSchema, required=True)
    medicine_context = fields.Nested(MedicineContextSchema, required=True)

    @validates_schema
    def _every_label_scored(self, data: dict, **_: object) -> None:
        missing = set(LABELS) - set(data.get("labels", {}))
        if missing:
            raise ValidationError(f"Every label needs facet weights; missing: {', '.join(sorted(missing))}.", "labels")


# --- classification over HTTP -----------------------------------------------------------------


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
    from flask import current_app  # the limit is a setting of the running app

    limit = current_app.config["MAX_TEXT_LENGTH"]
    if len(value) > limit:
        raise ValidationError(f"Longer than the limit of {limit} characters ({len(value)}).")


class ClassifyInSchema(Schema):
    text = fields.String(
        required=True,
        validate=[validate.Length(min=1), _no_blank, _text_within_limit, _well_formed],
        metadata={
            "description": "A service description in English, simplified or traditional Chinese",
            "maxLength": 10_000,  # the default of the MAX_TEXT_LENGTH setting
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
    label = fields.String(required=True, validate=validate.OneOf((*LABELS, NONE_LABEL)))
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
            "description": "Items to classify; a bad item gets an error in its place",
            "maxItems": 1_000,  # the default of the MAX_BATCH_ITEMS setting
        },
    )


class BatchItemSchema(Schema):
    id = fields.Raw(load_default=None, validate=_item_id)
    text = fields.String(required=True, validate=[validate.Length(min=1), _no_blank, _text_within_limit, _well_formed])


class ItemErrorSchema(Schema):
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    errors = fields.Dict()


class BatchResultSchema(DecisionSchema):
    index = fields.Integer(required=True)
    id = fields.Raw(allow_none=True, metadata={"description": "The item's id as sent (a string or an integer), or null"})
    label = fields.String(validate=validate.OneOf((*LABELS, NONE_LABEL)))
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
