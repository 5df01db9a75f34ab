"""Evidence gathering: what the fast path in evidence.gather relies on, checked against a plain recount."""

from __future__ import annotations

from glossary_api.bulk.jobs import Tag
from glossary_api.evidence import gather
from glossary_api.features import count


def test_a_spans_chars_are_one_run_and_add_up_to_what_they_weighed(classifier, dev_set):
    # gather() finds a span's chars as one run of neighbouring features and sums
    # it over a slice; that holds because count() adds a span's new features together. Recounted here
    # the slow way, feature by feature in text order, on a fifth of dev: the same spans, the same sums.
    model = classifier.model
    spans = 0
    for item in dev_set[::5]:
        reading = classifier.read(item.text)
        features = count(reading.tokens, reading.denied, reading.mentions, reading.contexts, classifier._keywords)
        weighing = model.weigh(features.counts)
        pieces = gather(reading, features, weighing, model.peaks, classifier._groups)
        expected: dict[tuple[str, int, int], list[float]] = {}
        for index, feature in enumerate(weighing.features):
            group, span = classifier._groups[feature], features.first[feature]
            if group and span is not None:
                sums = expected.setdefault((group, *span), [0.0] * len(weighing.columns))
                for label, column in enumerate(weighing.columns):
                    sums[label] += column[index]
        assert {key: list(added) for key, added in pieces.added.items()} == expected, item.id
        assert sorted(what for _, what in pieces.others if isinstance(what, tuple)) == sorted(expected), item.id
        spans += len(expected)
    assert spans > 20  # the check met many spans


def test_terms_only_gives_the_same_decision_with_the_terms_of_the_full_evidence(classifier, dev_set):
    # The bulk tagger asks for the glossary terms alone: the label, labels, confidences and scores must be the
    # decision's own, and the terms those the full evidence lists (terms come first there, up to the cap).
    for item in dev_set[::4]:
        full, terms = classifier.classify(item.text), classifier.classify(item.text, terms_only=True)
        assert (terms.label, terms.labels, terms.confidence, terms.scores) == (full.label, full.labels, full.confidence, full.scores), item.id
        assert list(terms.evidence) == [piece for piece in full.evidence if piece.kind == "term"], item.id
        assert len(terms.evidence) == min(terms.evidence_total, classifier.max_evidence), item.id
        assert Tag.of(terms) == Tag.of(full), item.id  # what a tagged row keeps
