"""Negation scopes: which words a negation denies, from the cue up to the window or a scope end."""

import pytest


def denied_words(classifier, text):
    reading = classifier.read(text)
    return [token.form for token, denied in zip(reading.tokens, reading.denied) if denied]


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("不承担工艺开发", ["承担", "工艺开发"]),
        ("我们提供GMP生产，不提供处方开发", ["处方开发"]),
        ("no analytical development", ["analytical", "development"]),
        ("We do not manufacture drug product", ["manufactur", "drug", "product"]),
        ("no development, but GMP manufacturing", ["development"]),  # a comma ends the scope
        ("We offer not only process development but also GMP manufacturing", []),  # "only" ends the scope at once
        ("formulation development is not offered", ["formulation", "development", "offer"]),  # an `after` cue, and "not" itself
        ("GMP manufacturing of APIs", []),
        ("我们不是CRO，而是软件公司", ["cro"]),  # 不是 is one word to the segmenter: a cue of its own
        ("我們並不是受託研究機構", ["受托研究机构"]),  # forms are folded to simplified; 並不是 is 並 + 不是
    ],
)
def test_a_negation_denies_the_words_in_its_scope(classifier, text, denied):
    assert denied_words(classifier, text) == denied


def test_the_window_ends_a_scope(classifier):
    words = ["no", "ab", "cd", "ef", "gh", "ij", "kl", "mn", "op"]
    assert denied_words(classifier, " ".join(words)) == words[1:7]


def test_a_denied_word_is_a_feature_of_its_own(classifier):
    features = set(classifier.features("We do not offer formulation development"))
    assert {"not:w:formulation", "not:w:development", "not:concept:formulation-development"} <= features
    assert "w:development" not in features and "concept:formulation-development" not in features
