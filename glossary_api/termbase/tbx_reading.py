"""Reading TBX for import: v3 (conceptEntry, langSec, termSec) or v2 (martif: termEntry, langSet, tig
or ntig), in the DCT style (<min:administrativeStatus>) or the DCA style (<termNote
type="administrativeStatus">), as this project writes it or as CAT tools export it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from ..errors import TermbaseFileError
from ..glossary import Source
from .entries import EntryDraft, NamesRead, Reading
from .languages import language_of, region_of

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TBX's own elements whose `type` attribute names the data category (the DCA style and TBX v2).
_TYPED_ELEMENTS = {"descrip", "termNote", "admin", "ref", "xref", "transac", "adminNote", "descripNote", "transacNote"}
# administrativeStatus values, and the plain words some tools write, as glossary statuses.
_STATUS = {
    "preferred": "preferred",
    "preferredterm-admn-sts": "preferred",
    "legalterm-admn-sts": "preferred",
    "regulatedterm-admn-sts": "preferred",
    "standardizedterm-admn-sts": "preferred",
    "admitted": "admitted",
    "admittedterm-admn-sts": "admitted",
    "deprecated": "deprecated",
    "deprecatedterm-admn-sts": "deprecated",
    "forbidden": "deprecated",
    "superseded": "superseded",
    "supersededterm-admn-sts": "superseded",
    "obsolete": "superseded",
}
_SHORT_FORMS = {"abbreviation", "acronym", "shortform", "short form", "initialism"}  # termType values


def _local(tag: str) -> tuple[str | None, str]:
    namespace, _, local = tag[1:].partition("}") if tag.startswith("{") else (None, "", tag)
    return namespace, local


def _category(element: ET.Element) -> str:
    """Return the data category an element carries (subjectField, termType...), or its structural name."""
    namespace, local = _local(element.tag)
    if namespace is None or namespace.startswith("urn:iso:std:iso:30042"):
        return element.get("type", "") if local in _TYPED_ELEMENTS else local
    return local  # a DCT element: <min:subjectField>, <basic:termType>


def _text(element: ET.Element) -> str:
    """Return the text of element and its children (a term may hold <hi>), spaces collapsed."""
    return " ".join("".join(element.itertext()).split())


def _flat(element: ET.Element) -> Iterator[ET.Element]:
    """Yield element's children, the members of groups (descripGrp, termNoteGrp...) in their place."""
    for child in element:
        if _category(child).endswith("Grp") and _category(child) != "adminGrp":
            yield from _flat(child)
        else:
            yield child


def _reference(value: str | None) -> str:
    """Return the concept id an XML ID or IDREF stands for (the export writes _3pl for 3pl)."""
    value = (value or "").strip()
    return value[1:] if value[:1] == "_" and value[1:2].isdigit() else value


def read_tbx(path: Path) -> Reading:
    """Return the concept entries of a TBX file; raise TermbaseFileError if it is not well-formed TBX."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise TermbaseFileError(f"{path}: not well-formed XML: {error}.") from None
    except OSError as error:
        raise TermbaseFileError(f"{path}: {error.strerror or error}.") from None
    if _local(root.tag)[1] not in ("tbx", "martif"):
        raise TermbaseFileError(f"{path}: not a TBX file: the root element is <{_local(root.tag)[1]}>, not <tbx> or <martif>.")
    reading = Reading()
    file_language = language_of(root.get(_XML_LANG, "")) or "en"
    concepts = [e for e in root.iter() if _local(e.tag)[1] in ("conceptEntry", "termEntry")]
    for number, element in enumerate(concepts, start=1):
        entry = EntryDraft(f"{path.name}: entry {number}", id=_reference(element.get("id")))
        for child in _flat(element):
            _read_concept_item(entry, child, file_language, reading.skipped)
        concept = entry.concept(reading)
        if concept is not None:
            reading.entries.append(concept)
    return reading


def _read_concept_item(entry: EntryDraft, item: ET.Element, file_language: str, skipped: list[str]) -> None:
    kind = _category(item)
    if kind == "subjectField":
        entry.category = _text(item)
    elif kind == "crossReference":
        relation, _, _ = _text(item).partition(":")
        (entry.broader if relation.strip() == "broader" else entry.related).append(_reference(item.get("target")))
    elif kind == "adminGrp":
        _read_source(entry, list(_flat(item)))
    elif kind == "externalCrossReference":
        _read_source(entry, [item])
    elif kind == "definition":
        entry.language(file_language).definition = _text(item)
    elif kind in ("langSec", "langSet"):
        label = item.get(_XML_LANG, "")
        lang = language_of(label)
        if lang is None:
            skipped.append(f"{entry.where}: language {label!r} is not en, zh-Hans or zh-Hant; left out.")
            return
        for child in _flat(item):
            _read_language_item(entry.language(lang), child)


def _read_source(entry: EntryDraft, items: list[ET.Element]) -> None:
    titles = [_text(i) for i in items if _category(i) == "source"]
    for link in (i for i in items if _category(i) == "externalCrossReference" and i.get("target")):
        entry.sources.append(Source(titles[0] if titles else _text(link) or link.get("target"), link.get("target")))


def _read_language_item(names: NamesRead, item: ET.Element) -> None:
    kind = _category(item)
    if kind == "definition":
        names.definition = _text(item)
    elif kind == "note":
        names.note = _text(item)
    elif kind in ("termSec", "tig", "ntig"):
        text, status, short, region = "", "admitted", False, None
        for part in item.iter():
            part_kind = _category(part)
            if part_kind == "term":
                text = _text(part)
            elif part_kind == "administrativeStatus":
                status = _STATUS.get(_text(part).lower(), "admitted")
            elif part_kind == "termType":
                short = _text(part).lower() in _SHORT_FORMS
            elif part_kind == "geographicalUsage":
                region = region_of(_text(part))
        names.add(text, status, short, region)
