"""Features of a read text: what the learned weights are looked up by, each with where it stands.

- term features, from the glossary names found: `concept:<id>` for a name read in-domain,
  `not:concept:<id>` when a negation denies it, `sense:out-of-domain` for a name read in
  another sense (its own words then say nothing more), `offtopic:concept:<id>` for a word used
  alike outside pharma (the glossary's `generic`) in a text not about medicines,
  `other:concept:<id>` for a name just after another party's possessive ("the sponsor's CDMO":
  not the writer's category, so not `concept:<id>`, whose weight says what the writer is), and
  `signal:<facet>`, the glossary's signals of the counted names summed per facet (what lets a
  concept count that the corpus never showed);
- keyword features: `w:<word>` for each word (jieba words, English base forms) and `c:<two Han
  characters>` for two one-character words in a row (where jieba's dictionary lacks a word and
  leaves its characters, the pairs stand in for it); both as `not:...` inside a negation's scope.
  English words give no letter triples (`l:`) since the weights of 2026-12-03: with them, dev read
  0.010 lower and the rounds held out whole 14 texts fewer (docs/measurements.md, "How the
  settings were chosen");
- context features: `ctx:<kind>` when the text has a cue of that kind (service offered to
  clients, about medicines, own products, job advert, ...), and `ctx:not-about-medicines` when
  neither a medicine cue nor a pharma-specific glossary name is in it.
Training (training.py) and classifying use this one function, count(), so the two cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from sys import intern

from .glossary import Concept
from .matcher import NameHit
from .senses import Sense
from .text import HAN
from .tokenizer import Token

OUT_OF_DOMAIN = "sense:out-of-domain"
NOT_ABOUT_MEDICINES = "ctx:not-about-medicines"
TERM_PREFIXES = ("concept:", "not:concept:", "offtopic:concept:", "other:concept:", "sense:")  # features that a glossary name gives
_HAN_TOKEN = re.compile(f"[{HAN}]")
MAX_FORMS = 32_768  # word forms whose features are kept at once, per state (said, denied), the vocabulary's included


@dataclass(frozen=True, slots=True)
class Mention:
    """A glossary name found in the text, as read: its hit, its sense, whether a negation denies it, whether it is another party's.

    `other_party` ("the client's CRO"): the name is read as another party's (`other:concept:<id>`),
    and the named-category rule leaves it out.
    """

    hit: NameHit
    sense: Sense
    negated: bool
    other_party: bool = False

    @property
    def concept(self) -> Concept:
        return self.sense.concept


@dataclass(slots=True)
class Features:
    """The features of a read text: how much of each (the TF counts), and where each first occurs.

    `first` gives a feature's first token span [first, last), or None for a context feature.
    """

    counts: dict[str, float]
    first: dict[str, tuple[int, int] | None]


class Keywords:
    """The keyword feature of each word form, worked out once per form; with a vocabulary, only the ones it knows.

    Classifying passes the model's vocabulary: a feature without an idf cannot change a decision,
    so it is not counted at all. Training passes none: it must see every feature. A form with no
    feature to count (a number, a word the vocabulary lacks) has "".
    """

    def __init__(self, vocabulary: Collection[str] | None = None) -> None:
        self.vocabulary = vocabulary
        # the words of the vocabulary, worked out at load time (a table of the model, not of the texts seen)
        self._known: tuple[dict[str, str], dict[str, str]] = ({}, {})  # form -> feature, as said / denied
        for feature in vocabulary or ():
            negated = feature.startswith("not:w:")
            if negated or feature.startswith("w:"):
                form = feature[6 if negated else 2 :]
                self._known[negated][form] = self._feature(form, negated)
        # and the other words met since, up to MAX_FORMS each: count() reads these first, of() works out the rest
        self.seen: tuple[dict[str, str], ...] = tuple(dict(known) for known in self._known)

    def of(self, form: str, negated: bool) -> str:
        """Return the keyword feature of a word (a not: one when a negation denies it), or "" when it has none to count."""
        seen = self.seen[negated]
        found = seen.get(form)
        if found is None:
            if len(seen) >= MAX_FORMS:  # memory does not grow with a bulk run's input
                seen.clear()
                seen.update(self._known[negated])
            found = seen[form] = self._feature(form, negated)
        return found

    def knows(self, feature: str) -> bool:
        """Return whether feature is one to count."""
        return self.vocabulary is None or feature in self.vocabulary

    def clear_cache(self) -> None:
        """Forget the words met (for benchmarks that time a cold start); the vocabulary's own are kept."""
        for seen, known in zip(self.seen, self._known):
            seen.clear()
            seen.update(known)

    def _feature(self, form: str, negated: bool) -> str:
        if form.isdigit():  # a number says nothing about a vendor
            return ""
        feature = word_feature(form, negated)
        # interned, as load_model() interns the weights' features: the words cached (`seen`) then hold the model's own
        # strings, not copies (about 40,000 strings per bulk worker: 3 MB less resident after 300,000 generated rows)
        return intern(feature) if self.knows(feature) else ""


EVERY_KEYWORD = Keywords()


def count(tokens: list[Token], denied: list[bool], mentions: list[Mention], contexts: list[str], keywords: Keywords = EVERY_KEYWORD) -> Features:
    """Return the features of a read text, its keyword features those that keywords knows (one pass)."""
    counts: dict[str, float] = {}
    first: dict[str, tuple[int, int] | None] = {}

    def add(feature: str, value: float, span: tuple[int, int] | None) -> None:
        if feature in counts:
            counts[feature] += value
        else:
            counts[feature] = value
            first[feature] = span

    get = counts.get

    hidden = set()  # tokens of names read in another sense: "CMO" the executive is no word about manufacturing
    about_medicines = "medicine" in contexts or any(not (m.concept.out_of_domain or m.concept.generic or m.negated) for m in mentions)
    for mention in mentions:
        hit = mention.hit
        span = (hit.first, hit.last)
        feature = term_feature(mention, about_medicines)
        add(feature, 1.0, span)
        if feature.startswith("concept:"):  # only a name that counts as itself gives its signals
            for facet, weight in mention.concept.signals.items():
                add(f"signal:{facet}", weight, span)
        if mention.concept.out_of_domain:
            hidden.update(range(hit.first, hit.last))
    previous_single: str | None = None  # a one-character Han token just before, touching this one
    worked_out = keywords.seen  # the words already worked out, as said and as denied: one look-up for most words
    for index, token in enumerate(tokens):
        if token.boundary or index in hidden:
            previous_single = None
            continue
        negated = denied[index]
        span = (index, index + 1)
        feature = worked_out[negated].get(token.form)
        if feature is None:
            feature = keywords.of(token.form, negated)
        if feature:
            seen = get(feature)
            if seen is None:
                counts[feature] = 1.0
                first[feature] = span
            else:
                counts[feature] = seen + 1.0
        # Where jieba leaves single characters (a word its dictionary lacks), their pairs stand in for the word.
        if len(token.form) == 1 and _HAN_TOKEN.match(token.form):
            if previous_single is not None and tokens[index - 1].end == token.start:
                pair = f"{'not:' if negated else ''}c:{previous_single}{token.form}"
                if keywords.knows(pair):
                    add(pair, 1.0, (index - 1, index + 1))
            previous_single = token.form
        else:
            previous_single = None
    for kind in contexts:
        add(f"ctx:{kind}", 1.0, None)
    if not about_medicines:
        add(NOT_ABOUT_MEDICINES, 1.0, None)
    return Features(counts, first)


def word_feature(form: str, negated: bool) -> str:
    """Return the keyword feature of one word: the word itself, as said or as denied."""
    return f"not:w:{form}" if negated else f"w:{form}"


def term_feature(mention: Mention, about_medicines: bool) -> str:
    """Return the feature a glossary name found in a text stands for, given its sense, negation and topic."""
    concept = mention.concept
    if concept.out_of_domain:
        return OUT_OF_DOMAIN
    if mention.other_party:
        return f"other:concept:{concept.id}"
    if mention.negated:
        return f"not:concept:{concept.id}"
    if concept.generic and not about_medicines:
        return f"offtopic:concept:{concept.id}"
    return f"concept:{concept.id}"
