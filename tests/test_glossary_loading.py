"""A broken terms file stops loading with a message naming the file, the entry and the field."""

import pytest

from glossary_api import GlossaryFileError, load_glossary

GOOD = """
concepts:
  - id: cro
    category: organization
    abbreviations: [CRO]
    en: {term: contract research organization, definition: "A company paid to run research for drug developers."}
    zh-Hans: {term: 合同研究组织, definition: "受药企委托开展研究服务的机构。"}
    zh-Hant: {term: 契約研究機構}
    signals: {research: 5}
"""


def test_a_valid_file_loads(write_terms):
    glossary = load_glossary(write_terms(orgs=GOOD))
    assert [c.id for c in glossary] == ["cro"]
    assert glossary.get("cro").languages["zh-Hant"].term == "契約研究機構"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD.replace('definition: "A company paid to run research for drug developers."', "synonyms: []"),
            "orgs.yaml: concept #1 (id 'cro'): en.definition: Missing data for required field.",
        ),
        (
            GOOD.replace("category: organization", "category: banking"),
            "orgs.yaml: concept #1 (id 'cro'): category: Must be one of:",
        ),
        (
            GOOD.replace("{research: 5}", "{bogus: 5}"),
            "orgs.yaml: concept #1 (id 'cro'): signals.bogus.key: Must be one of:",
        ),
        (
            GOOD.replace("id: cro", "id: Contract Research"),
            "orgs.yaml: concept #1 (id 'Contract Research'): id: Must be a slug",
        ),
        (GOOD.replace("concepts:", "concept:"), "orgs.yaml: concepts: Missing data for required field."),
        ("concepts: [\n  - id: x\n", "orgs.yaml: line 2, column 3: not valid YAML"),
    ],
)
def test_a_broken_file_names_file_entry_and_field(write_terms, text, message):
    with pytest.raises(GlossaryFileError) as raised:
        load_glossary(write_terms(orgs=text))
    assert message in str(raised.value)


def test_an_id_used_twice_is_rejected(write_terms):
    folder = write_terms(orgs=GOOD, more=GOOD.replace("合同研究组织", "研究外包").replace("contract research", "outsourced research").replace("契約研究機構", "研究外包機構"))
    with pytest.raises(GlossaryFileError, match=r"orgs.yaml: concept 'cro': id: already used in .*more.yaml"):
        load_glossary(folder)


def test_a_full_name_claimed_by_two_concepts_is_rejected(write_terms):
    other = GOOD.replace("id: cro", "id: other").replace("契約研究機構", "別的機構").replace("contract research organization", "another thing")
    with pytest.raises(GlossaryFileError, match=r"the name '合同研究组织' is also a name of concept"):
        load_glossary(write_terms(orgs=GOOD, more=other))


def test_a_traditional_name_folding_onto_another_concepts_simplified_name_is_rejected(write_terms):
    other = (
        GOOD.replace("id: cro", "id: other")
        .replace("合同研究组织", "别的组织")
        .replace("contract research organization", "another thing")
        .replace("契約研究機構", "合同研究組織")
    )
    with pytest.raises(GlossaryFileError, match="is also a name of concept"):
        load_glossary(write_terms(orgs=GOOD, more=other))


def test_a_shared_abbreviation_is_allowed(write_terms):
    other = (
        GOOD.replace("id: cro", "id: chief-revenue-officer")
        .replace("category: organization", "category: out-of-domain\n    out_of_domain: true")
        .replace("合同研究组织", "首席营收官")
        .replace("contract research organization", "chief revenue officer")
        .replace("    zh-Hant: {term: 契約研究機構}\n", "")
        .replace("    signals: {research: 5}\n", "")
    )
    glossary = load_glossary(write_terms(orgs=GOOD, roles=other))
    assert [m.concept.id for m in glossary.lookup("CRO")] == ["cro", "chief-revenue-officer"]


def test_an_unknown_reference_is_rejected_naming_the_file_with_its_folder(write_terms):
    folder = write_terms(orgs=GOOD + "    broader: [cxo]\n")
    with pytest.raises(GlossaryFileError) as raised:
        load_glossary(folder)
    assert str(raised.value) == f"{folder / 'orgs.yaml'}: concept 'cro': broader: no concept has the id 'cxo'."


def test_an_out_of_domain_concept_gives_no_signals(write_terms):
    text = GOOD.replace("category: organization", "category: out-of-domain\n    out_of_domain: true")
    with pytest.raises(GlossaryFileError, match="signals: An out-of-domain concept gives no classification signals"):
        load_glossary(write_terms(orgs=text))


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(GlossaryFileError, match="no terms files"):
        load_glossary(tmp_path)


def test_the_fingerprint_follows_the_content(write_terms, tmp_path):
    first = load_glossary(write_terms(orgs=GOOD)).fingerprint
    assert load_glossary(tmp_path).fingerprint == first
    second = load_glossary(write_terms(orgs=GOOD.replace("受药企委托", "受委托"))).fingerprint
    assert second != first
