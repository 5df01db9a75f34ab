"""The /classify and /check pages without JavaScript: a form posted, the answer laid out over the text."""

from __future__ import annotations

import pytest

from .html_checks import find_all, parse_strict, text_of
from .samples import CHECK_FORM, CLASSIFY_FORM, HTML, MAX_PAGE_BYTES


@pytest.fixture(scope="module")
def classified(app):
    response = app.test_client().post("/classify", data=CLASSIFY_FORM, headers=HTML)
    return parse_strict(response.get_data(as_text=True))


def decisions(document):
    return find_all(document, "section", class_="decision")


def test_each_line_gets_its_label_and_its_text_in_its_language(classified):
    sections = decisions(classified)
    assert [text_of(find_all(s, "span", class_="label")[0]) for s in sections] == ["CDMO", "NONE", "CMO"]
    assert [find_all(s, "p", class_="text")[0].get("lang") for s in sections] == ["zh-Hans", "en", "zh-Hant"]
    first = find_all(sections[0], "p", class_="text")[0]
    assert text_of(find_all(find_all(first, "mark", class_="term")[0], "span", class_="why")[0]).startswith("(glossary term ")
    assert text_without_reasons(first) == CLASSIFY_FORM["text"].splitlines()[0]  # the text as pasted, marks around its pieces


def text_without_reasons(element) -> str:
    """Return an element's text as a person reads it on screen: without the reasons of its marks (shown on hover)."""
    parts = [element.text or ""]
    for child in element:
        if child.get("class") != "why":
            parts.append(text_without_reasons(child))
        parts.append(child.tail or "")
    return "".join(parts)


def test_glossary_terms_are_marked_and_linked_to_their_entries(classified):
    marks = {text_of(m.find("{http://www.w3.org/1999/xhtml}a")): (m.get("class"), m.find("{http://www.w3.org/1999/xhtml}a").get("href")) for m in find_all(decisions(classified)[0], "mark") if m.find("{http://www.w3.org/1999/xhtml}a") is not None}
    assert marks["工艺开发"] == ("ev term", "/terms/process-development")
    assert marks["GMP"] == ("ev term", "/terms/gmp")
    assert marks["原料药"] == ("ev term", "/terms/api")


def test_a_negated_term_and_one_read_in_another_sense_are_shown_differently_with_the_reason(classified):
    negated = find_all(decisions(classified)[0], "mark", class_="negated")[0]
    # what it did (its weights, or "counted for nothing") is formatted as test_marks.py checks
    assert text_of(negated).startswith("临床试验 (glossary term clinical trial, denied by a negation: ")
    other = find_all(decisions(classified)[1], "mark", class_="other-sense")[0]
    assert text_of(other).startswith("CMO (read as chief marketing officer, a sense outside pharma outsourcing (cue 'brand marketing'): NONE +")
    assert find_all(other, "a")[0].get("href") == "/terms/chief-marketing-officer"
    assert find_all(other, "span", class_="why")[0].get("lang") == "en"  # the reason is English inside a text of any language


def test_the_strongest_keywords_are_marked_and_the_rest_listed(classified):
    section = decisions(classified)[0]
    marked = find_all(section, "mark", class_="keyword")
    assert 0 < len(marked) <= 6 and all(m.get("tabindex") == "0" for m in marked)
    summary = text_of(find_all(section, "summary")[0])
    assert summary.endswith("more keywords, strongest for CDMO first")


def test_the_confidence_of_every_label_is_listed_the_given_one_first(classified):
    rows = find_all(find_all(decisions(classified)[0], "table", class_="confidence")[0], "tr")
    assert next(text_of(r.find("{http://www.w3.org/1999/xhtml}th")) for r in rows) == "CDMO"
    assert {text_of(r.find("{http://www.w3.org/1999/xhtml}th")) for r in rows} == {"CRO", "CMO", "CDMO", "CSO", "NONE"}
    assert rows[0].get("class") == "given"


def test_a_label_taken_from_the_category_the_text_names_says_so_and_the_others_do_not(app, classified, named_against_the_weights):
    response = app.test_client().post("/classify", data={"text": named_against_the_weights}, headers=HTML)
    section = decisions(parse_strict(response.get_data(as_text=True)))[0]
    notes = find_all(section, "p", class_="named")
    assert len(notes) == 1, "no note saying the label is the category the text names"
    assert text_of(notes[0]).startswith("CDMO because the text names it; the weights lean to CMO (") and text_of(notes[0]).endswith("%).")
    assert find_all(section, "span", class_="conf") == []  # no "CDMO 4%" beside a label the weights did not give
    assert not any(find_all(s, "p", class_="named") for s in decisions(classified))


def test_a_text_outside_pharma_says_why_it_is_none(classified):
    sections = decisions(classified)  # the second line, "Our CMO leads brand marketing": CMO the chief marketing officer, nothing of medicines
    notes = [find_all(s, "p", class_="outside") for s in sections]
    assert [len(n) for n in notes] == [0, 1, 0]
    assert text_of(notes[1][0]).startswith("NONE because the text shows no sign of medicines")
    assert text_of(notes[1][0]).endswith("so it is outside the sector; the confidences below are the weights' own reading.")
    assert [find_all(s, "span", class_="conf") != [] for s in sections] == [True, False, True]  # no NONE 98% beside a rule's NONE


def test_a_text_outside_pharma_the_weights_read_as_a_service_shows_no_confidence_beside_its_none(app, outside_against_the_weights):
    response = app.test_client().post("/classify", data={"text": outside_against_the_weights}, headers=HTML)
    section = decisions(parse_strict(response.get_data(as_text=True)))[0]
    assert text_of(find_all(section, "p", class_="outside")[0]).startswith("NONE because the text shows no sign of medicines")
    assert find_all(section, "span", class_="conf") == []  # the weights' NONE, under 1% here, would contradict the label


def test_lines_beyond_the_setting_are_left_out_saying_so(app_with):
    client = app_with(MAX_PAGE_DESCRIPTIONS=2).test_client()
    document = parse_strict(client.post("/classify", data=CLASSIFY_FORM, headers=HTML).get_data(as_text=True))
    assert len(decisions(document)) == 2
    assert text_of(find_all(document, "p", class_="notice")[0]).startswith("Only the first 2 lines were classified; 1 more was left out.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   \n  ", "Paste a description to classify: one per line."),
        ("\u200b\n\ufeff", "Paste a description to classify: one per line."),  # invisible characters are as blank as spaces
        ("CRO\n" + "x" * 31, "Line 2: text is 31 characters long; the limit is 30."),
        ("CRO\n\n\nCMO\n" + "x" * 31, "Line 5: text is 31 characters long; the limit is 30."),  # as the box numbers it, blank lines too
    ],
)
def test_a_bad_form_is_a_422_page_that_keeps_the_text_and_says_what_is_wrong(client, classifier, monkeypatch, text, message):
    monkeypatch.setattr(classifier, "max_text_length", 30)
    response = client.post("/classify", data={"text": text}, headers=HTML)
    document = parse_strict(response.get_data(as_text=True))
    assert response.status_code == 422
    assert text_of(find_all(document, "p", class_="error", role="alert")[0]) == message
    assert find_all(document, "textarea")[0].text == text


@pytest.mark.parametrize(("path", "form"), [("/classify", b"text=caf\xe9 CRO"), ("/classify", b"text=%ff"), ("/check", b"source=%ff&target=x")])
def test_a_form_that_is_not_utf_8_is_a_400_page_saying_so(client, path, form):
    response = client.post(path, data=form, headers={**HTML, "Content-Type": "application/x-www-form-urlencoded"})
    assert (response.status_code, response.mimetype) == (400, "text/html")
    assert "The form is not UTF-8 once percent-decoded" in response.get_data(as_text=True)


def test_a_page_of_the_most_descriptions_stays_under_100_kb(app, dev_set):
    texts = [item.text for item in dev_set]
    longest = sorted(texts, key=len)[-app.config["MAX_PAGE_DESCRIPTIONS"] :]
    response = app.test_client().post("/classify", data={"text": "\n".join(longest)}, headers=HTML)
    assert len(decisions(parse_strict(response.get_data(as_text=True)))) == app.config["MAX_PAGE_DESCRIPTIONS"]
    assert len(response.data) < MAX_PAGE_BYTES


def test_a_translation_check_lists_its_issues_and_marks_them_in_both_texts(client):
    document = parse_strict(client.post("/check", data=CHECK_FORM, headers=HTML).get_data(as_text=True))
    issues = [text_of(li) for li in find_all(document, "ol", class_="issues")[0]]
    assert [issue.split(" ")[0] for issue in issues] == ["missing", "avoided"]
    assert "'合约研究组织' is a deprecated name of cro: use 合同研究组织." in issues[1]
    source, target = find_all(document, "p", class_="text")
    assert (source.get("lang"), target.get("lang")) == ("en", "zh-Hans")
    assert [(m.get("class"), text_of(m.find("{http://www.w3.org/1999/xhtml}a"))) for m in find_all(source, "mark")] == [("ev term", "CRO"), ("ev missing", "clinical trials")]
    assert [(m.get("class"), text_of(m.find("{http://www.w3.org/1999/xhtml}a"))) for m in find_all(target, "mark")] == [("ev issue", "合约研究组织")]


def test_a_name_written_many_times_is_one_issue_marked_at_every_place(client):
    form = {**CHECK_FORM, "target": "我们的合约研究组织开展研究，合约研究组织也负责监查。"}
    document = parse_strict(client.post("/check", data=form, headers=HTML).get_data(as_text=True))
    assert [text_of(li).split(" ")[0] for li in find_all(document, "ol", class_="issues")[0]] == ["missing", "avoided"]
    target = find_all(document, "p", class_="text")[1]
    assert [text_of(m.find("{http://www.w3.org/1999/xhtml}a")) for m in find_all(target, "mark")] == ["合约研究组织", "合约研究组织"]


def test_a_language_the_check_does_not_know_is_a_422_page(client):
    response = client.post("/check", data={**CHECK_FORM, "target_lang": "fr"}, headers=HTML)
    assert response.status_code == 422
    assert text_of(find_all(parse_strict(response.get_data(as_text=True)), "p", class_="error")[0]).startswith("'fr' is not a language of the glossary")


@pytest.mark.parametrize("field", ["source", "target"])
def test_a_text_over_the_limit_is_a_422_page_and_is_not_checked(client, classifier, monkeypatch, field):
    # the limit of /v1/check and /classify: a 4 MB form once held a worker for 12 minutes
    monkeypatch.setattr(classifier, "max_text_length", 30)
    form = {**CHECK_FORM, field: "CRO " * 8}
    response = client.post("/check", data=form, headers=HTML)
    document = parse_strict(response.get_data(as_text=True))
    assert response.status_code == 422
    assert text_of(find_all(document, "p", class_="error", role="alert")[0]) == f"{field} is 32 characters long; the limit is 30."
    assert find_all(document, "ol", class_="issues") == []
