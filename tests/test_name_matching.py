"""Which words of a text are a glossary name (matcher.py, name_index.py): lookup, annotation and the check alike."""

from __future__ import annotations

import pytest

from glossary_api.annotation import find_terms
from glossary_api.term_check import TermChecker
from glossary_api.termbase.languages import parse_language


@pytest.fixture(scope="module")
def checker(classifier):
    return TermChecker(classifier)


def concepts_in(classifier, text: str) -> list[tuple[str, list[str]]]:
    return [(m.text, sorted({c.id for c, _ in m.readings})) for m in find_terms(classifier.matcher, text)]


def missing(checker, source: str, target: str, target_lang: str = "zh-Hans", source_lang: str = "en") -> list[str]:
    check = checker.check(source, target, parse_language(source_lang), parse_language(target_lang))
    return [issue.concept_id for issue in check.issues if issue.rule == "missing"]


# An -ing name is another word than its stem: tableting is a process, a tablet a dosage form.
@pytest.mark.parametrize("query", ["tablet", "tablets", "details", "book", "masks"])
def test_lookup_does_not_fold_a_word_onto_an_ing_name(glossary, query):
    assert glossary.lookup(query) == []


@pytest.mark.parametrize(("query", "concept"), [("tabletings", "tableting"), ("booking", "new-orders"), ("Bookings", "new-orders")])
def test_lookup_still_finds_an_ing_name_by_its_own_inflections(glossary, query, concept):
    assert [m.concept.id for m in glossary.lookup(query)] == [concept]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The tablets were packaged in blisters.", []),
        ("Please see the details below.", []),
        ("Please book a meeting room.", []),
        ("Masks are required.", []),
        ("Tableting and bookings", [("Tableting", ["tableting"]), ("bookings", ["new-orders"])]),
        ("Two clinical monitors visited.", [("clinical monitors", ["clinical-research-associate"])]),
        ("Clinical monitoring is outsourced.", [("Clinical monitoring", ["clinical-monitoring"])]),
    ],
)
def test_a_text_word_matches_an_ing_name_only_as_an_ing_form(classifier, text, found):
    assert concepts_in(classifier, text) == found


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The tablets were packaged in blisters.", "片剂已采用泡罩包装。"),
        ("Please see the details below.", "详见下文。"),
        ("Please book a meeting room for the audit.", "请为审计预订一间会议室。"),
        ("Masks are required.", "必须佩戴口罩。"),
    ],
)
def test_the_check_asks_no_ing_term_for_its_stem(checker, source, target):
    assert missing(checker, source, target) == []


def test_the_check_still_asks_an_ing_term(checker):
    assert missing(checker, "Tableting is done in-house.", "片剂在内部完成。") == ["tableting"]


# An everyday word that is a glossary name only in its domain counts only with a cue of that domain nearby.
@pytest.mark.parametrize(
    ("text", "concept", "counts"),
    [
        ("请确认您的邮箱地址。", "qualification", False),
        ("请验证您的身份。", "validation", False),
        ("本產品規格如下。", "specification", False),
        ("请放行该车辆。", "batch-release", False),
        ("Phase 1 of the new plant will be completed in 2025.", "phase-1-clinical-trial", False),
        ("The conference sponsor is a local bank.", "sponsor", False),
        ("We cleared the backlog of emails.", "backlog", False),
        ("The validation of the input failed.", "validation", False),
        ("完成设备安装后进行确认。", "qualification", True),
        ("新工艺须经过验证。", "validation", True),
        ("成品檢驗合格後依規格放行。", "specification", True),
        ("成品檢驗合格後依規格放行。", "batch-release", True),
        ("The drug entered Phase II last year.", "phase-2-clinical-trial", True),
        ("The sponsor of the trial hired a CRO.", "sponsor", True),
        ("The CDMO reported a record backlog.", "backlog", True),
        ("工艺验证已完成。", "process-validation", True),  # a compound is a name of its own, no cue needed
    ],
)
def test_a_cued_name_counts_only_with_a_cue_of_its_concept_nearby(classifier, text, concept, counts):
    assert any(concept in ids for _, ids in concepts_in(classifier, text)) == counts


@pytest.mark.parametrize(
    ("source", "target", "source_lang", "target_lang"),
    [
        ("请确认您的邮箱地址。", "Please confirm your email address.", "zh-Hans", "en"),
        ("請確認您的電子郵件地址。", "Please confirm your email address.", "zh-Hant", "en"),
        ("请验证您的身份。", "Please verify your identity.", "zh-Hans", "en"),
        ("Phase II of the site expansion adds 20,000 L of capacity.", "基地二期扩建新增2万升产能。", "en", "zh-Hans"),
        ("The conference sponsor is WuXi AppTec.", "本次会议的赞助商是药明康德。", "en", "zh-Hans"),
    ],
)
def test_the_check_asks_no_domain_term_for_an_everyday_word(checker, source, target, source_lang, target_lang):
    assert missing(checker, source, target, target_lang, source_lang) == []


def test_a_cued_name_must_be_a_name_of_its_concept_and_have_cues(write_terms):
    from glossary_api.errors import GlossaryFileError
    from glossary_api.terms_format import load_glossary

    entry = """concepts:
  - id: sponsor
    category: organization
    cued: [{cued}]
    {cues}
    en: {{term: sponsor, definition: The company that starts and pays for a clinical trial.}}
    zh-Hans: {{term: 申办者, definition: 发起临床试验并为其提供经费的机构。}}
"""
    with pytest.raises(GlossaryFileError, match="cued.*not a name"):
        load_glossary(write_terms(a=entry.format(cued="patron", cues="cues: [trial]")))
    with pytest.raises(GlossaryFileError, match="cues.*need cues"):
        load_glossary(write_terms(a=entry.format(cued="sponsor", cues="")))
    assert load_glossary(write_terms(a=entry.format(cued="sponsor", cues="cues: [trial]"))).get("sponsor").cued == ("sponsor",)
