"""Evidence: the pieces of a text that weighed in a decision, and what each added to each label's score.

A piece is a glossary term found (one per concept and state, however often it is named: its
feature's weight, and its share of the signals it gave), a keyword (a word; or the character pairs of
one span, added up and shown as chars:<text>), or a context cue. The pieces are gathered cheaply as numbers; only the strongest (at most the classifier's
max_evidence) become Evidence objects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import compress, repeat
from operator import add, attrgetter, is_, itemgetter, mul, ne, neg, not_, or_, truediv

from .features import NOT_ABOUT_MEDICINES, TERM_PREFIXES, Features, Mention, term_feature
from .model import Weighing

_KEYWORD_GROUPS = {"c": "chars"}


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

    __slots__ = ("added", "feature", "first", "kind", "last", "mention", "occurrences", "strength")

    def __init__(self, kind: str, feature: str, first: int | None, last: int | None, added: Sequence[float], mention: Mention | None = None):
        self.kind, self.feature, self.first, self.last, self.added, self.mention = kind, feature, first, last, added, mention
        self.occurrences = 1
        self.strength = 0.0  # the largest of what it added to a label's score, in size: set once added is complete


@dataclass(slots=True)
class Pieces:
    """Every piece of evidence of a text: the glossary terms as pieces; the others, in text order, as (strength, what).

    What a keyword or context is stays cheap until it is among the strongest (only those shown
    become pieces): the index of its feature in the Weighing, or for a span's chars (group, first
    token, last token), with what they added in `added`.
    """

    terms: list[_Piece]
    others: list[tuple[float, int | tuple[str, int, int]]]
    added: dict[tuple[str, int, int], tuple[float, ...]]

    def __len__(self) -> int:
        return len(self.terms) + len(self.others)


def keyword_groups(features: Iterable[str]) -> dict[str, str | None]:
    """Return, for each weighted feature, None for a term's (gathered from the mentions), "" for a keyword or context of
    its own, else the group it is added up in ("chars", "not:chars").

    Worked out once per model, so gathering a text's evidence does no string work per feature.
    """
    groups: dict[str, str | None] = {}
    for feature in features:
        negated = "not:" if feature.startswith("not:") else ""
        group = _KEYWORD_GROUPS.get(feature[len(negated) :].partition(":")[0])
        term = feature.startswith((*TERM_PREFIXES, "signal:"))
        groups[feature] = None if term else negated + group if group else ""
    return groups


def gather(reading, features: Features, weighing: Weighing, peaks: dict[str, float], groups: dict[str, str | None]) -> Pieces:
    """Return every piece of evidence of a reading: each mention of a glossary name, each keyword and context that weighed.

    A span's chars follow one another in the weighing, so each such piece is a run of features with
    one (group, span); the runs are found and summed with C loops (comparisons of neighbours, sums
    over slices), and Python works once per piece, not per feature.
    """
    weighed = weighing.features
    size = len(weighed)
    kinds = list(map(groups.__getitem__, weighed))
    spans = list(map(features.first.__getitem__, weighed))
    terms = {weighed[index]: index for index in compress(range(size), map(is_, kinds, repeat(None)))}
    keys = list(zip(kinds, spans))
    # a piece starts where (group, span) changes, and at each feature that is a piece of its own (a term, a word, a context)
    starts = [0, *compress(range(1, size), map(or_, map(ne, keys[1:], keys), map(not_, kinds[1:])))] if size else []
    in_spans = [(start, stop) for start, stop in zip(starts, [*starts[1:], size]) if kinds[start] and spans[start] is not None]
    added = _sums(in_spans, weighing.columns)
    span_strengths = list(map(max, map(max, added), map(neg, map(min, added))))  # each span's largest |sum| over the labels
    others: list[tuple[float, int | tuple[str, int, int]]] = []
    of_span: dict[tuple[str, int, int], tuple[float, ...]] = {}
    values = weighing.values
    for start in starts:
        kind = kinds[start]
        if kind is None:
            continue
        if kind == "" or spans[start] is None:
            # a single feature's strength, the largest |weight x value|, is exactly |value| times its largest weight in size
            others.append((peaks[weighed[start]] * abs(values[start]), start))
        else:
            key = (kind, *spans[start])
            others.append((span_strengths[len(of_span)], key))
            of_span[key] = added[len(of_span)]
    return Pieces(_term_pieces(reading, features.counts, weighing, terms.get), others, of_span)


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

    return Pieces(_term_pieces(reading, features.counts, weighing, index_of), [], {})


def _sums(runs: list[tuple[int, int]], columns: list[list[float]]) -> list[tuple[float, ...]]:
    """Return what each run [start, stop) of features added to each label, each sum in text order (C loops: a label at a time)."""
    slices = list(map(slice, *zip(*runs))) if runs else []
    per_label = [list(map(reduce, repeat(add), map(column.__getitem__, slices))) for column in columns]
    return list(zip(*per_label))


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
    kept += [_keyword(what, features, weighing) if isinstance(what, int) else _span(what, pieces.added[what], reading) for _, what in others]
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


def _span(key: tuple[str, int, int], added: tuple[float, ...], reading) -> _Shown:
    """Return a span's chars kept: key is (group, first token, last token)."""
    group, first, last = key
    tokens = reading.tokens
    return ("keyword", f"{group}:{reading.folded.text[tokens[first].start : tokens[last - 1].end]}", first, last, added, 1, None)


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
