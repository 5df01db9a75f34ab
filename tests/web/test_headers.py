"""Every response: a request id, security headers; CORS only for configured origins; OPTIONS as 204."""

import pytest

from glossary_api.web.headers import SECURITY_HEADERS
from glossary_api.web.pages.views import DOCS_POLICY

POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/v1/lookup?q=CRO"), ("GET", "/v1/terms/nothing"), ("POST", "/v1/classify"), ("GET", "/healthz"), ("GET", "/metrics"), ("DELETE", "/v1/lookup")],
)
def test_every_response_carries_the_security_headers(client, method, path):
    response = client.open(path, method=method, json={"text": "CRO"} if method == "POST" else None)
    assert {name: response.headers[name] for name in SECURITY_HEADERS} == {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Content-Security-Policy": POLICY,
        "Referrer-Policy": "no-referrer",
    }


def test_the_docs_page_has_no_inline_script_and_reads_the_spec(client):
    page = client.get("/docs")
    assert page.headers["Content-Security-Policy"] == DOCS_POLICY
    assert "unsafe-inline" not in DOCS_POLICY
    assert page.data.count(b"<script") == page.data.count(b"<script src=") == 2
    assert b'data-spec="/openapi.json"' in page.data


@pytest.mark.parametrize(
    ("sent", "kept"),
    [("abc-123.X:9", True), ("", False), ("has space", False), ("x" * 129, False), ("<script>", False)],
)
def test_a_sane_request_id_is_echoed_and_any_other_replaced(client, sent, kept):
    echoed = client.get("/healthz", headers={"X-Request-ID": sent}).headers["X-Request-ID"]
    if kept:
        assert echoed == sent
    else:
        assert len(echoed) == 32 and echoed != sent and int(echoed, 16) >= 0


def test_each_request_gets_its_own_id(client):
    assert len({client.get("/healthz").headers["X-Request-ID"] for _ in range(3)}) == 3


def test_options_is_204_with_allow_and_no_body(client):
    response = client.options("/v1/classify")
    assert (response.status_code, response.data, response.headers.get("Content-Type")) == (204, b"", None)
    assert set(response.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}


def test_cors_is_off_by_default(client):
    response = client.options("/v1/classify", headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_configured_origin_may_call_the_api_and_no_other(app_with):
    client = app_with(CORS_ORIGINS="https://app.example, https://other.example/").test_client()
    preflight = client.options("/v1/classify", headers={"Origin": "https://other.example", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 204
    assert {k: v for k, v in preflight.headers.items() if k.startswith("Access-Control")} == {
        "Access-Control-Allow-Origin": "https://other.example",
        "Access-Control-Expose-Headers": "X-Request-ID, ETag",
        "Access-Control-Allow-Methods": preflight.headers["Allow"],
        "Access-Control-Allow-Headers": "Content-Type, If-None-Match, X-Request-ID",
        "Access-Control-Max-Age": "600",
    }
    answer = client.post("/v1/classify", json={"text": "CRO"}, headers={"Origin": "https://app.example"})
    assert (answer.headers["Access-Control-Allow-Origin"], answer.headers["Vary"]) == ("https://app.example", "Origin")
    stranger = client.post("/v1/classify", json={"text": "CRO"}, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in stranger.headers


@pytest.mark.parametrize("origin", [None, "https://evil.example", "https://app.example"])
def test_with_cors_on_every_answer_varies_by_origin(app_with, origin):
    client = app_with(CORS_ORIGINS="https://app.example").test_client()
    for response in (client.get("/v1/terms/cmo", headers={"Origin": origin} if origin else {}), client.get("/v1/nothing", headers={"Accept": "text/html"})):
        assert "Origin" in {value.strip() for value in response.headers.get("Vary", "").split(",")}


def test_with_cors_off_no_answer_varies_by_origin(client):
    assert "Origin" not in client.get("/v1/terms/cmo", headers={"Origin": "https://app.example"}).headers.get("Vary", "")
