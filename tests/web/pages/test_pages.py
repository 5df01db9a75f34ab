"""Every page, as a browser without JavaScript gets it: valid HTML, right lang attributes, small, nothing inline or from outside."""

from __future__ import annotations

import pytest

from .html_checks import find_all, inline_code, lang_problems, loaded_from_outside, parse_fragment_strict, parse_strict, text_of
from .samples import CHECK_FORM, CLASSIFY_FORM, HTML, MAX_PAGE_BYTES, POLICY

# Every page, with the status it answers: (method, path, form).
PAGES = [
    ("GET", "/", None, 200),
    ("GET", "/?q=clinical+trial", None, 200),
    ("GET", "/?q=临床试验", None, 200),
    ("GET", "/?q=臨床試驗&lang=zh-Hant", None, 200),
    ("GET", "/?q=CMO", None, 200),
    ("GET", "/?q=zzzzqqq", None, 200),
    ("GET", "/terms/cmo", None, 200),
    ("GET", "/terms/chief-medical-officer", None, 200),
    ("GET", "/terms/nmpa", None, 200),
    ("GET", "/terms/cro", None, 200),
    ("GET", "/browse", None, 200),
    ("GET", "/browse?category=clinical", None, 200),
    ("GET", "/classify", None, 200),
    ("POST", "/classify", CLASSIFY_FORM, 200),
    ("POST", "/classify", {"text": "  \n "}, 422),
    ("GET", "/check", None, 200),
    ("POST", "/check", CHECK_FORM, 200),
    ("GET", "/docs", None, 200),
    ("GET", "/terms/no-such-concept", None, 404),
    ("GET", "/browse?category=banking", None, 404),
    ("GET", "/nothing-here", None, 404),
    ("POST", "/", {}, 405),
]


@pytest.fixture(scope="module")
def pages(app):
    """Return each page of PAGES as (response, body), fetched once."""
    client = app.test_client()
    return {(method, path, str(form)): client.open(path, method=method, data=form, headers=HTML) for method, path, form, _ in PAGES}


def page_of(pages, method, path, form=None):
    response = pages[(method, path, str(form))]
    return response, parse_strict(response.get_data(as_text=True))


@pytest.mark.parametrize(("method", "path", "form", "status"), PAGES)
def test_every_page_is_valid_small_and_loads_only_its_own_files(pages, method, path, form, status):
    response = pages[(method, path, str(form))]
    assert (response.status_code, response.mimetype) == (status, "text/html")
    document = parse_strict(response.get_data(as_text=True))  # html5lib's strict parser: any error raises
    assert document.get("lang") == "en"
    assert lang_problems(document) == []
    assert inline_code(document) == []
    assert loaded_from_outside(document) == []
    assert len(response.data) < MAX_PAGE_BYTES
    if path != "/docs":
        assert response.headers["Content-Security-Policy"] == POLICY


def test_the_lang_check_catches_a_traditional_name_in_simplified_and_chinese_in_english():
    document = parse_strict('<!DOCTYPE html><html lang="en"><title>t</title><p>CRO 合同研究组织</p><p lang="zh-Hans">臨床試驗 研究</p>')
    assert lang_problems(document) == ["'合同研究组织' in <p lang=en>", "'臨床試驗' in <p lang=zh-Hans>"]


@pytest.mark.parametrize(
    ("query", "first_link", "name", "lang"),
    [
        ("clinical trial", "/terms/clinical-trial", "clinical trial", "en"),
        ("临床试验", "/terms/clinical-trial", "临床试验", "zh-Hans"),
        ("臨床試驗", "/terms/clinical-trial", "臨床試驗", "zh-Hant"),
        ("GMP", "/terms/gmp", "GMP", "en"),
        ("SOPs", "/terms/standard-operating-procedure", "SOP", "en"),
        ("合同 研究 组织", "/terms/cro", "合同研究组织", "zh-Hans"),
    ],
)
def test_a_search_without_javascript_lists_the_matched_name_in_its_language(client, query, first_link, name, lang):
    document = parse_strict(client.get("/", query_string={"q": query}).get_data(as_text=True))
    link = find_all(document, "a", href=first_link)[0]
    matched = link.find("{http://www.w3.org/1999/xhtml}span")
    assert (text_of(matched), matched.get("lang")) == (name, lang)


@pytest.mark.parametrize("query", ["pharmacovigilance", "CRO", "臨床"])
def test_the_results_alone_are_the_part_search_as_you_type_puts_in_place(client, query):
    response = client.get("/search", query_string={"q": query})
    fragment = parse_fragment_strict(response.get_data(as_text=True))
    assert find_all(fragment, "p", id="status", role="status")
    assert find_all(fragment, "html") == [] and find_all(fragment, "a")
    assert (lang_problems(fragment), inline_code(fragment)) == ([], [])


@pytest.mark.parametrize(
    ("abbreviation", "first", "count", "apart"),
    [("CMO", "cmo", 7, True), ("CRO", "cro", 9, True), ("CSO", "cso", 10, True), ("CDO", "cdo", 4, True), ("API", "api", 5, True), ("CDMO", "cdmo", 2, False)],
)
def test_an_ambiguous_abbreviation_shows_every_sense_pharma_first_and_how_to_tell_them_apart(client, abbreviation, first, count, apart):
    document = parse_strict(client.get("/", query_string={"q": abbreviation}).get_data(as_text=True))
    senses = find_all(document, "section", class_="senses")[0]
    links = [a.get("href") for item in find_all(senses, "li") for a in find_all(item, "a")[:1]]
    assert len(links) == count and links[0] == f"/terms/{first}"
    assert text_of(find_all(senses, "h2")[0]) == f"{abbreviation} names {count} concepts"
    headings = [text_of(h) for div in find_all(senses, "div", class_="apart") for h in find_all(div, "h3")]
    assert headings == (["How to tell them apart"] if apart else [])  # the pharma sense's usage note (CDMO's has none)


def test_cmo_says_how_its_senses_differ_in_english_and_chinese(client):
    document = parse_strict(client.get("/?q=CMO").get_data(as_text=True))
    notes = {p.get("lang"): text_of(p) for p in find_all(find_all(document, "div", class_="apart")[0], "p")}
    assert notes["en"].startswith("In pharma news CMO very often means chief medical officer (首席医学官)")
    assert "不要把CMO译成“委托生产企业”" in notes["zh-Hans"]


def test_a_concept_card_shows_names_by_language_with_status_region_and_the_name_to_use(pages):
    _, document = page_of(pages, "GET", "/terms/cmo")
    texts = [text_of(item) for item in find_all(document, "li", class_="name")]
    assert "委託製造機構 deprecated use 委託製造服務 Copy" in texts
    assert "合同生产组织 preferred Copy" in texts
    assert "CMO admitted Copy" in texts
    headings = [(h.get("lang"), text_of(h)) for h in find_all(document, "h3")]
    assert [("en", "English"), ("zh-Hans", "简体中文"), ("zh-Hant", "繁體中文")] == [h for h in headings if h[0]][:3]
    definitions = [div.get("lang") for div in find_all(document, "div", class_="lang")]
    assert definitions[:2] == ["en", "zh-Hans"]  # side by side: one column per language
    copy_buttons = find_all(document, "button", class_="copy")
    assert copy_buttons and all(b.get("hidden") is not None and b.get("data-copy") for b in copy_buttons)  # shown by script only


def test_a_name_one_region_uses_says_which_region(client):
    document = parse_strict(client.get("/terms/chief-medical-officer").get_data(as_text=True))
    assert "醫學長 preferred Taiwan Copy" in [text_of(li) for li in find_all(document, "li", class_="name")]


def test_a_superseded_abbreviation_points_to_the_one_to_use(client):
    document = parse_strict(client.get("/terms/nmpa").get_data(as_text=True))
    assert "CFDA superseded use NMPA Copy" in [text_of(li) for li in find_all(document, "li", class_="name")]


def test_the_card_links_to_the_same_concept_as_json_and_tbx_and_to_its_relations(client):
    document = parse_strict(client.get("/terms/cmo").get_data(as_text=True))
    formats = {text_of(a): a.get("href") for a in find_all(find_all(document, "p", class_="formats")[0], "a")}
    assert formats == {"JSON": "/v1/terms/cmo", "TBX": "/v1/export?format=tbx&concept=cmo"}
    assert client.get(formats["JSON"]).get_json()["id"] == "cmo"
    assert b'<conceptEntry id="cmo">' in client.get(formats["TBX"]).data
    relations = [a.get("href") for a in find_all(find_all(document, "dl", class_="relations")[0], "a")]
    assert relations == ["/terms/cxo", "/terms/cdmo", "/terms/commercial-manufacturing", "/terms/gmp", "/terms/mah", "/terms/api"]


def test_an_out_of_domain_sense_says_so_and_leads_to_the_pharma_sense_first(client):
    document = parse_strict(client.get("/terms/chief-medical-officer").get_data(as_text=True))
    assert text_of(find_all(document, "p", class_="banner")[0]).startswith("Outside pharmaceutical outsourcing")
    senses = find_all(document, "section", class_="senses")[0]
    assert find_all(senses, "a")[0].get("href") == "/terms/cmo"
    assert text_of(find_all(senses, "div", class_="apart")[0]).startswith("How to tell them apart In pharma news CMO")


def test_an_unknown_concept_is_a_404_page_saying_so(pages):
    _, document = page_of(pages, "GET", "/terms/no-such-concept")
    assert text_of(find_all(document, "h1")[0]) == "404 Not Found"
    assert text_of(find_all(document, "p", class_="detail")[0]) == "No concept has the id 'no-such-concept'."
    assert find_all(document, "input", name="q")  # and a search box


def test_a_mistyped_concept_id_gets_the_concept_suggested(client):
    document = parse_strict(client.get("/terms/pharmacovigilence", headers=HTML).get_data(as_text=True))
    assert next(a.get("href") for a in find_all(find_all(document, "ul", class_="suggestions")[0], "a")) == "/terms/pharmacovigilance"


@pytest.mark.parametrize(
    ("path", "accept", "mimetype"),
    [
        ("/nothing-here", HTML["Accept"], "text/html"),
        ("/nothing-here", "*/*", "application/problem+json"),
        ("/v1/terms/no-such-concept", HTML["Accept"], "application/problem+json"),
        ("/v1/nothing-here", HTML["Accept"], "application/problem+json"),
        ("/terms/no-such-concept", "*/*", "text/html"),
        ("/assets/nothing-here.css", HTML["Accept"], "text/html"),  # a file that is not there is no page: as Accept says
        ("/assets/nothing-here.css", "application/problem+json", "application/problem+json"),
    ],
)
def test_an_error_is_a_page_for_pages_and_problem_json_for_the_api(client, path, accept, mimetype):
    response = client.get(path, headers={"Accept": accept})
    assert (response.status_code, response.mimetype) == (404, mimetype)
    negotiated = path.startswith(("/nothing-here", "/assets/"))
    assert ("Accept" in response.vary) == negotiated  # a shared cache must not give the one form to the other client


def test_a_wrong_method_on_a_page_is_a_405_page_with_allow(pages):
    response, document = page_of(pages, "POST", "/", {})
    assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert text_of(find_all(document, "h1")[0]) == "405 Method Not Allowed"


def test_a_search_too_long_is_a_422_page_saying_so(client):
    response = client.get("/", query_string={"q": "x" * 201}, headers=HTML)
    assert response.status_code == 422
    assert text_of(find_all(parse_strict(response.get_data(as_text=True)), "p", class_="detail")[0]) == "A search is at most 200 characters; this one has 201."


def test_browse_lists_every_concept_by_category_and_filters_by_one(glossary, pages):
    _, everything = page_of(pages, "GET", "/browse")
    assert len([a for ul in find_all(everything, "ul", class_="concepts") for a in find_all(ul, "a")]) == len(glossary)
    _, clinical = page_of(pages, "GET", "/browse?category=clinical")
    links = [a.get("href") for ul in find_all(clinical, "ul", class_="concepts") for a in find_all(ul, "a")]
    assert links == [f"/terms/{c.id}" for c in glossary.concepts("clinical")]
    categories = find_all(clinical, "nav", class_="categories")[0]
    assert [text_of(a) for a in find_all(categories, "a") if a.get("aria-current") == "page"] == [f"clinical {len(links)}"]
