"""Shared abbreviations: every sense an abbreviation names, pharma-outsourcing senses first."""

import pytest


@pytest.mark.parametrize(
    ("abbreviation", "first", "count"),
    [("CMO", "cmo", 7), ("cmo", "cmo", 7), ("CMOs", "cmo", 7), ("CRO", "cro", 9), ("API", "api", 5), ("CDMO", "cdmo", 2), ("GMP", "gmp", 1), ("XYZ", None, 0)],
)
def test_senses_lists_every_concept_an_abbreviation_names_in_domain_first(glossary, abbreviation, first, count):
    senses = glossary.senses(abbreviation)
    assert (senses[0].id if senses else None, len(senses)) == (first, count)
    assert [c.out_of_domain for c in senses] == sorted(c.out_of_domain for c in senses)


def test_senses_leaves_out_concepts_whose_full_name_only_matches(glossary):
    assert [c.id for c in glossary.senses("contract manufacturing organization")] == []


def test_other_senses_of_a_concept_are_keyed_by_the_shared_abbreviation(glossary):
    shared = glossary.other_senses(glossary.get("chief-medical-officer"))
    assert list(shared) == ["CMO"]
    assert [c.id for c in shared["CMO"]][:2] == ["cmo", "chief-marketing-officer"]
    assert "chief-medical-officer" not in [c.id for c in shared["CMO"]]
    assert glossary.other_senses(glossary.get("gmp")) == {}
