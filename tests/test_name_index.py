"""The lookup keys and the search score (name_index.py)."""

from __future__ import annotations

import itertools

import pytest

from glossary_api.name_index import MATCH_KINDS, inflection_key, score


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("CROs", "cro"),
        ("CRO's", "cro"),
        ("IBs", "ib"),  # a short acronym's plural, which base_form leaves alone
        ("mAbs", "mab"),
        ("Clinical Trials", "clinical trial"),
        ("monoclonal antibodies", "monoclonal antibody"),
        ("marketing authorisations", inflection_key("marketing authorization")),
        ("analysis", "analysis"),  # not a plural
        ("合同 研究 组织", "合同研究组织"),
    ],
)
def test_inflection_key(name, key):
    assert inflection_key(name) == key


def test_each_kind_of_match_scores_below_the_kind_above_it():
    best = {kind: score(kind, "clinical", "clinical" + "x" * (kind in ("prefix", "substring")), edits=1) for kind in MATCH_KINDS}
    worst = {kind: score(kind, "ab", "ab" + "x" * 200, edits=1) for kind in MATCH_KINDS}
    for higher, lower in itertools.pairwise(MATCH_KINDS):
        assert worst[higher] > best[lower], (higher, lower)


@pytest.mark.parametrize(
    ("kind", "query", "name", "edits", "expected"),
    [
        ("exact", "cro", "cro", 0, 1.0),
        ("inflection", "cros", "cro", 0, 0.9),
        ("prefix", "clinical", "clinical trial", 0, round(0.6 + 0.2 * 8 / 14, 4)),
        ("substring", "trial", "clinical trial", 0, round(0.4 + 0.2 * 5 / 14, 4)),
        ("fuzzy", "clinical trail", "clinical trial", 2, round(0.2 + 0.1 + 0.1 * (1 - 2 / 14), 4)),
    ],
)
def test_the_documented_score(kind, query, name, edits, expected):
    assert score(kind, query, name, edits) == expected


def test_lookup_prefers_an_exact_name_to_an_inflected_one(glossary):
    # "manufacturing" is a name; "manufacture" shares its base form but is not looked at then.
    assert [(m.concept.id, m.match) for m in glossary.lookup("manufacturing")] == [("manufacturing", "exact")]
    assert [(m.concept.id, m.match) for m in glossary.lookup("CDMOs")] == [("cdmo", "inflection"), ("chief-digital-marketing-officer", "inflection")]


def test_search_ranks_inflections_after_exact_names_and_says_so(glossary):
    hits = glossary.search("clinical trials", limit=3)
    assert [(h.concept.id, h.match, h.score) for h in hits[:1]] == [("clinical-trial", "inflection", 0.9)]


@pytest.mark.parametrize("query", ["regulatory strategy", "注册策略", "註冊策略", "法規策略"])
def test_a_narrower_activity_is_its_own_concept_not_a_synonym_of_the_function(glossary, query):
    # The content review: "regulatory strategy" is one part of regulatory affairs, not another name for it.
    assert [m.concept.id for m in glossary.lookup(query)] == ["regulatory-strategy"]
    assert "regulatory-strategy" in glossary.get("regulatory-affairs").related
