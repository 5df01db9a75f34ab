"""Evidence: the pieces of a text that weighed in a decision, and what each added to each label's score.

A piece is a glossary term found (one per concept and state, however often it is named: its
feature's weight, and its share of the signals it gave), a keyword (a word; or the character pairs or
letter triples of one span, added up and shown as chars:<text> or letters:<word>), or a context
cue. The pieces are gathered cheaply as numbers; only the strongest (at most the classifier's
max_evidence) become Evidence objects.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .features import NOT_ABOUT_MEDICINES, TERM_PREFIXES, Features, Mention, term_feature

_KEYWORD_GROUPS = {"c": "chars", "l": "letters"}


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to build, and a decision builds many
class Evidence:
    """A piece of the text that the decision weighed: a glossary term, a keyword, or a context cue."""

    kind: str  # "term" (a glossary name), "keyword" (a word, or the characters of one span), "context" (a kind of text)
    feature: str  # what the weights are looked up by: concept:cro, w:工艺开发, chars:工艺开发, not:w:development, ctx:service
    text: str | None  # as written in the input (None for a context)
    start: int | None  # character offsets into the input, end exclusive (None for a context)
    end: int | None
    weights: dict[str, float]  # what it added to each label's score; empty when it counted for nothing
    occurrences: int = 1  # how often it occurs in the text (a term or a word is weighed once, by TF-IDF)
    concept_id: str | None = None  # a term: the concept it was read as
    negated: bool = False  # a negation denies it
    out_of_domain: bool = False  # a term read in a sense outside pharmaceutical outsourcing
    sense: str | None = None  # a shared abbreviation: why it was read in this sense

    @property
    def counted(self) -> bool:
        """Return whether it added anything to the scores."""
        return bool(self.weights)


class _Piece:
    """A piece of evidence while it is gathered: mutable, its weights a plain list."""

    __slots__ = ("kind", "feature", "first", "last", "added", "occurrences", "mention")

    def __init__(self, kind: str, feature: str, first: int | None, last: int | None, added: list[float], mention: Mention | None = None):
        self.kind, self.feature, self.first, self.last, self.added, self.mention = kind, feature, first, last, added, mention
        self.occurrences = 1

    def strength(self) -> float:
        added = self.added
        return max(max(added), -min(added)) if added else 0.0


def gather(reading, features: Features, contributions: dict[str, tuple[float, ...]], size: int) -> list[_Piece]:  # noqa: ANN001
    """Return every piece of evidence of a reading: each mention of a glossary name, each keyword and context that weighed."""
    counts = features.counts
    zero = [0.0] * size
    pieces: list[_Piece] = []
    about_medicines = NOT_ABOUT_MEDICINES not in counts
    term_features = [term_feature(mention, about_medicines) for mention in reading.mentions]
    mentions_of = Counter(term_features)
    term_piece: dict[tuple[str, str], _Piece] = {}  # (feature, concept id) -> its piece: one per concept and state
    for mention, feature in zip(reading.mentions, term_features):
        added = [w / mentions_of[feature] for w in contributions.get(feature, zero)]
        if feature.startswith("concept:"):
            for facet, signal in mention.concept.signals.items():
                share = signal / counts[f"signal:{facet}"]
                for i, w in enumerate(contributions.get(f"signal:{facet}", zero)):
                    added[i] += w * share
        key = (feature, mention.concept.id)
        if key in term_piece:
            piece = term_piece[key]
            piece.occurrences += 1
            for i, w in enumerate(added):
                piece.added[i] += w
            continue
        piece = term_piece[key] = _Piece("term", feature, mention.hit.first, mention.hit.last, added, mention)
        pieces.append(piece)
    of_span: dict[tuple, _Piece] = {}  # (not:, group, first, last) -> the piece of a span's chars or letters
    for feature, span in features.first.items():
        added = contributions.get(feature)
        if added is None or feature.startswith(TERM_PREFIXES) or feature.startswith("signal:"):
            continue
        if span is None:
            piece = _Piece("context", feature, None, None, list(added))
            piece.occurrences = int(counts[feature])
            pieces.append(piece)
            continue
        negated = feature.startswith("not:")
        group = _KEYWORD_GROUPS.get(feature[4 * negated :].partition(":")[0])
        if group is None:
            piece = _Piece("keyword", feature, *span, list(added))
            piece.occurrences = int(counts[feature])
            pieces.append(piece)
            continue
        key = (negated, group, *span)
        if key in of_span:
            piece = of_span[key]
            for i, w in enumerate(added):
                piece.added[i] += w
            continue
        tokens = reading.tokens
        name = f"{'not:' if negated else ''}{group}:{reading.folded.text[tokens[span[0]].start : tokens[span[1] - 1].end]}"
        piece = of_span[key] = _Piece("keyword", name, *span, list(added))
        pieces.append(piece)
    return pieces


def strongest(pieces: list[_Piece], limit: int, reading, labels: tuple[str, ...]) -> tuple[Evidence, ...]:  # noqa: ANN001
    """Return at most `limit` pieces as Evidence, in text order (contexts last): the glossary terms first, then the strongest keywords.

    A term is listed even when it added nothing (a name denied by a negation shows that it was denied).
    """
    terms = sorted((p for p in pieces if p.kind == "term"), key=_Piece.strength, reverse=True)[:limit]
    others = sorted((p for p in pieces if p.kind != "term"), key=_Piece.strength, reverse=True)[: limit - len(terms)]
    kept = terms + others
    kept.sort(key=lambda piece: (piece.first is None, piece.first or 0))
    return tuple(_evidence(piece, reading, labels) for piece in kept)


def _evidence(piece: _Piece, reading, labels: tuple[str, ...]) -> Evidence:  # noqa: ANN001
    weights = {label: rounded for label, w in zip(labels, piece.added) if (rounded := round(w, 4))}
    if piece.first is None:
        return Evidence(piece.kind, piece.feature, None, None, None, weights, piece.occurrences)
    start, end = reading.span(piece.first, piece.last)
    text = reading.text[start:end]
    mention = piece.mention
    if mention is None:
        return Evidence(piece.kind, piece.feature, text, start, end, weights, piece.occurrences, negated=piece.feature.startswith("not:"))
    concept = mention.concept
    return Evidence("term", piece.feature, text, start, end, weights, piece.occurrences, concept.id, mention.negated, concept.out_of_domain, mention.sense.reason)
