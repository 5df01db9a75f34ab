"""Entries read from a termbase file: the names found per language, made into the glossary's Concept.

Every reader (TBX, tables) fills an EntryDraft per concept entry or row and turns it into a
Concept whose `file` says where it came from ("team.tbx: entry 12", "team.csv: row 7"). What
cannot be read is listed, never guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..glossary import Concept, LanguageSection, Source


@dataclass
class Reading:
    """The entries read from a termbase file, and what was left out of them.

    An entry's language needs a term; when the file marks none of its names preferred, the first
    one stands in, and (entry.file, language) is listed in `unmarked` so that nobody takes it
    for the file's choice.
    """

    entries: list[Concept] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unmarked: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class NamesRead:
    """The names, definition and note of one language of an entry, as read."""

    preferred: list[str] = field(default_factory=list)
    admitted: list[str] = field(default_factory=list)
    deprecated: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    definition: str | None = None
    note: str | None = None

    def add(self, text: str, status: str, short: bool = False) -> None:
        """Add a name with its status; a short form (CRO) that is not to be avoided counts as an abbreviation."""
        text = " ".join(text.split())
        if text:
            getattr(self, "abbreviations" if short and status in ("preferred", "admitted") else status).append(text)


@dataclass
class EntryDraft:
    """An entry being read: the parts of a Concept, before it is known to be complete."""

    where: str
    id: str = ""
    category: str = ""
    names: dict[str, NamesRead] = field(default_factory=dict)
    broader: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def language(self, lang: str) -> NamesRead:
        """Return the names read so far in lang."""
        return self.names.setdefault(lang, NamesRead())

    def concept(self, reading: Reading) -> Concept | None:
        """Return the entry as a Concept (None if no language has a usable term); note in reading what was left out."""
        sections = {}
        abbreviations: list[str] = []
        for lang, names in self.names.items():
            full = names.preferred + names.admitted
            if lang == "en":
                abbreviations = names.abbreviations
            else:
                full += names.abbreviations  # the glossary keeps abbreviations in English only
            if not full and lang == "en" and abbreviations:
                full, abbreviations = abbreviations[:1], abbreviations[1:]
            if not full:
                if names.deprecated or names.superseded:
                    reading.skipped.append(f"{self.where}: {lang}: only names to avoid, no term to use; left out.")
                continue
            if not names.preferred:
                reading.unmarked.add((self.where, lang))
            sections[lang] = LanguageSection(
                term=full[0],
                synonyms=tuple(dict.fromkeys(full[1:])),
                deprecated=tuple(dict.fromkeys(names.deprecated)),
                superseded=tuple(dict.fromkeys(names.superseded)),
                definition=names.definition,
                note=names.note,
            )
        if not sections:
            return None
        return Concept(
            id=self.id,
            category=self.category,
            languages=sections,
            abbreviations=tuple(dict.fromkeys(abbreviations)),
            out_of_domain=self.category == "out-of-domain",
            broader=tuple(self.broader),
            related=tuple(self.related),
            sources=tuple(self.sources),
            file=self.where,
        )
