"""Traditional Chinese names and their regions, as the glossary's own notes describe Taiwan and Hong Kong usage."""

from __future__ import annotations

import pytest

from glossary_api.annotation import find_terms
from glossary_api.term_check import TermChecker
from glossary_api.termbase.languages import parse_language

WITHOUT_HANT_BEFORE = [
    "source-data-verification", "interactive-response-technology", "site-selection", "site-initiation-visit", "dsur",
    "process-characterization", "engineering-batch", "registration-batch", "cep", "asmf",
]  # fmt: skip


@pytest.mark.parametrize("concept_id", WITHOUT_HANT_BEFORE)
def test_every_concept_has_a_traditional_chinese_name(glossary, concept_id):
    assert glossary.get(concept_id).languages["zh-Hant"].term


def name(glossary, concept_id: str, text: str):
    return next(d for d in glossary.get(concept_id).designations() if d.text == text and d.lang == "zh-Hant")


@pytest.mark.parametrize(
    ("concept_id", "text", "status", "region"),
    [
        ("tfda", "食藥局", "superseded", "TW"),  # its name from 2010 to 2013
        ("cmo", "代工廠", "admitted", None),
        ("cmo", "藥品代工", "admitted", None),
        ("stability-study", "安定性試驗", "preferred", "TW"),
        ("stability-study", "穩定性試驗", "admitted", "HK"),
        ("cro", "合約研究機構", "admitted", "HK"),
        ("cro", "契約研究機構", "deprecated", None),  # seen in translations, not a regulatory term
        ("lipid-nanoparticle", "脂質奈米顆粒", "preferred", "TW"),
        ("lipid-nanoparticle", "脂質納米顆粒", "admitted", "HK"),
        ("source-data-verification", "原始資料查核", "preferred", "TW"),
    ],
)
def test_a_traditional_name_has_the_status_and_region_its_note_gives(glossary, concept_id, text, status, region):
    designation = name(glossary, concept_id, text)
    assert (designation.status, designation.region) == (status, region)


@pytest.mark.parametrize(
    ("text", "concept_id", "found"),
    [
        ("台灣的食藥局於2010年成立。", "tfda", True),
        ("北京市食药局发布通知。", "tfda", False),  # the mainland's short name of a local bureau
        ("國內藥廠多委由代工廠生產學名藥。", "cmo", True),
        ("這家代工廠生產手機。", "cmo", False),  # an electronics maker's plant
    ],
)
def test_a_name_shared_with_other_usage_counts_only_near_its_cues(classifier, text, concept_id, found):
    assert any(concept_id in {c.id for c, _ in m.readings} for m in find_terms(classifier.matcher, text)) == found


@pytest.fixture(scope="module")
def checker(classifier):
    return TermChecker(classifier)


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        ("We performed source data verification.", "我們執行了原始資料查核。", "zh-Hant-TW", []),
        ("The engineering batch ran well.", "工程批運行順利。", "zh-Hant", []),
        ("Stability studies were done.", "已完成穩定性試驗。", "zh-Hant-TW", [("wrong-region", "安定性試驗")]),
        ("Stability studies were done.", "已完成安定性試驗。", "zh-Hant-HK", [("wrong-region", "穩定性試驗")]),
        ("Our CRO runs trials.", "我們的合同研究組織執行試驗。", "zh-Hant-HK", [("wrong-region", "受託研究機構")]),
        ("Lipid nanoparticles", "脂質奈米顆粒", "zh-Hant-HK", [("wrong-region", "脂質納米顆粒")]),
    ],
)
def test_the_check_suggests_traditional_names_for_the_region(checker, source, target, lang, expected):
    check = checker.check(source, target, parse_language("en"), parse_language(lang))
    assert [(i.rule, i.suggestions[0] if i.suggestions else None) for i in check.issues] == expected
