"""Evidence: the pieces of a text that weighed in a decision, and what each added to each label's score.

A piece is a glossary term found (one per concept and state, however often it is named: its
feature's weight, and its share of the signals it gave), a keyword (a word; or the character pairs or
letter triples of one span, added up and shown as chars:<text> or letters:<word>), or a context
cue. The pieces are gathered cheaply as numbers; only the strongest (at most the classifier's
max_evidence) become Evidence objects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import add, attrgetter

from .features import NOT_ABOUT_MEDICINES, TERM_PREFIXES, Features, Mention, term_feature
from .model import Weighing

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
    """A piece of evidence while it is gathered: mutable; the weights of a one-feature keyword are read only if it is kept."""

    __slots__ = ("kind", "feature", "first", "last", "added", "occurrences", "mention", "strength", "members")

    def __init__(self, kind: str, feature: str, first: int | None, last: int | None, added: list[float] | None, mention: Mention | None = None):
        self.kind, self.feature, self.first, self.last, self.added, self.mention = kind, feature, first, last, added, mention
        self.occurrences = 1
        self.strength = 0.0  # the largest of what it added to a label's score, in size
        self.members: list[int] = []  # the weighed features it stands for (indexes into Weighing.features)


def keyword_kinds(features: Iterable[str]) -> dict[str, tuple[bool, str | None] | None]:
    """Return, for each weighted feature, None for a term's (gathered from the mentions), else (negated, its group or None).

    Worked out once per model, so gathering a text's evidence does no string work per feature.
    """
    kinds: dict[str, tuple[bool, str | None] | None] = {}
    for feature in features:
        negated = feature.startswith("not:")
        term = feature.startswith(TERM_PREFIXES) or feature.startswith("signal:")
        kinds[feature] = None if term else (negated, _KEYWORD_GROUPS.get(feature[4 * negated :].partition(":")[0]))
    return kinds


def gather(reading, features: Features, weighing: Weighing, peaks: dict[str, float], kinds: dict) -> list[_Piece]:  # noqa: ANN001
    """Return every piece of evidence of a reading: each mention of a glossary name, each keyword and context that weighed."""
    pieces = _term_pieces(reading, features.counts, weighing)
    counts, first, values = features.counts, features.first, weighing.values
    of_span: dict[tuple, _Piece] = {}  # (not:, group, first, last) -> the piece of a span's chars or letters
    for index, feature in enumerate(weighing.features):
        kind = kinds[feature]
        if kind is None:
            continue
        span = first[feature]
        negated, group = kind
        if span is None or group is None:
            piece = _Piece("keyword" if span else "context", feature, *(span or (None, None)), None)
            piece.occurrences = int(counts[feature])
            piece.strength = peaks[feature] * abs(values[index])  # = the largest |weight x value|, exactly
            piece.members.append(index)
            pieces.append(piece)
            continue
        key = (negated, group, *span)
        piece = of_span.get(key)
        if piece is None:
            tokens = reading.tokens
            name = f"{'not:' if negated else ''}{group}:{reading.folded.text[tokens[span[0]].start : tokens[span[1] - 1].end]}"
            piece = of_span[key] = _Piece("keyword", name, *span, None)
            pieces.append(piece)
        piece.members.append(index)
    for piece in of_span.values():  # what a span's pairs or triples added, summed in text order
        piece.added = [reduce(add, map(column.__getitem__, piece.members)) for column in weighing.columns]
        piece.strength = _strength(piece.added)
    return pieces


def _term_pieces(reading, counts: dict[str, float], weighing: Weighing) -> list[_Piece]:  # noqa: ANN001
    """Return one piece per concept and state named: its feature's weight, and its share of the signals it gave."""
    size = len(weighing.columns)
    zero = [0.0] * size
    position = dict(zip(weighing.features, range(len(weighing.features))))

    def added_by(feature: str) -> list[float]:
        index = position.get(feature)
        return zero if index is None else weighing.added(index)

    pieces: list[_Piece] = []
    about_medicines = NOT_ABOUT_MEDICINES not in counts
    term_features = [term_feature(mention, about_medicines) for mention in reading.mentions]
    mentions_of = Counter(term_features)
    term_piece: dict[tuple[str, str], _Piece] = {}  # (feature, concept id) -> its piece: one per concept and state
    for mention, feature in zip(reading.mentions, term_features):
        added = [w / mentions_of[feature] for w in added_by(feature)]
        if feature.startswith("concept:"):
            for facet, signal in mention.concept.signals.items():
                share = signal / counts[f"signal:{facet}"]
                for i, w in enumerate(added_by(f"signal:{facet}")):
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
    for piece in pieces:
        piece.strength = _strength(piece.added)
    return pieces


def _strength(added: list[float]) -> float:
    return max(max(added), -min(added)) if added else 0.0


def strongest(pieces: list[_Piece], limit: int, reading, weighing: Weighing, labels: tuple[str, ...]) -> tuple[Evidence, ...]:  # noqa: ANN001
    """Return at most `limit` pieces as Evidence, in text order (contexts last): the glossary terms first, then the strongest keywords.

    A term is listed even when it added nothing (a name denied by a negation shows that it was denied).
    """
    strength = attrgetter("strength")
    terms = sorted((p for p in pieces if p.kind == "term"), key=strength, reverse=True)[:limit]
    others = sorted((p for p in pieces if p.kind != "term"), key=strength, reverse=True)[: limit - len(terms)]
    kept = terms + others
    kept.sort(key=lambda piece: (piece.first is None, piece.first or 0))
    for piece in kept:
        if piece.added is None:  # a one-feature keyword or context: what it added, read now that it is kept
            piece.added = weighing.added(piece.members[0])
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
