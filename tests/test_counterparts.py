"""Names that stand for another party: a possessive of a client, sponsor or partner just before the name."""

from dataclasses import replace

import pytest


@pytest.mark.parametrize(
    ("text", "others"),
    [
        ("Clinical studies are left to the client's CRO.", {"cro"}),
        ("Test article comes from the sponsor's chosen CDMO.", {"cdmo"}),  # a word or two between
        ("We work with our clients' CROs on bioanalysis.", {"cro"}),
        ("供试品由申办方的CDMO提供。", {"cdmo"}),
        ("臨床試驗交由客戶的CRO執行。", {"cro"}),
        ("Clinical studies are left to the client's CRO and CMO; we develop formulations.", {"cro", "cmo"}),  # joined
        ("客户的CRO、CMO负责临床与生产。", {"cro", "cmo"}),
        ("The sponsor's GMP CDMO supplies the test article.", {"cdmo"}),  # another glossary name between
        ("At each client's site, CDMO teams run tablet compression.", set()),  # punctuation: another clause
        ("按照客户的要求，CDMO负责片剂压片。", set()),
        ("We are the clients' CDMO: commercial tablet lines.", set()),  # the writer is the client's provider
        ("公司已发展成服务国际客户的CDMO。", set()),  # 的 closing a relative clause: a CDMO serving clients
        ("We are a CDMO for our clients.", set()),
        ("Your CDMO partner from development to commercial supply.", set()),  # "your" opens a vendor's own pitch
        ("The client's project team, working with the sponsor on documents that our CRO then files.", set()),  # too far
    ],
)
def test_a_name_just_after_another_partys_possessive_is_theirs(classifier, text, others):
    mentions = classifier.read(text).mentions
    assert {m.concept.id for m in mentions if m.other_party} == others
    assert all(m.concept.id not in others for m in mentions if not m.other_party)


def test_another_partys_name_weighs_as_another_partys_not_as_the_writers(classifier):
    # "the client's CRO" is no evidence that the writer is a CRO: its feature is other:concept:cro, which gives no
    # signals, where the writer's own "CRO" is concept:cro; the words around it count alike either way
    reading = classifier.read("Clinical studies are left to the client's CRO.")
    assert [m.other_party for m in reading.mentions if m.concept.id == "cro"] == [True]
    unmarked = [replace(m, other_party=False) for m in reading.mentions]
    marked, as_own = classifier.counts(reading), classifier.counts(replace(reading, mentions=unmarked))
    assert "other:concept:cro" in marked and "concept:cro" not in marked
    assert "concept:cro" in as_own and "other:concept:cro" not in as_own
    assert _signals(marked) < _signals(as_own)  # the writer's own CRO would add its signals; the client's adds none
    assert _words(marked) == _words(as_own)


def _signals(counts: dict[str, float]) -> float:
    return sum(n for f, n in counts.items() if f.startswith("signal:"))


def _words(counts: dict[str, float]) -> dict[str, float]:
    return {f: n for f, n in counts.items() if not f.startswith(("concept:", "other:", "signal:"))}
