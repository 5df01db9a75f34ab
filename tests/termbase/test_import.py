"""Import: our own exports come back as the same concepts; a team's termbase gives new concepts,
new names and a report of conflicts; unreadable files are refused with a message."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from glossary_api import Glossary, load_glossary
from glossary_api.termbase import TermbaseFileError, plan_import, read_termbase

from .conftest import DATA

TEAM = DATA / "termbase"


def exported_fields(concept, *, with_links: bool = True):
    """Return what an export carries of a concept: everything but the classifier's signals, cues, cued names and generic flag.

    Names keep their status (abbreviations too: CFDA superseded) and their region (TBX
    geographicalUsage, the CSV and Excel Regions columns).
    """
    kept = dataclasses.replace(concept, signals={}, cues=(), cued=(), generic=False, file="")
    return kept if with_links else dataclasses.replace(kept, broader=(), related=(), sources=())


def import_into(folder: Path, path: Path, glossary: Glossary) -> tuple:
    plan = plan_import(read_termbase(path), glossary, path.name)
    folder.mkdir()
    (folder / "imported.yaml").write_text(plan.to_yaml(), encoding="utf-8")
    return plan, load_glossary(folder)


@pytest.mark.slow  # the whole glossary through each format and back: about a second a format
@pytest.mark.parametrize(("format", "with_links"), [("tbx", True), ("tbx-v2", True), ("csv", False), ("xlsx", False)])
def test_an_import_of_our_export_into_an_empty_glossary_reproduces_every_concept(tmp_path, exports, glossary, format, with_links):
    export = exports(format)
    path = tmp_path / export.filename
    path.write_bytes(export.content)
    plan, imported = import_into(tmp_path / "terms", path, Glossary([]))
    assert (plan.conflicts, plan.skipped) == ([], [])
    assert [c.id for c in imported] == [c.id for c in glossary]
    for original, copy in zip(glossary, imported):
        assert exported_fields(copy, with_links=with_links) == exported_fields(original, with_links=with_links)
    # CSV and Excel have no columns for sources: each in-domain concept is reported as lacking them.
    assert len(plan.gaps) == (0 if with_links else sum(not c.out_of_domain for c in glossary))


@pytest.mark.parametrize("format", ["tbx", "tbx-v2", "csv", "xlsx"])
def test_an_import_of_our_export_into_the_glossary_changes_nothing(tmp_path, exports, glossary, format):
    export = exports(format, "en", "zh-Hant")
    path = tmp_path / export.filename
    path.write_bytes(export.content)
    plan = plan_import(read_termbase(path), glossary, path.name)
    assert (plan.new, plan.extended, plan.conflicts, plan.gaps) == ([], {}, [], [])
    assert plan.to_yaml().endswith("concepts: []\n")


def test_a_team_csv_gives_a_new_concept_new_names_and_conflicts(glossary):
    plan = plan_import(read_termbase(TEAM / "team-glossary.csv"), glossary, "team-glossary.csv")
    assert [c.id for c in plan.new] == ["microbial-fermentation"]
    assert plan.new[0].languages["zh-Hant"].term == "微生物發酵"
    assert plan.additions == {"process-validation": ["zh-Hans admitted '过程验证'"]}
    assert plan.extended["process-validation"].languages["zh-Hans"].synonyms[-1] == "过程验证"
    assert plan.conflicts == [
        "team-glossary.csv: row 2: zh-Hant: the file prefers '合約研究機構', 'cro' prefers '受託研究機構'; the glossary's kept.",
        ("team-glossary.csv: row 3: names of different glossary concepts: 'contract manufacturing organization' of 'cmo', "
        "'合约研究组织' of 'cro'; not imported."),
    ]
    assert plan.skipped == ["team-glossary.csv: columns not read: Definition."]
    assert "team-glossary.csv: row 5: 'microbial-fermentation': no subject field; set its category (or give --category)." in plan.gaps


def test_a_team_tbx_from_another_tool_is_read_with_its_locales_and_groups(glossary):
    reading = read_termbase(TEAM / "team-glossary.tbx")
    plan = plan_import(reading, glossary, "team-glossary.tbx", category="manufacturing")
    assert [(c.id, c.category) for c in plan.new] == [("cell-culture-manufacturing", "manufacturing")]
    assert plan.new[0].languages["en"].definition.startswith("Growing living cells")
    assert plan.skipped == ["team-glossary.tbx: entry 1: language 'de-DE' is not en, zh-Hans or zh-Hant; left out."]
    assert len(plan.conflicts) == 1 and "entry 3: names of different glossary concepts" in plan.conflicts[0]
    assert plan.extended == {}  # entry 1's names are fill-finish's already; "admitted" is not a preference


def test_a_name_marked_deprecated_in_the_glossary_but_fine_in_the_file_is_a_conflict(tmp_path, glossary):
    path = tmp_path / "team.csv"
    path.write_text("en,zh-Hans\ncontract research organization,合同研究组织;合约研究组织\n", encoding="utf-8")
    plan = plan_import(read_termbase(path), glossary, path.name)
    assert plan.conflicts == ["team.csv: row 2: zh-Hans '合约研究组织' is admitted in the file, deprecated in 'cro'; the glossary's status kept."]
    assert plan.extended == {}


def test_a_new_concept_may_not_take_another_concepts_abbreviation_as_its_name(tmp_path, glossary):
    path = tmp_path / "team.csv"
    path.write_text("en,zh-Hans\nCMO,首席商品官\n", encoding="utf-8")
    plan = plan_import(read_termbase(path), glossary, path.name)
    assert plan.new == []
    assert plan.conflicts[0].startswith("team.csv: row 2: 'CMO' is an abbreviation of 'cmo', ")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("broken.tbx", "<martif><text><body>", "broken.tbx: not well-formed XML"),
        ("other.tbx", "<html/>", "other.tbx: not a TBX file: the root element is <html>"),
        ("flat.csv", "term,translation\nCRO,合同研究组织\n", "flat.csv: the first row names no language column"),
        ("notes.docx", "x", "notes.docx: import reads .tbx, .csv, .tsv and .xlsx files, not .docx."),
        ("table.xlsx", "not a zip", "table.xlsx: not an Excel workbook"),
    ],
)
def test_an_unreadable_file_is_refused_with_its_name_and_why(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TermbaseFileError, match=message.replace("(", r"\(").replace(".", r"\.")):
        read_termbase(path)
