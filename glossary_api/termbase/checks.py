"""`cxo check`: the glossary's consistency, beyond what the loader refuses to start with.

The loader stops on broken files (the format, with en and zh-Hans definitions; unique ids;
broader and related ids that exist; a full name shared by two concepts), and `cxo check` reports
that as its one error. These checks look for what loads but misleads a translator or a CAT tool:
a definition in the wrong language, a concept broader than itself, a simplified character in a
traditional name or the reverse, a definition that only repeats the term, a name marked both
fine and avoided, a space inside Chinese text, an in-domain concept without sources. Those are
errors. One abbreviation standing for two concepts of one subject field is a warning:
it can be real (CDE is the drug review centre of China and of Taiwan), and lookups show both.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..glossary import Concept, Glossary
from ..text import HAN, has_han, lookup_key
from ..vocabulary import AVOIDED_STATUSES
from .script import out_of_script

DEFINED_LANGUAGES = ("en", "zh-Hans")  # the languages every concept is defined in
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")  # a Latin-script word of two letters or more
_HAN = re.compile(f"[{HAN}]")
_CJK = f"\u3000-\u303f{HAN}\uff00-\uffef"  # Han, CJK and full-width punctuation
# A space between two Chinese characters: a YAML line fold inside Chinese text turns the break into one.
_SPACE_IN_CHINESE = re.compile(f"[{_CJK}][ \t\u3000]+[{_CJK}]")
# Below this much text besides the concept's own names, a definition says nothing new.
MIN_NEW_WORDS = 3
MIN_NEW_HAN = 4


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: which check found it, in which file and concept, what it is, and how bad (error or warning)."""

    check: str
    file: str
    concept_id: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.file}: concept {self.concept_id!r}: {self.severity}: {self.message} [{self.check}]"


def check_glossary(glossary: Glossary) -> list[Finding]:
    """Return every problem the checks find, in check order then file order."""
    return [finding for check in CHECKS.values() for finding in check(glossary)]


def _finding(check: str, concept: Concept, message: str, severity: str = "error") -> Finding:
    return Finding(check, concept.file, concept.id, message, severity)


def _definitions(glossary: Glossary) -> Iterator[Finding]:
    """Both definitions: an English one under en and a Chinese one under zh-Hans.

    The terms/ loader already requires the two fields; this also catches a definition pasted
    into the wrong language, which the format cannot see.
    """
    for concept in glossary:
        for lang in DEFINED_LANGUAGES:
            section = concept.languages.get(lang)
            definition = section.definition if section else None
            if not definition:
                yield _finding("definitions", concept, f"{lang}: no definition; every concept is defined in en and zh-Hans.")
            elif (lang == "en") == (len(_HAN.findall(definition)) > len(_WORD.findall(definition))):
                wrong = "mostly Chinese" if lang == "en" else "not Chinese"
                yield _finding("definitions", concept, f"{lang}: the definition is {wrong}: {definition[:60]!r}.")


def _shared_abbreviations(glossary: Glossary) -> Iterator[Finding]:
    """An abbreviation of two concepts in one subject field: a reader of that field cannot tell which is meant.

    The loader already refuses a preferred term (or any full name) shared by two concepts; an
    abbreviation may be shared across fields (CMO) and is only worth a look within one. The
    out-of-domain category gathers senses from many fields, so it is not one field.
    """
    holders: dict[tuple[str, str], dict[str, tuple[Concept, str]]] = defaultdict(dict)
    for concept in glossary:
        if concept.category != "out-of-domain":
            for abbreviation in concept.abbreviations:
                holders[(concept.category, lookup_key(abbreviation))].setdefault(concept.id, (concept, abbreviation))
    for (category, _), claims in holders.items():
        if len(claims) > 1:
            (first, text), *others = claims.values()
            yield _finding(
                "shared-abbreviation",
                first,
                f"{text!r} also abbreviates {', '.join(repr(c.id) for c, _ in others)} in the same subject field "
                f"({category}); make sure each note tells them apart.",
                severity="warning",
            )


def _references(glossary: Glossary) -> Iterator[Finding]:
    """Broader and related ids that make sense: not the concept itself, no circle of broader concepts.

    That they exist is the loader's rule: a glossary with an unknown id does not load.
    """
    for concept in glossary:
        for relation in ("broader", "related"):
            if concept.id in getattr(concept, relation):
                yield _finding("references", concept, f"{relation}: points at the concept itself.")
        circle = _broader_circle(glossary, concept)
        if circle:
            yield _finding("references", concept, f"broader: a circle, {' -> '.join(circle)}.")


def _broader_circle(glossary: Glossary, start: Concept) -> list[str]:
    """Return a path of broader links from start back to start, or [] when there is none."""
    path, seen = [start.id], set()

    def walk(concept: Concept) -> bool:
        for target in concept.broader:
            if target == start.id and len(path) > 1:
                path.append(target)
                return True
            if target not in seen and target != concept.id:
                seen.add(target)
                path.append(target)
                if walk(glossary.get(target)):
                    return True
                path.pop()
        return False

    return path if walk(start) else []


def _script(glossary: Glossary) -> Iterator[Finding]:
    for concept in glossary:
        for name in concept.designations():
            wrong = out_of_script(name.text, name.lang)
            if wrong:
                expected = "traditional" if name.lang == "zh-Hant" else "simplified"
                yield _finding(
                    "script", concept, f"{name.lang}: {name.text!r} is not all {expected} script: {wrong}."
                )


def _definition_repeats_term(glossary: Glossary) -> Iterator[Finding]:
    for concept in glossary:
        names = concept.designations()
        for lang, section in concept.languages.items():
            if not section.definition:
                continue
            rest = lookup_key(section.definition)
            for name in sorted((lookup_key(d.text) for d in names if d.lang == lang or d.type == "abbreviation"), key=len, reverse=True):
                rest = rest.replace(name, " ")
            says_little = len(_HAN.findall(rest)) < MIN_NEW_HAN if has_han(section.definition) else len(_WORD.findall(rest)) < MIN_NEW_WORDS
            if says_little:
                yield _finding("definition", concept, f"{lang}: the definition only repeats the term: {section.definition!r}.")


def _status_conflicts(glossary: Glossary) -> Iterator[Finding]:
    """A name listed both as fine and as to avoid in one language: the loader keeps whichever comes first."""
    for concept in glossary:
        statuses: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
        for name in concept.designations():
            statuses[(name.lang, lookup_key(name.text))].setdefault(name.status, name.text)
        for (lang, _), by_status in statuses.items():
            avoided = [s for s in by_status if s in AVOIDED_STATUSES]
            if avoided and len(by_status) > 1:
                listed = ", ".join(f"{status} ({text!r})" for status, text in by_status.items())
                yield _finding("status", concept, f"{lang}: one name with two statuses: {listed}.")


def _spacing(glossary: Glossary) -> Iterator[Finding]:
    for concept in glossary:
        for lang, section in concept.languages.items():
            if lang == "en":
                continue
            texts = {"definition": section.definition, "note": section.note}
            texts.update({f"name {d.text!r}": d.text for d in concept.designations() if d.lang == lang})
            for where, text in texts.items():
                found = _SPACE_IN_CHINESE.search(text or "")
                if found:
                    yield _finding("spacing", concept, f"{lang}: {where}: a space inside Chinese text: {found.group()!r}.")


def _sources(glossary: Glossary) -> Iterator[Finding]:
    for concept in glossary:
        if not concept.out_of_domain and not concept.sources:
            yield _finding("sources", concept, "no sources; every in-domain concept cites public references.")


CHECKS: dict[str, Callable[[Glossary], Iterator[Finding]]] = {
    "definitions": _definitions,
    "shared-abbreviation": _shared_abbreviations,
    "references": _references,
    "script": _script,
    "definition": _definition_repeats_term,
    "status": _status_conflicts,
    "spacing": _spacing,
    "sources": _sources,
}
