"""The Han segmenter gives jieba's own words (cut without HMM), with jieba's dictionary and the glossary's names."""

import re

import jieba
import pytest

from glossary_api.classifier import words_to_segment
from glossary_api.segmenter import HanSegmenter, _common_words_dictionary, private_cache_dir
from glossary_api.text import HAN, normalize


@pytest.fixture(scope="module")
def reference_jieba(glossary):
    """A jieba tokenizer with the same dictionary and the same added words, cutting the slow way."""
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer(str(_common_words_dictionary(private_cache_dir())))
    tokenizer.initialize()
    for word in sorted({run for w in words_to_segment(glossary) for run in re.findall(f"[{HAN}]{{2,}}", normalize(w).text)}):
        tokenizer.add_word(word)
    return tokenizer


def test_every_han_run_of_the_corpus_is_cut_as_jieba_cuts_it(classifier, dev_set, reference_jieba):
    segment = classifier.tokenizer.segmenter
    runs = {run for item in dev_set for run in re.findall(f"[{HAN}]+", normalize(item.text).text)}
    assert len(runs) > 1000
    assert [run for run in sorted(runs) if segment(run) != tuple(reference_jieba.cut(run, HMM=False))] == []


def test_glossary_names_stay_whole(classifier):
    assert classifier.tokenizer.segmenter("提供合同研发生产组织服务") == ("提供", "合同研发生产组织", "服务")


@pytest.fixture(scope="module")
def fresh_cache(glossary, tmp_path_factory):
    """A cache folder and the segmenter built there from nothing (jieba's dictionary read, the automaton written)."""
    folder = tmp_path_factory.mktemp("segmenter-cache")
    return folder, HanSegmenter(words_to_segment(glossary), folder)


def test_a_fresh_cache_folder_builds_the_same_segmenter(classifier, glossary, fresh_cache):
    folder, built = fresh_cache
    assert list(folder.glob("han-segmenter-*.pickle"))
    reloaded = HanSegmenter(words_to_segment(glossary), folder)
    run = "我们提供从临床前研究到商业化生产的一站式服务"
    assert built(run) == reloaded(run) == classifier.tokenizer.segmenter(run)


def test_words_share_their_values_after_a_reload_from_the_cache(glossary, fresh_cache):
    reloaded = HanSegmenter(words_to_segment(glossary), fresh_cache[0])  # reads back what the fixture built
    values = list(reloaded._automaton.values())
    assert len(values) > 100_000
    assert len({id(value) for value in values}) < len(values) / 10  # one object per (length, log probability): about 9,000 for 138,000 words
