"""POST /v1/classify, POST /v1/classify/batch and GET /v1/labels."""

from dataclasses import asdict

import pytest

from .test_errors import assert_problem


def test_classify_returns_the_whole_decision_with_evidence(client, classifier):
    text = "提供从临床前到商业化阶段的原料药工艺开发与GMP生产"
    decision = classifier.classify(text)
    body = client.post("/v1/classify", json={"text": text}).get_json()
    assert body == {
        "label": "CDMO",
        "labels": list(decision.labels),
        "confidence": decision.confidence,
        "scores": decision.scores,
        "evidence": [{**asdict(item), "counted": item.counted} for item in decision.evidence],
        "evidence_total": decision.evidence_total,
        "named_category": None,  # no category named: the weights decide
        "named_subject": False,
        "outside_pharma": False,  # 原料药: about medicines
    }
    assert body["labels"][0] == "CDMO"
    spans = [item for item in body["evidence"] if item["start"] is not None]
    assert spans and [text[item["start"] : item["end"]] for item in spans] == [item["text"] for item in spans]


@pytest.mark.parametrize(
    ("text", "label"),
    [("我们提供原料药的GMP代工生产,不承担工艺开发", "CMO"), ("Our CMO leads brand marketing across Asia", "NONE")],
)
def test_classify_labels(client, text, label):
    assert client.post("/v1/classify", json={"text": text}).get_json()["label"] == label


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": ""}, "text"),
        ({"text": "   "}, "text"),
        ({"text": 12}, "text"),
        ({"text": None}, "text"),
        ({"text": "x" * 10_001}, "text"),
    ],
)
def test_bad_text_is_422_naming_the_field(client, body, field):
    problem = assert_problem(client.post("/v1/classify", json=body), 422)
    assert field in problem["errors"]["json"]


def test_text_limit_is_a_setting(app_with):
    client = app_with(MAX_TEXT_LENGTH=20).test_client()
    problem = assert_problem(client.post("/v1/classify", json={"text": "GMP manufacturing of APIs"}), 422)
    assert "Longer than the limit of 20 characters" in problem["detail"]


def test_invalid_json_is_400(client):
    problem = assert_problem(client.post("/v1/classify", data="{not json", content_type="application/json"), 400)
    assert problem["detail"]


def test_wrong_content_type_is_a_problem(client):
    response = client.post("/v1/classify", data="text=hello", content_type="application/x-www-form-urlencoded")
    problem = assert_problem(response, 415)
    assert problem["detail"] == "The body must be JSON (Content-Type: application/json), not application/x-www-form-urlencoded."


def test_batch_characters_are_limited_by_a_setting(app_with):
    client = app_with(MAX_BATCH_CHARACTERS=30).test_client()
    items = [{"id": 1, "text": "GMP manufacturing"}, {"id": 2, "text": "clinical trials"}, {"id": 3, "text": 42}]
    problem = assert_problem(client.post("/v1/classify/batch", json={"items": items}), 422)
    assert problem["errors"] == {"json": {"items": ["32 characters of text in all; the limit is 30 per request."]}}
    assert client.post("/v1/classify/batch", json={"items": items[1:]}).status_code == 200


def test_the_spec_states_the_limits_as_configured(app_with):
    settings = {"MAX_TEXT_LENGTH": 500, "MAX_BATCH_ITEMS": 7, "MAX_BATCH_CHARACTERS": 900, "MAX_CONTENT_LENGTH": 65_536}
    spec = app_with(**settings).test_client().get("/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    assert schemas["ClassifyIn"]["properties"]["text"]["maxLength"] == 500
    items = schemas["BatchIn"]["properties"]["items"]
    assert (items["maxItems"], items["x-max-characters"]) == (7, 900)
    assert spec["info"]["description"].startswith(
        "Limits of this server: 65,536 bytes of request body (MAX_CONTENT_LENGTH); 500 characters per text (MAX_TEXT_LENGTH); "
        "7 items per batch (MAX_BATCH_ITEMS); 900 characters of text per batch, all items together (MAX_BATCH_CHARACTERS)"
    )


def test_a_body_over_the_limit_is_413(app_with):
    client = app_with(MAX_CONTENT_LENGTH=100).test_client()
    assert_problem(client.post("/v1/classify", json={"text": "x" * 200}), 413)


def test_batch_keeps_input_order_and_isolates_bad_items(client):
    items = [
        {"id": "a", "text": "Phase I-III clinical trial management and biostatistics"},
        {"id": "b", "text": ""},
        {"id": 3, "text": "GMP代工生产片剂和胶囊"},
        "not an object",
        {"id": "e"},
        {"id": "f", "text": 5},
        None,
    ]
    results = client.post("/v1/classify/batch", json={"items": items}).get_json()["results"]
    assert [r["index"] for r in results] == [0, 1, 2, 3, 4, 5, 6]
    assert [r["id"] for r in results] == ["a", "b", 3, None, "e", "f", None]
    assert results[0]["label"] == "CRO"
    assert results[2]["label"] == "CMO"
    assert results[3]["error"]["detail"] == 'item (items[3]): Must be an object {"id": ..., "text": ...}, not a string.'
    for bad in (results[1], results[3], results[4], results[5], results[6]):
        assert bad["error"]["status"] == 422
        assert f"(items[{bad['index']}])" in bad["error"]["detail"]
        assert "label" not in bad
    assert "text" in results[4]["error"]["errors"]


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        ({}, "items (json): Missing data for required field."),
        ({"items": "text"}, "items (json): Not a valid list."),
        ({"items": []}, "items (json): Shorter than minimum length 1."),
        ({"items": {"id": 1}}, "items (json): Not a valid list."),
        ([], "_schema (json): Invalid input type."),
    ],
)
def test_a_batch_that_is_not_a_list_of_items_is_422(client, body, detail):
    problem = assert_problem(client.post("/v1/classify/batch", json=body), 422)
    assert problem["detail"] == "Invalid request: " + detail


def test_a_batch_over_the_item_limit_is_422_naming_items(app_with):
    client = app_with(MAX_BATCH_ITEMS=2).test_client()
    items = [{"text": "GMP manufacturing"}] * 3
    problem = assert_problem(client.post("/v1/classify/batch", json={"items": items}), 422)
    assert problem["detail"] == "Invalid request: items (json): 3 items; the limit is 2 per request."


def test_labels_carry_their_glossary_definitions(client):
    labels = client.get("/v1/labels").get_json()["labels"]
    assert [entry["label"] for entry in labels] == ["CRO", "CMO", "CDMO", "CSO"]
    for entry in labels:
        assert entry["concept"]["id"] == entry["label"].lower()
        assert entry["concept"]["languages"]["en"]["definition"]
        assert entry["concept"]["languages"]["zh-Hans"]["definition"]


def test_batch_ids_must_be_strings_or_integers_and_are_not_echoed_when_wrong(client):
    body = '{"items": [{"id": true, "text": "CRO"}, {"id": NaN, "text": "CRO"}, {"id": "\\ud800", "text": "CRO"}, {"id": 9, "text": "CRO"}]}'
    response = client.post("/v1/classify/batch", data=body, content_type="application/json")
    assert response.status_code == 200
    results = response.get_json()["results"]
    assert [r["id"] for r in results] == [None, None, None, 9]
    assert [r["error"]["errors"]["id"] for r in results[:3]] == [
        ["Must be a string or an integer."],
        ["Must be a string or an integer."],
        ["Contains an unpaired surrogate (not valid Unicode text)."],
    ]
    assert results[3]["label"] == "CRO"


def test_an_id_an_earlier_item_has_is_an_error_in_place_and_other_ids_are_answered(client):
    items = [{"id": "a", "text": "CRO"}, {"id": "a", "text": "CMO"}, {"id": 1, "text": "CMO"}, {"id": "1", "text": "CMO"}, {"text": "CMO"}, {"text": "CMO"}]
    results = client.post("/v1/classify/batch", json={"items": items}).get_json()["results"]
    assert [(r["index"], r["id"], "label" in r) for r in results] == [(0, "a", True), (1, None, False), (2, 1, True), (3, "1", True), (4, None, True), (5, None, True)]
    assert results[1]["error"] == {
        "status": 422,
        "detail": "id (items[1]): The id of items[0] too; give each item its own id, or none.",
        "errors": {"id": ["The id of items[0] too; give each item its own id, or none."]},
    }


def test_a_lone_surrogate_is_422_not_500(client):
    problem = assert_problem(client.post("/v1/classify", data='{"text": "CRO \\ud800"}', content_type="application/json"), 422)
    assert problem["errors"]["json"]["text"] == ["Contains an unpaired surrogate (not valid Unicode text)."]
    assert_problem(client.post("/v1/classify", data='{"text": "CRO", "\\ud800": 1}', content_type="application/json"), 422)


def test_a_decision_is_written_exactly_as_its_schema_documents_it(classifier, dev_set):
    # The endpoints build decisions' JSON directly (marshmallow's dump cost more than classifying);
    # the schema is the documented shape, so the two must agree, key order included, on every dev text.
    from glossary_api.web.api.classify import decision_json
    from glossary_api.web.api.classify_schemas import BatchResultSchema, DecisionSchema

    schema, batch_schema = DecisionSchema(), BatchResultSchema()
    for item in dev_set:
        decision = classifier.classify(item.text)
        written, dumped = decision_json(decision), schema.dump(decision)
        assert written == dumped and list(written) == list(dumped)
        assert batch_schema.dump({"index": 0, "id": item.id, **written}) == {"index": 0, "id": item.id, **written}
        assert [list(e) for e in written["evidence"]] == [list(e) for e in dumped["evidence"]]


def test_classify_gives_the_category_the_text_names_and_takes_it_as_the_label(client, named_against_the_weights):
    body = client.post("/v1/classify", json={"text": named_against_the_weights}).get_json()
    assert (body["label"], body["named_category"]) == ("CDMO", "CDMO")
    assert body["confidence"]["CMO"] > body["confidence"]["CDMO"]  # the weights lean to CMO: the name decided
