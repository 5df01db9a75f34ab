"""Request bodies: JSON only, uncompressed, within the limit (chunked too); unreadable JSON is 400, never 500."""

import io

import pytest

from tests.api.test_errors import assert_problem

NESTED = "[" * 1_000 + "]" * 1_000
NESTED_IN_TEXT = '{"text": ' + '{"a":' * 5_000 + "1" + "}" * 5_000 + "}"
HUGE_NUMBER = '{"items": [{"id": ' + "9" * 5_000 + ', "text": "CRO"}]}'
JSON = "application/json"


@pytest.mark.parametrize(
    ("path", "body", "headers", "status", "detail"),
    [
        ("/v1/classify", NESTED, {"Content-Type": JSON}, 400, "Invalid request: json: Invalid JSON body: nested too deeply."),
        ("/v1/classify", NESTED_IN_TEXT, {"Content-Type": JSON}, 400, "Invalid request: json: Invalid JSON body: nested too deeply."),
        ("/v1/classify/batch", HUGE_NUMBER, {"Content-Type": JSON}, 400, "Invalid request: json: Invalid JSON body: a number has too many digits."),
        ("/v1/classify", "{not json", {"Content-Type": JSON}, 400, "Invalid request: json: Invalid JSON body: Expecting property name enclosed in double quotes at line 1, column 2."),
        ("/v1/classify", "", {"Content-Type": JSON}, 400, "Invalid request: json: Invalid JSON body: the body is empty; send a JSON object."),
        ("/v1/check", " \n", {"Content-Type": JSON}, 400, "Invalid request: json: Invalid JSON body: the body is empty; send a JSON object."),
        ("/v1/check", NESTED, {"Content-Type": JSON}, 400, "Invalid request: json: Invalid JSON body: nested too deeply."),
        ("/v1/annotate", NESTED_IN_TEXT, {"Content-Type": JSON}, 400, "Invalid request: json: Invalid JSON body: nested too deeply."),
        ("/v1/classify", '{"text": "CRO \xe9"}'.encode("latin-1"), {"Content-Type": JSON}, 400, "Invalid request: json: Invalid JSON body: not UTF-8 (byte 14)."),
        ("/v1/classify", '{"text": "a', {"Content-Type": JSON}, 400, "Invalid request: json: Invalid JSON body: Unterminated string starting at line 1, column 10."),
        ("/v1/classify", '{"text": "CRO", "text": "b"}', {"Content-Type": JSON}, 422, "Invalid request: text (json): Given more than once in one object; give it once."),
        ("/v1/classify/batch", '{"items": [{"id": 1, "text": "CRO", "id": 2}]}', {"Content-Type": JSON}, 422, "Invalid request: id (json): Given more than once in one object; give it once."),
        ("/v1/classify", '{"text": "CRO"}', {"Content-Type": "text/plain"}, 415, "The body must be JSON (Content-Type: application/json), not text/plain."),
        ("/v1/classify", "text=CRO", {"Content-Type": "application/x-www-form-urlencoded"}, 415, "The body must be JSON (Content-Type: application/json), not application/x-www-form-urlencoded."),
        ("/v1/classify", '{"text": "CRO"}', {}, 415, "The body must be JSON (Content-Type: application/json), not none."),
        ("/v1/classify", '{"text": "CRO"}', {"Content-Type": JSON, "Content-Encoding": "gzip"}, 415, "Content-Encoding 'gzip' is not accepted; send the body uncompressed."),
        ("/v1/classify", '{"text": "CRO"}', {"Content-Type": JSON, "Content-Encoding": "br"}, 415, "Content-Encoding 'br' is not accepted; send the body uncompressed."),
    ],
)
def test_a_body_that_breaks_a_rule_gets_the_status_that_names_it(client, path, body, headers, status, detail):
    problem = assert_problem(client.post(path, data=body, headers=headers), status)
    assert problem["detail"] == detail


@pytest.mark.parametrize(
    ("path", "body", "where"),
    [
        ("/v1/classify", '{"text": }', "at line 1, column 10."),  # a trailing comma's wording and column vary by Python version
        ("/v1/check", '{\n  "source": "CRO",\n  "target_lang": "zh-Hans",\n  "target": \n}', "at line 5, column 1."),
    ],
)
def test_json_that_cannot_be_read_is_answered_with_where(client, path, body, where):
    problem = assert_problem(client.post(path, data=body, headers={"Content-Type": JSON}), 400)
    assert problem["detail"].startswith("Invalid request: json: Invalid JSON body: ") and problem["detail"].endswith(where)


def test_a_byte_order_mark_before_the_json_is_ignored(client):
    response = client.post("/v1/classify", data='\ufeff{"text": "CRO"}'.encode("utf-8"), headers={"Content-Type": JSON})
    assert (response.status_code, response.get_json()["label"]) == (200, "CRO")


def test_every_api_blueprint_reads_bodies_with_the_parser_that_answers_400(app):
    from glossary_api.web.bodies import JSONBodyParser

    api = [blueprint for name, blueprint in app.blueprints.items() if name != "pages" and hasattr(blueprint, "ARGUMENTS_PARSER")]
    assert len(api) >= 5
    assert all(isinstance(blueprint.ARGUMENTS_PARSER, JSONBodyParser) for blueprint in api), [b.name for b in api]


@pytest.mark.parametrize(("headers", "allowed"), [({"Content-Encoding": "gzip"}, "Accept-Encoding"), ({"Content-Type": "text/plain"}, "Accept-Post")])
def test_a_415_says_what_is_accepted(client, headers, allowed):
    response = client.post("/v1/classify", data='{"text": "CRO"}', headers={"Content-Type": JSON, **headers})
    assert response.headers[allowed] == {"Accept-Encoding": "identity", "Accept-Post": JSON}[allowed]


def chunked(client, body: bytes):
    """POST body as a chunked request: no Content-Length, the input marked as terminated (as gunicorn does)."""
    environ = {"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True, "CONTENT_LENGTH": ""}
    return client.post("/v1/classify", headers={"Content-Type": JSON, "Transfer-Encoding": "chunked"}, environ_overrides=environ)


def test_a_chunked_body_over_the_limit_is_413_not_invalid_json(app_with):
    client = app_with(MAX_CONTENT_LENGTH=100).test_client()
    problem = assert_problem(chunked(client, b'{"text": "' + b"CRO " * 50 + b'"}'), 413)
    assert problem["detail"] == "The body is longer than the limit of 100 bytes."


def test_a_body_over_the_limit_with_its_length_said_is_413_naming_both(app_with):
    client = app_with(MAX_CONTENT_LENGTH=100).test_client()
    problem = assert_problem(client.post("/v1/classify", data=b'{"text": "' + b"CRO " * 50 + b'"}', headers={"Content-Type": JSON}), 413)
    assert problem["detail"] == "The body is 212 bytes long; the limit is 100 bytes."


def test_a_chunked_body_within_the_limit_is_read_whole(app_with):
    client = app_with(MAX_CONTENT_LENGTH=100).test_client()
    response = chunked(client, b'{"text": "GMP manufacturing of APIs for clients"}')
    assert (response.status_code, response.get_json()["label"]) == (200, "CMO")


@pytest.mark.parametrize("query", ["q=%ff", "q=%ED%A0%80", "q=CRO&lang=%C3"])
def test_a_query_string_that_is_not_utf_8_is_400(client, query):
    problem = assert_problem(client.get(f"/v1/lookup?{query}"), 400)
    assert problem["detail"].startswith("The query string is not UTF-8 once percent-decoded")


def test_an_unknown_address_with_such_a_query_is_still_404(client):
    assert_problem(client.get("/v1/nothing-here?q=%ff"), 404)


def test_a_query_string_in_utf_8_is_read(client):
    assert client.get("/v1/lookup?q=%E5%90%88%E5%90%8C%E7%A0%94%E7%A9%B6%E7%BB%84%E7%BB%87").get_json()["matches"][0]["id"] == "cro"


def test_a_get_with_a_body_type_is_not_checked(client):
    assert client.get("/v1/lookup?q=CRO", headers={"Content-Type": "text/plain"}).status_code == 200


def test_a_wrong_method_stays_405_whatever_the_body(client):
    assert_problem(client.post("/v1/lookup?q=CRO", data="x", headers={"Content-Type": "text/plain"}), 405)
