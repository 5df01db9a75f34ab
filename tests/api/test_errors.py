"""Every error, from every endpoint family, is RFC 9457 problem+json with a 4xx status."""

import pytest

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def assert_problem(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert PROBLEM_KEYS <= set(body)
    assert body["status"] == status
    return body


def test_unknown_id_is_404(client):
    body = assert_problem(client.get("/v1/terms/no-such-concept"), 404)
    assert body["detail"] == "No concept has the id 'no-such-concept'."


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/v1/lookup", "q"),
        ("/v1/lookup?q=", "q"),
        ("/v1/lookup?q=%20%20", "q"),
        ("/v1/search?q=cro&limit=0", "limit"),
        ("/v1/search?q=cro&limit=abc", "limit"),
        ("/v1/search?q=cro&lang=fr", "lang"),
        ("/v1/terms?category=banking", "category"),
        ("/v1/terms?offset=-1", "offset"),
        ("/v1/terms?categroy=clinical", "categroy"),  # unknown: a typo must not list every concept
        ("/v1/lookup?q=CMO&limit=0", "limit"),  # search's parameter, not lookup's
        ("/v1/terms?category=organization&category=clinical", "category"),  # given twice: which was meant?
        ("/v1/export?format=tbx&format=csv", "format"),
        ("/v1/terms/cmo?lang=en", "lang"),  # an endpoint that takes no query: nothing given is ignored either
        ("/v1/labels?x=1", "x"),
        ("/healthz?verbose=1", "verbose"),
        ("/v1/lookup?q=%E2%80%8B", "q"),  # a zero-width space is as blank as a space
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(client, url, field):
    body = assert_problem(client.get(url), 422)
    assert field in body["errors"]["query"]
    assert f"{field} (query):" in body["detail"]


@pytest.mark.parametrize("path", ["/v1/classify", "/v1/check", "/v1/annotate"])
def test_a_query_parameter_on_a_post_that_takes_none_is_422(client, path):
    body = assert_problem(client.post(f"{path}?lang=en", json={"text": "CRO"}), 422)
    assert body["errors"]["query"] == {"lang": ["Unknown field."]}


@pytest.mark.parametrize("text", ["", " ", "\u200b", "\ufeff\u2060\u3000", "\u00ad\n"])
def test_blank_text_is_one_message_with_invisible_characters_blank_too(client, text):
    body = assert_problem(client.post("/v1/classify", json={"text": text}), 422)
    assert body["detail"] == "Invalid request: text (json): Must not be blank."


def test_several_bad_fields_are_one_sentence(client):
    body = assert_problem(client.post("/v1/check", json={"source": "", "target": "x"}), 422)
    assert body["detail"] == (
        "Invalid request: source (json): Must not be blank; source_lang (json): Missing data for required field; "
        "target_lang (json): Missing data for required field."
    )


def test_an_unknown_field_with_a_huge_name_is_named_cut_short(client):
    name = "x" * 5000
    body = assert_problem(client.post("/v1/classify", json={"text": "CRO", name: 1}), 422)
    shown = "x" * 57 + "... (5,000 characters)"
    assert body["errors"] == {"json": {shown: ["Unknown field."]}}
    assert body["detail"] == f"Invalid request: {shown} (json): Unknown field."


@pytest.mark.parametrize("url", ["/v1/nothing-here", "/v1//terms"])  # a doubled slash is no address, not a redirect
def test_unknown_route_is_problem_json(client, url):
    assert_problem(client.get(url), 404)
    assert_problem(client.post(url.replace("terms", "classify"), json={"text": "CRO"}), 404)


def test_wrong_method_is_problem_json_with_allow(client):
    response = client.delete("/v1/lookup?q=CRO")
    assert_problem(response, 405)
    assert "GET" in response.headers["Allow"]


def test_an_unexpected_error_is_a_problem_without_a_stack_trace(app, client, monkeypatch):
    glossary = app.extensions["cxo.glossary"]

    def explode(query):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(glossary, "lookup", explode)
    app.testing = False
    try:
        body = assert_problem(client.get("/v1/lookup?q=a-query-not-yet-answered"), 500)  # answers are kept per query
    finally:
        app.testing = True
    assert "secret internals" not in str(body)
    assert "Traceback" not in str(body)


def test_the_openapi_spec_documents_problem_json_errors(client):
    spec = client.get("/openapi.json").get_json()
    responses = spec["components"]["responses"]
    assert responses
    for response in responses.values():
        assert response["content"].keys() == {"application/problem+json"}
    assert {"/v1/terms", "/v1/terms/{concept_id}", "/v1/lookup", "/v1/search", "/healthz"} <= set(spec["paths"])
    errors = [
        (path, method, status, response)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if isinstance(operation, dict)  # not the path's parameters
        for status, response in operation["responses"].items()
        if status != "default" and int(status) >= 400 and "$ref" not in response
    ]
    assert len(errors) >= 8  # 404s, the 503 of /readyz, the 412s of the conditional GETs
    for path, method, status, response in errors:
        assert response.get("content") == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}, (path, method, status)

