"""The glossary terms of a text, as a CAT tool's term-recognition pane shows them: each with its
span, every concept it can name (in-domain senses first) and their preferred names per language
(terms_once and senses_once list each term and each concept once for a whole text, however often
its terms occur, so that an answer stays in proportion to its text).

Names are found with the matcher (matcher.py), so case, width, script and spacing do not count,
with one rule added for translators: an abbreviation counts only as it is written in the
glossary (CRO, cGMP, mAb; a plural CROs or CRO's too), because in running text "be", "lo" or
"pi" are words, not BE, LO or PI.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .glossary import Concept, Designation
from .matcher import NameMatcher, Reading, TermMatch


@dataclass(frozen=True, slots=True)
class Sense:
    """One concept a term can name, and the names of it the text used."""

    concept: Concept
    matched: tuple[Designation, ...]

    @property
    def preferred(self) -> dict[str, str]:
        """Return the concept's preferred term in each of its languages."""
        return {lang: section.term for lang, section in self.concept.languages.items()}


@dataclass(frozen=True, slots=True)
class Annotation:
    """A glossary term found in a text: as written, its [start, end) span, and the concepts it can name."""

    text: str
    start: int
    end: int
    senses: tuple[Sense, ...]


def find_terms(matcher: NameMatcher, text: str) -> list[TermMatch]:
    """Return the glossary names in text, an abbreviation only where it is written as the glossary writes it."""
    found = []
    for match in matcher.find(text):
        readings = tuple(r for r in match.readings if written_as_named(match.text, r))
        if readings:
            found.append(TermMatch(match.text, match.start, match.end, readings))
    return found


def written_as_named(written: str, reading: Reading) -> bool:
    """Return whether a reading fits the text as written: always for a full name, by case for an abbreviation."""
    _, name = reading
    if name.type != "abbreviation":
        return True
    written = unicodedata.normalize("NFKC", written).replace("\u2019", "'")
    return written in (name.text, name.text + "s", name.text + "'s")


def senses(match: TermMatch) -> tuple[Sense, ...]:
    """Return the concepts a found name can name, in-domain ones first, each with the names of it that matched."""
    by_id: dict[str, list[Designation]] = {}
    concepts: dict[str, Concept] = {}
    for concept, name in match.readings:
        by_id.setdefault(concept.id, []).append(name)
        concepts[concept.id] = concept
    ordered = sorted(by_id, key=lambda cid: concepts[cid].out_of_domain)
    return tuple(Sense(concepts[cid], tuple(by_id[cid])) for cid in ordered)


def annotate(matcher: NameMatcher, text: str) -> list[Annotation]:
    """Return every glossary term in text, left to right, with its senses."""
    return [Annotation(m.text, m.start, m.end, senses(m)) for m in find_terms(matcher, text)]


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary term as written, once however often it occurs: its first span, every span, the ids of the concepts it can name."""

    text: str
    start: int
    end: int
    concepts: tuple[str, ...]
    spans: list[tuple[int, int]]


def terms_once(annotations: list[Annotation]) -> list[Term]:
    """Return each term of the annotations once (as written, with the same concepts), in order of first appearance."""
    terms: dict[tuple, Term] = {}
    for annotation in annotations:
        ids = tuple(sense.concept.id for sense in annotation.senses)
        term = terms.setdefault((annotation.text, ids), Term(annotation.text, annotation.start, annotation.end, ids, []))
        term.spans.append((annotation.start, annotation.end))
    return list(terms.values())


def senses_once(annotations: list[Annotation]) -> dict[str, Sense]:
    """Return each concept the annotations can name once, by id in order of first appearance, with every name of it they used.

    A term written a thousand times names the same concepts each time: listing them once, with the
    occurrences referring to them by id, keeps an answer in proportion to its text.
    """
    found: dict[str, tuple] = {}  # concept id -> (concept, {designation: None} in order)
    for annotation in annotations:
        for sense in annotation.senses:
            _, names = found.setdefault(sense.concept.id, (sense.concept, {}))
            names.update(dict.fromkeys(sense.matched))
    return {cid: Sense(concept, tuple(names)) for cid, (concept, names) in found.items()}
