"""TBX exports, checked by tools that are not ours: lxml against the TBX core RELAX NG schema (v3),
translate-toolkit's TBX reader (v2), and TBX-Basic's data-category rules written out below."""

from __future__ import annotations

import pytest
from lxml import etree
from translate.storage.tbx import tbxfile

from glossary_api import ConceptNotFound
from glossary_api.termbase import export_termbase
from glossary_api.vocabulary import STATUSES

from .conftest import DATA

TBX = "urn:iso:std:iso:30042:ed-2"
MODULES = {"http://www.tbxinfo.net/ns/min": "min", "http://www.tbxinfo.net/ns/basic": "basic"}
LEVELS = ("conceptEntry", "langSec", "termSec")
# TBX-Basic dialect (github.com/LTAC-Global/TBX-Basic_dialect), modules Min and Basic: the levels
# each data category may appear at (Min.sch, Basic.sch) and the picklists (Min.tbxmd, Basic.tbxmd).
ALLOWED_LEVELS = {
    "min:subjectField": {"conceptEntry"},
    "min:customerSubset": {"conceptEntry", "termSec"},
    "min:administrativeStatus": {"termSec"},
    "min:partOfSpeech": {"termSec"},
    "basic:definition": {"conceptEntry", "langSec"},
    "basic:source": {"conceptEntry", "langSec", "termSec"},
    "basic:crossReference": {"conceptEntry", "termSec"},
    "basic:externalCrossReference": {"conceptEntry", "termSec"},
    "basic:xGraphic": {"conceptEntry", "langSec"},
    "basic:projectSubset": {"conceptEntry", "termSec"},
    "basic:context": {"termSec"},
    "basic:termType": {"termSec"},
    "basic:geographicalUsage": {"termSec"},
    "basic:grammaticalGender": {"termSec"},
    "basic:termLocation": {"termSec"},
    "basic:transactionType": {"conceptEntry", "langSec", "termSec"},
    "basic:responsibility": {"conceptEntry", "langSec", "termSec"},
}
PICKLISTS = {
    "min:administrativeStatus": {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts"},
    "min:partOfSpeech": {"adjective", "noun", "other", "verb", "adverb"},
    "basic:termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
}


@pytest.fixture(scope="session")
def core_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(DATA / "tbx" / "TBXcoreStructV03.rng")))


def tbx_basic_problems(document: etree._ElementTree) -> list[str]:
    """Return what breaks the TBX-Basic dialect's rules in a DCT-style TBX v3 document."""
    root = document.getroot()
    problems = []
    if (root.get("type"), root.get("style")) != ("TBX-Basic", "dct"):
        problems.append(f"root: type={root.get('type')!r} style={root.get('style')!r}")
    ids = set(root.xpath("//@id"))
    for element in root.iter(etree.Element):
        name = etree.QName(element)
        if name.namespace == TBX:
            continue
        category = f"{MODULES.get(name.namespace, name.namespace)}:{name.localname}"
        level = next((etree.QName(a).localname for a in element.iterancestors() if etree.QName(a).localname in LEVELS), None)
        if category not in ALLOWED_LEVELS:
            problems.append(f"{category}: not a TBX-Basic data category")
        elif level not in ALLOWED_LEVELS[category]:
            problems.append(f"{category}: not allowed at the {level} level")
        if category in PICKLISTS and element.text not in PICKLISTS[category]:
            problems.append(f"{category}: {element.text!r} is not a picklist value")
        target = element.get("target")
        if target is not None and not (target in ids or target.startswith(("http://", "https://"))):
            problems.append(f"{category}: target {target!r} is neither an id in the file nor an http(s) URL")
    return problems


def test_the_example_from_the_tbx_basic_dialect_passes_both_checks(core_schema):
    example = etree.parse(str(DATA / "tbx" / "Example_TBX-Basic_DCT_VALID.tbx"))
    assert core_schema.validate(example), core_schema.error_log
    assert tbx_basic_problems(example) == []


def test_the_tbx_basic_check_catches_a_wrong_level_and_a_wrong_value(exports):
    document = etree.fromstring(exports("tbx").content)
    term_section = document.find(f".//{{{TBX}}}termSec")
    term_section.find("{http://www.tbxinfo.net/ns/min}administrativeStatus").text = "preferred"
    etree.SubElement(term_section, "{http://www.tbxinfo.net/ns/min}subjectField").text = "clinical"
    assert tbx_basic_problems(document.getroottree()) == [
        "min:administrativeStatus: 'preferred' is not a picklist value",
        "min:subjectField: not allowed at the termSec level",
    ]


@pytest.mark.parametrize(("source", "target"), [("en", None), ("en", "zh-Hans"), ("zh-Hant", "en")])
def test_tbx_v3_is_valid_tbx_core_and_tbx_basic(exports, core_schema, source, target):
    document = etree.fromstring(exports("tbx", source, target).content).getroottree()
    assert core_schema.validate(document), core_schema.error_log.filter_from_errors()[:5]
    assert tbx_basic_problems(document) == []


def test_tbx_v3_carries_every_concept_language_and_name(exports, glossary):
    root = etree.fromstring(exports("tbx").content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    entries = root.findall(f".//{{{TBX}}}conceptEntry")
    assert [e.get("id") for e in entries] == [c.id for c in glossary]
    for entry, concept in zip(entries, glossary):
        sections = entry.findall(f"{{{TBX}}}langSec")
        assert [s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in sections] == list(concept.languages)
        for section in sections:
            lang = section.get("{http://www.w3.org/XML/1998/namespace}lang")
            terms = [t.text for t in section.iterfind(f"{{{TBX}}}termSec/{{{TBX}}}term")]
            names = [d for d in concept.designations() if d.lang == lang]
            assert terms == [d.text for d in sorted(names, key=lambda d: STATUSES.index(d.status))]  # preferred first


def test_tbx_v3_entry_shows_subject_definitions_status_type_and_references(exports):
    root = etree.fromstring(exports("tbx").content)
    ns = {"t": TBX, "min": "http://www.tbxinfo.net/ns/min", "basic": "http://www.tbxinfo.net/ns/basic"}
    cro = root.find(".//t:conceptEntry[@id='cro']", ns)
    assert cro.findtext("min:subjectField", namespaces=ns) == "organization"
    assert cro.find("basic:crossReference[@target='cxo']", ns).text.startswith("broader: ")
    assert cro.find("t:adminGrp/basic:externalCrossReference", ns).get("target").startswith("https://")
    assert cro.findtext("t:langSec[@xml:lang='en']/basic:definition", namespaces={**ns, "xml": "http://www.w3.org/XML/1998/namespace"}).startswith("A company")

    def term(text: str) -> dict:
        section = root.xpath(".//t:termSec[t:term=$text]", namespaces=ns, text=text)[0]
        return {"status": section.findtext("min:administrativeStatus", namespaces=ns), "type": section.findtext("basic:termType", namespaces=ns)}

    assert term("contract research organization") == {"status": "preferredTerm-admn-sts", "type": "fullForm"}
    assert term("CRO") == {"status": "admittedTerm-admn-sts", "type": "abbreviation"}
    assert term("合约研究组织") == {"status": "deprecatedTerm-admn-sts", "type": "fullForm"}
    assert term("China Food and Drug Administration") == {"status": "supersededTerm-admn-sts", "type": "fullForm"}
    assert term("CFDA") == {"status": "supersededTerm-admn-sts", "type": "abbreviation"}


@pytest.mark.parametrize("format", ["tbx", "tbx-v2"])
def test_a_name_one_region_uses_carries_its_geographical_usage(exports, format):
    root = etree.fromstring(exports(format, "en", "zh-Hant").content)
    usage = {
        element.getparent().findtext("term") or element.getparent().findtext(f"{{{TBX}}}term"): element.text
        for element in root.iter("{http://www.tbxinfo.net/ns/basic}geographicalUsage", "termNote")
        if etree.QName(element).localname == "geographicalUsage" or element.get("type") == "geographicalUsage"
    }
    assert usage["食藥署"] == usage["簽約金"] == "zh-Hant-TW"
    assert "受託研究機構" not in usage


@pytest.mark.parametrize("target", ["zh-Hans", "zh-Hant"])
def test_tbx_v2_is_read_back_by_translate_toolkit(exports, glossary, target):
    store = tbxfile.parsestring(exports("tbx-v2", "en", target).content, sourcelanguage="en", targetlanguage=target)
    assert [unit.getid() for unit in store.units] == [c.id for c in glossary]
    for unit, concept in zip(store.units, glossary):
        assert unit.source == concept.languages["en"].term
        # A concept without names in the target language (some have no zh-Hant yet) has no target term.
        assert unit.target == (concept.languages[target].term if target in concept.languages else None)
        statuses = {t.text: t.administrative_status for t in unit.get_target_terms()}
        expected = {d.text: f"{d.status}Term-admn-sts" for d in concept.designations() if d.lang == target}
        assert statuses == expected
        definitions = [n.text for n in unit.get_common_notes(source=True) if n.category == "definition"]
        assert definitions == [concept.languages["en"].definition]


def test_tbx_v2_deprecated_names_are_deprecated_for_translate_toolkit(exports):
    store = tbxfile.parsestring(exports("tbx-v2", "en", "zh-Hans").content, sourcelanguage="en", targetlanguage="zh-Hans")
    cro = next(unit for unit in store.units if unit.getid() == "cro")
    assert [t.text for t in cro.get_target_terms() if t.deprecated] == ["合约研究组织", "临床研究组织"]


@pytest.mark.parametrize("concept_id", ["cmo", "gmp", "chief-medical-officer"])
def test_one_concept_exports_alone_and_stays_valid(glossary, core_schema, concept_id):
    export = export_termbase(glossary, "tbx", concept_id=concept_id)
    document = etree.fromstring(export.content).getroottree()
    assert export.filename == f"cxo-termbase_{concept_id}_en_zh-Hans_zh-Hant.tbx"
    assert document.xpath("//t:conceptEntry/@id", namespaces={"t": TBX}) == [concept_id]
    assert core_schema.validate(document), core_schema.error_log.filter_from_errors()[:5]
    assert tbx_basic_problems(document) == []  # cross-references to concepts outside the file are left out


def test_an_unknown_concept_is_not_exported(glossary):
    with pytest.raises(ConceptNotFound, match="No concept has the id 'nothing'."):
        export_termbase(glossary, "csv", concept_id="nothing")
