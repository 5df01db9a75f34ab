"""The term check of a translation (term_check.py): each rule, present and absent, on the real glossary."""

from __future__ import annotations

from collections import Counter

import pytest

from glossary_api import term_check, translation_names
from glossary_api.annotation import find_terms
from glossary_api.errors import InvalidLanguage, InvalidText
from glossary_api.term_check import TermChecker
from glossary_api.termbase.languages import Language, parse_language


@pytest.fixture(scope="module")
def checker(classifier):
    return TermChecker(classifier)


def issues(checker, source: str, target: str, target_lang: str = "zh-Hans", source_lang: str = "en") -> list[tuple]:
    """Return each issue as (rule, concept, source term, target name, first suggestion)."""
    check = checker.check(source, target, parse_language(source_lang), parse_language(target_lang))
    return [
        (i.rule, i.concept_id, i.source and i.source.text, i.target and i.target.text, i.suggestions[0] if i.suggestions else None)
        for i in check.issues
    ]


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        # missing: a source term with no glossary name in the translation
        ("Our CRO runs clinical trials.", "我们的合同研究组织开展临床研究。", "zh-Hans", [("missing", "clinical-trial", "clinical trials", None, "临床试验")]),
        ("Our CRO runs clinical trials.", "我们的合同研究组织开展临床试验。", "zh-Hans", []),
        ("Our CRO runs clinical trials.", "我们的CRO开展临床试验。", "zh-Hans", []),  # an abbreviation kept as is names the concept
        ("Our CRO runs clinical trials.", "我們的受託研究機構執行臨床試驗。", "zh-Hant", []),
        ("Our CRO runs clinical trials.", "我们的合同研究组织开展臨床試驗。", "zh-Hans", []),  # script does not count
        ("Production follows GMP.", "生产遵循ＧＭＰ。", "zh-Hans", []),  # nor width
        ("合同研究组织开展临床试验。", "The contract research organization runs clinical studies.", "en", []),
        ("合同研究组织开展临床试验。", "The CRO runs trials.", "en", [("missing", "clinical-trial", "临床试验", None, "clinical trial")]),
        # an English word that is an abbreviation in capitals is not the abbreviation: "be" is not BE
        ("We will be ready.", "我们会准备好。", "zh-Hans", []),
    ],
)
def test_missing(checker, source, target, lang, expected):
    assert issues(checker, source, target, lang, "zh-Hans" if source[0] > "~" else "en") == expected


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        ("Our CRO runs the trial.", "我们的合约研究组织负责该试验。", "zh-Hans", [("avoided", "cro", None, "合约研究组织", "合同研究组织")]),
        ("The product was approved by the NMPA.", "该产品已获国家食品药品监督管理总局批准。", "zh-Hans", [("avoided", "nmpa", None, "国家食品药品监督管理总局", "国家药品监督管理局")]),
        ("The product was approved by the NMPA.", "该产品已获CFDA批准。", "zh-Hans", [("avoided", "nmpa", None, "CFDA", "NMPA")]),  # an abbreviation's status too
        ("The product was approved by the NMPA.", "该产品已获国家药监局批准。", "zh-Hans", []),
        # the source uses the old name itself (an event of 2017): keeping it is faithful, not an issue
        ("In 2017 the CFDA joined ICH.", "2017年，CFDA加入ICH。", "zh-Hans", []),
    ],
)
def test_avoided(checker, source, target, lang, expected):
    assert issues(checker, source, target, lang) == expected


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        # a mainland-only name in traditional script in a zh-Hant translation, and the reverse
        ("The CRO ran the trial.", "該合同研究組織負責該試驗。", "zh-Hant", [("wrong-region", "cro", None, "合同研究組織", "受託研究機構")]),
        ("The CRO ran the trial.", "该受托研究机构负责该试验。", "zh-Hans", [("wrong-region", "cro", None, "受托研究机构", "合同研究组织")]),
        # a name of both varieties is fine in either
        ("The CRO ran the clinical trial.", "該受託研究機構負責該臨床試驗。", "zh-Hant", []),
        # Taiwan and Hong Kong names: fine in zh-Hant, wrong in the other region's text
        ("The upfront payment is USD 10 million.", "簽約金為一千萬美元。", "zh-Hant", []),
        ("The upfront payment is USD 10 million.", "簽約金為一千萬美元。", "zh-Hant-TW", []),
        ("The upfront payment is USD 10 million.", "簽約金為一千萬美元。", "zh-Hant-HK", [("wrong-region", "upfront-payment", None, "簽約金", "首付款")]),
        ("The FDA inspected the plant.", "美國食品及藥物管理局查核了該工廠。", "zh-Hant-TW", [("wrong-region", "fda", None, "美國食品及藥物管理局", "美國食品藥物管理局")]),
        ("The FDA inspected the plant.", "美國食品及藥物管理局視察了該廠房。", "zh-HK", []),
        # a language name that says the region checks as the tag does
        ("The FDA inspected the plant.", "美國食品及藥物管理局查核了該工廠。", "Chinese (Taiwan)", [("wrong-region", "fda", None, "美國食品及藥物管理局", "美國食品藥物管理局")]),
        ("The upfront payment is USD 10 million.", "簽約金為一千萬美元。", "Chinese (Hong Kong)", [("wrong-region", "upfront-payment", None, "簽約金", "首付款")]),
    ],
)
def test_wrong_region(checker, source, target, lang, expected):
    assert issues(checker, source, target, lang) == expected


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        # the source spells out an out-of-domain sense: CMO left as is misleads a pharma reader
        ("Our Chief Marketing Officer (CMO) joined in May.", "我们的CMO于五月加入。", [("ambiguous-abbreviation", "chief-marketing-officer", "CMO", "CMO", "首席营销官")]),
        ("Our Chief Marketing Officer (CMO) joined in May.", "我们的首席营销官（CMO）于五月加入。", []),
        # a cue of the out-of-domain sense in the source
        ("The CMO leads brand marketing.", "该CMO负责品牌营销。", [("ambiguous-abbreviation", "chief-marketing-officer", "CMO", "CMO", "首席营销官")]),
        # two in-domain senses: China's or Taiwan's CDE
        ("The CDE accepted the IND.", "CDE已受理该IND。", [("ambiguous-abbreviation", "cde", "CDE", "CDE", "国家药品监督管理局药品审评中心")]),
        ("The CDE accepted the IND.", "药审中心已受理该IND。", []),
        # the field's own sense: CRO in a CXO text needs no spelling out
        ("Our CRO runs clinical trials.", "我们的CRO开展临床试验。", []),
    ],
)
def test_ambiguous_abbreviation(checker, source, target, expected):
    assert issues(checker, source, target) == expected


@pytest.mark.parametrize(("lang", "name"), [("zh-Hant-TW", "行銷長"), ("zh-Hant-HK", "首席營銷官"), ("zh-Hans", "首席营销官")])
def test_an_ambiguity_names_the_sense_as_the_target_region_writes_it(checker, lang, name):
    check = checker.check("The CMO leads brand marketing.", "該CMO負責品牌行銷。", parse_language("en"), parse_language(lang))
    (issue,) = check.issues
    assert f"chief marketing officer ({name})" in issue.message and issue.suggestions[0] == name


def test_the_check_lists_the_source_terms_and_whether_each_is_translated(checker):
    check = checker.check("Our CRO runs clinical trials.", "我们的CRO开展研究。", Language("en"), Language("zh-Hans"))
    assert [(t.match.text, [c.id for c in t.senses], t.translated) for t in check.terms] == [
        ("CRO", ["cro"], True),
        ("clinical trials", ["clinical-trial"], False),
    ]


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("en", Language("en")),
        ("en-US", Language("en", "US")),
        ("zh-Hans", Language("zh-Hans")),
        ("zh-CN", Language("zh-Hans", "CN")),
        ("zh-Hant", Language("zh-Hant")),
        ("zh-Hant-TW", Language("zh-Hant", "TW")),
        ("zh-TW", Language("zh-Hant", "TW")),
        ("zh_HK", Language("zh-Hant", "HK")),
        ("zh-SG", Language("zh-Hans", "SG")),  # zh with a region takes the region's script
        ("zh-MO", Language("zh-Hant", "MO")),
        ("Chinese (Taiwan)", Language("zh-Hant", "TW")),  # a CAT tool's language name: its region counts as a tag's
        (" chinese (hong kong) ", Language("zh-Hant", "HK")),
        ("Chinese (Traditional, Hong Kong SAR)", Language("zh-Hant", "HK")),
        ("Chinese (PRC)", Language("zh-Hans", "CN")),
        ("Chinese (Macao SAR)", Language("zh-Hant", "MO")),  # Windows' names, in their older and newer forms
        ("Chinese (Traditional, Macao S.A.R.)", Language("zh-Hant", "MO")),
        ("Chinese (Simplified, Singapore)", Language("zh-Hans", "SG")),
        ("Chinese (Simplified, China)", Language("zh-Hans", "CN")),
        ("Chinese (Singapore)", Language("zh-Hans", "SG")),
        ("Chinese (Simplified, Hong Kong SAR)", Language("zh-Hans", "HK")),  # the script said wins over the region's
        ("Chinese (Traditional)", Language("zh-Hant")),  # no region said
        ("繁體中文", Language("zh-Hant")),
    ],
)
def test_languages_are_bcp_47_tags_or_locales(tag, language):
    assert parse_language(tag) == language


@pytest.mark.parametrize("name", ["Chinese (Atlantis)", "Chinese (Traditional, )", "Chinese ()", "Chinese (Simplified, Simplified)"])
def test_a_name_of_a_region_the_glossary_does_not_know_is_refused(name):
    with pytest.raises(InvalidLanguage, match="is not a language of the glossary"):
        parse_language(name)


@pytest.mark.parametrize("tag", ["zh", "fr", "", "chinese", "fr-FR", "zh-XX", "zh-Latn-TW", "zh-en-us-TW"])
def test_a_tag_that_names_no_glossary_language_is_refused(tag):
    with pytest.raises(InvalidLanguage, match=f"^{tag!r} is not a language of the glossary: give en, zh-Hans or zh-Hant"):
        parse_language(tag)


@pytest.mark.parametrize(
    ("target", "lang", "suggestions"),
    [
        # the FDA's Traditional Chinese names are all regional: plain zh-Hant asks no region, so both are told
        ("它獲批准。", "zh-Hant", ("美國食品藥物管理局", "美國食品及藥物管理局")),
        ("它獲批准。", "zh-Hant-TW", ("美國食品藥物管理局",)),
        ("它獲批准。", "zh-Hant-HK", ("美國食品及藥物管理局",)),
        ("美国食品药品监督管理局批准了它。", "zh-Hant", ("美國食品藥物管理局", "美國食品及藥物管理局")),
    ],
)
def test_a_concept_with_only_regional_names_still_gets_a_name_to_use(checker, target, lang, suggestions):
    check = checker.check("The FDA approved it.", target, Language("en"), parse_language(lang))
    assert [issue.suggestions for issue in check.issues] == [suggestions]
    assert "use " + " or ".join(suggestions) in check.issues[0].message


def test_an_empty_text_is_refused(checker):
    with pytest.raises(InvalidText, match="^target is empty.$"):
        checker.check("CRO", " ", Language("en"), Language("zh-Hans"))
    with pytest.raises(InvalidText, match="^target is empty.$"):
        checker.check("CRO", "\u200b", Language("en"), Language("zh-Hans"))


def test_every_tag_the_api_takes_is_read():
    from glossary_api.term_check import LANGUAGE_TAGS

    assert all(parse_language(tag).lang in ("en", "zh-Hans", "zh-Hant") for tag in LANGUAGE_TAGS)


def test_a_term_written_many_times_is_looked_up_not_set_against_every_name_of_the_translation(checker, monkeypatch):
    # Quadratic before: 2,500 CMOs in both texts took 11.7 s, each compared with all 2,500 of the translation
    # (here, with 300: 92,100 calls of _counts_in and 180,000 of normalize). Counted, not timed.
    source, target = "The CMO leads brand marketing. " * 300, "该CMO负责品牌营销。" * 300
    readings = sum(len(m.readings) for text in (source, target) for m in find_terms(checker.matcher, text))
    calls = Counter()
    for module, name in ((translation_names, "normalize"), (translation_names, "counts_in"), (term_check, "counts_in")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args, real=real, name=name: calls.update([name]) or real(*args))
    check = checker.check(source, target, Language("en"), Language("zh-Hans"))
    assert calls["counts_in"] <= readings  # each reading of each name once
    assert calls["normalize"] <= 2  # "CMO" as each text writes it, once
    assert [(t.match.text, t.translated) for t in check.terms] == [("CMO", True)] * 300
    assert [(i.rule, i.concept_id, i.source.start, i.target.start) for i in check.issues] == [("ambiguous-abbreviation", "chief-marketing-officer", 4, 1)]


def test_a_name_of_the_translation_written_many_times_is_one_issue_with_its_other_places(checker):
    target = "簽約金已付。簽約金為一千萬美元，首付款另計；簽約金分兩期。"
    check = checker.check("The upfront payment is paid.", target, parse_language("en"), parse_language("zh-Hant-HK"))
    [issue] = check.issues
    assert (issue.rule, issue.target.text, issue.target.start) == ("wrong-region", "簽約金", 0)
    places = [target.index("簽約金", 1), target.rindex("簽約金")]
    assert [(m.text, m.start, m.end) for m in issue.repeated] == [("簽約金", p, p + 3) for p in places]


def test_names_written_differently_are_issues_of_their_own(checker):
    check = checker.check("Our CRO runs trials.", "合约研究组织与合約研究組織", parse_language("en"), parse_language("zh-Hans"))
    assert [(i.rule, i.target.text, len(i.repeated)) for i in check.issues] == [("avoided", "合约研究组织", 0), ("avoided", "合約研究組織", 0)]


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        # the source does not say which CMO: the translator's name of one of its senses settles it, no company type demanded
        ("Our CMO joined in May.", "我們的行銷長於五月到任。", "zh-Hant-TW", []),
        ("Our CMO joined in May.", "我们的首席营销官于五月加入。", "zh-Hans", []),
        # a role phrase only suggests a person ("hired a CSO"): a contract sales organization for it stands
        ("The biotech hired a CSO to run its sales force.", "该生物技术公司聘请了一家合同销售组织来管理其销售团队。", "zh-Hans", []),
        # ... but where the source says the sense (a cue, the name in full), another sense's name is a mistranslation
        ("The CMO leads brand marketing.", "该首席医学官负责品牌营销。", "zh-Hans", [("missing", "chief-marketing-officer", "CMO", None, "首席营销官")]),
        ("Our Chief Marketing Officer (CMO) joined.", "我们的首席医学官已到任。", "zh-Hans", [("missing", "chief-marketing-officer", "Chief Marketing Officer", None, "首席营销官")]),
    ],
)
def test_a_translation_that_names_another_sense_of_an_abbreviation(checker, source, target, lang, expected):
    assert issues(checker, source, target, lang) == expected


def test_each_segment_of_a_file_is_read_on_its_own(checker):
    pairs = [
        ("The biotech hired a CSO to run its sales force.", "该生物技术公司聘请了一家合同销售组织来管理其销售团队。"),
        ("Our chief scientific officer (CSO) joined.", "我们的首席科学官已到任。"),
    ]
    en, hans = parse_language("en"), parse_language("zh-Hans")
    alone = [checker.check(source, target, en, hans) for source, target in pairs]
    together = [checker.check(source, target, en, hans) for source, target in reversed(pairs)][::-1]
    assert together == alone and [check.issues for check in alone] == [(), ()]


@pytest.mark.parametrize(
    ("source", "target", "lang", "expected"),
    [
        # the source's context names China's regulator, or Taiwan's: one CDE is left, no ambiguity
        ("The NMPA's CDE accepted the IND application.", "国家药监局CDE受理了该IND申请。", "zh-Hans", []),
        ("China's CDE accepted the IND application.", "中国CDE受理了该临床试验申请。", "zh-Hans", []),
        ("Taiwan's CDE reviewed the dossier.", "台灣CDE審查了該檔案。", "zh-Hant-TW", []),
        # the translation's own context settles it for its readers, though the source's does not
        ("The CDE accepted the IND.", "国家药监局CDE已受理该IND。", "zh-Hans", []),
        ("The CDE reviewed the dossier.", "食藥署委託CDE審查該檔案。", "zh-Hant-TW", []),
        # a cue settles the sense the translation must have: Taiwan's CDE is not 药审中心
        ("Taiwan's CDE reviewed the dossier.", "药审中心审查了该档案。", "zh-Hans", [("missing", "taiwan-cde", "CDE", None, "台湾医药品查验中心")]),
    ],
)
def test_the_context_that_names_a_regulator_settles_which_cde(checker, source, target, lang, expected):
    assert issues(checker, source, target, lang) == expected


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        # a region's own agency is named so in any region's text: its region mark says whose it is
        ("Taiwan's TFDA approved the drug.", "台灣衛生福利部食品藥物管理署批准了該藥。", "zh-Hant-HK"),
        ("Taiwan's NHIA will reimburse it.", "台灣衛生福利部中央健康保險署將給付該藥。", "zh-Hant-HK"),
        ("The Pharmacy and Poisons Board of Hong Kong decides.", "香港藥劑業及毒藥管理局作出決定。", "zh-Hant-TW"),
        ("Hong Kong's Drug Office approved it.", "衞生署藥物辦公室已核准。", "zh-Hant-TW"),
    ],
)
def test_the_name_of_a_regions_own_agency_is_not_wrong_region_elsewhere(checker, source, target, lang):
    assert issues(checker, source, target, lang) == []


@pytest.mark.parametrize(
    ("source", "target", "lang"),
    [
        # a name inside a longer word of the translation, where jieba's words hide it from the matcher, is there
        ("The API plant in Zhejiang passed the FDA inspection.", "浙江的原料药厂通过了FDA检查。", "zh-Hans"),  # 原料/药厂
        ("Operators work in the cleanroom.", "操作人员在洁净室内工作。", "zh-Hans"),
        ("Operators work in the cleanroom.", "作業員於潔淨室內工作。", "zh-Hant"),
    ],
)
def test_a_name_inside_a_longer_word_of_the_translation_is_not_missing(checker, source, target, lang):
    check = checker.check(source, target, parse_language("en"), parse_language(lang))
    assert check.issues == () and all(term.translated for term in check.terms)
