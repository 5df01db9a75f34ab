"""Evidence: the pieces of a text that weighed in a decision, and what each added to each label's score.

A piece is a glossary term found (one per concept and state, however often it is named: its
feature's weight, and its share of the signals it gave), a keyword (a word, or a pair of Han
characters where jieba left them single), or a context cue. The pieces are gathered cheaply as
numbers; only the strongest (at most the classifier's max_evidence) become Evidence objects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, attrgetter, itemgetter, mul, truediv

from .features import NOT_ABOUT_MEDICINES, TERM_PREFIXES, Features, Mention, term_feature
from .model import Weighing


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to build, and a decision builds many
class Evidence:
    """A piece of the text that the decision weighed: a glossary term, a keyword, or a context cue."""

    kind: str  # "term" (a glossary name), "keyword" (a word, or a pair of Han characters), "context" (a kind of text)
    feature: str  # what the weights are looked up by: concept:cro, w:工艺开发, c:原研, not:w:development, ctx:service
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

    __slots__ = ("added", "feature", "first", "kind", "last", "mention", "occurrences", "strength")

    def __init__(self, kind: str, feature: str, first: int | None, last: int | None, added: Sequence[float], mention: Mention | None = None):
        self.kind, self.feature, self.first, self.last, self.added, self.mention = kind, feature, first, last, added, mention
        self.occurrences = 1
        self.strength = 0.0  # the largest of what it added to a label's score, in size: set once added is complete


@dataclass(slots=True)
class Pieces:
    """Every piece of evidence of a text: the glossary terms as pieces; the others, in text order, as (strength, what).

    What a keyword or context is stays cheap until it is among the strongest (only those shown
    become pieces): the index of its feature in the Weighing.
    """

    terms: list[_Piece]
    others: list[tuple[float, int]]

    def __len__(self) -> int:
        return len(self.terms) + len(self.others)


def term_features(features: Iterable[str]) -> frozenset[str]:
    """Return the weighted features that are a term's (gathered from the mentions, not as keywords).

    Worked out once per model, so gathering a text's evidence does no string work per feature.
    """
    return frozenset(feature for feature in features if feature.startswith((*TERM_PREFIXES, "signal:")))


def gather(reading, features: Features, weighing: Weighing, peaks: dict[str, float], of_terms: frozenset[str]) -> Pieces:
    """Return every piece of evidence of a reading: each mention of a glossary name, each keyword and context that weighed.

    A keyword's or context's strength, the largest |weight x value| over the labels, is exactly |value| times its
    largest weight in size (peaks): one multiplication per feature, and an object only for those shown.
    """
    weighed = weighing.features
    terms: dict[str, int] = {}
    others: list[tuple[float, int]] = []
    for index, (feature, value) in enumerate(zip(weighed, weighing.values)):
        if feature in of_terms:
            terms[feature] = index
        else:
            others.append((peaks[feature] * abs(value), index))
    return Pieces(_term_pieces(reading, features.counts, weighing, terms.get), others)


def gather_terms(reading, features: Features, weighing: Weighing) -> Pieces:
    """Return the glossary terms of a reading as pieces, and no keyword or context (the bulk tagger shows only these)."""
    weighed = weighing.features

    # A list search, not a table of every feature: a text has a few terms and many keywords, and count() adds the terms'
    # features first, so each is found near the front.
    def index_of(feature: str) -> int | None:
        try:
            return weighed.index(feature)
        except ValueError:  # a feature without weight
            return None

    return Pieces(_term_pieces(reading, features.counts, weighing, index_of), [])


def _term_pieces(reading, counts: dict[str, float], weighing: Weighing, index_of: Callable[[str], int | None]) -> list[_Piece]:
    """Return one piece per concept and state named: its feature's weight, and its share of the signals it gave."""
    zero = [0.0] * len(weighing.columns)

    def added_by(feature: str) -> list[float]:
        index = index_of(feature)
        return zero if index is None else weighing.added(index)

    pieces: list[_Piece] = []
    about_medicines = NOT_ABOUT_MEDICINES not in counts
    term_features = [term_feature(mention, about_medicines) for mention in reading.mentions]
    mentions_of = Counter(term_features)
    term_piece: dict[tuple[str, str], _Piece] = {}  # (feature, concept id) -> its piece: one per concept and state
    for mention, feature in zip(reading.mentions, term_features):
        added = list(map(truediv, added_by(feature), repeat(mentions_of[feature])))
        if feature.startswith("concept:"):
            for facet, signal in mention.concept.signals.items():
                share = signal / counts[f"signal:{facet}"]
                added = list(map(add, added, map(mul, added_by(f"signal:{facet}"), repeat(share))))
        key = (feature, mention.concept.id)
        if key in term_piece:
            piece = term_piece[key]
            piece.occurrences += 1
            piece.added = list(map(add, piece.added, added))
            continue
        piece = term_piece[key] = _Piece("term", feature, mention.hit.first, mention.hit.last, added, mention)
        pieces.append(piece)
    for piece in pieces:
        piece.strength = _strength(piece.added)
    return pieces


def _strength(added: Sequence[float]) -> float:
    return max(max(added), -min(added)) if added else 0.0


def strongest(pieces: Pieces, limit: int, reading, features: Features, weighing: Weighing, labels: tuple[str, ...]) -> tuple[Evidence, ...]:
    """Return at most `limit` pieces as Evidence, in text order (contexts last): the glossary terms first, then the strongest keywords.

    A term is listed even when it added nothing (a name denied by a negation shows that it was denied).
    """
    terms = sorted(pieces.terms, key=attrgetter("strength"), reverse=True)[:limit]
    others = sorted(pieces.others, key=itemgetter(0), reverse=True)[: limit - len(terms)]
    kept = [(p.kind, p.feature, p.first, p.last, p.added, p.occurrences, p.mention) for p in terms]
    kept += [_keyword(index, features, weighing) for _, index in others]
    kept.sort(key=_text_order)
    return tuple(_evidence(shown, reading, labels) for shown in kept)


def _text_order(shown: _Shown) -> tuple[bool, int]:
    """Sort key of a piece kept: by its first token, contexts (no token) last."""
    first = shown[2]
    return (first is None, first or 0)


# A piece kept, before it is Evidence, as a plain tuple (a NamedTuple is slower to build and a decision builds many):
# (kind, feature, first token, last token, what it added per label, occurrences, its Mention for a term); tokens None for a context
_Shown = tuple


def _keyword(index: int, features: Features, weighing: Weighing) -> _Shown:
    """Return a one-feature keyword or context kept: weighing.features[index]."""
    feature = weighing.features[index]
    span = features.first[feature]
    first, last = span or (None, None)
    return ("keyword" if span else "context", feature, first, last, weighing.added(index), int(features.counts[feature]), None)


def _evidence(shown: _Shown, reading, labels: tuple[str, ...]) -> Evidence:
    kind, feature, first, last, added, occurrences, mention = shown
    rounded = list(map(round, added, repeat(4)))
    weights = dict(compress(zip(labels, rounded), rounded))  # the labels it moved, to 4 decimals
    if first is None:
        return Evidence(kind, feature, None, None, None, weights, occurrences)
    start, end = reading.span(first, last)
    text = reading.text[start:end]
    if mention is None:
        return Evidence(kind, feature, text, start, end, weights, occurrences, negated=feature.startswith("not:"))
    concept = mention.concept
    return Evidence("term", feature, text, start, end, weights, occurrences, concept.id, mention.negated, concept.out_of_domain, mention.sense.reason)
