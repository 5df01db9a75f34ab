"""Masking the category names, for the masked evaluation and the masked training copies."""

import pytest

from glossary_api.masking import mask_category_names


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
