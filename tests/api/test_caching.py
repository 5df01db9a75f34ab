"""Conditional GET: glossary responses carry an ETag of the glossary's content; If-None-Match gets 304."""

import shutil

import pytest

from glossary_api import load_glossary
from glossary_api.config import DEFAULT_TERMS_DIR

GLOSSARY_GETS = ["/v1/terms?limit=5", "/v1/terms/cro", "/v1/lookup?q=CRO", "/v1/search?q=clinical", "/v1/labels", "/v1/export?format=tbx"]


@pytest.mark.parametrize("url", GLOSSARY_GETS)
def test_an_unchanged_glossary_answers_304_with_the_same_etag(client, app, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first.headers["ETag"].startswith(f'W/"{app.extensions["cxo.glossary"].fingerprint}-')  # and the version
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]


def test_another_etag_gets_the_full_response_and_star_matches_any(client):
    assert client.get("/v1/lookup?q=CRO", headers={"If-None-Match": 'W/"0000-0.0.0"'}).status_code == 200
    assert client.get("/v1/lookup?q=CRO", headers={"If-None-Match": "*"}).status_code == 304


@pytest.mark.parametrize("url", GLOSSARY_GETS)
def test_if_match_star_is_met_and_a_tag_fails_as_problem_json_without_the_body(client, url):
    etag = client.get(url).headers["ETag"]
    assert client.get(url, headers={"If-Match": "*"}).status_code == 200
    for tag in (etag, etag.removeprefix("W/"), '"other"'):  # If-Match compares strongly: a weak tag never matches
        response = client.get(url, headers={"If-Match": tag})
        assert (response.status_code, response.mimetype) == (412, "application/problem+json"), tag
        assert "Content-Disposition" not in response.headers and "ETag" not in response.headers


def test_a_304_has_no_body_nor_the_download_headers(client):
    etag = client.get("/v1/export?format=xlsx").headers["ETag"]
    again = client.get("/v1/export?format=xlsx", headers={"If-None-Match": f'"x", {etag}'})
    assert (again.status_code, again.data, "Content-Disposition" in again.headers) == (304, b"", False)


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [("get", "/v1/terms/no-such-concept", 404), ("get", "/v1/lookup?q=", 422), ("post", "/v1/classify", 200)],
)
def test_errors_and_classification_carry_no_etag(client, method, url, status):
    response = getattr(client, method)(url, headers={"If-None-Match": "*"}, json={"text": "GMP manufacturing"} if method == "post" else None)
    assert response.status_code == status
    assert "ETag" not in response.headers


def test_a_changed_glossary_has_another_etag(tmp_path, client, app_with):
    terms = shutil.copytree(DEFAULT_TERMS_DIR, tmp_path / "terms")
    path = terms / "organizations.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("契約研究機構", "契約研究機關"), encoding="utf-8")
    changed = app_with(glossary=load_glossary(terms), TERMS_DIR=str(terms)).test_client()
    before = client.get("/v1/terms/cro")
    after = changed.get("/v1/terms/cro", headers={"If-None-Match": before.headers["ETag"]})
    assert after.status_code == 200
    assert after.headers["ETag"] != before.headers["ETag"]
    assert "契約研究機關" in after.get_json()["languages"]["zh-Hant"]["deprecated"]


def test_the_spec_documents_both_conditional_headers_where_etags_are_given(client):
    spec = client.get("/openapi.json").get_json()
    for path in ("/v1/terms", "/v1/terms/{concept_id}", "/v1/lookup", "/v1/search", "/v1/export", "/v1/labels"):
        operation = spec["paths"][path]["get"]
        parameters = spec["paths"][path].get("parameters", []) + operation.get("parameters", [])  # the route's and the operation's
        headers = {p["name"] for p in parameters if p["in"] == "header"}
        assert (path, headers, {"304", "412"} <= set(operation["responses"])) == (path, {"If-None-Match", "If-Match"}, True)
