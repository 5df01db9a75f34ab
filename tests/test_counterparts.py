"""Names that stand for another party: a possessive of a client, sponsor or partner just before the name."""

import pytest


@pytest.mark.parametrize(
    ("text", "others"),
    [
        ("Clinical studies are left to the client's CRO.", {"cro"}),
        ("Test article comes from the sponsor's chosen CDMO.", {"cdmo"}),  # a word or two between
        ("We work with our clients' CROs on bioanalysis.", {"cro"}),
        ("供试品由申办方的CDMO提供。", {"cdmo"}),
        ("臨床試驗交由客戶的CRO執行。", {"cro"}),
        ("We are a CDMO for our clients.", set()),
        ("Your CDMO partner from development to commercial supply.", set()),  # "your" opens a vendor's own pitch
        ("The client's project team, working with the sponsor on documents that our CRO then files.", set()),  # too far
    ],
)
def test_a_name_just_after_another_partys_possessive_is_theirs(classifier, text, others):
    mentions = classifier.read(text).mentions
    assert {m.concept.id for m in mentions if m.other_party} == others
    assert all(m.concept.id not in others for m in mentions if not m.other_party)


def test_another_partys_name_still_counts_for_the_weights(classifier):
    # only the named-category rule reads it: the features (and so the scores) are those of any name
    own, theirs = classifier.features("Clinical studies: the CRO."), classifier.features("Clinical studies: the client's CRO.")
    assert "concept:cro" in own and "concept:cro" in theirs
