"""Features of a read text: what the learned weights are looked up by, each with where it stands.

- term features, from the glossary names found: `concept:<id>` for a name read in-domain,
  `not:concept:<id>` when a negation denies it, `sense:out-of-domain` for a name read in
  another sense (its own words then say nothing more), `offtopic:concept:<id>` for a word used
  alike outside pharma (the glossary's `generic`) in a text not about medicines, and
  `signal:<facet>`, the glossary's signals of the counted names summed per facet (what lets a
  concept count that the corpus never showed);
- keyword features: `w:<word>` for each word (jieba words, English base forms), `c:<two Han
  characters>` for character pairs of Chinese text (robust where segmentation is not), and
  `l:<three letters>` for the letter triples of longer Latin words, "<" and ">" marking its ends
  (robust to inflection, derivation and spelling: "formulat" in formulation and formulate); all
  as `not:...` inside a negation's scope;
- context features: `ctx:<kind>` when the text has a cue of that kind (service offered to
  clients, about medicines, own products, job advert, ...), and `ctx:not-about-medicines` when
  neither a medicine cue nor a pharma-specific glossary name is in it.
Training (training.py) and classifying use this one function, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .glossary import Concept
from .matcher import NameHit
from .senses import Sense
from .text import HAN
from .tokenizer import Token

OUT_OF_DOMAIN = "sense:out-of-domain"
NOT_ABOUT_MEDICINES = "ctx:not-about-medicines"
TERM_PREFIXES = ("concept:", "not:concept:", "offtopic:concept:", "sense:")  # features that a glossary name gives
_HAN_TOKEN = re.compile(f"[{HAN}]")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One occurrence of a feature: its name, its value (1, or a signal's weight), and the tokens [first, last) it covers."""

    feature: str
    value: float
    first: int | None  # None for a context feature, which is about the whole text
    last: int | None


@dataclass(frozen=True, slots=True)
class Mention:
    """A glossary name found in the text, as read: its hit, its sense, and whether a negation denies it."""

    hit: NameHit
    sense: Sense
    negated: bool

    @property
    def concept(self) -> Concept:
        return self.sense.concept


def occurrences(tokens: list[Token], denied: list[bool], mentions: list[Mention], contexts: list[str]) -> Iterator[Occurrence]:
    """Yield every feature occurrence of a read text, in text order (contexts last)."""
    hidden = set()  # tokens of names read in another sense: "CMO" the executive is no word about manufacturing
    about_medicines = "medicine" in contexts or any(
        not (m.concept.out_of_domain or m.concept.generic or m.negated) for m in mentions
    )
    for mention in mentions:
        yield from _term(mention, about_medicines)
        if mention.concept.out_of_domain:
            hidden.update(range(mention.hit.first, mention.hit.last))
    previous_han: tuple[int, str] | None = None  # (token index, last character) of the Han token just before
    for index, token in enumerate(tokens):
        if token.boundary or index in hidden:
            previous_han = None
            continue
        prefix = "not:" if denied[index] else ""
        form = token.form
        if not form.isdigit():
            yield Occurrence(f"{prefix}w:{form}", 1.0, index, index + 1)
        if len(form) > 3 and form.isascii() and form.isalpha():
            padded = f"<{form}>"
            for i in range(len(padded) - 2):
                yield Occurrence(f"{prefix}l:{padded[i : i + 3]}", 1.0, index, index + 1)
        if _HAN_TOKEN.match(form):  # a Han token (tokens are Han runs or other words, never mixed)
            if previous_han is not None and previous_han[0] == index - 1 and tokens[index - 1].end == token.start:
                yield Occurrence(f"{prefix}c:{previous_han[1]}{form[0]}", 1.0, index - 1, index + 1)
            for i in range(len(form) - 1):
                yield Occurrence(f"{prefix}c:{form[i : i + 2]}", 1.0, index, index + 1)
            previous_han = (index, form[-1])
        else:
            previous_han = None
    for kind in contexts:
        yield Occurrence(f"ctx:{kind}", 1.0, None, None)
    if not about_medicines:
        yield Occurrence(NOT_ABOUT_MEDICINES, 1.0, None, None)


def term_feature(mention: Mention, about_medicines: bool) -> str:
    """Return the feature a glossary name found in a text stands for, given its sense, negation and topic."""
    concept = mention.concept
    if concept.out_of_domain:
        return OUT_OF_DOMAIN
    if mention.negated:
        return f"not:concept:{concept.id}"
    if concept.generic and not about_medicines:
        return f"offtopic:concept:{concept.id}"
    return f"concept:{concept.id}"


def _term(mention: Mention, about_medicines: bool) -> Iterator[Occurrence]:
    hit = mention.hit
    feature = term_feature(mention, about_medicines)
    yield Occurrence(feature, 1.0, hit.first, hit.last)
    if feature.startswith("concept:"):  # only a name that counts as itself gives its signals
        for facet, weight in mention.concept.signals.items():
            yield Occurrence(f"signal:{facet}", weight, hit.first, hit.last)
