"""News about a vendor: a text that opens with a category as the subject of a news verb (subjects.py)."""

import pytest


def opens_with(classifier, text):
    reading = classifier.read(text)
    counts = classifier.counts(reading)
    named = classifier.named_category(counts)
    return named if classifier.named_subject(reading, named) else None


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The radiopharmaceutical CDMO has opened a cyclotron facility in Utah.", "CDMO"),
        ("DURHAM, N.C., May 12, 2025 -- The global contract research organization (CRO) said today that its CEO is leaving.", "CRO"),
        ("Korean biologics CDMO says cumulative orders passed KRW 32 billion.", "CDMO"),
        # past the name's bracket, a ticker's too
        ("The CDMO (NASDAQ: ACME) said today it will cut 60 jobs at its Ohio site.", "CDMO"),
        ("Sterile fill-finish CDMO (US) announced a second line.", "CDMO"),
        ("Oral-solids contract manufacturer breaks ground on a second plant in Ohio.", "CMO"),
        ("韩国生物药CDMO企业近日宣布完成C轮融资。", "CDMO"),
        ("一家专注非临床安全性评价的合同研究组织公布前三季度业绩。", "CRO"),
        ("全球最大的合同研究组织任命新任首席执行官。", None),  # 任命 is no news verb of the list: a name chosen, not a rule
        # a definition, a market, an object, a plural, the first person, another sentence first
        ("A CDMO is a company that develops and manufactures drugs for others.", None),
        ("The CDMO market will grow 7% a year to 2028.", None),
        ("Moderna signs a deal with a CDMO that has opened a plant in Spain.", None),
        ("Contract manufacturers have signed up to a new trade group.", None),
        ("We chose a CDMO that has opened two plants since 2020.", None),
        ("公司宣布与一家创新药CDMO企业签署战略合作协议。", None),
        ("CDMO是指为药企提供研发与生产服务的企业。", None),
        ("Biotech funding fell again. The CRO said its backlog held up.", None),
        # words compared as written: nouns that share a verb's stem, auxiliaries before no news verb
        ("Choosing the right CDMO partner is critical to a successful launch.", None),
        ("Annual CDMO report: the market will grow 7% a year.", None),
        ("A CDMO has the expertise to scale your process.", None),
        ("A CDMO partner will help you scale.", None),
        ("CRO上市潮背后的隐忧", None),
        ("BREAKING: Global CDMO names new CEO", "CDMO"),
        ("The CDMO will open a second site in Ohio.", "CDMO"),
        # past the vendor's own name in apposition, when the verb after it is in lower case
        ("Ohio contract research organization AmplifyBio has bought a lab in South San Francisco.", "CRO"),
        ("The CRO Parexel International (NYSE: PRXL) said it will cut 500 jobs.", "CRO"),
        ("UK-based CDMO NextPharma has closed its purchase of two softgel sites.", "CDMO"),
        ("Global CDMO Capacity Expands Across Asia", None),  # title case: Capacity is no name, Expands no lower-case verb
        ("Global CDMO Market Expands As Biologics Demand Grows", None),
        ("Global CDMO Names New CEO", "CDMO"),  # a news verb ends the name, capitalised or not
        # with the points and commas of a company's suffix, full width too
        ("Ohio CRO Charles River Laboratories Inc. has bought a lab.", "CRO"),
        ("Korean CDMO Samsung Biologics Co., Ltd. announced a new plant.", "CDMO"),
        ("The CRO ＡｍｐｌｉｆｙＢｉｏ has bought a lab.", "CRO"),
        # five capitalised words at most; a collective's name is no vendor's
        ("UK-based CDMO Alpha Beta Gamma Delta Epsilon Zeta has opened a plant.", None),
        ("The CRO Industry Association said its members grew 5%.", None),
        ("Global CDMO Market Size Report said demand grows.", None),
        # a full stop after a number or a sign ends a sentence too
        ("Revenue rose 5%. The CRO said its backlog held.", None),
        # nothing after the name
        ("Korean biologics CDMO", None),
        ("Sterile fill-finish CDMO (US)", None),
        # another party's, denied
        ("The sponsor's CRO said the trial will start in May.", None),
    ],
)
def test_a_text_that_opens_with_a_category_as_subject_of_a_news_verb(classifier, text, category):
    assert opens_with(classifier, text) == category


def test_such_news_takes_its_category_though_the_weights_read_none(classifier, news_of_a_named_vendor):
    decision = classifier.classify(news_of_a_named_vendor)
    assert max(decision.confidence, key=decision.confidence.get) == "NONE", "the weights no longer read this news as NONE: pick another"
    assert (decision.label, decision.labels, decision.named_category, decision.named_subject) == ("CDMO", ("CDMO",), "CDMO", True)
    assert decision.overruled == "NONE"  # what cxo classify and the classify page tell the reader
    # the same news with the category only in a later sentence stays with the weights
    later = classifier.classify("Its chief executive is leaving both posts, the board said. The company is a global CRO.")
    assert not later.named_subject


def test_the_api_and_the_page_say_when_the_label_is_the_news_of_the_category_named(client, news_of_a_named_vendor):
    body = client.post("/v1/classify", json={"text": news_of_a_named_vendor}).get_json()
    assert (body["label"], body["named_category"], body["named_subject"]) == ("CDMO", "CDMO", True)
    page = client.post("/classify", data={"text": news_of_a_named_vendor}, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "CDMO because the text opens as a CDMO's news; the weights lean to NONE (" in page
