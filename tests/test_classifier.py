"""The classifier on the real glossary and weights: labels, evidence, negation, senses, confidence."""

import math
from dataclasses import replace
from pathlib import Path

import pytest
from opencc import OpenCC

from glossary_api import InvalidText
from glossary_api.features import count

DATA = Path(__file__).parent / "data"

COUNTERPART = (
    "the weights read a name after a customer or partner phrase as any other (a scope like negation's, making such names"
    " features of their own, was tried and scored lower on dev: docs/measurements.md, 'How the settings were chosen'); only a"
    " possessive (\"the client's CRO\") marks a name as another party's, and only for the named-category rule"
)


def terms(decision):
    return [e for e in decision.evidence if e.kind == "term"]


def test_development_and_manufacturing_make_a_cdmo_with_spans_into_the_input(classifier):
    text = "提供从临床前到商业化阶段的原料药工艺开发与GMP生产"
    decision = classifier.classify(text)
    assert (decision.label, decision.labels) == ("CDMO", ("CDMO",))
    spans = {e.concept_id: (e.start, e.end, e.text) for e in terms(decision)}
    assert spans["api"] == (13, 16, "原料药")
    assert spans["process-development"] == (16, 20, "工艺开发")
    assert spans["gmp"] == (21, 24, "GMP")
    assert decision.evidence and all(text[e.start : e.end] == e.text for e in decision.evidence if e.start is not None)


def test_manufacturing_with_development_negated_is_a_cmo(classifier):
    decision = classifier.classify("我们提供原料药的GMP代工生产,不承担工艺开发")
    assert decision.label == "CMO"
    assert [(e.text, e.feature) for e in terms(decision) if e.negated] == [("工艺开发", "not:concept:process-development")]


@pytest.mark.parametrize(
    "text",
    [
        "Our CMO leads brand marketing across Asia",
        "我们的CMO(首席营销官)负责品牌",
        "our CMO oversees marketing",
        "Chief Revenue Officer",
        "The company appointed a new CSO to lead its security team.",
        "Our API lets developers call the REST endpoint from any SDK.",
        "公司任命李博士为首席医学官（CMO）",
        "首席网络营销官（CDMO）任职要求",
        "CRO优化：A/B测试提升转化率",
        "hired as CSO to build an in-house discovery team",
        "the court approved a CRO (chief restructuring officer)",
    ],
)
def test_other_senses_of_the_abbreviations_are_none(classifier, text):
    assert classifier.classify(text).label == "NONE"


def test_an_abbreviation_read_in_another_sense_says_which_and_why(classifier):
    decision = classifier.classify("我们的CMO(首席营销官)负责品牌")
    cmo = next(e for e in decision.evidence if e.text == "CMO")
    assert (cmo.concept_id, cmo.out_of_domain, cmo.sense, cmo.feature) == (
        "chief-marketing-officer", True, "named in full", "sense:out-of-domain"
    )
    assert cmo.weights["NONE"] > 0  # reading CMO as an executive is evidence of NONE


def test_a_category_name_with_professional_nouns_nearby_stays_the_category(classifier):
    decision = classifier.classify("As a CMO, our engineers and physicians support clients' commercial manufacturing")
    assert decision.label == "CMO"
    assert next(e for e in decision.evidence if e.text == "CMO").concept_id == "cmo"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Phase I-III trial management, site monitoring, biostatistics", "CRO"),
        ("We are a CRO.", "CRO"),
        ("toxicology and safety assessment services for drug developers", "CRO"),
        ("提供片剂、胶囊的GMP代工生产", "CMO"),
        ("Contract sales force and medical detailing for pharmaceutical brands", "CSO"),
        ("医药代表团队为药企提供学术推广服务", "CSO"),
        ("医药代表外包", "CSO"),
        ("Process development, scale-up and commercial manufacturing of small-molecule APIs", "CDMO"),
        ("drug substance and drug product from preclinical supply to commercial launch", "CDMO"),
        ("pre-formulation, formulation, analytical testing and clinical manufacturing", "CDMO"),
    ],
)
def test_service_vocabulary_decides_without_the_category_name(classifier, text, label):
    assert classifier.classify(text).label == label


@pytest.mark.parametrize(
    "text",
    [
        "A bakery that makes bread every morning.",
        "今天天气很好",
        "主要从事原料药和中间体的研发、生产与销售，产品包括阿托伐他汀钙",
    ],
)
def test_texts_not_about_a_service_are_none(classifier, text):
    decision = classifier.classify(text)
    assert (decision.label, decision.labels) == ("NONE", ())


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Our eCOA platform is used by leading CROs.", "NONE"),
        ("Trusted by top CROs: our EDC software speeds up data capture.", "NONE"),
        ("We sell lab instruments to CROs and CDMOs worldwide.", "NONE"),
        pytest.param("我们的软件服务于国内领先的CRO企业。", "NONE", marks=pytest.mark.xfail(strict=True, reason=COUNTERPART)),
        ("Our clients include CDMOs, CROs and biotech companies that need validated cold-chain shipping.", "NONE"),  # since rounds 1-51 without letter triples
        pytest.param(
            "We are a CRO running Phase I-III trials; for manufacturing we partner with leading CDMOs.",
            "CRO",
            marks=pytest.mark.xfail(strict=True, reason=COUNTERPART),
        ),
    ],
)
def test_a_category_named_as_the_writers_customer_or_partner_is_not_the_writers_own(classifier, text, label):
    # Issue 9's failure class: a supplier whose customers are CROs is not a CRO.
    assert classifier.classify(text).label == label


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("行业评论：所谓学术推广外包，是指药企把产品的学术推广交给专业机构", "commentary", True),
        ("The contract sales market size is expected to grow at a CAGR of 7% over the forecast period", "commentary", True),
        ("We field contract sales teams for pharmaceutical brands", "commentary", False),
        ("我们为药企提供学术推广服务", "commentary", False),
        ("岗位职责：负责临床试验监查；任职要求：医学相关专业", "job_advert", True),
    ],
)
def test_kinds_of_text_are_read_from_their_cues(classifier, text, kind, found):
    assert (kind in classifier.read(text).contexts) is found


def test_a_generic_word_in_a_text_not_about_medicines_is_off_topic(classifier):
    decision = classifier.classify("Contract manufacturing of injection-moulded plastic parts")
    assert [e.feature for e in terms(decision)] == ["offtopic:concept:contract-manufacturing"]
    assert "ctx:not-about-medicines" in [e.feature for e in decision.evidence if e.kind == "context"]
    assert classifier.classify("Contract manufacturing of tablets for our clients").label == "CMO"


def test_a_name_denied_after_it_does_not_count_as_itself(classifier):
    decision = classifier.classify("Aseptic fill-finish of vials for clients. Formulation development is not offered.")
    assert [e.concept_id for e in terms(decision) if e.negated] == ["formulation-development"]
    assert decision.label == "CMO"


def test_not_only_is_not_a_negation(classifier):
    decision = classifier.classify("We offer not only process development but also commercial GMP manufacturing.")
    assert not any(e.negated for e in terms(decision))
    assert decision.label == "CDMO"


@pytest.mark.xfail(
    strict=True,
    reason=(
        "the weights fitted with rounds 1-51 (no letter triples) give CDMO 0.9992 and CRO 0.0004 here: CRO is 0.55 against NONE, under the rules'"
        " also_supported (0.99), and under also_confident too: the development and manufacturing words outweigh the trial words"
        " (test_a_second_label_is_given_when_it_stands_far_above_none_on_its_own holds the rule)"
    ),
)
def test_a_vendor_that_is_two_things_gets_both_labels(classifier):
    decision = classifier.classify(
        "We are a full-service CRO and also a CDMO: Phase I-III trial management and biostatistics, "
        "plus process development and GMP manufacturing of APIs."
    )
    assert set(decision.labels) == {"CRO", "CDMO"}
    assert "CMO" not in decision.labels  # a CDMO is a manufacturer already


def test_confidence_is_a_probability_over_every_label_and_scores_are_its_logits(classifier):
    decision = classifier.classify("Phase I-III trial management, site monitoring, biostatistics")
    assert set(decision.confidence) == set(decision.scores) == {"CRO", "CMO", "CDMO", "CSO", "NONE"}
    assert math.isclose(sum(decision.confidence.values()), 1.0, abs_tol=1e-3)
    assert max(decision.confidence, key=decision.confidence.get) == decision.label == "CRO"
    assert max(decision.scores, key=decision.scores.get) == "CRO"


def test_the_scores_are_the_bias_plus_what_each_piece_of_evidence_added(core):
    # With every piece of evidence listed, the scores add up from the weights file and the evidence alone.
    from glossary_api.classifier import Classifier

    classifier = Classifier(core.glossary, core.classifier.rules, core.classifier.tokenizer, core.classifier.model, max_evidence=1000)
    decision = classifier.classify("CDMO services: process development and GMP manufacturing of biologics")
    assert decision.evidence_total == len(decision.evidence)
    bias = dict(zip(classifier.model.labels, classifier.model.bias))
    for label, score in decision.scores.items():
        assert math.isclose(bias[label] + sum(e.weights.get(label, 0.0) for e in decision.evidence), score, abs_tol=0.01)


def test_evidence_is_capped_glossary_terms_first_then_the_strongest_keywords(core):
    from glossary_api.classifier import Classifier

    text = "GMP manufacturing, process development, analytical development, formulation, fill-finish, lyophilisation, packaging"
    full = core.classifier.classify(text)
    capped = Classifier(core.glossary, core.classifier.rules, core.classifier.tokenizer, core.classifier.model, max_evidence=3).classify(text)
    assert (capped.label, capped.confidence, capped.evidence_total) == (full.label, full.confidence, full.evidence_total)
    assert len(capped.evidence) == 3 < full.evidence_total
    def strength(e):
        return max((abs(w) for w in e.weights.values()), default=0)

    terms = sorted((e for e in full.evidence if e.kind == "term"), key=strength, reverse=True)
    assert len(terms) >= 3 and [e.kind for e in capped.evidence] == ["term"] * 3
    assert sorted((e.feature, e.start) for e in capped.evidence) == sorted((e.feature, e.start) for e in terms[:3])
    wider = Classifier(core.glossary, core.classifier.rules, core.classifier.tokenizer, core.classifier.model, max_evidence=len(terms) + 2)
    listed = wider.classify(text).evidence
    assert [e.kind for e in listed].count("term") == len(terms) and len(listed) == len(terms) + 2


def test_a_term_named_again_is_one_piece_of_evidence(classifier):
    decision = classifier.classify("CRO services. We are a CRO, a CRO for biotech sponsors.")
    cro = [e for e in decision.evidence if e.feature == "concept:cro"]
    assert [(e.text, e.start, e.occurrences) for e in cro] == [("CRO", 0, 3)]


def test_every_term_found_is_listed_even_when_it_counted_for_nothing(classifier):
    decision = classifier.classify("We do business development.")
    assert all(e.counted == bool(e.weights) for e in decision.evidence)


@pytest.mark.parametrize(
    ("confidence", "labels"),
    [
        # a manufacturer whose confidence is split between CMO and CDMO is still labelled, the stronger first
        ({"CRO": 0.01, "CMO": 0.45, "CDMO": 0.52, "CSO": 0.01, "NONE": 0.01}, ("CDMO",)),
        # spread over the four labels, but plainly not NONE
        ({"CRO": 0.30, "CMO": 0.05, "CDMO": 0.05, "CSO": 0.30, "NONE": 0.30}, ("CRO",)),
        # NONE strong enough that the rest falls below the threshold, whatever the top label has
        ({"CRO": 0.45, "CMO": 0.0, "CDMO": 0.0, "CSO": 0.0, "NONE": 0.55}, ()),
    ],
)
def test_a_text_is_labelled_when_it_is_confidently_not_none(classifier, confidence, labels):
    assert classifier.supported(confidence, threshold=0.6) == labels


def test_a_second_label_is_given_when_it_stands_far_above_none_on_its_own(classifier):
    temperature = classifier.model.temperature
    confidence = {"CRO": 0.30, "CMO": 0.0, "CDMO": 0.70, "CSO": 0.0, "NONE": 0.0}
    # CRO 7 temperatures above NONE (sigmoid 0.999), CMO 6 (but a CDMO is a manufacturer already), CSO 1 (0.73)
    scores = {"CRO": 7 * temperature, "CMO": 6 * temperature, "CDMO": 9 * temperature, "CSO": temperature, "NONE": 0.0}
    assert classifier.supported(confidence, threshold=0.5, scores=scores) == ("CDMO", "CRO")
    scores["CRO"] = 2 * temperature  # sigmoid 0.88: under the rules' also_supported
    assert classifier.supported(confidence, threshold=0.5, scores=scores) == ("CDMO",)


def test_a_second_label_is_not_given_when_the_weights_give_it_next_to_nothing(classifier):
    # NONE pushed far down by a plain service text: CMO and CSO stand 6 and 7 temperatures above it (sigmoid 0.998 and
    # 0.999, over also_supported), but the softmax gives them 0.002 and 0.007, under also_confident
    model = classifier.model
    scores = {"CRO": 12 * model.temperature, "CMO": 6 * model.temperature, "CDMO": 3 * model.temperature, "CSO": 7 * model.temperature, "NONE": 0.0}
    confidence = dict(zip(model.labels, model.confidence(tuple(scores[label] for label in model.labels))))
    assert confidence["CSO"] < 0.01 and confidence["CMO"] < 0.01
    assert classifier.supported(confidence, threshold=0.5, scores=scores) == ("CRO",)


@pytest.mark.parametrize("text", ["我们为药企提供临床试验监查服务", "我们为药企提供临床试验监查和数据管理服务"])
def test_a_plain_service_text_gets_its_one_label(classifier, text):
    # with second labels judged against NONE alone, these read CRO, CSO and CMO, and CRO and CSO (CSO at 0.0001)
    assert classifier.classify(text).labels == ("CRO",)


def test_a_service_text_takes_the_one_category_it_names_and_others_only_when_they_stand_on_their_own(classifier):
    confidence = {"CRO": 0.01, "CMO": 0.80, "CDMO": 0.15, "CSO": 0.01, "NONE": 0.03}
    assert classifier.supported(confidence, threshold=0.5) == ("CMO",)
    assert classifier.supported(confidence, threshold=0.5, named="CDMO") == ("CDMO",)
    assert classifier.supported(confidence, threshold=0.5, named="CRO") == ("CRO",)
    temperature = classifier.model.temperature
    scores = {"CRO": 0.0, "CMO": 7 * temperature, "CDMO": 5 * temperature, "CSO": 0.0, "NONE": 0.0}  # CMO, CDMO far above NONE
    assert classifier.supported(confidence, threshold=0.5, scores=scores, named="CRO") == ("CRO", "CMO")  # CDMO excluded by CMO
    assert classifier.supported(confidence, threshold=0.5, scores=scores, named="CDMO") == ("CDMO",)  # a CDMO is a manufacturer already
    not_a_service = {"CRO": 0.02, "CMO": 0.10, "CDMO": 0.05, "CSO": 0.03, "NONE": 0.80}
    assert classifier.supported(not_a_service, threshold=0.5, named="CDMO") == ()  # a name alone never makes a NONE text a service
    assert classifier.supported(not_a_service, threshold=0.5, named="CDMO", subject=True) == ("CDMO",)  # its news does
    assert classifier.supported(not_a_service, threshold=0.5, subject=True) == ()  # nothing named, nothing to take


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("这家合同研究组织为药企开展临床试验。", "CRO"),
        ("本公司為受託製造廠，替客戶生產錠劑與膠囊。", "CMO"),
        ("We are a CRO running Phase I-III trials; for manufacturing we partner with leading CDMOs.", None),  # two named
        ("We are not a CDMO: we run clinical trials for sponsors.", None),  # the one name is denied
        ("The biotech appointed Dr. Jane Smith as CMO to lead its clinical programmes.", None),  # an executive
        ("Phase I-III trial management, site monitoring, biostatistics", None),  # no name
    ],
)
def test_the_named_category_is_the_one_category_a_text_names_in_domain(classifier, text, named):
    decision = classifier.classify(text)
    assert decision.named_category == named
    if named is not None:
        assert decision.labels and decision.label == named


def test_the_name_decides_where_the_weights_lean_to_another_category(classifier, named_against_the_weights):
    decision = classifier.classify(named_against_the_weights)
    strongest = max(("CRO", "CMO", "CDMO", "CSO"), key=decision.confidence.__getitem__)
    assert (decision.label, decision.named_category) == ("CDMO", "CDMO")
    assert strongest == "CMO", "the weights agree with the name now: pick a text where they do not, so the rule is exercised"
    assert decision.overruled == "CMO"  # what cxo classify and the classify page tell the reader
    assert classifier.classify("这家合同研究组织为药企开展临床试验。").overruled is None  # the weights agree with the name


@pytest.mark.parametrize(
    "text",
    [
        "The sponsor's CDMO supplies the test article; we run the GLP toxicology studies.",
        "我们负责GLP毒理学研究和剂量配制分析，供试品由申办方的CDMO提供。",
    ],
)
def test_a_category_named_for_another_party_does_not_decide(classifier, text):
    decision = classifier.classify(text)
    assert (decision.label, decision.named_category) == ("CRO", None)
    assert "other:concept:cdmo" in [e.feature for e in terms(decision)]  # the name is shown, read as another party's
    assert "concept:cdmo" not in classifier.features(text)  # and does not weigh as the writer's category
    reading = classifier.read(text)
    as_the_writers = [replace(m, other_party=False) for m in reading.mentions]
    counts = count(reading.tokens, reading.denied, as_the_writers, reading.contexts).counts
    assert classifier.named_category(counts) == "CDMO"  # the possessive is what holds it back


@pytest.mark.slow
def test_a_classifier_built_afresh_decides_the_dev_set_alike(classifier, dev_set, tmp_path):
    # What could differ between two builds is the segmenter (rebuilt here in an empty cache folder).
    from glossary_api import load_core, load_settings

    fresh = load_core(load_settings({"CACHE_DIR": str(tmp_path)})).classifier
    assert [fresh.classify(item.text) for item in dev_set] == [classifier.classify(item.text) for item in dev_set]


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "text is empty."), ("   \n", "text is empty."), ("\u200b\ufeff ", "text is empty."), (42, "text must be a string, not int."), ("x" * 10_001, "limit is 10000")],
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
            if evidence.start is not None:
                assert item.text[evidence.start : evidence.end] == evidence.text, item.id


def test_full_width_and_case_do_not_change_the_label(classifier):
    assert classifier.classify("ＣＤＭＯ：ＧＭＰ生产").label == classifier.classify("CDMO:GMP生产").label == "CDMO"


@pytest.mark.parametrize(
    ("text", "denied", "labels"),
    [
        ("GMP manufacturing of APIs for clients; we don’t offer formulation development", {"formulation-development"}, {"CMO"}),  # curly apostrophe
        ("Non-clinical toxicology studies and GLP safety assessment for biotech sponsors", set(), {"CRO"}),
        # a manufacturer either way: whether CMO or CDMO is the weights' call, not the negation's
        ("We offer non-GMP and GMP manufacturing of APIs for clients", set(), {"CMO", "CDMO"}),
    ],
)
def test_typography_and_non_prefixes_do_not_deny_the_wrong_names(classifier, text, denied, labels):
    assert {mention.concept.id for mention in classifier.read(text).mentions if mention.negated} == denied
    assert classifier.classify(text).label in labels


def vendor_probes() -> list[tuple[str, str]]:
    """Return (label, text) of tests/data/vendor_probes.tsv: short vendor self-descriptions, outside pharma and in it."""
    lines = (DATA / "vendor_probes.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#") and line != "label\ttext"]
    return [(label, text) for label, text in rows]


def test_vendors_outside_pharma_are_none_and_pharma_vendors_in_the_same_plain_words_are_not(classifier):
    """A vendor database holds every kind of supplier: an IT firm's "services to clients" is no CRO, a garment maker's 代工 no CMO.

    The rule for texts outside pharma decides the first; the weights the second, 代工 being a glossary name, and they
    still read some such texts as services (the garment maker's as CDMO, "我们承接汽车零部件的代工生产" as CMO): a floor, not all.
    """
    probes = vendor_probes()
    outside = [text for label, text in probes if label == "NONE"]
    inside = [(label, text) for label, text in probes if label != "NONE"]
    assert len(outside) == len(inside) == 40
    outside_right = sum(classifier.classify(text).label == "NONE" for text in outside)
    inside_right = sum(classifier.classify(text).label == label for label, text in inside)
    # measured 2026-12-02: 29 and 40 of 40 (the weights of rounds 1-43 without the rule below: 11 and 40); 2026-12-03, rounds 1-51
    # without letter triples: 27 and 40
    assert outside_right >= 26, outside_right
    assert inside_right >= 38, inside_right
    assert not any(classifier.classify(text).outside_pharma for _, text in inside)  # the rule never takes a pharma vendor


def test_a_decision_outside_pharma_is_consistent_and_few_dev_services_are_outside(classifier, dev_set):
    outside = [(item, decision) for item in dev_set if (decision := classifier.classify(item.text)).outside_pharma]
    assert all(d.label == "NONE" and d.labels == () and d.named_category is None and not d.named_subject for _, d in outside)
    services = [item.id for item, _ in outside if item.label != "NONE"]
    # measured 2026-12-03 (rounds 1-51): 2 of dev's 1,681 service texts have no sign of medicines (a serialisation
    # packager's row, a contract sales team's pitch for "your mature lines"), against 202 of its NONE texts: the rule's known cost.
    # 4 since a name's -ing word matches only -ing forms: "outsourced" is no longer the name "outsourcing", nor "blinded" "blinding"
    assert len(services) <= 4, services
    assert len(outside) - len(services) >= 150, len(outside)


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("We provide IT consulting services to clients across Europe.", True),
        ("我们为客户提供专业的IT外包服务和系统集成。", False),  # 外包 is a glossary name (outsourcing, generic): a sign, if a weak one
        ("Our agency offers CRO services: A/B testing and landing pages for online shops.", True),  # CRO read as conversion rates
        ("We are not a CRO: our agency plans events for banks.", False),  # a name denied still says the text is about the sector
        ("We provide services to clients in the drug industry.", False),  # a medicine cue
        ("本公司為中小企業提供會計與稅務服務。", True),
        # words of drug makers' suppliers that other trades use too are no sign: computer mice, pest control
        ("We assemble keyboards and mice for PC brands.", True),
        ("We offer rodent control for restaurants and warehouses.", True),
        # medicines' labelling is a sign; a leaflet or a package insert alone is anyone's
        ("Readability user testing of package leaflets, with a submission-ready report for each filing.", False),
        ("We design and print leaflets and brochures for local shops.", True),
        ("We print package inserts and thank-you cards for cosmetics brands.", True),
    ],
)
def test_a_text_with_no_sign_of_medicines_is_outside_pharma(classifier, text, outside):
    decision = classifier.classify(text)
    assert decision.outside_pharma is outside
    if outside:
        assert decision.label == "NONE" and decision.labels == ()


def test_a_text_outside_pharma_is_none_whatever_the_weights(classifier, outside_against_the_weights):
    decision = classifier.classify(outside_against_the_weights)
    assert decision.outside_pharma and decision.label == "NONE"
    assert max(decision.confidence, key=decision.confidence.get) != "NONE"  # the weights alone read a service: the rule decides
    assert classifier.supported({"CRO": 0.9, "CMO": 0.0, "CDMO": 0.0, "CSO": 0.0, "NONE": 0.1}, threshold=0.5, outside=True) == ()
    assert classifier.supported({"CRO": 0.9, "CMO": 0.0, "CDMO": 0.0, "CSO": 0.0, "NONE": 0.1}, threshold=0.5) == ("CRO",)
