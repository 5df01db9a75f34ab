"""TBX: the glossary as a TermBase eXchange file, version 3 (ISO 30042:2019) or 2 (martif).

Both carry the TBX-Basic data categories, as the LTAC-Global TBX-Basic dialect defines them
(github.com/LTAC-Global/TBX-Basic_dialect, modules Min and Basic):

- concept: subjectField (the glossary category), crossReference (broader and related concepts;
  the text says which), source with externalCrossReference (the concept's public references);
- language: definition, note;
- term: administrativeStatus (preferredTerm-, admittedTerm-, deprecatedTerm-, supersededTerm-admn-sts),
  abbreviations included (CFDA is superseded), termType (fullForm, or abbreviation for CRO, CDMO...),
  and geographicalUsage for a name one region uses, as a BCP 47 tag (受託研究機構: zh-Hant-TW).

TBX v3 is written in the DCT style (`<min:administrativeStatus>`), with conceptEntry / langSec /
termSec, and validates against the TBX core RELAX NG schema. TBX v2 is the older martif file
(termEntry / langSet / tig, `<termNote type="administrativeStatus">`) that many CAT tools still
import; it follows TBX-Basic's TBXBasiccoreStructV02.dtd.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from ..glossary import Concept, Designation, Glossary
from ..vocabulary import STATUSES

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
MIN_NAMESPACE = "http://www.tbxinfo.net/ns/min"
BASIC_NAMESPACE = "http://www.tbxinfo.net/ns/basic"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# ElementTree will not write a default namespace beside attributes without one (id, type, target),
# so the v3 tree is built with the names as written: TBX elements unprefixed under the root's
# xmlns, data categories as min:... and basic:...; parsers read it with the namespaces declared.
_PREFIXES = {MIN_NAMESPACE: "min", BASIC_NAMESPACE: "basic"}

# TBX-Basic data category -> (its TBX v2 element, the TBX v3 DCT module namespace)
DATA_CATEGORIES = {
    "subjectField": ("descrip", MIN_NAMESPACE),
    "crossReference": ("ref", BASIC_NAMESPACE),
    "source": ("admin", BASIC_NAMESPACE),
    "externalCrossReference": ("xref", BASIC_NAMESPACE),
    "definition": ("descrip", BASIC_NAMESPACE),
    "administrativeStatus": ("termNote", MIN_NAMESPACE),
    "termType": ("termNote", BASIC_NAMESPACE),
    "geographicalUsage": ("termNote", BASIC_NAMESPACE),
}
ADMINISTRATIVE_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}
TERM_TYPE = {"abbreviation": "abbreviation", "preferred": "fullForm", "variant": "fullForm"}


@dataclass(frozen=True)
class _Layout:
    """How one TBX version names its structure and writes a data category."""

    version: int
    root: str
    header: str
    concept: str
    language: str
    term: str

    def category(self, parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
        """Append data category name with text: `<min:subjectField>` in v3, `<descrip type="subjectField">` in v2."""
        element_name, namespace = DATA_CATEGORIES[name]
        if self.version == 3:
            element = ET.SubElement(parent, f"{_PREFIXES[namespace]}:{name}", attributes)
        else:
            element = ET.SubElement(parent, element_name, {"type": name, **attributes})
        element.text = text
        return element


LAYOUTS = {
    3: _Layout(3, "tbx", "tbxHeader", "conceptEntry", "langSec", "termSec"),
    2: _Layout(2, "martif", "martifHeader", "termEntry", "langSet", "tig"),
}


def xml_id(concept_id: str) -> str:
    """Return the concept id as an XML ID: an id starting with a digit gets a leading underscore."""
    return f"_{concept_id}" if concept_id[:1].isdigit() else concept_id


def write_tbx(glossary: Glossary, languages: Sequence[str], version: int, description: str) -> bytes:
    """Return the glossary as a UTF-8 TBX file (version 3 or 2) with languages, the first as source."""
    layout = LAYOUTS[version]
    if version == 3:
        namespaces = {"xmlns": TBX_NAMESPACE, **{f"xmlns:{prefix}": uri for uri, prefix in _PREFIXES.items()}}
        attributes = {"type": "TBX-Basic", "style": "dct", XML_LANG: languages[0], **namespaces}
    else:
        attributes = {"type": "TBX-Basic", XML_LANG: languages[0]}
    root = ET.Element(layout.root, attributes)
    _header(root, layout, languages, description)
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    exported = {concept.id for concept in glossary}  # all of them, or a selection (a cross-reference must name an entry of the file)
    for concept in glossary:
        _concept_entry(body, layout, concept, glossary, languages, exported)
    ET.indent(root, space="  ")
    if version == 3:
        prolog = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCT/TBX-Basic.nvdl" '
            'type="application/xml" schematypens="http://purl.oclc.org/dsdl/nvdl/ns/structure/1.0"?>\n'
        )
    else:
        prolog = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
    return (prolog + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def _header(root: ET.Element, layout: _Layout, languages: Sequence[str], description: str) -> None:
    header = ET.SubElement(root, layout.header)
    file_description = ET.SubElement(header, "fileDesc")
    title = ET.SubElement(ET.SubElement(file_description, "titleStmt"), "title")
    title.text = f"CXO glossary: pharmaceutical outsourcing terms ({', '.join(languages)})"
    ET.SubElement(ET.SubElement(file_description, "sourceDesc"), "p").text = description
    if layout.version == 2:  # TBX-Basic v2 names its constraint specification
        ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"


def _concept_entry(body: ET.Element, layout: _Layout, concept: Concept, glossary: Glossary, languages: Sequence[str], exported: set[str]) -> None:
    entry = ET.SubElement(body, layout.concept, {"id": xml_id(concept.id)})
    layout.category(entry, "subjectField", concept.category)
    for relation in ("broader", "related"):
        for target in (t for t in getattr(concept, relation) if t in exported):
            layout.category(entry, "crossReference", f"{relation}: {glossary.get(target).name()}", target=xml_id(target))
    for source in concept.sources:
        group = ET.SubElement(entry, "adminGrp")
        layout.category(group, "source", source.title)
        layout.category(group, "externalCrossReference", source.title, target=source.url)
    # Preferred term first: many tools take a language's first term as its main one.
    names = sorted(concept.designations(), key=lambda d: STATUSES.index(d.status))
    for lang in languages:
        section = concept.languages.get(lang)
        if section is None:
            continue
        language = ET.SubElement(entry, layout.language, {XML_LANG: lang})
        if section.definition:
            layout.category(language, "definition", section.definition)
        if section.note:
            ET.SubElement(language, "note").text = section.note
        for name in names:
            if name.lang == lang:
                _term(language, layout, name)


def _term(language: ET.Element, layout: _Layout, name: Designation) -> None:
    term_section = ET.SubElement(language, layout.term)
    ET.SubElement(term_section, "term").text = name.text
    layout.category(term_section, "administrativeStatus", ADMINISTRATIVE_STATUS[name.status])
    layout.category(term_section, "termType", TERM_TYPE[name.type])
    if name.region:
        layout.category(term_section, "geographicalUsage", f"{name.lang}-{name.region}")
