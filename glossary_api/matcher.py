"""Glossary names in a text: every occurrence, longest first, with the names it could be and its span.

Names are matched on token forms (tokenizer.py), so "Fill-Finish", "fill finish" and 灌装 as a
jieba word all match their glossary name, and a name never matches inside a longer word. A
name's -ing word matches only -ing forms, though its base form is its stem's: "tableting" and
"tabletings" are the name, "tablets" are not (and where a name without -ing shares the base, the
text's form picks: "clinical monitoring" is the activity, "clinical monitors" the people). The
classifier, the annotation endpoint and the translation check all find terms through this.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress

from .glossary import Concept, Designation, Glossary
from .name_cues import NameCues
from .text import normalize
from .tokenizer import Token, Tokenizer, is_ing_form

Reading = tuple[Concept, Designation]  # a concept, and the name of it that the text used


@dataclass(frozen=True, slots=True)
class NameHit:
    """A glossary name found in a token sequence: its possible readings and the tokens [first, last) it spans."""

    readings: tuple[Reading, ...]
    senses: tuple[Concept, ...]  # the distinct concepts of the readings: more than one for an ambiguous abbreviation
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A glossary name found in a text: the text as written, its [start, end) span, its possible readings."""

    text: str
    start: int
    end: int
    readings: tuple[Reading, ...]


class NameMatcher:
    """Finds the glossary's names (terms, variants, abbreviations) in token sequences and texts."""

    def __init__(self, glossary: Glossary, tokenizer: Tokenizer, cue_window: int = 10) -> None:
        self.tokenizer = tokenizer
        self.cues = NameCues(glossary, tokenizer, cue_window)
        readings: dict[tuple[str, ...], list[Reading]] = defaultdict(list)
        masks: dict[tuple[str, ...], list[tuple[bool, ...]]] = defaultdict(list)  # which words of each reading are -ing forms
        for concept in glossary:
            for designation in concept.designations():
                folded = normalize(designation.text).text
                tokens = tokenizer.tokens(folded)
                forms = tuple(token.form for token in tokens)
                if forms:
                    readings[forms].append((concept, designation))
                    masks[forms].append(tuple(is_ing_form(folded[token.start : token.end]) for token in tokens))
        self._names = {forms: (tuple(found), _distinct_concepts(found)) for forms, found in readings.items()}
        self._ing_masks = {forms: tuple(found) for forms, found in masks.items() if any(map(any, found))}
        self._cued = {forms for forms, found in readings.items() if any(self.cues.needs_cue(*reading) for reading in found)}
        self._case_matters = {forms for forms, (found, _) in self._names.items() if any(_is_short_abbreviation(d) for _, d in found)}
        self._lengths: dict[str, list[int]] = defaultdict(list)
        for forms in self._names:
            self._lengths[forms[0]].append(len(forms))
        for lengths in self._lengths.values():
            lengths.sort(reverse=True)

    def hits(self, tokens: list[Token], written: Callable[[int, int], str] | None = None) -> list[NameHit]:
        """Return the glossary names in tokens, longest first, left to right, not overlapping.

        With written(first, last), the text as written over tokens [first, last), a short
        abbreviation counts only where it is written in capitals: "BE" is bioequivalence, "be" a
        verb; "IT", "PI", "LO", "DEL", "AM" likewise; and a name's -ing word only where the text
        has an -ing form ("tableting", not "tablets"). A cued name (name_cues.py) counts only
        with a cue of its concept nearby: 确认 near 设备, not in "请确认您的邮箱地址".
        """
        hits = []
        forms = [token.form for token in tokens]
        lengths_of, size = self._lengths, len(forms)
        covered = 0  # tokens before this index are inside a name already found
        # most words start no name: the ones that may are picked out in C, and only those are tried
        for index in compress(range(size), map(lengths_of.__contains__, forms)):
            if index < covered:
                continue
            for length in lengths_of[forms[index]]:
                if index + length <= size:
                    key = tuple(forms[index : index + length])
                    found = self._names.get(key)
                    if found and written is not None and key in self._ing_masks:
                        found = self._as_inflected(key, found, index, written)
                    if found and written is not None and key in self._case_matters:
                        found = _as_written(found, written(index, index + length))
                    if found and key in self._cued:
                        kept = self.cues.keep(found[0], forms, index, index + length)
                        found = (tuple(kept), _distinct_concepts(kept)) if kept else None
                    if found:
                        hits.append(NameHit(*found, index, index + length))
                        covered = index + length
                        break
        return hits

    def _as_inflected(self, key: tuple[str, ...], found: tuple, first: int, written: Callable[[int, int], str]) -> tuple | None:
        """Return the readings of found whose -ing words are -ing forms in the text, those whose words all agree if any (None if none is left)."""
        masks = self._ing_masks[key]
        text = [any(mask[i] for mask in masks) and is_ing_form(normalize(written(first + i, first + i + 1)).text) for i in range(len(key))]
        fits = [(reading, mask) for reading, mask in zip(found[0], masks) if all(has <= used for has, used in zip(mask, text))]
        kept = [reading for reading, mask in fits if list(mask) == text] or [reading for reading, _ in fits]
        return (tuple(kept), _distinct_concepts(kept)) if kept else None

    def find(self, text: str) -> list[TermMatch]:
        """Return every glossary name in text, with its span in text as given."""
        folded = normalize(text)
        tokens = self.tokenizer.tokens(folded.text)
        matches = []
        def written(first: int, last: int) -> str:
            start, end = folded.source_span(tokens[first].start, tokens[last - 1].end)
            return text[start:end]

        for hit in self.hits(tokens, written):
            start, end = folded.source_span(tokens[hit.first].start, tokens[hit.last - 1].end)
            matches.append(TermMatch(text[start:end], start, end, hit.readings))
        return matches


def _distinct_concepts(readings: list[Reading]) -> tuple[Concept, ...]:
    by_id: dict[str, Concept] = {}
    for concept, _ in readings:
        by_id.setdefault(concept.id, concept)
    return tuple(by_id.values())


SHORT_ABBREVIATION = 3  # letters: abbreviations this short are often English words (BE, IT, PI) or other codes


def _is_short_abbreviation(designation: Designation) -> bool:
    letters = [c for c in designation.text if c.isalpha()]
    return designation.type == "abbreviation" and len(letters) <= SHORT_ABBREVIATION


def _as_written(found: tuple[tuple[Reading, ...], tuple[Concept, ...]], text: str) -> tuple | None:
    """Return found without the short abbreviations that text does not write in capitals (None if nothing is left)."""
    letters = "".join(c for c in text if c.isalpha())
    if letters.endswith("s") and letters[:-1].isupper():  # CROs, APIs: a plural in lower case
        letters = letters[:-1]
    capitals = letters.isupper()
    kept = [(c, d) for c, d in found[0] if capitals or not _is_short_abbreviation(d) or d.text == text]
    return (tuple(kept), _distinct_concepts(kept)) if kept else None
