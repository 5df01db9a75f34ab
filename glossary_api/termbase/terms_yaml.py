"""A concept written back in the terms/ file format, as the import proposes it."""

from __future__ import annotations

import yaml

from ..glossary import Concept


def yaml_entry(concept: Concept) -> list[str]:
    """Return the concept as a terms/ list item, indented under `concepts:`."""
    entry: dict = {"id": concept.id, "category": concept.category}
    if concept.out_of_domain:
        entry["out_of_domain"] = True
    if concept.abbreviations:
        entry["abbreviations"] = list(concept.abbreviations)
    for lang, section in concept.languages.items():
        fields = {"term": section.term}
        for name in ("synonyms", "deprecated", "superseded"):
            if getattr(section, name):
                fields[name] = list(getattr(section, name))
        fields.update({name: getattr(section, name) for name in ("definition", "note") if getattr(section, name)})
        entry[lang] = fields
    for name in ("broader", "related"):
        if getattr(concept, name):
            entry[name] = list(getattr(concept, name))
    if concept.sources:
        entry["sources"] = [{"title": s.title, "url": s.url} for s in concept.sources]
    if concept.signals:
        entry["signals"] = dict(concept.signals)
    if concept.cues:
        entry["cues"] = list(concept.cues)
    if concept.generic:
        entry["generic"] = True
    text = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)
    return ["  " + line if line else line for line in text.rstrip("\n").split("\n")]
