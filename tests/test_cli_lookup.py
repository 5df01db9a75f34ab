"""`cxo lookup` for translators: status and region of every name, the name to use beside an avoided
one, notes and sources, wrapped to the terminal's width."""

from __future__ import annotations

import pytest

from glossary_api.cli import cli
from glossary_api.cli.entry_text import display_width, wrap


def lookup(runner, query: str, columns: int = 100) -> list[str]:
    result = runner.invoke(cli, ["lookup", query], env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_a_superseded_abbreviation_shows_the_one_to_use(runner):
    lines = lookup(runner, "CFDA")
    assert lines[0] == "nmpa  [regulatory]  matched: CFDA (en, abbreviation, superseded: use NMPA)"
    assert lines[1] == "  abbreviations: NMPA; CFDA (superseded: use NMPA); SFDA (superseded: use NMPA)"
    assert "           superseded: 国家食品药品监督管理总局, 国家食品药品监督管理局: use 国家药品监督管理局" in lines


def test_names_carry_their_region_and_the_entry_its_notes_and_sources(runner):
    lines = lookup(runner, "食藥署", columns=200)
    assert lines[0] == "tfda  [regulatory]  matched: 食藥署 (zh-Hant, variant, TW)"
    assert "  zh-Hant  衛生福利部食品藥物管理署 (TW) / 食品藥物管理署 (TW) / 衛福部食藥署 (TW) / 食藥署 (TW)" in lines
    assert "           superseded: 行政院衛生署食品藥物管理局 (TW), 食藥局 (TW): use 衛生福利部食品藥物管理署" in lines
    assert any(line.startswith("           note: TFDA is also used for the Thai Food and Drug") for line in lines)
    assert any(line.startswith("  source: ") and line.endswith(">") for line in lines)


def test_the_usage_note_that_matters_most_is_shown(runner):
    text = "\n".join(lookup(runner, "CMO", columns=400))
    assert "note: " in text and "委托生产企业" in text


def test_an_inflected_query_says_so(runner):
    assert lookup(runner, "CROs")[0] == "cro  [organization]  matched: CRO (en, abbreviation) (English inflection ignored)"


def test_an_out_of_domain_sense_is_said_once(runner):
    assert "chief-marketing-officer  [out-of-domain]  matched: CMO (en, abbreviation)" in lookup(runner, "CMO", columns=400)


@pytest.mark.parametrize("columns", [40, 60, 100])
def test_every_line_fits_the_terminal(runner, columns):
    lines = lookup(runner, "CRO", columns)
    too_wide = [line for line in lines if display_width(line) > columns and " " in line.strip()]
    assert too_wide == []
    assert len(lines) > 20


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("alpha beta gamma", 11, ["alpha beta", "   gamma"]),
        ("合同研究组织", 7, ["合同研", "   究组", "   织"]),  # two columns a character
        ("研究，组织", 7, ["研究，", "   组织"]),  # no comma at the start of a line
        ("研（组织）", 5, ["研", "   （组", "   织）"]),  # no opening bracket at the end of one
    ],
)
def test_wrap_fills_by_display_width(text, width, lines):
    assert wrap(text, width, indent=3) == lines
