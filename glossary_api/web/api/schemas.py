"""marshmallow schemas: every shape the HTTP API sends and accepts (the OpenAPI spec is made from them)."""

from __future__ import annotations

from marshmallow import Schema, fields, post_dump, validate

from ...name_index import MATCH_KINDS
from ...termbase import FORMATS
from ...terms_format import NOT_BLANK, SourceSchema
from ...vocabulary import CATEGORIES, LANGUAGES, REGIONS, SLUG

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


class LookupMatchSchema(ConceptOutSchema):
    """A concept found by lookup, with the names of it that equal the query."""

    matched = fields.List(fields.Nested(DesignationOutSchema), required=True)
    match = fields.String(
        required=True,
        validate=validate.OneOf(("exact", "inflection")),
        metadata={"description": "exact: a name equals q; inflection: only once English inflections are ignored (CROs, clinical trials)"},
    )

    def dump(self, obj: object, *, many: bool | None = None) -> object:
        """Return the match's JSON: its concept's (made once, see ConceptOutSchema.dump) with the names matched and how."""
        if many if many is not None else self.many:
            return [self.dump(item, many=False) for item in obj]
        return {**_CONCEPT.dump(obj.concept), "matched": _DESIGNATIONS.dump(obj.matched), "match": obj.match}


_CONCEPT, _DESIGNATIONS = ConceptOutSchema(), DesignationOutSchema(many=True)


class LookupArgsSchema(Schema):
    q = fields.String(required=True, validate=[validate.Length(max=200), NOT_BLANK], metadata={"minLength": 1})


class LookupOutSchema(Schema):
    query = fields.String(required=True)
    matches = fields.List(fields.Nested(LookupMatchSchema), required=True)


class SearchArgsSchema(Schema):
    q = fields.String(required=True, validate=[validate.Length(max=200), NOT_BLANK], metadata={"minLength": 1})
    lang = fields.String(validate=validate.OneOf(LANGUAGES))
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))


class SearchHitSchema(Schema):
    concept = fields.Nested(ConceptOutSchema, required=True)
    matched = fields.Nested(DesignationOutSchema, required=True)
    match = fields.String(required=True, validate=validate.OneOf(MATCH_KINDS), metadata={
        "description": "How the best of the concept's names matched q: exact, inflection (once English inflections are ignored), "
        "prefix, substring or fuzzy (a few letters apart)"
    })
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


class HealthSchema(Schema):
    status = fields.String(required=True)
    concepts = fields.Integer(required=True)
    version = fields.String(required=True)


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
