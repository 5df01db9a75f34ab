"""What the pages highlight in a pasted text: pieces that never overlap, terms first, the strongest keywords next."""

from __future__ import annotations

import pytest

from glossary_api import Decision, Evidence
from glossary_api.web.pages.filters import first_sentence, lang_runs
from glossary_api.web.pages.marks import MARKED_SUPPORT, Piece, cut, effects, mark_class, mark_decision, percent, reason


def evidence(kind, start, end, weights, text="x", **more) -> Evidence:
    return Evidence(kind, more.pop("feature", f"{kind}:{start}"), text, start, end, weights, **more)


@pytest.mark.parametrize(
    ("spans", "pieces"),
    [
        ([], [Piece("abcdef")]),
        ([(0, 2, "A")], [Piece("ab", "A"), Piece("cdef")]),
        ([(2, 4, "A"), (4, 6, "B")], [Piece("ab"), Piece("cd", "A"), Piece("ef", "B")]),
        ([(1, 4, "A"), (2, 3, "B"), (3, 5, "C")], [Piece("a"), Piece("bcd", "A"), Piece("ef")]),
        ([(2, 3, "B"), (1, 4, "A")], [Piece("a"), Piece("bcd", "A"), Piece("ef")]),  # the one that starts first wins, in any order given
        ([(1, 2, "short"), (1, 4, "long")], [Piece("a"), Piece("bcd", "long"), Piece("ef")]),  # at one start, the longer
        ([(3, 3, "empty")], [Piece("abcdef")]),
    ],
)
def test_cut_marks_spans_in_order_and_leaves_an_overlapping_one_plain(spans, pieces):
    assert list(cut("abcdef", spans)) == pieces


def test_the_pieces_put_back_together_are_the_text(classifier):
    text = "提供从临床前到商业化阶段的原料药工艺开发与GMP生产，不承担临床试验"
    marked = mark_decision(text, classifier.classify(text))
    assert "".join(p.text for p in marked.pieces) == text


def test_every_term_is_marked_then_the_strongest_keywords_where_no_term_stands():
    term = evidence("term", 4, 8, {"CDMO": 3.0}, concept_id="process-development")
    inside = evidence("keyword", 4, 6, {"CDMO": 2.0})  # stronger than any, but inside the term
    strong, weak, against = evidence("keyword", 0, 2, {"CDMO": 0.9}), evidence("keyword", 9, 10, {"CDMO": MARKED_SUPPORT - 0.01}), evidence("keyword", 11, 12, {"CDMO": -1.0})
    context = Evidence("context", "ctx:service", None, None, None, {"CDMO": 0.1})
    decision = Decision("CDMO", ("CDMO",), {}, {}, (strong, term, inside, weak, against, context), 6)
    marked = mark_decision("ab  cdef x y", decision)
    assert [p.mark for p in marked.pieces if p.mark] == [strong, term]
    assert (marked.terms, marked.keywords, marked.other_keywords, marked.contexts) == ((term,), (strong,), (inside, weak, against), (context,))


def test_at_most_the_set_number_of_keywords_is_marked():
    keywords = tuple(evidence("keyword", i, i + 1, {"CRO": 1.0 + i}) for i in range(8))
    marked = mark_decision("abcdefgh", Decision("CRO", ("CRO",), {}, {}, keywords, 8), marked_keywords=3)
    assert [k.start for k in marked.keywords] == [5, 6, 7]
    assert [k.start for k in marked.other_keywords] == [4, 3, 2, 1, 0]


@pytest.mark.parametrize(
    ("weights", "first", "shown"),
    [({"CDMO": 3.1286, "CMO": -1.1023, "CRO": -0.5}, None, "CDMO +3.13, CMO \u22121.10"), ({"CDMO": 3.0, "NONE": -0.2}, "NONE", "NONE \u22120.20, CDMO +3.00"), ({}, None, "")],
)
def test_effects_are_the_strongest_first_with_a_true_minus(weights, first, shown):
    assert effects(weights, first) == shown


@pytest.mark.parametrize(
    ("piece", "words", "css"),
    [
        (evidence("term", 0, 3, {"CMO": 0.5}, concept_id="cmo", feature="concept:cmo"), "glossary term contract manufacturing organization: CMO +0.50", "term"),
        (evidence("term", 0, 3, {}, concept_id="clinical-trial", negated=True), "glossary term contract manufacturing organization, denied by a negation: counted for nothing", "negated"),
        (evidence("term", 0, 3, {"NONE": 2.4}, concept_id="chief-marketing-officer", out_of_domain=True, sense="cue 'brand marketing'"), "read as contract manufacturing organization, a sense outside pharma outsourcing (cue 'brand marketing'): NONE +2.40", "other-sense"),
        (evidence("term", 0, 3, {"NONE": 0.1}, concept_id="manufacturing", feature="offtopic:concept:manufacturing"), "glossary term contract manufacturing organization, a word used alike outside pharma in a text not about medicines: NONE +0.10", "off-topic"),
        (evidence("term", 0, 3, {}, concept_id="cdmo", feature="other:concept:cdmo"), "glossary term contract manufacturing organization, another party's (after a possessive such as the client's): counted for nothing", "term"),
        (evidence("keyword", 0, 3, {"CRO": 0.3}, negated=True), "keyword, denied by a negation, CRO +0.30", "negated"),
        (evidence("keyword", 0, 3, {"CRO": 0.3}), "keyword, CRO +0.30", "keyword"),
    ],
)
def test_the_reason_says_how_a_piece_was_read_and_what_it_did(piece, words, css):
    assert (reason(piece, "contract manufacturing organization"), mark_class(piece)) == (words, css)


@pytest.mark.parametrize(("p", "shown"), [(0.0, "0%"), (0.004, "<1%"), (0.5, "50%"), (0.996, "100%")])
def test_percent(p, shown):
    assert percent(p) == shown


@pytest.mark.parametrize(
    ("text", "first"),
    [("A care order, mostly in U.S. hospitals. More.", "A care order, mostly in U.S. hospitals."), ("机构。其他", "机构。"), ("No end", "No end"), (None, "")],
)
def test_first_sentence(text, first):
    assert first_sentence(text) == first


def test_chinese_inside_english_gets_its_language_and_the_rest_is_escaped():
    assert str(lang_runs("CMO (首席医学官), 行銷長 & <b>")) == 'CMO (<span lang="zh-Hans">首席医学官</span>), <span lang="zh-Hant">行銷長</span> &amp; &lt;b&gt;'
