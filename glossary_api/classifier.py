"""The classifier: read a text against the glossary, weigh its features with learned weights, decide.

The stages, in order (Classifier.classify):
1. normalize: NFKC, case, traditional -> simplified, offsets kept (text.py);
2. tokenize: jieba words for Han runs, English base forms (tokenizer.py);
3. find the glossary's names (matcher.py); short abbreviations only where written in capitals;
4. read each shared abbreviation in its sense (senses.py);
5. mark what negations deny (negation.py), the names that stand for another party
   (counterparts.py), and which kinds of text it is (contexts);
6. list the features (features.py) and weigh them with the learned weights (model.py);
7. decide: the label, every label confident enough (and the rules over the weights), a confidence
per label, and the evidence. What is learned (weights) and what is known (names, senses, negation
cues) are data beside the glossary: terms/_weights.tsv and terms/_classifier.yaml.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from .counterparts import Counterparts
from .errors import GlossaryFileError, InvalidText
from .evidence import Evidence, gather, gather_terms, strongest, term_features
from .features import Features, Keywords, Mention, count
from .glossary import Concept, Glossary
from .matcher import NameMatcher
from .model import Model, load_model
from .negation import Negation
from .phrases import CueKinds
from .senses import SenseReader
from .subjects import Subjects
from .terms_format import RULES_FILE, load_terms
from .text import Normalized, is_blank, normalize
from .tokenizer import Token, Tokenizer
from .vocabulary import LABELS, NONE_LABEL


@dataclass(frozen=True, slots=True)
class Decision:
    """The classifier's answer: the label, every label the text supports, confidences, scores, evidence, the category it names."""

    label: str
    labels: tuple[str, ...]  # the label first, then others that stand on their own; empty for NONE
    confidence: dict[str, float]  # calibrated probability of each label, NONE included
    scores: dict[str, float]  # each label's raw score: bias plus the evidence's weights
    evidence: tuple[Evidence, ...]  # the strongest pieces, in text order, at most max_evidence
    evidence_total: int  # how many pieces there were before the cap (with terms_only: how many terms)
    named_category: str | None = None  # set whenever the text names exactly one category (NONE texts too); a service text's label
    named_subject: bool = False  # the text opens with that category as the subject of a news verb: its label even against NONE
    outside_pharma: bool = False  # no sign of medicines (no medicine cue, no glossary name read in-domain, whatever its state): NONE whatever the weights

    @property
    def overruled(self) -> str | None:
        """Return the label the weights lean to when the named category is the label against them, else None.

        NONE only for a text that opens with the category as its subject ("The global CRO said today..."),
        the one case where the category is the label though the weights read NONE.
        """
        strongest = max((*LABELS, NONE_LABEL) if self.named_subject else LABELS, key=self.confidence.__getitem__)
        return strongest if self.label == self.named_category and strongest != self.label else None


class RuleFacts(NamedTuple):
    """What the rules over the weights read in a text (Classifier.supported), computed once for classify and the calibration."""

    named: str | None  # the category the text names as its own (Classifier.named_category)
    subject: bool  # it opens as that category's news (Classifier.named_subject)
    outside: bool  # no sign of medicines (Classifier.outside_pharma)


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
        self, glossary: Glossary, rules: dict, tokenizer: Tokenizer, model: Model | None, max_text_length: int = 10_000, max_evidence: int = 20
    ) -> None:
        self.glossary, self.rules, self.tokenizer, self.model = glossary, rules, tokenizer, model
        self.max_text_length, self.max_evidence = max_text_length, max_evidence
        self.matcher = NameMatcher(glossary, tokenizer, rules["senses"]["window"])
        self.senses = SenseReader(glossary, rules["senses"], tokenizer)
        self.negation = Negation(rules["negation"], tokenizer)
        self.counterparts = Counterparts(rules["counterparts"], tokenizer)
        self.subjects = Subjects(rules["subject"], tokenizer)
        self._contexts = CueKinds(rules["contexts"], tokenizer)
        self._exclusive = [set(group) for group in rules["exclusive"]]
        self._also_supported = rules["also_supported"]
        self._also_confident = rules["also_confident"]
        self._named = {f"concept:{label.lower()}": label for label in LABELS}  # the term feature of each category's own name
        self._keywords = Keywords(model.idf if model is not None else None)  # only the words the weights know count
        self._terms = term_features(model.weights if model is not None else ())

    def clear_caches(self) -> None:
        """Forget every per-word cache: segmentations, base forms, keyword features (for benchmarks that time a cold start)."""
        self.tokenizer.clear_cache()
        self._keywords.clear_cache()

    def label_concepts(self) -> dict[str, Concept]:
        """Return each label with the glossary concept that defines it (CRO -> the concept `cro`)."""
        return {label: self.glossary.get(label.lower()) for label in LABELS}

    def classify(self, text: object, *, terms_only: bool = False) -> Decision:
        """Return the decision for one text; raise InvalidText when it is not a non-empty string within the limit.

        With terms_only, the evidence lists the glossary terms alone (evidence_total counts them):
        the same label, labels, confidences and scores, without the work of ranking every keyword,
        for callers that show no keywords (the bulk tagger keeps the concepts behind the label).
        """
        reading = self.read(self.checked(text))
        return self._decide(reading, count(reading.tokens, reading.denied, reading.mentions, reading.contexts, self._keywords), terms_only=terms_only)

    def named_category(self, counts: dict[str, float]) -> str | None:
        """Return the category a text names when it names exactly one, else None.

        Named: its term feature (concept:cro) is in counts, which only a name read in-domain, not
        denied and written as the writer's own gives (features.term_feature: "the client's CRO" gives
        other:concept:cro). CRO, 合同研究组织, 委託製造服務... all name theirs.
        """
        named = [label for feature, label in self._named.items() if feature in counts]
        return named[0] if len(named) == 1 else None

    def rule_facts(self, reading: Reading, counts: dict[str, float]) -> RuleFacts:
        """Return what the rules over the weights read in a text."""
        named = self.named_category(counts)
        return RuleFacts(named, self.named_subject(reading, named), self.outside_pharma(reading))

    def outside_pharma(self, reading: Reading) -> bool:
        """Return whether a text shows no sign of medicines: no cue of the `medicine` kind and no glossary name read in-domain.

        A name counts whatever its state (denied, another party's, a word used alike elsewhere): "we
        are not a CRO" is still about the sector. Names read in another sense ("CRO" the conversion
        rate) do not. Stricter than the feature `ctx:not-about-medicines` (features.count), where
        generic and denied names are no sign: the weights weigh that softer reading, while this rule
        overrides them, so it asks for no name at all. Both were measured in docs/measurements.md
        ("How the settings were chosen").
        """
        return "medicine" not in reading.contexts and all(mention.concept.out_of_domain for mention in reading.mentions)

    def named_subject(self, reading: Reading, named: str | None) -> bool:
        """Return whether the text opens with its named category as the subject of a news verb (subjects.py)."""
        return named is not None and self.subjects.opens_with(reading, named.lower())

    def supported(
        self,
        confidence: dict[str, float],
        threshold: float | None = None,
        scores: dict[str, float] | None = None,
        named: str | None = None,
        subject: bool = False,
        outside: bool = False,
    ) -> tuple[str, ...]:
        """Return the labels a text supports: its label when the text is a service, then others that stand on their own.

        A text is a service description when the confidence that it is not NONE (1 - NONE's) is at
        least the threshold; its label is then the category it names (`named`, below), else the
        strongest of the four. Asking this of NONE rather than of the top label keeps a text that is
        plainly a manufacturer, its confidence split between CMO and CDMO, from becoming NONE (on
        dev: 0.005 higher macro-F1, traps the same).
        The confidences compete (they sum to 1), so a vendor that is a CRO and a CDMO gets most of
        it on one label; another label is listed too when its score stands far above NONE's on its
        own: sigmoid((score - NONE's score) / temperature) >= the rules' also_supported, and its
        confidence is at least the rules' also_confident (a plain service text pushes NONE's score
        down for every label: against NONE alone, labels at 0.0001 were given). Of labels that
        exclude each other (CMO and CDMO), only the strongest is given.

        A service text that names exactly one category (`named`, Classifier.named_category) takes
        that category, as an analyst files it: "a sterile-injectables CDMO opens a fill-finish plant"
        is a CDMO though its words are a manufacturer's; the strongest of the weights is then listed
        too only if it stands on its own as above. It makes a NONE text a service only when the text
        opens with the category as the subject of a news verb (`subject`, Classifier.named_subject:
        "The global CRO said today that its chief executive is leaving"). A name just
        after another party's possessive ("the sponsor's CDMO supplies the test article") is not
        the writer's, and does not count (counterparts.py). Measured in docs/measurements.md ("How the
        settings were chosen", the named-category rule).

        A text outside pharma (`outside`, Classifier.outside_pharma: no sign of medicines at all) supports
        no label, whatever the weights: the categories are pharmaceutical outsourcing's, and the words
        a vendor of anything uses ("we provide services to clients", 为客户提供服务) lean to them in a
        corpus where nearly every text in the first person is a pharma vendor's.
        """
        threshold = self.model.threshold if threshold is None else threshold
        if outside or (1.0 - confidence[NONE_LABEL] < threshold and not (subject and named is not None)):
            return ()
        kept = [named if named is not None else max(LABELS, key=lambda label: confidence[label])]
        if scores is not None:
            against_none = {label: _sigmoid((scores[label] - scores[NONE_LABEL]) / self.model.temperature) for label in LABELS}
            for label in sorted(LABELS, key=lambda label: -confidence[label]):
                ruled_out = label in kept or any(label in group and other in group for group in self._exclusive for other in kept)
                if not ruled_out and against_none[label] >= self._also_supported and confidence[label] >= self._also_confident:
                    kept.append(label)
        return tuple(kept)

    def checked(self, text: object) -> str:
        """Return text when it is one the classifier takes; raise InvalidText saying why not."""
        if not isinstance(text, str):
            raise InvalidText(f"text must be a string, not {type(text).__name__}.")
        if is_blank(text):
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
        categories = [f"concept:{sense.concept.id}" in self._named for sense in senses]
        others = self.counterparts.of(tokens, hits, categories) if any(categories) else [False] * len(hits)
        mentions = [Mention(hit, sense, denied[hit.first], other) for hit, sense, other in zip(hits, senses, others)]
        forms = [token.form for token in tokens]
        contexts = self._contexts.found(folded.text, forms)
        return Reading(text, folded, tokens, mentions, denied, contexts)

    def features(self, text: str) -> dict[str, float]:
        """Return the feature counts of text (what training counts)."""
        return self.counts(self.read(text))

    def counts(self, reading: Reading) -> dict[str, float]:
        """Return the feature counts of a reading, every keyword included (what training counts)."""
        return count(reading.tokens, reading.denied, reading.mentions, reading.contexts).counts

    def _decide(self, reading: Reading, features: Features, *, terms_only: bool) -> Decision:
        model = self.model
        if model is None:
            raise GlossaryFileError("the classifier has no weights; run `cxo train` to write terms/_weights.tsv.")
        weighing = model.weigh(features.counts)
        scores = weighing.scores
        confidence = model.confidence(scores)
        by_label = dict(zip(model.labels, confidence))
        facts = self.rule_facts(reading, features.counts)
        labels = self.supported(by_label, scores=dict(zip(model.labels, scores)), named=facts.named, subject=facts.subject, outside=facts.outside)
        pieces = gather_terms(reading, features, weighing) if terms_only else gather(reading, features, weighing, model.peaks, self._terms)
        return Decision(
            labels[0] if labels else NONE_LABEL,
            labels,
            {label: round(p, 4) for label, p in by_label.items()},
            {label: round(s, 4) for label, s in zip(model.labels, scores)},
            strongest(pieces, self.max_evidence, reading, features, weighing, model.labels),
            len(pieces),
            named_category=facts.named,
            named_subject=facts.subject,
            outside_pharma=facts.outside,
        )


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -60 else 0.0


def words_to_segment(glossary: Glossary) -> list[str]:
    """Return every name and out-of-domain cue of the glossary: the words jieba must keep whole (name_cues.py reads Han cues as text)."""
    return [d.text for c in glossary for d in c.designations()] + [cue for c in glossary if c.out_of_domain for cue in c.cues]


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
