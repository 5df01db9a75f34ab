"""Masking the category names, for the masked evaluation and the masked training copies."""

import pytest

from glossary_api.masking import mask_category_names
from glossary_api.training import training_copy


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("We are a CRO and a CDMO.", "We are a provider and a provider."),
        ("Leading CROs trust us", "Leading provider trust us"),
        ("a contract research organisation for biotechs", "a provider for biotechs"),
        ("Contract Development and Manufacturing Organization", "provider"),
        ("公司是一家CDMO，提供合同研发生产服务", "公司是一家provider，提供服务商服务"),
        ("台灣委託開發暨製造服務與受託研究機構", "台灣服务商服務與服务商"),
        ("CRDMO/CTDMO platform", "provider/provider platform"),
        ("microscope CROatia cro", "microscope CROatia cro"),  # not a name: a longer word, or lower case
        ("process development and GMP manufacturing", "process development and GMP manufacturing"),
    ],
)
def test_category_names_are_replaced_by_a_neutral_word(text, masked):
    assert mask_category_names(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "We are a CRO running phase I trials for sponsors.",
        "As a contract manufacturing organisation, we fill vials for clients.",
        "公司是一家CDMO，提供工艺开发和商业化生产。",
        "本公司為受託研究機構，提供臨床試驗服務。",
    ],
)
def test_a_training_copy_writes_a_name_as_something_that_is_no_feature(classifier, text):
    # A word in the names' place would be learned as a stand-in for them ("provider" and 服务商 were): every
    # keyword feature of the copy must already be a feature of the text, whose words are the copy's but the names.
    copy = training_copy(text)
    assert copy != text
    keywords = ("w:", "c:")
    new = {f for f in classifier.features(copy) if f.startswith(keywords)} - set(classifier.features(text))
    assert new == set()
