"""`cxo check`'s consistency checks: the real glossary passes them (CI), and each catches its problem."""

from __future__ import annotations

import dataclasses

import pytest

from glossary_api import Glossary, load_glossary
from glossary_api.termbase import check_glossary
from glossary_api.termbase.script import out_of_script, writing_language

CONCEPT = """
  - id: {id}
    category: {category}
    abbreviations: [{abbreviation}]
    en:
      term: {en}
      definition: "{en_definition}"
    zh-Hans:
      term: {zh_hans}
      synonyms: [{synonyms}]
      deprecated: [{deprecated}]
      definition: "{zh_definition}"
    zh-Hant: {{term: {zh_hant}}}
    broader: [{broader}]
    sources: [{{title: "A public reference", url: "https://example.org/{id}"}}]
"""
DEFAULTS = {
    "id": "fill-finish",
    "category": "manufacturing",
    "abbreviation": "",
    "en": "fill-finish",
    "en_definition": "Filling a sterile drug product into its final containers and sealing them.",
    "zh_hans": "灌装",
    "synonyms": "",
    "deprecated": "",
    "zh_definition": "将无菌药品灌入最终容器并密封的生产环节。",
    "zh_hant": "充填",
    "broader": "",
}


def glossary_of(write_terms, *concepts: dict) -> Glossary:
    text = "concepts:" + "".join(CONCEPT.format(**{**DEFAULTS, **concept}) for concept in concepts)
    return load_glossary(write_terms(terms=text))


def messages(glossary: Glossary) -> list[str]:
    return [str(finding) for finding in check_glossary(glossary)]


def test_the_glossary_has_no_errors_and_one_known_warning(glossary):
    assert messages(glossary) == [
        ("regulatory.yaml: concept 'cde': warning: 'CDE' also abbreviates 'taiwan-cde' in the same subject field "
        "(regulatory); make sure each note tells them apart. [shared-abbreviation]")
    ]


def test_a_sound_concept_has_no_findings(write_terms):
    assert messages(glossary_of(write_terms, {})) == []


@pytest.mark.parametrize(
    ("concept", "message"),
    [
        ({"zh_hant": "充填药品"}, "error: zh-Hant: '充填药品' is not all traditional script: 药. [script]"),
        ({"synonyms": "灌裝"}, "error: zh-Hans: '灌裝' is not all simplified script: 裝. [script]"),
        ({"en_definition": "The fill-finish."}, "error: en: the definition only repeats the term: 'The fill-finish.'. [definition]"),
        ({"synonyms": "无菌灌装", "zh_definition": "灌装，也叫无菌灌装。"}, "error: zh-Hans: the definition only repeats the term: '灌装，也叫无菌灌装。'. [definition]"),
        ({"zh_definition": "Filling sterile product into containers."}, "error: zh-Hans: the definition is not Chinese: 'Filling sterile product into containers.'. [definitions]"),
        ({"synonyms": "无菌灌装", "deprecated": "无菌灌装"}, "error: zh-Hans: one name with two statuses: admitted ('无菌灌装'), deprecated ('无菌灌装'). [status]"),
        ({"zh_definition": "将无菌药品灌入最终容器 并密封的生产环节。"}, "error: zh-Hans: definition: a space inside Chinese text: '器 并'. [spacing]"),
        ({"broader": "fill-finish"}, "error: broader: points at the concept itself. [references]"),
    ],
)
def test_each_check_finds_its_problem(write_terms, concept, message):
    assert messages(glossary_of(write_terms, concept)) == [f"terms.yaml: concept 'fill-finish': {message}"]


def test_taiwan_usage_of_tai_is_traditional():
    assert out_of_script("台灣食品藥物管理署", "zh-Hant") == ""
    assert out_of_script("臺灣", "zh-Hans") == "臺灣"


def test_hong_kong_usage_of_heng_in_hang_seng_is_traditional():
    assert out_of_script("同期恒指升百分之十七", "zh-Hant") == ""
    assert out_of_script("同期恒指升幅扩大", "zh-Hant") == "扩"  # the rest of the text is still read


@pytest.mark.parametrize(
    ("text", "lang", "wrong"),
    [
        # 著 and 抬 are Taiwan's forms of 着 and 擡, and standard simplified characters too.
        ("著作权集体管理组织", "zh-Hans", ""),
        ("显著", "zh-Hans", ""),
        ("抬头", "zh-Hans", ""),
        ("著作權集體管理團體", "zh-Hant", ""),
        # A regional form of a traditional-only character is traditional-only: 衞 (HK) and 裡 (TW).
        ("香港卫生署", "zh-Hans", ""),
        ("香港衞生署", "zh-Hans", "衞"),
        ("臨床試驗裡", "zh-Hans", "臨試驗裡"),  # 床 is both scripts
        ("香港衞生署", "zh-Hant", ""),
    ],
)
def test_a_regional_form_is_traditional_only_when_the_character_it_stands_for_is(text, lang, wrong):
    assert out_of_script(text, lang) == wrong


def test_a_circle_of_broader_concepts_is_found(write_terms):
    glossary = glossary_of(
        write_terms,
        {"broader": "sterile-manufacturing"},
        {"id": "sterile-manufacturing", "en": "sterile manufacturing", "zh_hans": "无菌生产", "zh_hant": "無菌製造", "broader": "fill-finish"},
    )
    assert messages(glossary)[0] == "terms.yaml: concept 'fill-finish': error: broader: a circle, fill-finish -> sterile-manufacturing -> fill-finish. [references]"


def test_an_abbreviation_of_two_concepts_of_one_field_is_a_warning_but_not_across_fields(write_terms):
    second = {"id": "fermentation", "abbreviation": "FF", "en": "fermentation", "zh_hans": "发酵", "zh_hant": "發酵"}
    same_field = glossary_of(write_terms, {"abbreviation": "FF"}, second)
    assert messages(same_field) == [
        ("terms.yaml: concept 'fill-finish': warning: 'FF' also abbreviates 'fermentation' in the same subject field "
        "(manufacturing); make sure each note tells them apart. [shared-abbreviation]")
    ]
    assert messages(glossary_of(write_terms, {"abbreviation": "FF"}, {**second, "category": "discovery-preclinical"})) == []


def test_missing_definitions_and_sources_are_found_in_a_glossary_built_in_code(write_terms):
    concept = next(iter(glossary_of(write_terms, {})))
    chinese = dataclasses.replace(concept.languages["zh-Hans"], definition=None)
    bare = dataclasses.replace(concept, languages={**concept.languages, "zh-Hans": chinese}, sources=())
    assert messages(Glossary([bare])) == [
        "terms.yaml: concept 'fill-finish': error: zh-Hans: no definition; every concept is defined in en and zh-Hans. [definitions]",
        "terms.yaml: concept 'fill-finish': error: no sources; every in-domain concept cites public references. [sources]",
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Phase I trials", "en"), ("临床试验", "zh-Hans"), ("臨床試驗", "zh-Hant"), ("研究", "zh-Hans"), ("我们的CRO", "zh-Hans"), ("本公司委託製造服務(CMO)", "zh-Hant"), ("", "en")],
)
def test_a_text_is_written_in_the_language_its_characters_say(text, language):
    assert writing_language(text) == language
