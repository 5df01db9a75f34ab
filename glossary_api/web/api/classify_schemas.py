"""marshmallow schemas of classification over HTTP: a text in, a decision out, batches, labels."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from ...terms_format import NOT_BLANK
from ...vocabulary import ALL_LABELS, LABELS
from .schemas import ConceptOutSchema
from .validators import LIMITS, batch_items, item_id, text_within_limit, well_formed


class ClassifyInSchema(Schema):
    text = fields.String(
        required=True,
        validate=[NOT_BLANK, text_within_limit, well_formed],  # NOT_BLANK refuses "" too: one message, not two
        metadata={
            "description": "A service description in English, simplified or traditional Chinese",
            "minLength": 1,
            LIMITS: {"maxLength": "MAX_TEXT_LENGTH"},
        },
    )


class EvidenceSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(("term", "keyword", "context")), metadata={
        "description": "term: a glossary name found in the text; keyword: a word, or a pair of Han characters; "
        "context: a cue about the whole text"
    })
    feature = fields.String(required=True, metadata={
        "description": "What the learned weights are looked up by: concept:<id>, not:concept:<id> (negated), offtopic:concept:<id>, "
        "other:concept:<id> (another party's, after a possessive), "
        "sense:out-of-domain, w:<word>, c:<two Han characters> (a pair jieba left as single characters), "
        "ctx:<kind>; not: before a keyword inside a negation's scope"
    })
    text = fields.String(allow_none=True, required=True, metadata={"description": "As written in the input (null for a context)"})
    start = fields.Integer(allow_none=True, required=True, metadata={"description": "Offset of the first character in the input, in Unicode code points (not UTF-16 units)"})
    end = fields.Integer(allow_none=True, required=True, metadata={"description": "Offset after the last character (exclusive)"})
    weights = fields.Dict(keys=fields.String(), values=fields.Float(), required=True, metadata={
        "description": "What it added to each label's score (labels it did not move are left out); empty when it counted for nothing"
    })
    counted = fields.Boolean(required=True, metadata={"description": "Whether it added anything to the scores"})
    occurrences = fields.Integer(required=True, metadata={"description": "How often it occurs in the text; the span is the first occurrence's"})
    concept_id = fields.String(allow_none=True, required=True, metadata={"description": "A term: the glossary concept it was read as"})
    negated = fields.Boolean(required=True, metadata={"description": "A negation denies it (不提供..., we do not...)"})
    out_of_domain = fields.Boolean(required=True, metadata={"description": "A term read in a sense outside pharmaceutical outsourcing"})
    sense = fields.String(allow_none=True, required=True, metadata={
        "description": "A shared abbreviation: why it was read in this sense (named in full, a role, a cue, as elsewhere in the text)"
    })


class DecisionSchema(Schema):
    label = fields.String(required=True, validate=validate.OneOf(ALL_LABELS), metadata={
        "description": "NONE when the text shows no sign of medicines (outside_pharma), or is not confidently a service description"
        " (1 - NONE's confidence below the threshold) and does not open as its named category's news (named_subject);"
        " else the category it names when it names exactly one (named_category), else the most confident of CRO, CMO, CDMO and CSO"
    })
    labels = fields.List(fields.String(), required=True, metadata={
        "description": "The label first, then every other label that stands far above NONE on its own with a confidence of at least the rules' also_confident, 0.2 as shipped (a vendor can be CRO and CDMO); empty for NONE"
    })
    confidence = fields.Dict(keys=fields.String(), values=fields.Float(), required=True, metadata={
        "description": "Calibrated probability of each label, NONE included (they sum to 1)"
    })
    scores = fields.Dict(keys=fields.String(), values=fields.Float(), required=True, metadata={
        "description": "Each label's raw score: the learned bias plus the weights of the evidence"
    })
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True, metadata={
        "description": "At most MAX_EVIDENCE pieces, in text order (contexts last): every glossary term found, then the strongest keywords"
    })
    evidence_total = fields.Integer(required=True, metadata={
        "description": "How many pieces of evidence there were; more than listed when the MAX_EVIDENCE cap cut the list"
    })
    named_category = fields.String(allow_none=True, required=True, validate=validate.OneOf(LABELS), metadata={
        "description": "The category the text names (CRO, 合同研究组织, 委託製造服務...: read in-domain, not denied, not only as another party's:"
        " \"the client's CRO\") when it names exactly one,"
        " NONE texts included, else null; a service text takes it as its label, whatever the weights' strongest"
    })
    named_subject = fields.Boolean(required=True, metadata={
        "description": "The text opens with named_category as the subject of a news verb (\"The global CRO said today...\","
        " \"韩国生物药CDMO宣布...\"): that vendor's news, labelled its category even where the weights read NONE"
    })
    outside_pharma = fields.Boolean(required=True, metadata={
        "description": "The text shows no sign of medicines: no word of the medicine kind (drug, vaccine, clinical, 药, 临床...)"
        " and no glossary name read in the sector's sense (a name is a sign whatever its state: denied, another party's, or a word"
        " other industries use too, such as 代工 or 外包; a name read in another sense, CRO the conversion rate, is not)."
        " It is NONE whatever the weights: the categories are pharma outsourcing's, and an IT firm's \"consulting services to"
        " clients\" is no CRO. confidence and scores still say how the weights alone read it"
    })


class BatchInSchema(Schema):
    items = batch_items("Items to classify", 'An object {"id": string or integer (optional), "text": string}')


class BatchItemSchema(Schema):
    id = fields.Raw(load_default=None, validate=item_id)
    text = fields.String(required=True, validate=[NOT_BLANK, text_within_limit, well_formed], metadata={"minLength": 1})


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
    named_category = fields.String(allow_none=True, validate=validate.OneOf(LABELS))
    named_subject = fields.Boolean()
    outside_pharma = fields.Boolean()
    error = fields.Nested(ItemErrorSchema)


class BatchOutSchema(Schema):
    results = fields.List(fields.Nested(BatchResultSchema), required=True)


class LabelSchema(Schema):
    label = fields.String(required=True)
    concept = fields.Nested(ConceptOutSchema, required=True)


class LabelsOutSchema(Schema):
    labels = fields.List(fields.Nested(LabelSchema), required=True)
