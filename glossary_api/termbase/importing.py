"""Import: entries read from a translator's termbase, set against the glossary.

Each entry becomes a new concept, new names (and missing definitions) for the existing concept
that shares its names or id, or a conflict that is reported and not imported: names belonging to
two concepts, a name the file marks as fine and the glossary as deprecated, a full name that is
another concept's abbreviation. terms/ is never written: the plan is YAML in the terms/ format,
with the conflicts and what is still missing in comments at the top, for a person to review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..glossary import Concept, Glossary, LanguageSection
from ..text import lookup_key
from ..vocabulary import AVOIDED_STATUSES, CATEGORIES, SLUG
from .checks import DEFINED_LANGUAGES
from .entries import Reading
from .terms_yaml import yaml_entry

_WORDY = re.compile(r"[a-z]{3}")
_NAME_LISTS = {"preferred": "synonyms", "admitted": "synonyms", "deprecated": "deprecated", "superseded": "superseded"}


@dataclass
class ImportPlan:
    """What an import would do: new concepts, existing concepts with names added, and what it leaves out."""

    source: str
    new: list[Concept] = field(default_factory=list)
    extended: dict[str, Concept] = field(default_factory=dict)  # concept id -> the concept with the additions
    additions: dict[str, list[str]] = field(default_factory=dict)  # concept id -> what was added
    conflicts: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # what new concepts still need before terms/ takes them
    skipped: list[str] = field(default_factory=list)  # what the file holds that could not be read

    def summary(self) -> str:
        """Return one line: how many new concepts, extended concepts and conflicts."""
        return (
            f"{self.source}: {len(self.new)} new concepts, {len(self.extended)} existing concepts with additions, "
            f"{len(self.conflicts)} conflicts, {len(self.gaps)} gaps to fill, {len(self.skipped)} parts not read."
        )

    def to_yaml(self) -> str:
        """Return the plan as a terms/ file: the new and extended concepts, the report in comments on top."""
        lines = [f"# Import of {self.source} into the CXO glossary. Review before moving anything into terms/.", f"# {self.summary()}"]
        for title, items in (("Conflicts (not imported)", self.conflicts), ("To fill in", self.gaps), ("Not read", self.skipped)):
            if items:
                lines += ["#", f"# {title}:"] + [f"#   - {item}" for item in items]
        lines += [
            "#",
            "# New concepts go into the terms/ file of their theme. An existing concept below replaces the",
            "# entry with the same id in the file its comment names.",
            "concepts:" if self.new or self.extended else "concepts: []",
        ]
        for concept in self.new:
            lines += ["  # new concept", *yaml_entry(concept)]
        for concept_id, concept in self.extended.items():
            lines += [f"  # {concept.file}, with: {'; '.join(self.additions[concept_id])}", *yaml_entry(concept)]
        return "\n".join(lines) + "\n"


def plan_import(reading: Reading, glossary: Glossary, source: str, category: str | None = None) -> ImportPlan:
    """Return what importing the entries read from source would change; category fills a missing subject field."""
    plan = ImportPlan(source, skipped=list(reading.skipped))
    ids: dict[str, str] = {}  # entry id in the file -> concept id in the glossary or among the new
    claimed: dict[str, str] = {}  # name key -> new concept id
    for entry in reading.entries:
        fits, target = _target(entry, glossary, plan.conflicts)
        if target is not None:
            _extend(plan, plan.extended.get(target.id, target), entry, glossary, reading.unmarked)
            ids[entry.id] = target.id
        elif fits and _names_are_free(entry, glossary, plan.conflicts, claimed):
            concept = _new_concept(entry, glossary, plan, category)
            plan.new.append(concept)
            ids[entry.id] = concept.id
            claimed.update({lookup_key(n): concept.id for n in _full_names(concept)})
    known = {c.id for c in glossary} | {c.id for c in plan.new}
    plan.new = [_relink(concept, ids, known, plan.skipped) for concept in plan.new]
    for concept in plan.new:
        plan.gaps += _gaps(concept)
    return plan


def _full_names(concept: Concept) -> list[str]:
    """Return the names of concept that are not abbreviations: those that must belong to one concept only."""
    return [d.text for d in concept.designations() if d.type != "abbreviation"]


def _target(entry: Concept, glossary: Glossary, conflicts: list[str]) -> tuple[bool, Concept | None]:
    """Return whether the entry fits the glossary and the concept it is about (by names or id; None: a new one).

    An entry whose names belong to several concepts, or that names one concept by id and another
    by name, does not fit: it is reported as a conflict and left out.
    """
    owners: dict[str, str] = {}
    for name in _full_names(entry):
        for match in glossary.lookup(name):
            if any(d.type != "abbreviation" for d in match.matched):
                owners.setdefault(match.concept.id, name)
    ids = {c.id for c in glossary}
    by_id = entry.id if entry.id in ids else None
    if by_id and owners and set(owners) <= {by_id}:
        return True, glossary.get(by_id)
    if by_id and not owners:
        conflicts.append(f"{entry.file}: the id {by_id!r} is a glossary concept, but none of the names are its; not imported.")
        return False, None
    if len(owners) == 1 and not by_id:
        return True, glossary.get(next(iter(owners)))
    if owners:
        named = ", ".join(f"{name!r} of {cid!r}" for cid, name in owners.items())
        also = f" (the entry's id is {by_id!r})" if by_id else ""
        conflicts.append(f"{entry.file}: names of different glossary concepts: {named}{also}; not imported.")
        return False, None
    return True, None


def _names_are_free(entry: Concept, glossary: Glossary, conflicts: list[str], claimed: dict[str, str]) -> bool:
    """Return whether a new entry's full names are free: not an abbreviation in the glossary, not a new concept's."""
    for name in _full_names(entry):
        holders = [m.concept.id for m in glossary.lookup(name)]
        if holders:
            conflicts.append(f"{entry.file}: {name!r} is an abbreviation of {', '.join(map(repr, holders))}, and a full name belongs to one concept only; not imported.")
            return False
        if lookup_key(name) in claimed:
            conflicts.append(f"{entry.file}: {name!r} is also a name of the new concept {claimed[lookup_key(name)]!r} read before it; not imported.")
            return False
    return True


def _extend(plan: ImportPlan, concept: Concept, entry: Concept, glossary: Glossary, unmarked: set[tuple[str, str]]) -> None:
    """Add the entry's names, and the definitions and notes the concept lacks, to concept."""
    added: list[str] = []
    languages = dict(concept.languages)
    for lang, incoming in entry.languages.items():
        current = languages.get(lang)
        known: dict[str, str] = {}  # name key -> status; the first listing wins, as in the glossary's index
        for name in concept.designations():
            if name.lang == lang:
                known.setdefault(lookup_key(name.text), name.status)
        if current is None:
            if _taken_elsewhere(plan, entry, concept, glossary, lang, incoming.term):
                continue
            current = LanguageSection(term=incoming.term)
            known[lookup_key(incoming.term)] = "preferred"
            added.append(f"{lang} term {incoming.term!r}")
        lists = {name: getattr(current, name) for name in ("synonyms", "deprecated", "superseded")}
        term_status = "admitted" if (entry.file, lang) in unmarked else "preferred"
        offered = [(incoming.term, term_status), *((n, "admitted") for n in incoming.synonyms)]
        offered += [(n, status) for status in AVOIDED_STATUSES for n in getattr(incoming, status)]
        for text, status in offered:
            have = known.get(lookup_key(text))
            if have is not None:
                if (have in AVOIDED_STATUSES) != (status in AVOIDED_STATUSES):
                    plan.conflicts.append(f"{entry.file}: {lang} {text!r} is {status} in the file, {have} in {concept.id!r}; the glossary's status kept.")
                elif status == "preferred" and have != "preferred":
                    plan.conflicts.append(f"{entry.file}: {lang}: the file prefers {text!r}, {concept.id!r} prefers {current.term!r}; the glossary's kept.")
                continue
            if _taken_elsewhere(plan, entry, concept, glossary, lang, text):
                continue
            if status == "preferred":
                plan.conflicts.append(f"{entry.file}: {lang}: the file prefers {text!r}, {concept.id!r} prefers {current.term!r}; added as admitted.")
            lists[_NAME_LISTS[status]] += (text,)
            known[lookup_key(text)] = status
            added.append(f"{lang} {'admitted' if status == 'preferred' else status} {text!r}")
        fills = {f: getattr(incoming, f) for f in ("definition", "note") if getattr(incoming, f) and not getattr(current, f)}
        added += [f"{lang} {f}" for f in fills]
        languages[lang] = replace(current, **lists, **fills)
    abbreviations = list(concept.abbreviations)
    for abbreviation in entry.abbreviations:
        if lookup_key(abbreviation) in {lookup_key(a) for a in abbreviations}:
            continue
        if any(d.type != "abbreviation" for m in glossary.lookup(abbreviation) if m.concept.id != concept.id for d in m.matched):
            plan.conflicts.append(f"{entry.file}: the abbreviation {abbreviation!r} is a full name of another concept; not added to {concept.id!r}.")
            continue
        abbreviations.append(abbreviation)
        added.append(f"abbreviation {abbreviation!r}")
    if added:
        plan.extended[concept.id] = replace(concept, languages=languages, abbreviations=tuple(abbreviations))
        plan.additions.setdefault(concept.id, []).extend(added)


def _taken_elsewhere(plan: ImportPlan, entry: Concept, concept: Concept, glossary: Glossary, lang: str, name: str) -> bool:
    """Return whether name is a name of another concept (reported as a conflict): it cannot be added to concept."""
    others = [m.concept.id for m in glossary.lookup(name) if m.concept.id != concept.id]
    if others:
        plan.conflicts.append(f"{entry.file}: {lang} {name!r} is also a name of {', '.join(map(repr, others))}; not added to {concept.id!r}.")
    return bool(others)


def _new_concept(entry: Concept, glossary: Glossary, plan: ImportPlan, category: str | None) -> Concept:
    """Return the entry as a new concept: a free id that says something, a glossary category."""
    taken = {c.id for c in glossary} | {c.id for c in plan.new}
    speaks = SLUG.match(entry.id) and _WORDY.search(entry.id)  # "cro" does; "c12", "42" or a UUID from a CAT tool do not
    concept_id = entry.id if speaks and entry.id not in taken else _slug(entry, taken)
    subject = entry.category if entry.category in CATEGORIES else category or ""
    if not subject:
        named = f"its subject field {entry.category!r} is not a glossary category" if entry.category else "no subject field"
        plan.gaps.append(f"{entry.file}: {concept_id!r}: {named}; set its category (or give --category).")
    return replace(entry, id=concept_id, category=subject, out_of_domain=subject == "out-of-domain")


def _slug(entry: Concept, taken: set[str]) -> str:
    """Return a free id made from the entry's English term: "microbial fermentation" -> microbial-fermentation."""
    english = entry.languages.get("en")
    base = re.sub(r"[^a-z0-9]+", "-", (english.term if english else "").lower()).strip("-")[:60].strip("-") or "imported-concept"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _relink(concept: Concept, ids: dict[str, str], known: set[str], skipped: list[str]) -> Concept:
    """Return the concept with its broader and related ids as the glossary knows them; drop the unknown."""
    relations = {}
    for relation in ("broader", "related"):
        kept = []
        for target in getattr(concept, relation):
            resolved = ids.get(target, target)
            if resolved in known and resolved != concept.id:
                kept.append(resolved)
            else:
                skipped.append(f"{concept.file}: {relation} {target!r} is neither in the glossary nor in the file; left out.")
        relations[relation] = tuple(dict.fromkeys(kept))
    return replace(concept, **relations)


def _gaps(concept: Concept) -> list[str]:
    """Return what a new concept lacks that terms/ requires (or, for sources, that `cxo check` asks for)."""
    where = f"{concept.file}: {concept.id!r}"
    gaps = []
    for lang in DEFINED_LANGUAGES:
        section = concept.languages.get(lang)
        if section is None:
            gaps.append(f"{where}: no {lang} term.")
        elif not section.definition:
            gaps.append(f"{where}: no {lang} definition.")
    if not concept.out_of_domain and not concept.sources:
        gaps.append(f"{where}: no sources.")
    return gaps
