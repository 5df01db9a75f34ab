"""The dev split: the figures the README reports, held as floors the classifier must keep.

The floors follow the classifier in use; the test split is never read here (it is frozen and only
reported by benchmarks/bench_quality.py).
"""

from glossary_api.evaluation import evaluate


def test_macro_f1_on_the_development_set(classifier, dev_set):
    report = evaluate(classifier, dev_set)
    assert report.total >= 400
    assert report.macro_f1 >= 0.74  # the hand-set rules on the corpus's dev split; raised by the learned classifier


def test_macro_f1_on_texts_that_never_name_their_category(classifier, dev_set):
    unnamed = [item for item in dev_set if item.label != "NONE" and not item.extra["names_category"]]
    none = [item for item in dev_set if item.label == "NONE"]
    assert len(unnamed) * 3 >= sum(1 for item in dev_set if item.label != "NONE")
    report = evaluate(classifier, unnamed + none)
    assert report.macro_f1 >= 0.70


def test_every_acronym_trap_is_none(classifier, dev_set):
    traps = [item for item in dev_set if item.extra.get("trap")]
    assert len(traps) >= 50
    wrong = [(item.id, item.text, classifier.classify(item.text).label) for item in traps]
    assert len([w for w in wrong if w[2] != "NONE"]) <= 12  # the hand-set rules miss these; see issue 9


def test_the_development_set_is_shaped_as_the_issue_asks(dev_set):
    langs = [item.extra["lang"] for item in dev_set]
    assert langs.count("zh-Hant") >= 40
    assert langs.count("mixed") >= 10
    assert sum(1 for item in dev_set if item.label == "NONE") >= 40
    assert all(item.extra.get("source") for item in dev_set)
    assert len({item.id for item in dev_set}) == len(dev_set)
