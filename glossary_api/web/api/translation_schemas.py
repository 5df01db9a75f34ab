"""marshmallow schemas of the translators' endpoints: the term check of translations and the annotation of a text."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, pre_dump, validate, validates_schema

from ...errors import InvalidLanguage
from ...term_check import RULES, parse_language
from ...terms_format import NOT_BLANK
from .schemas import DesignationOutSchema, ItemErrorSchema, _item_id, _text_within_limit, _well_formed


def _language(value: str) -> None:
    try:
        parse_language(value)
    except InvalidLanguage as error:
        raise ValidationError(str(error)) from None


def _text(description: str, required: bool = True) -> fields.String:
    return fields.String(
        required=required,
        validate=[validate.Length(min=1), NOT_BLANK, _text_within_limit, _well_formed],
        metadata={"description": description, "maxLength": 10_000},  # the default of the MAX_TEXT_LENGTH setting
    )


def _language_tag(description: str) -> fields.String:
    return fields.String(
        required=True,
        validate=_language,
        metadata={
            "description": f"{description}: en, zh-Hans or zh-Hant (BCP 47), with a region where it matters (zh-Hant-TW, zh-Hant-HK); locales such as zh-CN or zh-TW too",
            "example": "zh-Hant-TW",
        },
    )


class CheckInSchema(Schema):
    """One pair (source and target) or a batch (items), with their languages."""

    source = _text("The source segment (one pair)", required=False)
    target = _text("Its translation (one pair)", required=False)
    items = fields.List(
        # Any JSON value is accepted so that a bad item is answered in its place; CheckItemSchema says what a good one is.
        fields.Raw(allow_none=True, metadata={"description": 'An object {"id": string or integer (optional), "source": string, "target": string}'}),
        validate=validate.Length(min=1),
        metadata={"description": "Pairs to check (a batch); a bad item gets an error in its place", "maxItems": 1_000},
    )
    source_lang = _language_tag("Language of the source")
    target_lang = _language_tag("Language of the translation")

    @validates_schema
    def _one_pair_or_a_batch(self, data: dict, **_: object) -> None:
        pair = [name for name in ("source", "target") if name in data]
        if "items" in data and pair:
            raise ValidationError("Send either source and target (one pair) or items (a batch), not both.", "items")
        if "items" not in data and len(pair) < 2:
            missing = next(name for name in ("source", "target") if name not in data)
            raise ValidationError("Missing data for required field (or send items, a batch).", missing)


class CheckItemSchema(Schema):
    id = fields.Raw(load_default=None, validate=_item_id)
    source = _text("The source segment")
    target = _text("Its translation")


class SpanSchema(Schema):
    text = fields.String(required=True, metadata={"description": "The term as it appears in the text"})
    start = fields.Integer(required=True, metadata={"description": "Offset of its first character"})
    end = fields.Integer(required=True, metadata={"description": "Offset after its last character (exclusive)"})


class IssueSchema(Schema):
    rule = fields.String(required=True, validate=validate.OneOf(RULES), metadata={"description": "missing, avoided, wrong-region or ambiguous-abbreviation"})
    concept_id = fields.String(required=True)
    message = fields.String(required=True)
    source = fields.Nested(SpanSchema, allow_none=True, required=True, metadata={"description": "The term in the source (null for a name found only in the translation)"})
    target = fields.Nested(SpanSchema, allow_none=True, required=True, metadata={"description": "The name in the translation (null for a missing term)"})
    suggestions = fields.List(fields.String(), required=True, metadata={"description": "Names to use in the translation"})


class SourceTermSchema(SpanSchema):
    concept_ids = fields.List(fields.String(), required=True, metadata={"description": "The concepts it is read as (several for an ambiguous abbreviation)"})
    translated = fields.Boolean(required=True, metadata={"description": "Whether the translation has a name of it"})

    @pre_dump
    def _flatten(self, term: object, **_: object) -> dict:
        return {"text": term.match.text, "start": term.match.start, "end": term.match.end, "concept_ids": [c.id for c in term.senses], "translated": term.translated}


class CheckResultSchema(Schema):
    issues = fields.List(fields.Nested(IssueSchema), required=True)
    terms = fields.List(fields.Nested(SourceTermSchema), required=True, metadata={"description": "The glossary terms of the source"})


class CheckBatchResultSchema(Schema):
    index = fields.Integer(required=True)
    id = fields.Raw(allow_none=True, metadata={"description": "The item's id as sent (a string or an integer), or null"})
    issues = fields.List(fields.Nested(IssueSchema))
    terms = fields.List(fields.Nested(SourceTermSchema))
    error = fields.Nested(ItemErrorSchema)


class CheckOutSchema(Schema):
    """For one pair, its issues and terms; for a batch, results in input order."""

    issues = fields.List(fields.Nested(IssueSchema), metadata={"description": "One pair: the issues of the translation"})
    terms = fields.List(fields.Nested(SourceTermSchema), metadata={"description": "One pair: the glossary terms of the source"})
    results = fields.List(fields.Nested(CheckBatchResultSchema), metadata={"description": "A batch: one result per item, in input order"})


class AnnotateInSchema(Schema):
    text = _text("A text in English, simplified or traditional Chinese")


class SenseSchema(Schema):
    id = fields.String(required=True)
    category = fields.String(required=True)
    out_of_domain = fields.Boolean(required=True)
    matched = fields.List(fields.Nested(DesignationOutSchema), required=True, metadata={"description": "The names of the concept the text used"})
    preferred = fields.Dict(keys=fields.String(), values=fields.String(), required=True, metadata={"description": "The preferred term in each language (en, zh-Hans, zh-Hant)"})

    @pre_dump
    def _flatten(self, sense: object, **_: object) -> dict:
        concept = sense.concept
        return {"id": concept.id, "category": concept.category, "out_of_domain": concept.out_of_domain, "matched": sense.matched, "preferred": sense.preferred}


class AnnotationSchema(SpanSchema):
    concepts = fields.List(fields.Nested(SenseSchema), required=True, attribute="senses", metadata={"description": "Every concept the term can name, in-domain first"})


class AnnotateOutSchema(Schema):
    terms = fields.List(fields.Nested(AnnotationSchema), required=True)
