"""The classifier's rules file, terms/_classifier.yaml: what is known, not learned, about reading a text.

Negation cues and scopes, the possessives that make a category name another party's ("the
client's CRO"), the phrases that show a shared abbreviation names a person's role, the news verbs
of a text that opens with a category as its subject, and the cue words of kinds of text (offered
to clients, about medicines, a job advert, ...).
terms_format.load_terms() reads and validates it with RulesSchema, beside the concept files. The
learned weights are in _weights.tsv (model.py).
"""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate

from .vocabulary import LABELS


def _phrases(**kwargs: object) -> fields.List:
    return fields.List(fields.String(validate=validate.Length(min=1, max=200)), **kwargs)


def _regex(value: str) -> None:
    try:
        re.compile(value)
    except re.error as error:
        raise ValidationError(f"Not a regular expression: {error}.") from None


class NegationRulesSchema(Schema):
    cues = _phrases(required=True, validate=validate.Length(min=1))
    window = fields.Integer(required=True, validate=validate.Range(min=1, max=50))
    scope_ends = _phrases(required=True)
    after = _phrases(load_default=list)


class CounterpartRulesSchema(Schema):
    possessives = _phrases(required=True, validate=validate.Length(min=1))
    not_after = _phrases(load_default=list)
    gap = fields.Integer(required=True, validate=validate.Range(min=0, max=10))
    joiners = _phrases(load_default=list)


class SubjectRulesSchema(Schema):
    lead = fields.Integer(required=True, validate=validate.Range(min=1, max=1000))
    not_before = _phrases(required=True)
    not_names = _phrases(load_default=list)
    skip = _phrases(load_default=list)
    verbs = _phrases(required=True, validate=validate.Length(min=1))


class SenseRulesSchema(Schema):
    window = fields.Integer(required=True, validate=validate.Range(min=1, max=100))
    role_before = fields.List(fields.String(validate=_regex), required=True, validate=validate.Length(min=1))
    role_after = fields.List(fields.String(validate=_regex), required=True, validate=validate.Length(min=1))
    role_term = fields.String(required=True, validate=_regex)
    preferred_roles = fields.List(fields.String(), load_default=list)  # concept ids, checked against the glossary by SenseReader


class RulesSchema(Schema):
    """How a text is read before its features are weighed."""

    negation = fields.Nested(NegationRulesSchema, required=True)
    counterparts = fields.Nested(CounterpartRulesSchema, required=True)
    senses = fields.Nested(SenseRulesSchema, required=True)
    subject = fields.Nested(SubjectRulesSchema, required=True)
    contexts = fields.Dict(
        keys=fields.String(validate=validate.Regexp(r"^[a-z_]+$")), values=_phrases(validate=validate.Length(min=1)), required=True
    )
    also_supported = fields.Float(required=True, validate=validate.Range(min=0.5, max=1))
    also_confident = fields.Float(required=True, validate=validate.Range(min=0, max=0.5))
    exclusive = fields.List(fields.List(fields.String(validate=validate.OneOf(LABELS)), validate=validate.Length(min=2)), load_default=list)
