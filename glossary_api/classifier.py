"""The classifier: read a text against the glossary, weigh its features with learned weights, decide.

The stages, in order (Classifier.classify):
1. normalize: NFKC, case, traditional -> simplified, offsets kept (text.py);
2. tokenize: jieba words for Han runs, English base forms (tokenizer.py);
3. find the glossary's names (matcher.py); short abbreviations only where written in capitals;
4. read each shared abbreviation in its sense (senses.py);
5. mark what negations deny (negation.py), and which kinds of text it is (contexts);
6. list the features (features.py) and weigh them with the learned weights (model.py);
7. decide: the label, every label confident enough, a confidence per label, and the evidence.
What is learned (weights) and what is known (names, senses, negation cues) are both data beside
the glossary: terms/_weights.tsv and terms/_classifier.yaml.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import NamedTuple

from .errors import GlossaryFileError, InvalidText
from .features import NOT_ABOUT_MEDICINES, TERM_PREFIXES, Mention, Occurrence, occurrences, term_feature
from .glossary import Concept, Glossary
from .matcher import NameMatcher
from .model import Model, load_model
from .negation import Negation
from .phrases import CueSet
from .senses import SenseReader
from .terms_format import RULES_FILE, load_terms
from .text import Normalized, normalize
from .tokenizer import Token, Tokenizer
from .vocabulary import LABELS, NONE_LABEL


@dataclass(frozen=True, slots=True)
class Evidence:
    """A piece of the text that the decision weighed: a glossary term, a keyword, or a context cue."""

    kind: str  # "term" (a glossary name), "keyword" (a word or two Han characters), "context" (a kind of text)
    feature: str  # what the weights are looked up by: concept:cro, w:工艺开发, not:w:development, ctx:service
    text: str | None  # as written in the input (None for a context)
    start: int | None  # character offsets into the input, end exclusive (None for a context)
    end: int | None
    weights: dict[str, float]  # what it added to each label's score; empty when it counted for nothing
    occurrences: int = 1  # a keyword or context: how often it occurs (it is weighed once, by TF-IDF)
    concept_id: str | None = None  # a term: the concept it was read as
    negated: bool = False  # a negation denies it
    out_of_domain: bool = False  # a term read in a sense outside pharmaceutical outsourcing
    sense: str | None = None  # a shared abbreviation: why it was read in this sense

    @property
    def counted(self) -> bool:
        """Return whether it added anything to the scores."""
        return bool(self.weights)


@dataclass(frozen=True, slots=True)
class Decision:
    """The classifier's answer: the label, every label confident enough, confidences, scores, evidence."""

    label: str
    labels: tuple[str, ...]  # strongest first; empty for NONE
    confidence: dict[str, float]  # calibrated probability of each label, NONE included
    scores: dict[str, float]  # each label's raw score: bias plus the evidence's weights
    evidence: tuple[Evidence, ...]  # the strongest pieces, in text order, at most max_evidence
    evidence_total: int  # how many pieces there were before the cap


@dataclass(frozen=True, slots=True)
class Reading:
    """A text as the classifier reads it, before weighing: tokens, the names found, what is denied, its kinds."""

    text: str
    folded: Normalized
    tokens: list[Token]
    mentions: list[Mention]
    denied: list[bool]
    contexts: list[str]

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Return the [start, end) offsets in the input of tokens [first, last)."""
        return self.folded.source_span(self.tokens[first].start, self.tokens[last - 1].end)


class Classifier:
    """Labels service descriptions CRO, CMO, CDMO, CSO or NONE, and says why. Thread-safe, reusable."""

    def __init__(
        self, glossary: Glossary, rules: dict, tokenizer: Tokenizer, model: Model | None, max_text_length: int = 10_000, max_evidence: int = 50
    ) -> None:
        self.glossary, self.rules, self.tokenizer, self.model = glossary, rules, tokenizer, model
        self.max_text_length, self.max_evidence = max_text_length, max_evidence
        self.matcher = NameMatcher(glossary, tokenizer)
        self.senses = SenseReader(glossary, rules["senses"], tokenizer)
        self.negation = Negation(rules["negation"], tokenizer)
        self._contexts = {kind: CueSet(cues, tokenizer) for kind, cues in rules["contexts"].items()}
        self._exclusive = [set(group) for group in rules["exclusive"]]

    def label_concepts(self) -> dict[str, Concept]:
        """Return each label with the glossary concept that defines it (CRO -> the concept `cro`)."""
        return {label: self.glossary.get(label.lower()) for label in LABELS}

    def classify(self, text: object) -> Decision:
        """Return the decision for one text; raise InvalidText when it is not a non-empty string within the limit."""
        reading = self.read(self.checked(text))
        found = list(occurrences(reading.tokens, reading.denied, reading.mentions, reading.contexts))
        return self._decide(reading, found)

    def supported(self, confidence: dict[str, float], threshold: float | None = None, scores: dict[str, float] | None = None) -> tuple[str, ...]:
        """Return the labels a text supports, strongest first: the top label when it is confident enough, and others.

        The confidences compete (they sum to 1), so a vendor that is a CRO and a CDMO gets most of
        it on one label; another label is listed too when its score stands far above NONE's on its
        own: sigmoid((score - NONE's score) / temperature) >= ALSO_SUPPORTED. Of labels that exclude
        each other (CMO and CDMO), only the strongest is given.
        """
        threshold = self.model.threshold if threshold is None else threshold
        top = max(LABELS, key=lambda label: confidence[label])
        if confidence[top] < threshold:
            return ()
        kept = [top]
        if scores is not None:
            against_none = {label: _sigmoid((scores[label] - scores[NONE_LABEL]) / self.model.temperature) for label in LABELS}
            for label in sorted(LABELS, key=lambda label: -confidence[label]):
                excluded = any(label in group and other in group for group in self._exclusive for other in kept)
                if label not in kept and not excluded and against_none[label] >= ALSO_SUPPORTED:
                    kept.append(label)
        return tuple(kept)

    def checked(self, text: object) -> str:
        """Return text when it is one the classifier takes; raise InvalidText saying why not."""
        if not isinstance(text, str):
            raise InvalidText(f"text must be a string, not {type(text).__name__}.")
        if not text.strip():
            raise InvalidText("text is empty.")
        if len(text) > self.max_text_length:
            raise InvalidText(f"text is {len(text)} characters long; the limit is {self.max_text_length}.")
        return text

    def read(self, text: str) -> Reading:
        """Return the reading of text: stages 1 to 5 (training reads the corpus through this too)."""
        folded = normalize(text)
        tokens = self.tokenizer.tokens(folded.text)

        def written(first: int, last: int) -> str:
            start, end = folded.source_span(tokens[first].start, tokens[last - 1].end)
            return text[start:end]

        hits = self.matcher.hits(tokens, written)
        senses = self.senses.read(hits, tokens, folded.text)
        denied = self.negation.scopes(tokens, hits)
        mentions = [Mention(hit, sense, denied[hit.first]) for hit, sense in zip(hits, senses)]
        forms = [token.form for token in tokens]
        contexts = [kind for kind, cues in self._contexts.items() if cues.found(folded.text, forms)]
        return Reading(text, folded, tokens, mentions, denied, contexts)

    def features(self, text: str) -> list[Occurrence]:
        """Return the feature occurrences of text (what training counts)."""
        reading = self.read(text)
        return list(occurrences(reading.tokens, reading.denied, reading.mentions, reading.contexts))

    def _decide(self, reading: Reading, found: list[Occurrence]) -> Decision:
        model = self.model
        if model is None:
            raise GlossaryFileError("the classifier has no weights; run `cxo train` to write terms/_weights.tsv.")
        counts: dict[str, float] = defaultdict(float)
        for occurrence in found:
            counts[occurrence.feature] += occurrence.value
        contributions = model.contributions(model.values(counts))
        scores = model.scores(contributions.values())
        confidence = model.confidence(scores)
        by_label = dict(zip(model.labels, confidence))
        labels = self.supported(by_label, scores=dict(zip(model.labels, scores)))
        evidence = self._evidence(reading, found, contributions, counts)
        strongest = sorted(evidence, key=lambda item: -max((abs(w) for w in item.weights.values()), default=0.0))
        kept = sorted(strongest[: self.max_evidence], key=lambda item: (item.start is None, item.start or 0))
        return Decision(
            labels[0] if labels else NONE_LABEL,
            labels,
            {label: round(p, 4) for label, p in by_label.items()},
            {label: round(s, 4) for label, s in zip(model.labels, scores)},
            tuple(kept),
            len(evidence),
        )

    def _evidence(self, reading: Reading, found: list[Occurrence], contributions: dict, counts: dict) -> list[Evidence]:
        """Return one piece of evidence per glossary name found, and per keyword and context that weighed."""
        labels = self.model.labels

        def weights(feature: str, share: float = 1.0) -> dict[str, float]:
            added = contributions.get(feature)
            return {} if added is None else {label: round(w * share, 4) for label, w in zip(labels, added) if round(w * share, 4)}

        pieces: list[Evidence] = []
        term_features = defaultdict(int)
        for occurrence in found:
            if occurrence.feature.startswith(TERM_PREFIXES):
                term_features[occurrence.feature] += 1
        about_medicines = NOT_ABOUT_MEDICINES not in counts
        for mention in reading.mentions:
            hit, concept = mention.hit, mention.concept
            feature = term_feature(mention, about_medicines)
            added = weights(feature, 1 / term_features[feature])
            if feature.startswith("concept:"):
                for facet, signal in concept.signals.items():
                    for label, w in weights(f"signal:{facet}", signal / counts[f"signal:{facet}"]).items():
                        added[label] = round(added.get(label, 0.0) + w, 4)
            start, end = reading.span(hit.first, hit.last)
            pieces.append(
                Evidence("term", feature, reading.text[start:end], start, end, added, 1, concept.id, mention.negated, concept.out_of_domain, mention.sense.reason)
            )
        # A keyword is a word (w:), or the character pairs (c:) or letter triples (l:) of one span,
        # shown as one piece, chars:<text> or letters:<word>, with their weights added up.
        piece_of: dict[str, int] = {}  # feature -> index of its piece
        span_piece: dict[tuple, int] = {}  # (group, first, last) -> index of its piece
        for occurrence in found:
            feature = occurrence.feature
            if feature.startswith((*TERM_PREFIXES, "signal:")) or feature not in contributions:
                continue
            if feature in piece_of:
                if feature.startswith(("w:", "not:w:", "ctx:")):
                    pieces[piece_of[feature]] = _one_more(pieces[piece_of[feature]])
                continue
            if occurrence.first is None:
                piece_of[feature] = len(pieces)
                pieces.append(Evidence("context", feature, None, None, None, weights(feature)))
                continue
            start, end = reading.span(occurrence.first, occurrence.last)
            negated, _, kind = feature.rpartition(":")[0].partition(":") if feature.startswith("not:") else ("", "", feature.split(":")[0])
            group = {"c": "chars", "l": "letters"}.get(kind)
            key = (negated, group, occurrence.first, occurrence.last)
            if group is not None and key in span_piece:
                piece_of[feature] = span_piece[key]
                pieces[span_piece[key]] = _add_weights(pieces[span_piece[key]], weights(feature))
                continue
            name = feature if group is None else f"{'not:' if negated else ''}{group}:{reading.folded.text[reading.tokens[occurrence.first].start : reading.tokens[occurrence.last - 1].end]}"
            piece_of[feature] = span_piece[key] = len(pieces)
            pieces.append(Evidence("keyword", name, reading.text[start:end], start, end, weights(feature), negated=bool(negated)))
        return pieces


ALSO_SUPPORTED = 0.99  # how sure a second label must be against NONE, on its own, to be listed too


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -60 else 0.0


def _one_more(evidence: Evidence) -> Evidence:
    return replace(evidence, occurrences=evidence.occurrences + 1)


def _add_weights(evidence: Evidence, added: dict[str, float]) -> Evidence:
    total = dict(evidence.weights)
    for label, weight in added.items():
        total[label] = round(total.get(label, 0.0) + weight, 4)
    return replace(evidence, weights={label: w for label, w in total.items() if w})


def words_to_segment(glossary: Glossary) -> list[str]:
    """Return every name and cue of the glossary: the words jieba must keep whole."""
    return [d.text for c in glossary for d in c.designations()] + [cue for c in glossary for cue in c.cues]


class Core(NamedTuple):
    """The two core objects a face needs: the glossary and the classifier built over it."""

    glossary: Glossary
    classifier: Classifier


def load_core(settings: dict, *, weights: bool = True) -> Core:
    """Return the glossary and classifier that settings (config.load_settings()) describe.

    The one way every face builds the core: the web app, the CLI and each bulk worker process.
    Reads terms/ once and builds the jieba dictionary (a second or two). Training builds a core
    without weights (weights=False) to read the corpus.
    """
    terms = load_terms(settings["TERMS_DIR"])
    if terms.rules is None:
        raise GlossaryFileError(f"{terms.folder / RULES_FILE}: classifier rules file not found.")
    glossary = terms.glossary()
    tokenizer = Tokenizer(words_to_segment(glossary), settings["CACHE_DIR"] or None)
    model = load_model(terms.folder) if weights else None
    classifier = Classifier(glossary, terms.rules, tokenizer, model, int(settings["MAX_TEXT_LENGTH"]), int(settings["MAX_EVIDENCE"]))
    return Core(glossary, classifier)
