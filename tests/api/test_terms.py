"""The glossary endpoints, on the real terms/ glossary."""

import pytest

from glossary_api.text import lookup_key


def ids(payload_items):
    return [item["id"] for item in payload_items]


@pytest.mark.parametrize("query", ["CMO", "cmo", "ＣＭＯ", " CMO ", "合同生产组织"])
def test_lookup_cmo_finds_contract_manufacturing_first(client, query):
    response = client.get("/v1/lookup", query_string={"q": query})
    assert response.status_code == 200
    body = response.get_json()
    assert body["query"] == query
    assert ids(body["matches"])[0] == "cmo"


def test_lookup_cmo_lists_every_sense_in_domain_first(client):
    matches = client.get("/v1/lookup?q=CMO").get_json()["matches"]
    assert len(matches) >= 2
    assert [m["out_of_domain"] for m in matches] == sorted(m["out_of_domain"] for m in matches)
    assert {"chief-marketing-officer", "chief-medical-officer"} <= set(ids(matches))
    assert matches[0]["matched"] == [{"text": "CMO", "lang": "en", "type": "abbreviation", "status": "admitted"}]


@pytest.mark.parametrize("query", ["契約研發生產組織", "合同研发生产组织"])
def test_lookup_finds_cdmo_by_its_chinese_names(client, query):
    matches = client.get("/v1/lookup", query_string={"q": query}).get_json()["matches"]
    assert ids(matches) == ["cdmo"]


def test_lookup_says_which_name_matched_and_in_which_language(client):
    match = client.get("/v1/lookup?q=委託研究機構").get_json()["matches"][0]
    assert match["id"] == "cro"
    assert match["matched"] == [{"text": "委託研究機構", "lang": "zh-Hant", "type": "variant", "status": "admitted"}]


def test_lookup_of_an_out_of_domain_name_finds_only_that_sense(client):
    matches = client.get("/v1/lookup?q=首席营销官").get_json()["matches"]
    assert ids(matches) == ["chief-marketing-officer"]
    assert matches[0]["out_of_domain"] is True


def test_lookup_of_an_unknown_name_is_an_empty_list(client):
    response = client.get("/v1/lookup?q=nothing-like-this")
    assert response.status_code == 200
    assert response.get_json() == {"query": "nothing-like-this", "matches": []}


def test_a_concept_is_served_whole(client, glossary):
    concept = glossary.get("cdmo")
    sections = {
        lang: {name: getattr(s, name) if isinstance(getattr(s, name), str | None) else list(getattr(s, name)) for name in NAME_FIELDS}
        for lang, s in concept.languages.items()
    }
    assert set(sections) == {"en", "zh-Hans", "zh-Hant"}
    assert client.get("/v1/terms/cdmo").get_json() == {
        "id": "cdmo",
        "category": "organization",
        "out_of_domain": False,
        "abbreviations": ["CDMO"],
        "languages": sections,
        "names": [
            {"text": d.text, "lang": d.lang, "type": d.type, "status": d.status} | ({"preferred": d.preferred} if d.preferred else {})
            for d in concept.designations()
        ],
        "broader": list(concept.broader),
        "related": list(concept.related),
        "sources": [{"title": s.title, "url": s.url} for s in concept.sources],
    }


NAME_FIELDS = ("term", "synonyms", "deprecated", "superseded", "definition", "note")


def test_search_clinical_puts_clinical_concepts_first(client):
    results = client.get("/v1/search?q=clinical").get_json()["results"]
    assert len(results) >= 3
    for hit in results[:3]:
        assert "clinical" in hit["matched"]["text"].lower()
        assert hit["match"] in ("exact", "prefix", "substring")


def test_search_in_chinese_puts_clinical_concepts_first(client):
    results = client.get("/v1/search", query_string={"q": "临床"}).get_json()["results"]
    assert len(results) >= 3
    for hit in results[:3]:
        assert "临床" in hit["matched"]["text"] or "臨床" in hit["matched"]["text"]


@pytest.mark.parametrize(("typo", "concept"), [("pharmacovigilence", "pharmacovigilance"), ("clinical trail", "clinical-trial")])
def test_search_tolerates_a_one_letter_typo(client, typo, concept):
    results = client.get("/v1/search", query_string={"q": typo}).get_json()["results"]
    assert results[0]["concept"]["id"] == concept
    assert results[0]["match"] == "fuzzy"


def test_search_by_language_only_matches_names_in_that_language(client, glossary):
    # 临床 and 臨床 fold to one key: every concept with a zh-Hant name holding it must come back, and no other.
    results = client.get("/v1/search", query_string={"q": "臨床", "lang": "zh-Hant", "limit": 100}).get_json()["results"]
    expected = {c.id for c in glossary for d in c.designations() if d.lang == "zh-Hant" and "临床" in lookup_key(d.text)}
    assert len(expected) >= 5
    assert {hit["concept"]["id"] for hit in results} == expected
    assert {hit["matched"]["lang"] for hit in results} == {"zh-Hant"}


def test_search_ranks_exact_before_prefix_before_substring(client):
    results = client.get("/v1/search", query_string={"q": "API", "limit": 50}).get_json()["results"]
    kinds = [hit["match"] for hit in results]
    assert kinds == sorted(kinds, key=["exact", "inflection", "prefix", "substring", "fuzzy"].index)
    assert results[0]["concept"]["id"] == "api"


def test_terms_are_paginated_with_a_total(client, glossary):
    first = client.get("/v1/terms?limit=5").get_json()
    second = client.get("/v1/terms?limit=5&offset=5").get_json()
    assert first["total"] == second["total"] == len(glossary)
    assert len(first["items"]) == len(second["items"]) == 5
    assert not set(ids(first["items"])) & set(ids(second["items"]))


def test_terms_filter_by_category(client):
    body = client.get("/v1/terms?category=organization&limit=500").get_json()
    assert body["total"] == len(body["items"]) >= 5
    assert {"cxo", "cro", "cmo", "cdmo", "cso"} <= set(ids(body["items"]))
    assert {item["category"] for item in body["items"]} == {"organization"}


def test_healthz(client, glossary):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok"
    assert body["concepts"] == len(glossary)


def test_readyz_says_ready_once_the_core_is_loaded(client, glossary):
    from glossary_api import __version__

    assert client.get("/readyz").get_json() == {"status": "ready", "concepts": len(glossary), "version": __version__}


def test_readyz_is_503_before(app, client):
    app.extensions["cxo.ready"] = False
    try:
        problem = client.get("/readyz")
    finally:
        app.extensions["cxo.ready"] = True
    assert (problem.status_code, problem.get_json()["detail"]) == (503, "The glossary and the tokenizer are still loading.")
