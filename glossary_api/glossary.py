"""The glossary: concepts with their names in every language, indexed for lookup and ranked search.

terms_format.py reads the concepts from terms/; this module holds what they are and how they are found.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from .errors import ConceptNotFound, GlossaryFileError
from .name_index import MATCH_KINDS, NameIndex
from .vocabulary import AVOIDED_STATUSES, DESIGNATION_TYPES


@dataclass(frozen=True, slots=True)
class Designation:
    """One name of a concept: its text, language, type (abbreviation/preferred/variant) and status.

    A deprecated or superseded name carries the preferred term of its language, the one to use instead.
    """

    text: str
    lang: str
    type: str
    status: str  # TBX administrativeStatus: preferred, admitted, deprecated or superseded
    preferred: str | None = None
    region: str | None = None  # where the name is used, when only some readers of lang use it (TW, HK, ...)


@dataclass(frozen=True, slots=True)
class LanguageSection:
    """What a concept is called and how it is defined in one language."""

    term: str
    synonyms: tuple[str, ...] = ()
    deprecated: tuple[str, ...] = ()
    superseded: tuple[str, ...] = ()  # former names, replaced by the term (a renamed regulator)
    definition: str | None = None
    note: str | None = None
    regions: Mapping[str, str] = field(default_factory=dict)  # name -> region, for names of one region only


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Concept:
    """A glossary entry: one meaning, with its names in every language and its classification signals."""

    id: str
    category: str
    languages: dict[str, LanguageSection]
    abbreviations: tuple[str, ...] = ()
    abbreviation_status: Mapping[str, str] = field(default_factory=dict)  # only the avoided ones: CFDA -> superseded
    abbreviation_regions: Mapping[str, str] = field(default_factory=dict)
    out_of_domain: bool = False
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    signals: dict[str, float] = field(default_factory=dict)
    cues: tuple[str, ...] = ()  # words that point to this sense: of a shared abbreviation's out-of-domain sense, or of the cued names
    cued: tuple[str, ...] = ()  # names that count only with a cue nearby: everyday words (确认, sponsor) that name it only in context
    generic: bool = False  # used alike outside pharma: its signals need a text about medicines
    file: str = ""

    def designations(self) -> list[Designation]:
        """Return every name of the concept: abbreviations, then per language the term and variants.

        An avoided name (deprecated or superseded) carries the name to use instead: the preferred
        term of its language, or for an abbreviation the first one that is not avoided.
        """
        current = next((a for a in self.abbreviations if a not in self.abbreviation_status), self.languages["en"].term)
        names = [
            Designation(a, "en", "abbreviation", status, current if status != "admitted" else None, self.abbreviation_regions.get(a))
            for a in self.abbreviations
            for status in (self.abbreviation_status.get(a, "admitted"),)
        ]
        for lang, section in self.languages.items():
            region = section.regions.get
            names.append(Designation(section.term, lang, "preferred", "preferred", region=region(section.term)))
            names += [Designation(s, lang, "variant", "admitted", region=region(s)) for s in section.synonyms]
            for status in AVOIDED_STATUSES:
                names += [Designation(s, lang, "variant", status, section.term, region(s)) for s in getattr(section, status)]
        return names

    def name(self, lang: str = "en") -> str:
        """Return the preferred term in lang (English when the concept has no section in lang)."""
        return self.languages.get(lang, self.languages["en"]).term


@dataclass(frozen=True, slots=True)
class LookupMatch:
    """A concept found by lookup(), the names of it that equal the query, and how: "exact" or "inflection"."""

    concept: Concept
    matched: tuple[Designation, ...]
    match: str = "exact"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A concept found by search(): its best-matching name, how it matched, and a 0-1 score."""

    concept: Concept
    matched: Designation
    match: str
    score: float


class Glossary:
    """All concepts of terms/, indexed for lookup by name and for ranked search (name_index.py)."""

    def __init__(self, concepts: list[Concept], fingerprint: str = "") -> None:
        self._concepts = {c.id: c for c in concepts}
        self.fingerprint = fingerprint
        self._index = NameIndex((concept, designation) for concept in concepts for designation in concept.designations())
        _check_names(self._index.by_key)
        _check_references(self._concepts)

    def __len__(self) -> int:
        return len(self._concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def get(self, concept_id: str) -> Concept:
        """Return the concept with this id; raise ConceptNotFound otherwise."""
        try:
            return self._concepts[concept_id]
        except KeyError:
            raise ConceptNotFound(concept_id) from None

    def concepts(self, category: str | None = None) -> list[Concept]:
        """Return the concepts in file order, only those of category when it is given."""
        return [c for c in self._concepts.values() if category is None or c.category == category]

    def lookup(self, query: str) -> list[LookupMatch]:
        """Return every concept with a name equal to query, in-domain senses first.

        Equality ignores case, full-width forms, surrounding space, hyphen/space differences,
        spaces inside Chinese, traditional versus simplified script and regional variant
        characters; when no name is equal so, English inflections are ignored too (CROs, clinical
        trials): the match says which ("exact" or "inflection").
        """
        kind, found = self._index.lookup(query)
        grouped: dict[str, list[Designation]] = {}
        concepts: dict[str, Concept] = {}
        for concept, designation in found:
            grouped.setdefault(concept.id, []).append(designation)
            concepts[concept.id] = concept
        matches = [LookupMatch(concepts[cid], tuple(names), kind) for cid, names in grouped.items()]
        return sorted(matches, key=lambda m: (m.concept.out_of_domain, _type_rank(m.matched[0])))

    def senses(self, abbreviation: str) -> list[Concept]:
        """Return every concept the abbreviation names, pharma-outsourcing senses first (CMO: a manufacturer, then executives...)."""
        return [m.concept for m in self.lookup(abbreviation) if any(d.type == "abbreviation" for d in m.matched)]

    def other_senses(self, concept: Concept) -> dict[str, list[Concept]]:
        """Return each abbreviation of concept that other concepts share, with those concepts (pharma-outsourcing first)."""
        shared = {a: [c for c in self.senses(a) if c.id != concept.id] for a in concept.abbreviations}
        return {a: others for a, others in shared.items() if others}

    def search(self, query: str, lang: str | None = None, limit: int = 10) -> list[SearchHit]:
        """Return concepts ranked by how their names match query: exact, inflection, prefix, substring, then fuzzy.

        Each concept comes once, with its best name; within a kind of match, in-domain senses come
        first, then higher scores (name_index.py says how the score is computed).
        """
        literal_query = query.strip()
        best: dict[str, tuple[tuple, SearchHit]] = {}
        for kind, score, (concept, designation) in self._index.matches(query):
            if lang is not None and designation.lang != lang:
                continue
            literal = literal_query in designation.text  # show 臨床試驗, not 临床试验, to 臨床 input
            order = (MATCH_KINDS.index(kind), concept.out_of_domain, -score, not literal, _type_rank(designation), concept.id)
            if concept.id not in best or order < best[concept.id][0]:
                best[concept.id] = (order, SearchHit(concept, designation, kind, score))
        ranked = sorted(best.values(), key=lambda pair: pair[0])
        return [hit for _, hit in ranked[:limit]]


def _type_rank(designation: Designation) -> tuple[int, bool]:
    return DESIGNATION_TYPES.index(designation.type), designation.status in AVOIDED_STATUSES


def _check_names(by_key: dict[str, list[tuple[Concept, Designation]]]) -> None:
    """Reject a full name claimed by two concepts: lookup could not tell which one was meant.

    Abbreviations may be shared (CMO is a contract manufacturer and a chief marketing officer);
    a term or variant may not be shared, nor equal another concept's abbreviation.
    """
    for claims in by_key.values():
        owners = {c.id for c, _ in claims}
        full_names = [(c, d) for c, d in claims if d.type != "abbreviation"]
        if len(owners) > 1 and full_names:
            first, name = full_names[0]
            other = next(c for c, _ in claims if c.id != first.id)
            raise GlossaryFileError(
                f"{first.file}: concept {first.id!r}: {name.lang}: the name {name.text!r} is also a name of "
                f"concept {other.id!r} ({other.file}); a full name must belong to one concept."
            )


def _check_references(concepts: dict[str, Concept]) -> None:
    for concept in concepts.values():
        for relation in ("broader", "related"):
            for target in getattr(concept, relation):
                if target not in concepts:
                    raise GlossaryFileError(
                        f"{concept.file}: concept {concept.id!r}: {relation}: no concept has the id {target!r}."
                    )
