"""marshmallow schemas: every shape the HTTP API sends and accepts (the OpenAPI spec is made from them)."""

from __future__ import annotations

from flask import current_app
from marshmallow import Schema, ValidationError, fields, post_dump, pre_dump, validate

from ...termbase import FORMATS
from ...terms_format import NOT_BLANK, SourceSchema
from ...vocabulary import ALL_LABELS, CATEGORIES, LANGUAGES, REGIONS, SLUG

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


class DesignationOutSchema(Schema):
    text = fields.String(required=True)
    lang = fields.String(required=True, metadata={"description": "BCP 47 tag: en, zh-Hans or zh-Hant"})
    type = fields.String(required=True, metadata={"description": "abbreviation, preferred or variant"})
    status = fields.String(required=True, metadata={"description": "preferred, admitted, deprecated or superseded"})
    preferred = fields.String(
        metadata={"description": "Only on a deprecated or superseded name: the preferred term of its language, to use instead"}
    )
    region = fields.String(
        validate=validate.OneOf(REGIONS),
        metadata={"description": "Only on a name one region uses (TW, HK, CN...): where it is used (TBX geographicalUsage)"},
    )

    @post_dump
    def _optional_fields_only_when_set(self, data: dict, **_: object) -> dict:
        for name in ("preferred", "region"):
            if data.get(name) is None:
                data.pop(name, None)
        return data


class _ConceptNames(fields.List):
    """A concept's names: Concept.designations() (a dict being dumped carries them as "names")."""

    def get_value(self, obj: object, attr: str, accessor: object = None, default: object = None) -> object:
        return obj["names"] if isinstance(obj, dict) else obj.designations()


class ConceptOutSchema(Schema):
    id = fields.String(required=True)
    category = fields.String(required=True)
    out_of_domain = fields.Boolean(required=True)
    abbreviations = fields.List(fields.String(), required=True)
    languages = fields.Nested(LanguagesOutSchema, required=True)
    names = _ConceptNames(
        fields.Nested(DesignationOutSchema),
        required=True,
        metadata={"description": "Every name, abbreviations first, with its status, the name to use instead of an avoided one, and its region"},
    )
    broader = fields.List(fields.String(), required=True)
    related = fields.List(fields.String(), required=True)
    sources = fields.List(fields.Nested(SourceSchema), required=True)


class LookupMatchSchema(ConceptOutSchema):
    """A concept found by lookup, with the names of it that equal the query."""

    matched = fields.List(fields.Nested(DesignationOutSchema), required=True)
    match = fields.String(
        required=True,
        validate=validate.OneOf(("exact", "inflection")),
        metadata={"description": "exact: a name equals q; inflection: only once English inflections are ignored (CROs, clinical trials)"},
    )

    @pre_dump
    def _flatten_match(self, match: object, **_: object) -> dict:
        fields_of_concept = {name: getattr(match.concept, name) for name in ConceptOutSchema().fields if name != "names"}
        return {**fields_of_concept, "names": match.concept.designations(), "matched": match.matched, "match": match.match}


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
            "maxLength": 10_000,  # the default of the MAX_TEXT_LENGTH setting
        },
    )


class EvidenceSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(("term", "keyword", "context")), metadata={
        "description": "term: a glossary name found in the text; keyword: a word or two Han characters; context: a cue about the whole text"
    })
    feature = fields.String(required=True, metadata={
        "description": "What the learned weights are looked up by: concept:<id>, not:concept:<id> (negated), offtopic:concept:<id>, "
        "sense:out-of-domain, w:<word>, c:<two Han characters>, not:w:<word>, ctx:<kind>"
    })
    text = fields.String(allow_none=True, required=True, metadata={"description": "As written in the input (null for a context)"})
    start = fields.Integer(allow_none=True, required=True, metadata={"description": "Offset of the first character in the input"})
    end = fields.Integer(allow_none=True, required=True, metadata={"description": "Offset after the last character (exclusive)"})
    weights = fields.Dict(keys=fields.String(), values=fields.Float(), required=True, metadata={
        "description": "What it added to each label's score (labels it did not move are left out); empty when it counted for nothing"
    })
    counted = fields.Boolean(required=True, metadata={"description": "Whether it added anything to the scores"})
    occurrences = fields.Integer(required=True, metadata={"description": "How often a keyword or context occurs (weighed once, by TF-IDF)"})
    concept_id = fields.String(allow_none=True, required=True, metadata={"description": "A term: the glossary concept it was read as"})
    negated = fields.Boolean(required=True, metadata={"description": "A negation denies it (不提供..., we do not...)"})
    out_of_domain = fields.Boolean(required=True, metadata={"description": "A term read in a sense outside pharmaceutical outsourcing"})
    sense = fields.String(allow_none=True, required=True, metadata={
        "description": "A shared abbreviation: why it was read in this sense (named in full, a role, a cue, as elsewhere in the text)"
    })


class DecisionSchema(Schema):
    label = fields.String(required=True, validate=validate.OneOf(ALL_LABELS), metadata={
        "description": "The most confident label, or NONE when no label is confident enough"
    })
    labels = fields.List(fields.String(), required=True, metadata={
        "description": "Every label confident enough, strongest first (a vendor can be CRO and CDMO); empty for NONE"
    })
    confidence = fields.Dict(keys=fields.String(), values=fields.Float(), required=True, metadata={
        "description": "Calibrated probability of each label, NONE included (they sum to 1)"
    })
    scores = fields.Dict(keys=fields.String(), values=fields.Float(), required=True, metadata={
        "description": "Each label's raw score: the learned bias plus the weights of the evidence"
    })
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True, metadata={
        "description": "The strongest pieces of evidence, in text order (contexts last)"
    })
    evidence_total = fields.Integer(required=True, metadata={
        "description": "How many pieces of evidence there were; more than listed when the MAX_EVIDENCE cap cut the list"
    })


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
    confidence = fields.Dict(keys=fields.String(), values=fields.Float())
    scores = fields.Dict(keys=fields.String(), values=fields.Float())
    evidence = fields.List(fields.Nested(EvidenceSchema))
    evidence_total = fields.Integer()
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
    concept = fields.String(
        validate=validate.Regexp(SLUG, error="Must be a concept id like 'process-development'."),
        metadata={"description": "Only this concept (its id, as in /v1/terms/{concept_id}); every concept when left out"},
    )
