"""Classification endpoints: one text, a batch of texts, and the labels they can get."""

from __future__ import annotations

from flask import current_app

from ...classifier import Decision
from ...evidence import Evidence
from .. import classifier
from ..bodies import Blueprint
from ..caching import CONDITIONAL_HEADERS, conditional
from ..metrics import count_decision
from .batches import check_limits, results
from .classify_schemas import (
    BatchInSchema,
    BatchItemSchema,
    BatchOutSchema,
    ClassifyInSchema,
    DecisionSchema,
    LabelsOutSchema,
)

blp = Blueprint("classify", __name__, url_prefix="/v1", description="Classify service descriptions")


@blp.route("/classify", methods=["POST"])
@blp.arguments(ClassifyInSchema())
@blp.response(200, DecisionSchema)
def classify(body: dict) -> object:
    """Label one description CRO, CMO, CDMO, CSO or NONE, with the glossary terms found as evidence."""
    decision = classifier().classify(body["text"])
    count_decision(decision.label)
    return current_app.json.response(decision_json(decision))


@blp.route("/classify/batch", methods=["POST"])
@blp.arguments(BatchInSchema())
@blp.response(200, BatchOutSchema)
def classify_batch(body: dict) -> dict:
    """Label many descriptions in one call; results come back in input order, a bad item as an error."""
    check_limits(body["items"], ("text",))
    return current_app.json.response({"results": results(body["items"], _ITEM, '{"id": ..., "text": ...}', _decision)})


# Made once: a schema instance costs a deep copy of its fields, too much to pay per batch item.
_ITEM = BatchItemSchema()


def _decision(item: dict) -> dict:
    decision = classifier().classify(item["text"])
    count_decision(decision.label)
    return decision_json(decision)


def decision_json(decision: Decision) -> dict:
    """Return the decision as DecisionSchema documents it, built directly.

    marshmallow's dump of a decision (about 20 pieces of evidence, 12 fields each) cost more than
    classifying it; the schemas stay as the OpenAPI description, and a test holds this function
    to DecisionSchema().dump() on every dev text.
    """
    return {
        "label": decision.label,
        "labels": list(decision.labels),
        "confidence": dict(decision.confidence),
        "scores": dict(decision.scores),
        "evidence": [_evidence_json(e) for e in decision.evidence],
        "evidence_total": decision.evidence_total,
        "named_category": decision.named_category,
        "named_subject": decision.named_subject,
        "outside_pharma": decision.outside_pharma,
    }


def _evidence_json(e: Evidence) -> dict:
    return {
        "kind": e.kind, "feature": e.feature, "text": e.text, "start": e.start, "end": e.end,
        "weights": dict(e.weights), "counted": bool(e.weights), "occurrences": e.occurrences,
        "concept_id": e.concept_id, "negated": e.negated, "out_of_domain": e.out_of_domain, "sense": e.sense,
    }


@blp.route("/labels", parameters=CONDITIONAL_HEADERS)
@conditional(blp)
@blp.response(200, LabelsOutSchema)
def labels() -> dict:
    """List the labels the classifier gives, each with its glossary concept and definitions."""
    return {"labels": [{"label": label, "concept": concept} for label, concept in classifier().label_concepts().items()]}
