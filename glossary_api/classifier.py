"""The classifier: find glossary concepts in a text, add up their signals, decide CRO/CMO/CDMO/CSO/NONE.

Every keyword and weight comes from terms/: concepts carry their signals, and
terms/_classifier.yaml (the rules) says how signals make labels. The code here only finds names,
resolves negation and ambiguous abbreviations, and adds up.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .errors import GlossaryFileError, InvalidText
from .glossary import Concept, Glossary
from .matcher import NameHit, NameMatcher
from .terms_format import RULES_FILE, load_terms
from .text import has_han, normalize
from .tokenizer import Token, Tokenizer
from .vocabulary import LABELS, NONE_LABEL


@dataclass(frozen=True, slots=True)
class Evidence:
    """A glossary name found in the text, where it is, and what it gave to the decision."""

    concept_id: str
    text: str  # as it appears in the input
    start: int  # character offsets into the input, end exclusive
    end: int
    signals: dict[str, float]
    negated: bool = False
    suppressed_by: str | None = None  # the out-of-domain sense that this mention turned out to be
    out_of_domain: bool = False
    off_topic: bool = False  # a generic word ("manufacturing") in a text that is not about medicines

    @property
    def counts(self) -> bool:
        """Return whether this hit adds its signals to the scores."""
        return self.reason_ignored is None

    @property
    def reason_ignored(self) -> str | None:
        """Return why this hit adds nothing to the scores, or None when it counts."""
        if self.negated:
            return "negated"
        if self.suppressed_by:
            return f"read as {self.suppressed_by}"
        if self.out_of_domain:
            return "out of domain"
        if self.off_topic:
            return "generic word, text not about medicines"
        return None


@dataclass(frozen=True, slots=True)
class Decision:
    """The classifier's answer: the label, every well-supported label, scores, and the evidence."""

    label: str
    labels: tuple[str, ...]
    scores: dict[str, float]
    evidence: tuple[Evidence, ...]


class Classifier:
    """Labels service descriptions with the glossary's concepts as the rulebook. Thread-safe, reusable."""

    def __init__(self, glossary: Glossary, rules: dict, tokenizer: Tokenizer, max_text_length: int = 10_000):
        self.glossary = glossary
        self.rules = rules
        self.tokenizer = tokenizer
        self.max_text_length = max_text_length
        self.matcher = NameMatcher(glossary, tokenizer)
        self._cues = {
            concept.id: Phrases(tokenizer.forms(cue) for cue in concept.cues)
            for concept in glossary
            if concept.out_of_domain
        }
        negation = rules["negation"]
        self._negation_cues = Phrases(tokenizer.forms(cue) for cue in negation["cues"])
        self._scope_ends = {form for end in negation["scope_ends"] for form in tokenizer.forms(end)}
        self._service_cues = self._cue_sets(rules["service_context"]["cues"])
        self._medicine_cues = self._cue_sets(rules["medicine_context"]["cues"])
        self._negation_after = Phrases(tokenizer.forms(cue) for cue in negation["after"])

    def _cue_sets(self, cues: list[str]) -> tuple[Phrases, re.Pattern | None]:
        """Return cues split into Latin ones as phrases of token forms and Han ones as one regex."""
        latin = Phrases(self.tokenizer.forms(cue) for cue in cues if not has_han(cue))
        han = [re.escape(normalize(cue).text) for cue in cues if has_han(cue)]
        return latin, re.compile("|".join(han)) if han else None

    def label_concepts(self) -> dict[str, Concept]:
        """Return each label with the glossary concept that defines it (CRO -> the concept `cro`)."""
        return {label: self.glossary.get(label.lower()) for label in LABELS}

    def classify(self, text: object) -> Decision:
        """Return the decision for one text; raise InvalidText when it is not a non-empty string."""
        if not isinstance(text, str):
            raise InvalidText(f"text must be a string, not {type(text).__name__}.")
        if not text.strip():
            raise InvalidText("text is empty.")
        if len(text) > self.max_text_length:
            raise InvalidText(f"text is {len(text)} characters long; the limit is {self.max_text_length}.")
        folded = normalize(text)
        tokens = self.tokenizer.tokens(folded.text)
        hits = self.matcher.hits(tokens)
        negated = self._negated(tokens, hits)
        forms = [token.form for token in tokens]
        named = {sense.id for hit in hits if len(hit.senses) == 1 for sense in hit.senses}
        senses = [self._sense(hit, forms, named) for hit in hits]
        about_medicines = any(
            not (concept.generic or concept.out_of_domain or suppressed_by) for concept, suppressed_by in senses
        ) or self._mentions(self._medicine_cues, folded.text, forms)
        evidence = []
        for hit, (concept, suppressed_by) in zip(hits, senses):
            start, end = folded.source_span(tokens[hit.first].start, tokens[hit.last - 1].end)
            evidence.append(
                Evidence(
                    concept_id=concept.id,
                    text=text[start:end],
                    start=start,
                    end=end,
                    signals=dict(concept.signals),
                    negated=hit.first in negated,
                    suppressed_by=suppressed_by,
                    out_of_domain=concept.out_of_domain,
                    off_topic=concept.generic and not about_medicines,
                )
            )
        return self._decide(tuple(evidence), self._mentions(self._service_cues, folded.text, forms))

    def _mentions(self, cues: tuple[Phrases, re.Pattern | None], folded: str, forms: list[str]) -> bool:
        """Return whether the text has one of the cues: Latin ones as words, Han ones anywhere.

        Han cues are looked for in the text itself because jieba may have made them part of a
        longer word ("临床研究服务" holds the cue "服务").
        """
        latin, han = cues
        return bool(han and han.search(folded)) or latin.found_in(forms)

    def _negated(self, tokens: list[Token], hits: list[NameHit]) -> set[int]:
        """Return the first-token indices of the hits that a negation denies.

        A cue denies the names that follow it within the window, until a scope end ("不承担工艺开发",
        "no analytical development"); an `after` cue denies the name just before it
        ("formulation development is not offered").
        """
        inside_hits = {i for hit in hits for i in range(hit.first, hit.last)}
        forms = [token.form for token in tokens]
        window = self.rules["negation"]["window"]
        cue_at: int | None = None
        starts = {hit.first for hit in hits}
        negated = set()
        for index, token in enumerate(tokens):
            if token.form in self._scope_ends:
                cue_at = None
            elif index not in inside_hits and self._negation_cues.found_in(forms, index, index + 1):
                cue_at = index
            elif index in starts and cue_at is not None and index - cue_at <= window:
                negated.add(index)
        for hit in hits:
            if self._negation_after.found_in(forms, hit.last, hit.last + 3):
                negated.add(hit.first)
        return negated

    def _sense(self, hit: NameHit, forms: list[str], named: set[str]) -> tuple[Concept, str | None]:
        """Return the concept a hit stands for and, when an out-of-domain sense wins, that sense's id.

        An ambiguous abbreviation is read in-domain unless the text names one of its
        out-of-domain senses in full (its id is in `named`), or a cue of that sense stands near it.
        """
        in_domain = next((c for c in hit.senses if not c.out_of_domain), None)
        if in_domain is None or len(hit.senses) == 1:
            return hit.senses[0], None
        window = self.rules["senses"]["window"]
        near = (max(0, hit.first - window), hit.last + window)
        for sense in hit.senses:
            if not sense.out_of_domain:
                continue
            if sense.id in named or self._cues[sense.id].found_in(forms, *near):
                return in_domain, sense.id
        return in_domain, None

    def _decide(self, evidence: tuple[Evidence, ...], offers_services: bool) -> Decision:
        facets: dict[str, float] = defaultdict(float)
        counted: set[str] = set()
        for item in evidence:
            if item.counts and item.concept_id not in counted:  # a concept counts once, however often named
                counted.add(item.concept_id)
                for facet, weight in item.signals.items():
                    facets[facet] += weight
        boost = self.rules["service_context"]["boost"] if offers_services else 1.0
        scores = {label: round(self._score(label, facets) * boost, 2) for label in LABELS}
        ranked = sorted(LABELS, key=lambda label: -scores[label])  # stable: ties keep LABELS order
        top = scores[ranked[0]]
        rules = self.rules
        if top < rules["min_score"]:
            return Decision(NONE_LABEL, (), scores, evidence)
        supported = [
            label
            for label in ranked
            if scores[label] >= rules["min_score"] and scores[label] >= rules["secondary_ratio"] * top
        ]
        subsumed = {other for label in supported for other in rules["subsumes"].get(label, ())}
        labels = tuple(label for label in supported if label not in subsumed)
        return Decision(labels[0], labels, scores, evidence)

    def _score(self, label: str, facets: dict[str, float]) -> float:
        required = self.rules["requires"].get(label, {})
        if any(facets[facet] < minimum for facet, minimum in required.items()):
            return 0.0
        return sum(weight * facets[facet] for facet, weight in self.rules["labels"][label].items())


def words_to_segment(glossary: Glossary) -> list[str]:
    """Return every name and cue of the glossary: the words jieba must keep whole."""
    return [d.text for c in glossary for d in c.designations()] + [cue for c in glossary for cue in c.cues]


class Phrases:
    """A set of phrases, each a tuple of token forms, looked for in a token sequence in one pass."""

    def __init__(self, phrases: Iterable[tuple[str, ...]]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in phrases:
            if phrase:
                self._by_first[phrase[0]].append(phrase)

    def found_in(self, forms: list[str], start: int = 0, stop: int | None = None) -> bool:
        """Return whether a phrase starts in forms[start:stop] (and fits in forms)."""
        by_first = self._by_first
        for index in range(max(start, 0), min(len(forms), len(forms) if stop is None else stop)):
            for phrase in by_first.get(forms[index], ()):
                if len(phrase) == 1 or tuple(forms[index : index + len(phrase)]) == phrase:
                    return True
        return False


class Core(NamedTuple):
    """The two core objects a face needs: the glossary and the classifier built over it."""

    glossary: Glossary
    classifier: Classifier


def load_core(settings: dict) -> Core:
    """Return the glossary and classifier that settings (config.load_settings()) describe.

    The one way every face builds the core: the web app, the CLI and each bulk worker process.
    Reads terms/ once and builds the jieba dictionary (a second or two).
    """
    terms = load_terms(settings["TERMS_DIR"])
    if terms.rules is None:
        raise GlossaryFileError(f"{terms.folder / RULES_FILE}: classifier rules file not found.")
    glossary = terms.glossary()
    tokenizer = Tokenizer(words_to_segment(glossary), settings["CACHE_DIR"] or None)
    return Core(glossary, Classifier(glossary, terms.rules, tokenizer, int(settings["MAX_TEXT_LENGTH"])))
