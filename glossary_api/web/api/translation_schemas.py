"""marshmallow schemas of the translators' endpoints: the term check of translations and the annotation of a text."""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, pre_dump, validate

from ...errors import InvalidLanguage, quoted
from ...term_check import RULES
from ...termbase.languages import ALIASES, LANGUAGE_FORMS, PLACES, SAR_WORDS, SCRIPT_WORDS, parse_language
from ...terms_format import NOT_BLANK
from ...vocabulary import REGIONS
from .classify_schemas import ItemErrorSchema
from .schemas import DesignationOutSchema
from .validators import LIMITS, batch_items, item_id, text_within_limit, well_formed


def _text(description: str, required: bool = True) -> fields.String:
    return fields.String(
        required=required,
        validate=[NOT_BLANK, text_within_limit, well_formed],  # NOT_BLANK refuses "" too: one message, not two
        metadata={"description": description, "minLength": 1, LIMITS: {"maxLength": "MAX_TEXT_LENGTH"}},
    )


_SYNTAX = frozenset("^$\\.*+?()[]{}|/")  # characters with a meaning in a regular expression, Python's and ECMA-262's


def _any_case(word: str) -> str:
    """Return a regular expression of word in any case, - or _ between its parts ("zh-tw" -> "[Zz][Hh][-_][Tt][Ww]").

    JSON Schema patterns have no flags; every other character stands for itself ("chinese (prc)", 简体中文), the
    regex syntax characters escaped as both Python and JSON Schema (ECMA-262) read them, a space as itself
    (re.escape would write "\\ ", which ECMA-262's unicode mode refuses).
    """
    return "".join(
        f"[{c.upper()}{c.lower()}]" if c.isascii() and c.isalpha() else "[-_]" if c in "-_" else f"\\{c}" if c in _SYNTAX else c
        for c in word
    )


_REGION = f"(?:{'|'.join(_any_case(region) for region in REGIONS)})"
_TAGS = (
    f"{_any_case('en')}(?:[-_](?:[A-Za-z]{{2}}|[0-9]{{3}}))?"
    f"|{_any_case('zh')}[-_](?:{_any_case('han')}[SsTt](?:[-_]{_REGION})?|{_REGION})"
)
# Every form a language is taken in by the API, and only those: tags and locales in any case and with - or _, and the
# names of languages the glossary knows ("Chinese (Taiwan)", 繁體中文) that are not tags already. The API applies the
# pattern before parse_language(), so the spec says exactly what is accepted (schemathesis sends strings outside it
# and expects a 422; tests/api/test_translation.py holds both ways). The API is stricter than `cxo check-translation`,
# whose parse_language() also strips the spaces around a tag.
_REGIONAL_NAMES = (  # termbase.languages.regional_name()'s names: Chinese (Traditional, Hong Kong SAR)
    f"{_any_case('chinese')} *\\((?:(?:{'|'.join(map(_any_case, SCRIPT_WORDS))})(?:, *| +))?(?:{'|'.join(map(_any_case, PLACES))})"
    f"(?:,? +(?:{'|'.join(map(_any_case, SAR_WORDS))}))?\\)"
)
LANGUAGE_TAG_PATTERN = (
    f"^(?:{_TAGS}|{_REGIONAL_NAMES}|{'|'.join(_any_case(name) for name in sorted(ALIASES) if not re.fullmatch(_TAGS, name))})$"
)


def _glossary_language(tag: str) -> None:
    """Accept a language the spec's pattern gives, as parse_language() reads it."""
    if not re.fullmatch(LANGUAGE_TAG_PATTERN, tag):
        raise ValidationError(f"{quoted(tag)} is not a language of the glossary: {LANGUAGE_FORMS}, with nothing around it, not even a space.")
    try:
        parse_language(tag)
    except InvalidLanguage as error:  # a guard: every string of the pattern is one parse_language() reads (tested)
        raise ValidationError(str(error)) from None


def _language_tag(description: str) -> fields.String:
    return fields.String(
        required=True,
        validate=_glossary_language,
        metadata={
            "description": f"{description}: a BCP 47 tag in any case (the pattern): en, zh-Hans or zh-Hant, with a region where it "
            "matters (zh-Hant-TW, zh-Hant-HK: a name of one region is wrong in another's text), a locale (en-US, zh-CN, zh_TW), "
            "or a name such as Chinese (Taiwan); the pattern gives every form taken, and nothing around it (not even a space)",
            "example": "zh-Hant-TW",
            "pattern": LANGUAGE_TAG_PATTERN,
        },
    )


class CheckInSchema(Schema):
    """One pair: a source segment, its translation, and their languages."""

    source = _text("The source segment")
    target = _text("Its translation")
    source_lang = _language_tag("Language of the source")
    target_lang = _language_tag("Language of the translation")


class CheckBatchInSchema(Schema):
    """Many pairs in one language pair."""

    items = batch_items("Pairs to check", 'An object {"id": string or integer (optional), "source": string, "target": string}')
    source_lang = _language_tag("Language of the sources")
    target_lang = _language_tag("Language of the translations")


class CheckItemSchema(Schema):
    id = fields.Raw(load_default=None, validate=item_id)
    source = _text("The source segment")
    target = _text("Its translation")


class SpanSchema(Schema):
    text = fields.String(required=True, metadata={"description": "The term as it appears in the text"})
    start = fields.Integer(required=True, metadata={"description": "Offset of its first character, in Unicode code points (not UTF-16 units)"})
    end = fields.Integer(required=True, metadata={"description": "Offset after its last character (exclusive)"})


class IssueSchema(Schema):
    rule = fields.String(required=True, validate=validate.OneOf(RULES), metadata={"description": "missing, avoided, wrong-region or ambiguous-abbreviation"})
    concept_id = fields.String(required=True)
    message = fields.String(required=True)
    source = fields.Nested(SpanSchema, allow_none=True, required=True, metadata={"description": "The term in the source (null for a name found only in the translation)"})
    target = fields.Nested(SpanSchema, allow_none=True, required=True, metadata={"description": "The name in the translation (null for a missing term)"})
    suggestions = fields.List(fields.String(), required=True, metadata={"description": "Names to use in the translation"})
    repeated = fields.List(
        fields.Nested(SpanSchema),
        required=True,
        metadata={"description": "Later places of the same name with the same issue in the translation (a name is one issue however often it is written)"},
    )


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


class CheckBatchOutSchema(Schema):
    results = fields.List(fields.Nested(CheckBatchResultSchema), required=True, metadata={"description": "One result per item, in input order"})


class AnnotateInSchema(Schema):
    text = _text("A text in English, simplified or traditional Chinese")


class SenseSchema(Schema):
    id = fields.String(required=True)
    category = fields.String(required=True)
    out_of_domain = fields.Boolean(required=True)
    matched = fields.List(fields.Nested(DesignationOutSchema), required=True, metadata={"description": "The names of the concept the text used, anywhere in it"})
    preferred = fields.Dict(keys=fields.String(), values=fields.String(), required=True, metadata={"description": "The preferred term in each language (en, zh-Hans, zh-Hant)"})

    @pre_dump
    def _flatten(self, sense: object, **_: object) -> dict:
        concept = sense.concept
        return {"id": concept.id, "category": concept.category, "out_of_domain": concept.out_of_domain, "matched": sense.matched, "preferred": sense.preferred}


class AnnotationSchema(SpanSchema):
    """A term as written, once however often it occurs: start and end are its first occurrence's, spans every occurrence's."""

    spans = fields.List(
        fields.List(fields.Integer(), validate=validate.Length(equal=2)),
        required=True,
        metadata={"description": "[start, end) of every occurrence, left to right, the first one included"},
    )
    concepts = fields.List(
        fields.String(), required=True, metadata={"description": "The ids of every concept the term can name, in-domain first; each is a key of the response's concepts"}
    )


class AnnotateOutSchema(Schema):
    terms = fields.List(fields.Nested(AnnotationSchema), required=True, metadata={"description": "Every glossary term of the text, once each as written, in order of first appearance"})
    concepts = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(SenseSchema),
        required=True,
        metadata={"description": "Each concept the terms can name, once, by id (however often its terms occur): an answer stays in proportion to its text"},
    )
