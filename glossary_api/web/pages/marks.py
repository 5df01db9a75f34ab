"""What a page highlights in a text a person pasted: the text cut into plain and marked pieces.

A decision's evidence overlaps itself (a glossary term, the words inside it, the character pairs
across it), and a highlighted text can only show one mark per character. So the page marks every
glossary term, then the few keywords that weighed most for the label given (a quarter point or
more), where no term stands; the other keywords are listed below the text. The translation check marks its terms the same way.
Plain Python: the templates only lay the pieces out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...classifier import Decision, Evidence

MARKED_KEYWORDS = 6  # keywords highlighted in the text besides the glossary terms; the rest are listed
MARKED_SUPPORT = 0.25  # the least a keyword must add to the label's score to be highlighted


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of the text: plain (mark is None), or marked with the evidence or term it stands for."""

    text: str
    mark: object | None = None


@dataclass(frozen=True, slots=True)
class MarkedDecision:
    """A decision laid out for a page: the text in pieces and the evidence by where it is shown."""

    pieces: tuple[Piece, ...]
    terms: tuple[Evidence, ...]  # glossary names found, in text order (all marked)
    keywords: tuple[Evidence, ...]  # the keywords marked in the text, in text order
    other_keywords: tuple[Evidence, ...]  # the rest, strongest for the label first
    contexts: tuple[Evidence, ...]  # what was said of the whole text


def cut(text: str, spans: Iterable[tuple[int, int, object]]) -> tuple[Piece, ...]:
    """Return text as pieces, each span [start, end) marked with its object; a span overlapping one before it is left plain."""
    pieces: list[Piece] = []
    position = 0
    for start, end, mark in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start < position or end <= start:
            continue
        if start > position:
            pieces.append(Piece(text[position:start]))
        pieces.append(Piece(text[start:end], mark))
        position = end
    if position < len(text):
        pieces.append(Piece(text[position:]))
    return tuple(pieces)


def support(evidence: Evidence, label: str) -> float:
    """Return what a piece of evidence added to label's score (negative: it spoke against it)."""
    return evidence.weights.get(label, 0.0)


def mark_decision(text: str, decision: Decision, marked_keywords: int = MARKED_KEYWORDS) -> MarkedDecision:
    """Return the decision's evidence laid out over text: terms and the strongest keywords marked, the rest listed."""
    terms = tuple(e for e in decision.evidence if e.kind == "term")
    taken = [(e.start, e.end) for e in terms]
    keywords = sorted((e for e in decision.evidence if e.kind == "keyword"), key=lambda e: -support(e, decision.label))
    marked: list[Evidence] = []
    for keyword in keywords:
        if len(marked) == marked_keywords or support(keyword, decision.label) < MARKED_SUPPORT:
            break
        if all(keyword.end <= start or keyword.start >= end for start, end in taken):
            marked.append(keyword)
            taken.append((keyword.start, keyword.end))
    pieces = cut(text, [(e.start, e.end, e) for e in (*terms, *marked)])
    return MarkedDecision(
        pieces,
        terms,
        tuple(sorted(marked, key=lambda e: e.start)),
        tuple(k for k in keywords if k not in marked),
        tuple(e for e in decision.evidence if e.kind == "context"),
    )


def effects(weights: dict[str, float], first: str | None = None, most: int = 2) -> str:
    """Return what a piece added to the scores, strongest first, as 'CDMO +3.13, CMO −1.10' (first: a label shown first)."""
    ordered = sorted(weights, key=lambda label: (label != first, -abs(weights[label])))
    return ", ".join(f"{label} {weights[label]:+.2f}".replace("-", "\u2212") for label in ordered[:most])


def reason(evidence: Evidence, concept_name: str | None = None) -> str:
    """Return, in words, how a piece of evidence was read and what it did (shown on hover and read to screen readers)."""
    did = effects(evidence.weights) if evidence.counted else "counted for nothing"
    if evidence.kind == "keyword":
        return f"keyword, {'denied by a negation, ' if evidence.negated else ''}{did}"
    if evidence.kind == "context":
        return did
    name = concept_name or evidence.concept_id
    if evidence.out_of_domain:
        why = f" ({evidence.sense})" if evidence.sense else ""
        return f"read as {name}, a sense outside pharma outsourcing{why}: {did}"
    if evidence.negated:
        return f"glossary term {name}, denied by a negation: {did}"
    if evidence.feature.startswith("offtopic:"):
        return f"glossary term {name}, a word used alike outside pharma in a text not about medicines: {did}"
    if evidence.feature.startswith("other:"):
        return f"glossary term {name}, another party's (after a possessive such as the client's): {did}"
    return f"glossary term {name}: {did}"


def mark_class(evidence: Evidence) -> str:
    """Return how a page shows a piece of evidence: term, keyword, negated, other-sense or off-topic."""
    if evidence.out_of_domain:
        return "other-sense"
    if evidence.negated:
        return "negated"
    if evidence.feature.startswith("offtopic:"):
        return "off-topic"
    return evidence.kind


# How a page names the kinds of text the classifier recognises (ctx:<kind> in terms/_classifier.yaml).
CONTEXT_NAMES = {
    "service": "offers services to clients",
    "medicine": "about medicines",
    "not-about-medicines": "not about medicines",
    "own_products": "about its own products",
    "job_advert": "a job advert",
    "regulation": "about regulation",
    "news": "news",
}


def context_name(evidence: Evidence) -> str:
    """Return what a context feature says of the whole text, in words ('offers services to clients')."""
    kind = evidence.feature.removeprefix("ctx:")
    return CONTEXT_NAMES.get(kind, kind.replace("_", " "))


def percent(probability: float) -> str:
    """Return a confidence as a whole percentage, '<1%' for a small one that is not zero."""
    return "<1%" if 0 < probability < 0.005 else f"{probability:.0%}"
