"""/docs works offline: Swagger UI is served from the package, and the page loads nothing from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from glossary_api.web.pages.views import DOCS_POLICY

from .html_checks import find_all, inline_code, loaded_from_outside, parse_strict

SWAGGER_UI = Path(__file__).resolve().parents[3] / "glossary_api" / "web" / "pages" / "static" / "swagger-ui"


@pytest.fixture(scope="module")
def docs(app):
    response = app.test_client().get("/docs")
    return response, parse_strict(response.get_data(as_text=True))


def test_the_docs_page_loads_only_files_of_this_service_and_they_are_there(client, docs):
    response, document = docs
    assert (response.status_code, response.headers["Content-Security-Policy"]) == (200, DOCS_POLICY)
    assert (loaded_from_outside(document), inline_code(document)) == ([], [])
    loaded = [e.get("src") for e in find_all(document, "script")] + [e.get("href") for e in find_all(document, "link")]
    assert loaded == [
        "/assets/swagger-ui/swagger-ui-bundle.js",
        "/assets/docs.js",
        "/assets/favicon.svg",
        "/assets/swagger-ui/swagger-ui.css",
        "/assets/style.css",
    ]
    assert [status(client, url) for url in loaded] == [200] * len(loaded)


def status(client, url: str) -> int:
    with client.get(url) as response:  # a static file's response holds the file open until closed
        return response.status_code


def test_the_docs_policy_adds_only_data_images_to_the_pages_policy():
    assert DOCS_POLICY == "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"


def test_swagger_ui_reads_this_services_spec_with_the_online_validator_off(client, docs):
    _, document = docs
    container = find_all(document, "div", id="swagger-ui")[0]
    assert client.get(container.get("data-spec")).get_json()["info"]["title"] == "CXO glossary and classifier"
    with client.get("/assets/docs.js") as response:
        start = response.get_data(as_text=True)
    assert "validatorUrl: null" in start and "element.dataset.spec" in start


def test_the_vendored_swagger_ui_is_the_named_version_with_its_licence_and_loads_images_only_from_data_urls():
    assert sorted(p.name for p in SWAGGER_UI.iterdir()) == ["LICENSE", "NOTICE", "README.md", "swagger-ui-bundle.js", "swagger-ui-bundle.js.LICENSE.txt", "swagger-ui.css"]
    version = re.search(r"`swagger-ui-dist` ([0-9.]+),", (SWAGGER_UI / "README.md").read_text()).group(1)
    assert f'"{version}"' in (SWAGGER_UI / "swagger-ui-bundle.js").read_text(encoding="utf-8")
    assert "Apache License" in (SWAGGER_UI / "LICENSE").read_text()
    urls = re.findall(r"url\(\"?([a-z]+):", (SWAGGER_UI / "swagger-ui.css").read_text(encoding="utf-8"))
    assert set(urls) == {"data"}
