"""Senses of shared abbreviations, as a stage of its own: which concept each mention is read as, and why."""

import pytest


def senses(classifier, text):
    reading = classifier.read(text)
    return [(m.hit and reading.text[slice(*reading.span(m.hit.first, m.hit.last))], m.concept.id, m.sense.reason) for m in reading.mentions]


def sense_of(classifier, text, abbreviation):
    return next((concept, reason) for written, concept, reason in senses(classifier, text) if written == abbreviation)


@pytest.mark.parametrize(
    ("text", "abbreviation", "concept", "reason"),
    [
        # 1. the sense the text names in full
        ("Chief Marketing Officer Jane Li said our CMO team doubled", "CMO", "chief-marketing-officer", "named in full"),
        ("我们的CMO(首席营销官)负责品牌", "CMO", "chief-marketing-officer", "named in full"),
        ("contract research organization (CRO) for oncology trials", "CRO", "cro", "named in full"),
        # 2. a role: a title or appointment phrase right around it
        ("The board appointed Dr. Wang as CMO last week", "CMO", None, "a role (title or appointment phrase)"),
        ("She joins as CSO from a Boston biotech", "CSO", None, "a role (title or appointment phrase)"),
        ("张三出任CSO，负责公司新药研发", "CSO", None, "a role (title or appointment phrase)"),
        ("董事会聘任李四为CMO", "CMO", None, "a role (title or appointment phrase)"),
        ("首席网络营销官（CDMO）任职要求", "CDMO", "chief-digital-marketing-officer", "named in full"),
        ("公司任命王五为CDMO，负责品牌", "CDMO", None, "a role (title or appointment phrase)"),
        ("former CRO of a SaaS company", "CRO", None, "a role (title or appointment phrase)"),
        ("the vaccine maker's CMO to step down in September", "CMO", None, "a role (title or appointment phrase)"),
        # a person of or at an organization, the verb after its name one only a person takes (the look-ahead is 60 characters)
        ("CMO at the Darmstadt group's healthcare arm steps down after eight years", "CMO", None, "a role (title or appointment phrase)"),
        ("CSO of a Cambridge antibody biotech steps down after eight years", "CSO", None, "a role (title or appointment phrase)"),
        # appointment verbs with a longer description of the person before "as"; lists of executives; titles
        ("The biotech has hired a Boston Children's Hospital oncologist as its first CMO.", "CMO", None, "a role (title or appointment phrase)"),
        ("A gene therapy start-up names a former big-pharma discovery head as its new CSO", "CSO", None, "a role (title or appointment phrase)"),
        ("The company promotes Anna Berg to CMO after two years as head of clinical", "CMO", None, "a role (title or appointment phrase)"),
        ("Tumour drug-delivery company brings in a new CMO to run its own trials", "CMO", None, "a role (title or appointment phrase)"),
        ("She joined as Senior Vice President and CMO in 2019", "CMO", None, "a role (title or appointment phrase)"),
        ("The CEO and CMO of the oncology biotech left in May", "CMO", None, "a role (title or appointment phrase)"),
        ("Reports to: CFO; works closely with the CMO, COO and general counsel", "CMO", None, "a role (title or appointment phrase)"),
        ("对接CEO、CSO和投资人", "CSO", None, "a role (title or appointment phrase)"),
        ("he keeps his title of CMO until the merger closes", "CMO", None, "a role (title or appointment phrase)"),
        ("its CSO steps in as interim chief executive", "CSO", None, "a role (title or appointment phrase)"),
        # ... but a company described at length, or chosen "as its new" partner, is still a company
        ("The board has appointed a long-serving director and experienced CRO executive as interim CEO", "CRO", "cro", None),
        ("After the trial slipped, the sponsor moved the study to us as its new CRO.", "CRO", "cro", None),
        ("We appointed a CRO to run our Phase II trial.", "CRO", "cro", None),  # a vendor is appointed so; a person is "a new CMO"
        ("The company appointed a new CMO, Dr. Jane Smith.", "CMO", None, "a role (title or appointment phrase)"),
        # 3. a cue of one sense nearby
        ("The CMO tranche paid down faster as mortgage prepayments rose", "CMO", "collateralized-mortgage-obligation", None),
        ("carbapenemase producers among CRO isolates in the ICU", "CRO", "carbapenem-resistant-organisms", None),
        ("report CRO and CPO cases and place colonised residents on contact precautions", "CRO", "carbapenem-resistant-organisms", None),
        ("the bankruptcy court let the creditors pick the CRO", "CRO", "chief-restructuring-officer", None),
        ("CRO 2-1 MAR in the World Cup third-place match", "CRO", "croatia-national-team", None),
        ("Irish exports of medicines rose 12% in May, CSO stats show", "CSO", "central-statistics-office", None),
        ("Set the CRO time base to 1 ms per division to see the waveform", "CRO", "cathode-ray-oscilloscope", None),
        ("Append a 32-bit CRC computed with the generator polynomial to each frame", "CRC", "cyclic-redundancy-check", None),
        ("SMO and SEO for local restaurants: more followers, more bookings", "SMO", "social-media-optimization", None),
        ("以次级贷款为基础资产的CDO评级被下调", "CDO", "collateralized-debt-obligation", None),
        # of several in-domain senses, the one whose cue stands nearest: China's or Taiwan's CDE
        ("The NMPA's CDE accepted the IND application.", "CDE", "cde", "cue 'NMPA's'"),
        ("国家药监局CDE受理了该申请", "CDE", "cde", "cue '国家药监局'"),
        ("Taiwan's CDE reviewed the dossier.", "CDE", "taiwan-cde", "cue 'Taiwan's'"),
        ("食藥署委託CDE審查", "CDE", "taiwan-cde", "cue '食藥署'"),
        ("Unlike China's regulator, Taiwan's CDE runs as a foundation", "CDE", "taiwan-cde", "cue 'Taiwan's'"),
        # 4. otherwise the pharmaceutical-outsourcing sense
        ("As a CMO, our engineers and physicians support clients' commercial manufacturing", "CMO", "cmo", None),
        ("我们是一家CMO，任命了新的生产负责人", "CMO", "cmo", None),
        ("As a CSO we deploy sales reps and medical scientists for brand owners", "CSO", "cso", None),
        ("Such as CRO, CMO and CSO services", "CRO", "cro", None),
        ("The CDMO of the group opened a second plant for clients", "CDMO", "cdmo", None),
        ("Choosing a CRO at an early stage will lead to faster IND filings", "CRO", "cro", None),
        ("Working with a CMO of this size will lead to lower unit costs", "CMO", "cmo", None),
        ("The CDMO at the Visp site will head the tech transfer for the client", "CDMO", "cdmo", None),
        # cues of the new senses are not words of vendor texts: recruiting online, ECG waveforms, exports
        ("Our SMO runs patient recruitment campaigns through digital marketing and Instagram", "SMO", "smo", None),
        ("The CRO reviewed the ECG waveforms for QT prolongation", "CRO", "cro", None),
        ("India's leading CSO supports pharma exports to Africa", "CSO", "cso", None),
        ("We are promoting seamless tech transfer to CMO partners", "CMO", "cmo", None),
        # "developers" and "rest" are drug makers and the rest of a plant, not software
        ("Small-molecule API development and manufacturing for drug developers", "API", "api", None),
        ("The site makes APIs; the rest of the plant packs tablets", "APIs", "api", None),
    ],
)
def test_each_abbreviation_is_read_in_its_sense(classifier, text, abbreviation, concept, reason):
    read, why = sense_of(classifier, text, abbreviation)
    if concept is not None:
        assert read == concept
    else:
        assert classifier.glossary.get(read).out_of_domain and classifier.senses._is_role[read]
    if reason is not None:
        assert why == reason
    elif read in ("cmo", "cro", "cso"):
        assert why is None


def test_one_sense_per_text_when_one_mention_has_a_reason(classifier):
    text = "World Cup third place: CRO 2-1 MAR. Earlier, in a group that went down to the last evening of play, it was CRO 0-0 BEL."
    found = senses(classifier, text)
    assert [(concept, reason) for _, concept, reason in found] == [
        ("croatia-national-team", "cue 'World Cup'"),
        ("croatia-national-team", "as elsewhere in the text"),
    ]


@pytest.mark.parametrize(
    ("text", "concept", "found"),
    [
        ("We provide services to clients and will be there for them.", "bioequivalence-study", False),  # "be" is a verb
        ("BE studies for generic makers", "bioequivalence-study", True),
        ("the pi chart and the del values", "principal-investigator", False),
        ("The PI signs the protocol", "principal-investigator", True),
        ("Leading CROs use our platform", "cro", True),
        ("a cro is ...", "cro", False),
    ],
)
def test_short_abbreviations_count_only_in_capitals(classifier, text, concept, found):
    assert (concept in [read for _, read, _ in senses(classifier, text)]) is found


def test_role_senses_are_the_officers(classifier):
    roles = {cid for cid, is_role in classifier.senses._is_role.items() if is_role}
    assert {"chief-marketing-officer", "chief-medical-officer", "chief-scientific-officer", "c-suite-executive"} <= roles
    assert not roles & {"collateralized-mortgage-obligation", "croatia-national-team", "application-programming-interface"}


@pytest.mark.parametrize(
    ("text", "abbreviation", "concept"),
    [
        # no cue of which officer: the role this field's texts mean (senses.preferred_roles)
        ("The gene therapy biotech has named a Phase III veteran as its new CMO.", "CMO", "chief-medical-officer"),
        ("The start-up hires a medicinal chemistry head as CSO.", "CSO", "chief-scientific-officer"),
        # a cue nearby still names the other officer
        ("The snack brand hires a new CMO to lead brand marketing and advertising.", "CMO", "chief-marketing-officer"),
    ],
)
def test_a_role_without_a_cue_is_the_one_this_field_means(classifier, text, abbreviation, concept):
    assert sense_of(classifier, text, abbreviation) == (concept, "a role (title or appointment phrase)")


def test_a_preferred_role_must_be_a_role_of_the_glossary(classifier):
    from glossary_api import GlossaryFileError
    from glossary_api.senses import SenseReader

    rules = {**classifier.rules["senses"], "preferred_roles": ["cmo"]}
    with pytest.raises(GlossaryFileError, match=r"_classifier.yaml: senses.preferred_roles: 'cmo' is not a role"):
        SenseReader(classifier.glossary, rules, classifier.tokenizer)
