"""A concept written back in the terms/ file format (terms_format.py reads it), as `cxo import` proposes it."""

from __future__ import annotations

import yaml

from ..glossary import Concept, LanguageSection


def yaml_entry(concept: Concept) -> list[str]:
    """Return the concept as a terms/ list item, indented under `concepts:` (what `cxo import` proposes)."""
    entry: dict = {"id": concept.id, "category": concept.category}
    if concept.out_of_domain:
        entry["out_of_domain"] = True
    if concept.abbreviations:
        entry["abbreviations"] = [_abbreviation_item(concept, a) for a in concept.abbreviations]
    for lang, section in concept.languages.items():
        item = {"term": _name_item(section, section.term)}
        for name in ("synonyms", "deprecated", "superseded"):
            if getattr(section, name):
                item[name] = [_name_item(section, text) for text in getattr(section, name)]
        item.update({name: getattr(section, name) for name in ("definition", "note") if getattr(section, name)})
        entry[lang] = item
    for name in ("broader", "related"):
        if getattr(concept, name):
            entry[name] = list(getattr(concept, name))
    if concept.sources:
        entry["sources"] = [{"title": s.title, "url": s.url} for s in concept.sources]
    if concept.signals:
        entry["signals"] = dict(concept.signals)
    if concept.cues:
        entry["cues"] = list(concept.cues)
    if concept.cued:
        entry["cued"] = list(concept.cued)
    if concept.generic:
        entry["generic"] = True
    text = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=110, default_flow_style=None)
    return ["  " + line if line else line for line in text.rstrip("\n").split("\n")]


def _name_item(section: LanguageSection, text: str) -> str | dict:
    region = section.regions.get(text)
    return {"text": text, "region": region} if region else text


def _abbreviation_item(concept: Concept, text: str) -> str | dict:
    extra = {}
    if text in concept.abbreviation_status:
        extra["status"] = concept.abbreviation_status[text]
    if text in concept.abbreviation_regions:
        extra["region"] = concept.abbreviation_regions[text]
    return {"text": text, **extra} if extra else text
