"""Term status in lookups: which name to use, per language (TBX administrativeStatus)."""


def matched(client, query: str) -> list[dict]:
    return client.get("/v1/lookup", query_string={"q": query}).get_json()["matches"][0]["matched"]


def test_a_traditional_name_is_found_and_marked_zh_hant(client):
    match = client.get("/v1/lookup", query_string={"q": "契約研究機構"}).get_json()["matches"][0]
    assert match["id"] == "cro"
    assert match["matched"] == [{"text": "契約研究機構", "lang": "zh-Hant", "type": "variant", "status": "admitted"}]


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
