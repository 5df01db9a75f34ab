"""The classifier's rules file, terms/_classifier.yaml: how found concepts' signals add up to labels.

terms_format.load_terms() reads and validates it with RulesSchema, beside the concept files.
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .vocabulary import FACETS, LABELS


def _phrases(**kwargs: object) -> fields.List:
    return fields.List(fields.String(validate=validate.Length(min=1, max=200)), **kwargs)


_facet_weights = fields.Dict(
    keys=fields.String(validate=validate.OneOf(FACETS)), values=fields.Float(validate=validate.Range(min=0, max=10))
)


class NegationRulesSchema(Schema):
    cues = _phrases(required=True, validate=validate.Length(min=1))
    window = fields.Integer(required=True, validate=validate.Range(min=1, max=50))
    scope_ends = _phrases(required=True)
    after = _phrases(load_default=list)


class SenseRulesSchema(Schema):
    window = fields.Integer(required=True, validate=validate.Range(min=1, max=100))


class ContextSchema(Schema):
    """Cue words that say what a text is about; `boost` multiplies the scores of a text that has one."""

    boost = fields.Float(load_default=1.0, validate=validate.Range(min=1, max=5))
    cues = _phrases(required=True)


class RulesSchema(Schema):
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
    negation = fields.Nested(NegationRulesSchema, required=True)
    senses = fields.Nested(SenseRulesSchema, required=True)
    service_context = fields.Nested(ContextSchema, required=True)
    medicine_context = fields.Nested(ContextSchema, required=True)

    @validates_schema
    def _every_label_scored(self, data: dict, **_: object) -> None:
        missing = set(LABELS) - set(data.get("labels", {}))
        if missing:
            raise ValidationError(f"Every label needs facet weights; missing: {', '.join(sorted(missing))}.", "labels")
