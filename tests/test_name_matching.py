"""Which words of a text are a glossary name (matcher.py, name_index.py): lookup, annotation and the check alike."""

from __future__ import annotations

import pytest

from glossary_api.annotation import find_terms
from glossary_api.term_check import TermChecker
from glossary_api.termbase.languages import parse_language


@pytest.fixture(scope="module")
def checker(classifier):
    return TermChecker(classifier)


def concepts_in(classifier, text: str) -> list[tuple[str, list[str]]]:
    return [(m.text, sorted({c.id for c, _ in m.readings})) for m in find_terms(classifier.matcher, text)]


def missing(checker, source: str, target: str, target_lang: str = "zh-Hans", source_lang: str = "en") -> list[str]:
    check = checker.check(source, target, parse_language(source_lang), parse_language(target_lang))
    return [issue.concept_id for issue in check.issues if issue.rule == "missing"]


# An -ing name is another word than its stem: tableting is a process, a tablet a dosage form.
@pytest.mark.parametrize("query", ["tablet", "tablets", "details", "book", "masks"])
def test_lookup_does_not_fold_a_word_onto_an_ing_name(glossary, query):
    assert glossary.lookup(query) == []


@pytest.mark.parametrize(("query", "concept"), [("tabletings", "tableting"), ("booking", "new-orders"), ("Bookings", "new-orders")])
def test_lookup_still_finds_an_ing_name_by_its_own_inflections(glossary, query, concept):
    assert [m.concept.id for m in glossary.lookup(query)] == [concept]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The tablets were packaged in blisters.", []),
        ("Please see the details below.", []),
        ("Please book a meeting room.", []),
        ("Masks are required.", []),
        ("Tableting and bookings", [("Tableting", ["tableting"]), ("bookings", ["new-orders"])]),
        ("Two clinical monitors visited.", [("clinical monitors", ["clinical-research-associate"])]),
        ("Clinical monitoring is outsourced.", [("Clinical monitoring", ["clinical-monitoring"])]),
    ],
)
def test_a_text_word_matches_an_ing_name_only_as_an_ing_form(classifier, text, found):
    assert concepts_in(classifier, text) == found


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The tablets were packaged in blisters.", "片剂已采用泡罩包装。"),
        ("Please see the details below.", "详见下文。"),
        ("Please book a meeting room for the audit.", "请为审计预订一间会议室。"),
        ("Masks are required.", "必须佩戴口罩。"),
    ],
)
def test_the_check_asks_no_ing_term_for_its_stem(checker, source, target):
    assert missing(checker, source, target) == []


def test_the_check_still_asks_an_ing_term(checker):
    assert missing(checker, "Tableting is done in-house.", "片剂在内部完成。") == ["tableting"]
