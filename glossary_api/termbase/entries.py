"""Entries read from a termbase file: the names found per language, made into the glossary's Concept.

Every reader (TBX, tables) fills an EntryDraft per concept entry or row and turns it into a
Concept whose `file` says where it came from ("team.tbx: entry 12", "team.csv: row 7"). What
cannot be read is listed, never guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..glossary import Concept, LanguageSection, Source
from ..vocabulary import AVOIDED_STATUSES


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
    """The names, definition and note of one language of an entry, as read, with each name's region and an abbreviation's status."""

    preferred: list[str] = field(default_factory=list)
    admitted: list[str] = field(default_factory=list)
    deprecated: list[str] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    abbreviation_status: dict[str, str] = field(default_factory=dict)  # only the avoided ones: CFDA -> superseded
    regions: dict[str, str] = field(default_factory=dict)  # name -> the region that uses it (TW, HK...)
    definition: str | None = None
    note: str | None = None

    def add(self, text: str, status: str, short: bool = False, region: str | None = None) -> None:
        """Add a name with its status and region; a short form (CRO, CFDA) is an abbreviation whatever its status."""
        text = " ".join(text.split())
        if not text:
            return
        if short:
            self.abbreviations.append(text)
            if status in AVOIDED_STATUSES:
                self.abbreviation_status[text] = status
        else:
            getattr(self, status).append(text)
        if region:
            self.regions[text] = region

    def current_abbreviations(self) -> list[str]:
        """Return the abbreviations that are not to be avoided."""
        return [a for a in self.abbreviations if a not in self.abbreviation_status]

    def avoided_abbreviations(self, status: str) -> list[str]:
        """Return the abbreviations with this avoided status (deprecated or superseded)."""
        return [a for a in self.abbreviations if self.abbreviation_status.get(a) == status]


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
        english = self.names.get("en", NamesRead())
        abbreviations = english.abbreviations
        for lang, names in self.names.items():
            full = names.preferred + names.admitted
            avoided = {status: getattr(names, status) for status in AVOIDED_STATUSES}
            if lang != "en":  # the glossary keeps abbreviations in English only
                full += names.current_abbreviations()
                avoided = {status: texts + names.avoided_abbreviations(status) for status, texts in avoided.items()}
            elif not full and names.current_abbreviations():
                full = names.current_abbreviations()[:1]
                abbreviations = [a for a in abbreviations if a != full[0]]
            if not full:
                if any(avoided.values()):
                    reading.skipped.append(f"{self.where}: {lang}: only names to avoid, no term to use; left out.")
                continue
            if not names.preferred:
                reading.unmarked.add((self.where, lang))
            kept = [*full, *avoided["deprecated"], *avoided["superseded"]]
            sections[lang] = LanguageSection(
                term=full[0],
                synonyms=tuple(dict.fromkeys(full[1:])),
                deprecated=tuple(dict.fromkeys(avoided["deprecated"])),
                superseded=tuple(dict.fromkeys(avoided["superseded"])),
                definition=names.definition,
                note=names.note,
                regions={name: names.regions[name] for name in kept if name in names.regions},
            )
        if not sections:
            return None
        return Concept(
            id=self.id,
            category=self.category,
            languages=sections,
            abbreviations=tuple(dict.fromkeys(abbreviations)),
            abbreviation_status={a: s for a, s in english.abbreviation_status.items() if a in abbreviations},
            abbreviation_regions={a: english.regions[a] for a in abbreviations if a in english.regions},
            out_of_domain=self.category == "out-of-domain",
            broader=tuple(self.broader),
            related=tuple(self.related),
            sources=tuple(self.sources),
            file=self.where,
        )
