"""The glossary's names indexed for lookup and ranked search, under two keys each, and the search score.

The exact key is text.lookup_key(): case, full width, script (臨床 = 临床), the Taiwan and Hong
Kong variant characters (衞 = 衛), hyphens and spaces folded, and no space inside Chinese. The
inflection key goes one step further for English: each word cut to its base form with
tokenizer.base_form (trials -> trial, antibodies -> antibody), an acronym's plural or
possessive dropped (CROs, CRO's, IBs -> CRO, IB), and -ise spelled -ize (authorisation); an
-ing word only loses its plural (bookings -> booking), since it is another word than its stem
(tableting is no tablet, detailing no detail). A lookup takes the exact key's names, or the inflection key's when there are none, so "CROs"
finds the CRO but "manufacturing" does not also bring "manufacture".

Search scores a name by how it matches the query (query and name compared by their keys):

    exact       1.0                                    the exact keys are equal
    inflection  0.9                                    the inflection keys are equal
    prefix      0.6 + 0.2 x coverage                   the name starts with the query
    substring   0.4 + 0.2 x coverage                   the name contains the query
    fuzzy       0.2 + 0.1 x coverage + 0.1 x (1 - e/n) the query is e typos (edits) from the name,
                                                       a word of it or its start

coverage is the query's length over the name's (at most 1) and n the query's length (e < n), so
a kind's scores never reach the kind above it, and of one kind, the match that covers more of
the name, with fewer typos, scores higher.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rapidfuzz import process
from rapidfuzz.distance import OSA  # edit distance where a swap of two letters is one typo

from .text import has_han, lookup_key
from .tokenizer import base_form, is_ing_form

if TYPE_CHECKING:
    from .glossary import Concept, Designation

    Named = tuple[Concept, Designation]

MATCH_KINDS = ("exact", "inflection", "prefix", "substring", "fuzzy")
_ACRONYM_ENDING = re.compile(r"\b([A-Z][A-Za-z0-9]*[A-Z0-9])(?:['’]s|s)\b")  # CROs, CRO's, mAbs, IBs
_LATIN_WORD = re.compile(r"[a-z\u00c0-\u024f]+(?:'s)?")
_ISE = re.compile(r"(?<=[a-z]{3})is(?=ation|e|ed|es|ing|er)")  # authorisation, characterise


def inflection_key(name: str) -> str:
    """Return the key of name with every English word in its base form: "CROs" -> "cro", "Clinical Trials" -> "clinical trial"."""
    key = lookup_key(_ACRONYM_ENDING.sub(r"\1", name))
    return _LATIN_WORD.sub(lambda word: _word_key(_ISE.sub("iz", word.group().removesuffix("'s"))), key)


def _word_key(word: str) -> str:
    """Return a word's inflection key: its base form, or an -ing form without its plural (bookings -> booking, not book)."""
    return word.removesuffix("s") if is_ing_form(word) else base_form(word)


def score(kind: str, query_key: str, name_key: str, edits: int = 0) -> float:
    """Return the search score of a match of this kind (the table in the module's docstring)."""
    coverage = len(query_key) / max(len(name_key), len(query_key))
    if kind == "exact":
        return 1.0
    if kind == "inflection":
        return 0.9
    if kind == "prefix":
        return round(0.6 + 0.2 * coverage, 4)
    if kind == "substring":
        return round(0.4 + 0.2 * coverage, 4)
    return round(0.2 + 0.1 * coverage + 0.1 * (1 - edits / len(query_key)), 4)


class NameIndex:
    """Every (concept, name) pair under its exact key and its inflection key."""

    def __init__(self, named: Iterable[Named]) -> None:
        self.by_key: dict[str, list[Named]] = defaultdict(list)
        self.by_inflection: dict[str, list[Named]] = defaultdict(list)
        seen: set[tuple[str, str, str]] = set()
        for concept, designation in named:
            key = lookup_key(designation.text)
            if (concept.id, key, designation.lang) not in seen:  # the first listing of a name wins
                seen.add((concept.id, key, designation.lang))
                self.by_key[key].append((concept, designation))
                self.by_inflection[inflection_key(designation.text)].append((concept, designation))
        self.keys = list(self.by_key)
        self._fuzzy_targets: dict[str, list[str]] = defaultdict(list)
        for key in self.keys:
            for target in {key, *(word for word in key.split(" ") if len(word) >= 4)}:
                self._fuzzy_targets[target].append(key)

    def lookup(self, query: str) -> tuple[str, list[Named]]:
        """Return how names equal query ("exact" or "inflection") and the names that do."""
        found = self.by_key.get(lookup_key(query))
        if found:
            return "exact", found
        return "inflection", self.by_inflection.get(inflection_key(query), [])

    def matches(self, query: str) -> Iterable[tuple[str, float, Named]]:
        """Yield (kind, score, name) for every name that matches query in some way, in no order."""
        key = lookup_key(query)
        if not key:
            return
        for name_key in self.keys:
            if name_key == key:
                kind = "exact"
            elif name_key.startswith(key):
                kind = "prefix"
            elif key in name_key:
                kind = "substring"
            else:
                continue
            for named in self.by_key[name_key]:
                yield kind, score(kind, key, name_key), named
        for named in self.by_inflection.get(inflection_key(query), []):
            yield "inflection", score("inflection", key, key), named
        budget = _typo_budget(key)
        if budget:
            # A typo may sit in a whole name, in one of its words, or in the start of it.
            for target, edits, _ in process.extract(key, list(self._fuzzy_targets), scorer=OSA.distance, score_cutoff=budget, limit=None):
                for name_key in self._fuzzy_targets[target]:
                    for named in self.by_key[name_key]:
                        yield "fuzzy", score("fuzzy", key, name_key, edits), named
            for name_key in self.keys:
                if len(name_key) > len(key) and OSA.distance(key, name_key[: len(key)]) <= budget:
                    for named in self.by_key[name_key]:
                        yield "fuzzy", score("fuzzy", key, name_key, budget), named


def _typo_budget(key: str) -> int:
    """Return how many edits a query may be from a name and still match: none for short queries."""
    if has_han(key):
        return 1 if len(key) >= 3 else 0
    return 0 if len(key) < 4 else 1 if len(key) < 9 else 2
