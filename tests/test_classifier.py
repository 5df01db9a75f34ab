"""The classifier's rules, on the real glossary: labels, evidence, negation, out-of-domain senses."""

import pytest
from opencc import OpenCC

from glossary_api import InvalidText


def found(decision, counting_only=True):
    return {e.concept_id for e in decision.evidence if e.counts or not counting_only}


def test_development_and_manufacturing_make_a_cdmo(classifier):
    text = "提供从临床前到商业化阶段的原料药工艺开发与GMP生产"
    decision = classifier.classify(text)
    assert decision.label == "CDMO"
    assert decision.labels[0] == "CDMO"
    spans = {e.concept_id: (e.start, e.end, e.text) for e in decision.evidence}
    assert spans["api"] == (13, 16, "原料药")
    assert spans["process-development"] == (16, 20, "工艺开发")
    assert spans["gmp"] == (21, 24, "GMP")
    for item in decision.evidence:
        assert text[item.start : item.end] == item.text


def test_manufacturing_with_development_negated_is_a_cmo(classifier):
    decision = classifier.classify("我们提供原料药的GMP代工生产,不承担工艺开发")
    assert decision.label == "CMO"
    negated = [e for e in decision.evidence if e.negated]
    assert [e.text for e in negated] == ["工艺开发"]


@pytest.mark.parametrize(
    "text",
    [
        "Our CMO leads brand marketing across Asia",
        "我们的CMO(首席营销官)负责品牌",
        "our CMO oversees marketing",
        "Chief Revenue Officer",
        "The company appointed a new CSO to lead its security team.",
        "Our API lets developers call the REST endpoint from any SDK.",
    ],
)
def test_out_of_domain_senses_are_none(classifier, text):
    assert classifier.classify(text).label == "NONE"


def test_an_abbreviation_read_out_of_domain_says_so_in_the_evidence(classifier):
    decision = classifier.classify("我们的CMO(首席营销官)负责品牌")
    cmo = next(e for e in decision.evidence if e.text == "CMO")
    assert cmo.suppressed_by == "chief-marketing-officer"
    assert not cmo.counts


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Phase I-III trial management, site monitoring, biostatistics", "CRO"),
        ("We are a CRO.", "CRO"),
        ("提供片剂、胶囊的GMP代工生产", "CMO"),
        ("Contract sales force and medical detailing for pharmaceutical brands", "CSO"),
        ("医药代表团队为药企提供学术推广服务", "CSO"),
        ("Process development, scale-up and commercial manufacturing of small-molecule APIs", "CDMO"),
    ],
)
def test_service_vocabulary_alone_decides(classifier, text, label):
    assert classifier.classify(text).label == label


@pytest.mark.parametrize(
    "text",
    [
        "We do not manufacture; we only sell office furniture.",
        "不提供生产服务",
        "A bakery that makes bread every morning.",
        "今天天气很好",
    ],
)
def test_no_or_weak_evidence_is_none(classifier, text):
    decision = classifier.classify(text)
    assert decision.label == "NONE"
    assert decision.labels == ()


def test_negated_hits_do_not_count(classifier):
    decision = classifier.classify("We run GMP manufacturing of APIs without clinical trials or biostatistics.")
    assert {e.concept_id for e in decision.evidence if e.negated} == {"clinical-trial", "biostatistics"}
    assert decision.label == "CMO"


def test_not_only_is_not_a_negation(classifier):
    decision = classifier.classify("We offer not only process development but also commercial GMP manufacturing.")
    assert not any(e.negated for e in decision.evidence)
    assert decision.label == "CDMO"


def test_a_vendor_that_is_two_things_gets_both_labels(classifier):
    decision = classifier.classify(
        "一站式CRO+CDMO平台：提供I-III期临床试验、生物统计，以及原料药工艺开发和商业化生产。"
    )
    assert set(decision.labels) == {"CRO", "CDMO"}
    assert "CMO" not in decision.labels  # a CDMO is a manufacturer already


@pytest.mark.slow
def test_a_classifier_built_afresh_decides_the_dev_set_alike(classifier, dev_set, tmp_path):
    # What could differ between two builds is the jieba dictionary (rebuilt here in an empty cache folder).
    from glossary_api import load_core, load_settings

    fresh = load_core(load_settings({"CACHE_DIR": str(tmp_path)})).classifier
    assert [fresh.classify(item.text) for item in dev_set] == [classifier.classify(item.text) for item in dev_set]


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "text is empty."), ("   \n", "text is empty."), (42, "text must be a string, not int."), ("x" * 10_001, "limit is 10000")],
)
def test_bad_text_is_rejected(classifier, value, message):
    with pytest.raises(InvalidText, match=message):
        classifier.classify(value)


def test_traditional_and_simplified_versions_get_the_same_label(classifier, dev_set):
    to_traditional = OpenCC("s2t")
    chinese = [item for item in dev_set if item.extra.get("lang") in ("zh-Hans", "mixed")]
    assert len(chinese) >= 100
    differing = [
        (item.id, item.text)
        for item in chinese
        if classifier.classify(item.text).label != classifier.classify(to_traditional.convert(item.text)).label
    ]
    assert differing == []


def test_evidence_spans_point_at_the_input(classifier, dev_set):
    for item in dev_set:
        for evidence in classifier.classify(item.text).evidence:
            assert item.text[evidence.start : evidence.end] == evidence.text, item.id


def test_full_width_and_case_do_not_change_the_label(classifier):
    assert classifier.classify("ＣＤＭＯ：ＧＭＰ生产").label == classifier.classify("cdmo:gmp生产").label == "CDMO"


def test_generic_words_need_a_text_about_medicines(classifier):
    decision = classifier.classify("Contract manufacturing of injection-moulded plastic parts for our clients")
    assert decision.label == "NONE"
    assert [e.concept_id for e in decision.evidence if e.off_topic] == ["contract-manufacturing"]
    assert classifier.classify("Contract manufacturing of tablets for our clients").label == "CMO"


def test_a_service_offer_lifts_a_single_service_term(classifier):
    assert classifier.classify("Pharmacovigilance").label == "NONE"
    assert classifier.classify("Pharmacovigilance services for biotech sponsors").label == "CRO"


def test_a_name_denied_after_it_does_not_count(classifier):
    decision = classifier.classify("Aseptic fill-finish of vials for clients. Formulation development is not offered.")
    assert [e.concept_id for e in decision.evidence if e.negated] == ["formulation-development"]
    assert decision.label == "CMO"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("GMP manufacturing of APIs for clients; we don’t offer formulation development", "CMO"),  # curly apostrophe
        ("Non-clinical toxicology studies and GLP safety assessment for biotech sponsors", "CRO"),
        ("We offer non-GMP and GMP manufacturing of APIs for clients", "CMO"),
    ],
)
def test_typography_and_non_prefixes_do_not_deny_the_wrong_names(classifier, text, label):
    assert classifier.classify(text).label == label

