"""The dev split: the figures the README reports, held as floors the classifier must keep.

The test split is frozen and never read here: benchmarks/bench_quality.py reports it.
"""

import pytest

from glossary_api.evaluation import evaluate, slices


@pytest.fixture(scope="module")
def dev_slices(classifier, dev_set):
    return {s.name: s for s in slices(classifier, dev_set)}


def test_macro_f1_on_the_dev_split(classifier, dev_set):
    report = evaluate(classifier, dev_set)
    assert report.total >= 400
    # floors under what the shipped weights score (0.905 and 0.883 on 3,197 texts, rounds 1-51, English words without letter
    # triples; 0.895 and 0.869 with them) by more than a refit moves them:
    # they catch a regression, not noise. The elastic net's selection is unsteady: on the same corpus, seed 1 instead
    # of 0 scored 0.897 / 0.880 against 0.903 / 0.885 (rounds 1-18, their dev), and one train text read in another
    # sense moved a refit from 0.898 / 0.875 to 0.891 / 0.874 (rounds 1-20). Rounds 6-20 added
    # texts from kinds of source the corpus had not seen, harder than the first rounds' (0.77-0.87 on their own), so
    # dev is lower than it was at 1,087 texts (0.943).
    assert report.macro_f1 >= 0.88


def test_macro_f1_with_the_category_names_masked(dev_slices):
    # 0.883 with rounds 1-51 and no letter triples (0.869 with them, 0.875 with rounds 1-46: dev grew by texts of the kinds
    # read worst); the floor went from 0.865 to 0.86 when 0.869 sat within a refit's move (0.005-0.006) of it
    assert dev_slices["masked"].macro_f1 >= 0.86


def test_acronym_traps_are_none(dev_slices):
    assert dev_slices["traps"].items >= 50
    assert dev_slices["traps"].accuracy >= 0.95


@pytest.mark.parametrize("lang", ["en", "zh-Hans", "zh-Hant", "mixed"])
def test_every_language_is_near_the_whole(dev_slices, lang):
    assert dev_slices[f"lang {lang}"].macro_f1 >= dev_slices["all"].macro_f1 - 0.06


def test_the_dev_split_is_shaped_as_the_corpus_readme_says(dev_set):
    langs = [item.extra["lang"] for item in dev_set]
    assert langs.count("zh-Hant") >= 40 and langs.count("mixed") >= 40
    assert sum(1 for item in dev_set if item.label == "NONE") >= 100
    assert all(item.extra.get("source") for item in dev_set)
    assert len({item.id for item in dev_set}) == len(dev_set)
