"""Settings: defaults, CXO_* variables and overrides; a typo or a wrong type fails at start-up."""

import pytest

from glossary_api import SettingsError, load_settings
from glossary_api.config import SETTINGS


def test_defaults_apply_without_environment_or_overrides():
    assert load_settings(environ={}) == {s.name: s.default for s in SETTINGS}


@pytest.mark.parametrize(
    ("environ", "overrides", "message"),
    [
        ({"CXO_MAX_TEXT_LENGHT": "10"}, {}, "Unknown setting CXO_MAX_TEXT_LENGHT; known: CXO_TERMS_DIR, "),
        ({}, {"MAX_TEXT_LENGHT": 10}, "Unknown setting 'MAX_TEXT_LENGHT'; known: TERMS_DIR, "),
        ({"CXO_MAX_TEXT_LENGTH": "abc"}, {}, "CXO_MAX_TEXT_LENGTH must be a whole number, not 'abc'."),
        ({}, {"MAX_BATCH_ITEMS": "many"}, "MAX_BATCH_ITEMS must be a whole number, not 'many'."),
        # a limit of 0 would refuse every request; a negative one cut lists from the end
        ({"CXO_MAX_TEXT_LENGTH": "0"}, {}, "CXO_MAX_TEXT_LENGTH must be at least 1, not 0."),
        ({"CXO_MAX_BATCH_ITEMS": "-3"}, {}, "CXO_MAX_BATCH_ITEMS must be at least 1, not -3."),
        ({}, {"MAX_CONTENT_LENGTH": -1}, "MAX_CONTENT_LENGTH must be at least 1, not -1."),
        ({"CXO_MAX_EVIDENCE": "-1"}, {}, "CXO_MAX_EVIDENCE must be at least 0, not -1."),
    ],
)
def test_an_unknown_name_or_a_wrong_type_is_refused(environ, overrides, message):
    with pytest.raises(SettingsError) as raised:
        load_settings(overrides, environ=environ)
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize(("raw", "value"), [("1_000", 1000), ("250", 250), (" 42 ", 42)])
def test_whole_numbers_may_be_written_with_underscores(raw, value):
    assert load_settings(environ={"CXO_MAX_BATCH_ITEMS": raw})["MAX_BATCH_ITEMS"] == value


def test_overrides_win_over_the_environment():
    settings = load_settings({"MAX_TEXT_LENGTH": 50}, environ={"CXO_MAX_TEXT_LENGTH": "20", "OTHER": "x"})
    assert settings["MAX_TEXT_LENGTH"] == 50


def test_no_evidence_at_all_is_a_setting_of_its_own():
    assert load_settings(environ={"CXO_MAX_EVIDENCE": "0"})["MAX_EVIDENCE"] == 0
