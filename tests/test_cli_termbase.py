"""`cxo export`, `cxo import` and `cxo check` on the real glossary."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
import yaml

from glossary_api import load_glossary
from glossary_api.cli import cli
from glossary_api.config import DEFAULT_TERMS_DIR

TEAM = Path(__file__).parent / "data" / "termbase"


def test_export_writes_the_file_given(runner, tmp_path):
    output = tmp_path / "cxo.xlsx"
    result = runner.invoke(cli, ["export", "--format", "xlsx", "--target", "zh-Hant", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.stderr
    header = next(openpyxl.load_workbook(output)["Termbase"].iter_rows(values_only=True))
    assert header[5:7] == ("en", "en_Synonyms")


def test_export_without_a_format_is_one_line_listing_the_formats(runner):
    result = runner.invoke(cli, ["export"])
    message = "Error: cxo export: Missing option '--format' / '-f'. Choose from: tbx, tbx-v2, csv, tsv, xlsx (cxo export --help)\n"
    assert (result.exit_code, result.stderr) == (2, message)


def test_a_binary_export_to_a_terminal_is_refused_naming_a_file_to_give(runner, monkeypatch):
    import glossary_api.cli.termbase as termbase_cli

    terminal = type("Terminal", (), {"isatty": staticmethod(lambda: True)})
    monkeypatch.setattr(termbase_cli, "sys", type("Sys", (), {"stdout": terminal}))
    result = runner.invoke(cli, ["export", "-f", "xlsx"])
    message = "Error: cxo export: xlsx is a binary file; give --output FILE (e.g. --output cxo-termbase_en_zh-Hans_zh-Hant.xlsx). (cxo export --help)\n"
    assert (result.exit_code, result.stderr, result.stdout) == (2, message, "")


def test_export_to_a_folder_that_does_not_exist_says_so_in_one_line(runner, tmp_path):
    output = tmp_path / "missing" / "cxo.tbx"
    result = runner.invoke(cli, ["export", "-f", "tbx", "-o", str(output)])
    assert (result.exit_code, result.stderr) == (1, f"Error: --output: cannot write {output}: No such file or directory.\n")


def test_export_keeps_an_existing_file_unless_forced(runner, tmp_path):
    output = tmp_path / "cxo.tbx"
    output.write_text("a translator's edited termbase", encoding="utf-8")
    result = runner.invoke(cli, ["export", "-f", "tbx", "-o", str(output)])
    assert (result.exit_code, result.stderr) == (1, f"Error: --output: {output} exists; give --force to overwrite it.\n")
    assert output.read_text(encoding="utf-8") == "a translator's edited termbase"
    result = runner.invoke(cli, ["export", "-f", "tbx", "-o", str(output), "--force"])
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8").startswith("<?xml")


def test_export_to_a_device_is_no_overwrite(runner):
    result = runner.invoke(cli, ["export", "-f", "tsv", "-o", "/dev/null"])  # nor is a named pipe: only a regular file is kept
    assert result.exit_code == 0, result.output


def test_export_prints_a_text_format(runner):
    result = runner.invoke(cli, ["export", "-f", "tsv", "--source", "zh-Hans", "--target", "en"])
    assert result.exit_code == 0
    assert result.stdout.startswith("首付款\tupfront payment\t")


def test_export_refuses_an_unknown_format_in_one_line(runner):
    result = runner.invoke(cli, ["export", "-f", "pdf"])
    assert (result.exit_code, result.stderr) == (
        2, "Error: cxo export: Invalid value for '--format' / '-f': 'pdf' is not one of 'tbx', 'tbx-v2', 'csv', 'tsv', 'xlsx'. (cxo export --help)\n"
    )


def test_import_prints_the_plan_and_reports_on_stderr(runner):
    result = runner.invoke(cli, ["import", str(TEAM / "team-glossary.csv"), "--category", "manufacturing"])
    assert result.exit_code == 0, result.output
    plan = yaml.safe_load(result.stdout)
    assert [c["id"] for c in plan["concepts"]] == ["microbial-fermentation", "process-validation"]
    assert plan["concepts"][0]["category"] == "manufacturing"
    assert "Conflict: team-glossary.csv: row 3: names of different glossary concepts" in result.stderr
    assert result.stderr.strip().endswith("1 parts not read.")


def test_import_writes_output_once_and_never_into_terms(runner, tmp_path):
    output = tmp_path / "imported.yaml"
    assert runner.invoke(cli, ["import", str(TEAM / "team-glossary.tbx"), "-o", str(output)]).exit_code == 0
    assert output.read_text(encoding="utf-8").startswith("# Import of team-glossary.tbx into the CXO glossary.")
    again = runner.invoke(cli, ["import", str(TEAM / "team-glossary.tbx"), "-o", str(output)])
    assert (again.exit_code, again.stderr) == (1, f"Error: --output: {output} exists; give --force to overwrite it.\n")
    into_terms = runner.invoke(cli, ["import", str(TEAM / "team-glossary.tbx"), "-o", str(DEFAULT_TERMS_DIR / "imported.yaml")])
    assert into_terms.exit_code == 2  # a command line asking for what cxo will not do
    assert into_terms.stderr.startswith("Error: cxo import: --output: ")
    assert into_terms.stderr.endswith("is in the glossary folder; write the import elsewhere and review it first. (cxo import --help)\n")
    assert not (DEFAULT_TERMS_DIR / "imported.yaml").exists()


def test_import_of_an_unreadable_file_is_one_line(runner, tmp_path):
    path = tmp_path / "flat.csv"
    path.write_text("term,translation\nCRO,合同研究组织\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"Error: {path}: the first row names no language column")


def test_check_passes_the_glossary_with_its_warning(runner):
    result = runner.invoke(cli, ["check"])
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1 and "warning: 'CDE' also abbreviates 'taiwan-cde'" in result.stdout
    assert result.stderr == f"{len(load_glossary(DEFAULT_TERMS_DIR))} concepts: 0 errors, 1 warning.\n"


@pytest.fixture()
def terms_copy(tmp_path) -> Path:
    return shutil.copytree(DEFAULT_TERMS_DIR, tmp_path / "terms")


def test_check_fails_on_an_error_and_names_it(runner, terms_copy):
    path = terms_copy / "organizations.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("term: 受託研究機構", "term: 受托研究机构"), encoding="utf-8")
    result = runner.invoke(cli, ["check", str(terms_copy)])
    assert result.exit_code == 1
    assert "organizations.yaml: concept 'cro': error: zh-Hant: '受托研究机构' is not all traditional script: 机构. [script]" in result.stdout
    assert result.stderr == f"{len(load_glossary(DEFAULT_TERMS_DIR))} concepts: 1 error, 1 warning.\n"


def test_check_reports_an_unknown_related_id_in_one_line(runner, terms_copy):
    path = terms_copy / "organizations.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("broader: [cxo]", "broader: [cxo-sector]", 1), encoding="utf-8")
    result = runner.invoke(cli, ["check", str(terms_copy)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "broader: no concept has the id 'cxo-sector'." in result.stderr


def test_import_of_the_omegat_export_says_it_is_not_read_back(runner, tmp_path):
    path = tmp_path / "glossary.utf8"
    path.write_text(runner.invoke(cli, ["export", "-f", "tsv", "--source", "en", "--target", "zh-Hans"]).stdout, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(path)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert result.stderr == (
        f"Error: {path}: the first row names no language column (en, zh-Hans, zh-Hant, or a locale such as en-US, zh-CN, zh-TW); "
        "a termbase table starts with a header row. An OmegaT glossary (source, target and comment, no header row) holds pairs "
        "of names, not concepts, and is not imported: import a TBX, CSV or Excel termbase (cxo export writes all three).\n"
    )
