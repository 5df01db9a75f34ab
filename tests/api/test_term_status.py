"""Term status in lookups: which name to use, per language (TBX administrativeStatus)."""


def matched(client, query: str) -> list[dict]:
    return client.get("/v1/lookup", query_string={"q": query}).get_json()["matches"][0]["matched"]


def test_a_traditional_name_is_found_and_marked_zh_hant(client):
    match = client.get("/v1/lookup", query_string={"q": "委託研究機構"}).get_json()["matches"][0]
    assert match["id"] == "cro"
    assert match["matched"] == [{"text": "委託研究機構", "lang": "zh-Hant", "type": "variant", "status": "admitted"}]


def test_a_deprecated_name_is_shown_with_the_preferred_term_beside_it(client):
    assert matched(client, "合约研究组织") == [
        {"text": "合约研究组织", "lang": "zh-Hans", "type": "variant", "status": "deprecated", "preferred": "合同研究组织"}
    ]


def test_a_superseded_name_is_shown_with_the_current_one(client):
    assert matched(client, "China Food and Drug Administration") == [
        {"text": "China Food and Drug Administration", "lang": "en", "type": "variant", "status": "superseded", "preferred": "National Medical Products Administration"}
    ]
    section = client.get("/v1/terms/nmpa").get_json()["languages"]["zh-Hant"]
    assert (section["deprecated"], section["superseded"]) == ([], ["國家食品藥品監督管理總局", "國家食品藥品監督管理局"])


def test_a_preferred_or_admitted_name_has_no_preferred_field(client):
    assert matched(client, "contract research organization") == [
        {"text": "contract research organization", "lang": "en", "type": "preferred", "status": "preferred"}
    ]


def test_a_superseded_abbreviation_is_marked_with_the_current_one(client):
    match = client.get("/v1/lookup", query_string={"q": "CFDA"}).get_json()["matches"][0]
    assert (match["id"], match["match"]) == ("nmpa", "exact")
    assert match["matched"] == [{"text": "CFDA", "lang": "en", "type": "abbreviation", "status": "superseded", "preferred": "NMPA"}]


def test_a_concept_lists_every_name_with_its_status_and_region(client):
    names = client.get("/v1/terms/nmpa").get_json()["names"]
    assert names[:3] == [
        {"text": "NMPA", "lang": "en", "type": "abbreviation", "status": "admitted"},
        {"text": "CFDA", "lang": "en", "type": "abbreviation", "status": "superseded", "preferred": "NMPA"},
        {"text": "SFDA", "lang": "en", "type": "abbreviation", "status": "superseded", "preferred": "NMPA"},
    ]
    tfda = client.get("/v1/terms/tfda").get_json()["names"]
    assert {"text": "食藥署", "lang": "zh-Hant", "type": "variant", "status": "admitted", "region": "TW"} in tfda
    assert {"text": "行政院衛生署食品藥物管理局", "lang": "zh-Hant", "type": "variant", "status": "superseded", "preferred": "衛生福利部食品藥物管理署", "region": "TW"} in tfda


def test_a_regional_name_found_by_lookup_says_its_region(client):
    assert matched(client, "衛福部食藥署") == [{"text": "衛福部食藥署", "lang": "zh-Hant", "type": "variant", "status": "admitted", "region": "TW"}]
