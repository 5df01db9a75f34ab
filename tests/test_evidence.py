"""Evidence gathering: the strengths evidence.gather ranks by, and the bulk tagger's terms-only decision, checked against plain recounts."""

from __future__ import annotations

import pytest

from glossary_api.bulk.jobs import Tag
from glossary_api.evidence import gather
from glossary_api.features import count


def test_each_keyword_and_context_is_a_piece_whose_strength_is_its_largest_contribution(classifier, dev_set):
    # gather() ranks keywords by |value| x their largest weight in size, without building their contributions: recounted
    # here the slow way, on a fifth of dev, every feature that is no term's is one piece, with that strength.
    model = classifier.model
    pieces_seen = 0
    for item in dev_set[::5]:
        reading = classifier.read(item.text)
        features = count(reading.tokens, reading.denied, reading.mentions, reading.contexts, classifier._keywords)
        weighing = model.weigh(features.counts)
        pieces = gather(reading, features, weighing, model.peaks, classifier._terms)
        keywords = [i for i, f in enumerate(weighing.features) if not f.startswith(("concept:", "not:concept:", "offtopic:", "other:", "sense:", "signal:"))]
        assert [index for _, index in pieces.others] == keywords, item.id
        for strength, index in pieces.others:
            assert strength == pytest.approx(max(map(abs, weighing.added(index))), abs=1e-12), item.id
        pieces_seen += len(keywords)
    assert pieces_seen > 1000


def test_terms_only_gives_the_same_decision_with_the_terms_of_the_full_evidence(classifier, dev_set):
    # The bulk tagger asks for the glossary terms alone: the label, labels, confidences and scores must be the
    # decision's own, and the terms those the full evidence lists (terms come first there, up to the cap).
    for item in dev_set[::4]:
        full, terms = classifier.classify(item.text), classifier.classify(item.text, terms_only=True)
        assert (terms.label, terms.labels, terms.confidence, terms.scores) == (full.label, full.labels, full.confidence, full.scores), item.id
        assert list(terms.evidence) == [piece for piece in full.evidence if piece.kind == "term"], item.id
        assert len(terms.evidence) == min(terms.evidence_total, classifier.max_evidence), item.id
        assert Tag.of(terms) == Tag.of(full), item.id  # what a tagged row keeps
