"""`cxo check-translation` over each bilingual file format: the planted issues, none in a clean file,
the report as a table, CSV or JSON, and the exit status."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys

import pytest
from bilingual_fixtures import FORMATS, fixture, planted_issues
from click.testing import CliRunner

from glossary_api.cli import cli
from glossary_api.cli.lazy_core import LazyCore
from glossary_api.config import DEFAULT_TERMS_DIR

# The TSV fixture has no header row: its languages are given as options.
LANGUAGE_OPTIONS = {"tsv": ["--source-lang", "en", "--target-lang", "zh-Hant-TW"]}
SEGMENT = {"csv": "row {}", "tsv": "row {}", "tmx": "unit {0} (tuid s{0})"}  # XLIFF: "unit s{}"


@pytest.fixture()
def runner(runner, classifier):
    """The CLI runner, over the session's core: the command builds no classifier of its own."""
    core = LazyCore()
    core.__dict__["classifier"] = classifier  # what the cached property would hold
    original = runner.invoke
    runner.invoke = lambda *args, **kwargs: original(*args, obj=core, **kwargs)
    return runner


def run(runner, format: str, kind: str, *options: str):
    return runner.invoke(cli, ["check-translation", str(fixture(kind, format)), *LANGUAGE_OPTIONS.get(format, []), *options])


def segment(format: str, number: int) -> str:
    return SEGMENT.get(format, "unit s{}").format(number + (format == "csv"))


@pytest.mark.parametrize("format", list(FORMATS))
def test_every_planted_issue_is_reported_and_the_exit_status_is_1(runner, format):
    result = run(runner, format, "planted", "--format", "csv")
    assert result.exit_code == 1, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["segment", "rule", "concept_id", "source_term", "target_term", "suggestions", "message"]
    assert [tuple(row[:5]) for row in rows[1:]] == [(segment(format, n), rule, c, s, t) for n, rule, c, s, t in planted_issues()]
    name = fixture("planted", format).name
    assert result.stderr == f"{name}: 6 segments checked, 5 issues (missing 1, avoided 1, wrong-region 2, ambiguous-abbreviation 1).\n"


@pytest.mark.parametrize("format", list(FORMATS))
def test_a_clean_translation_has_no_issue_and_exits_0(runner, format):
    result = run(runner, format, "clean")
    assert (result.exit_code, result.stdout) == (0, "No issues.\n")
    assert result.stderr == f"{fixture('clean', format).name}: 6 segments checked, 0 issues.\n"


def test_the_table_names_segment_and_rule_and_wraps_the_message(runner):
    result = runner.invoke(cli, ["check-translation", str(fixture("planted", "xliff-1.2"))], env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert lines[0] == "segment  rule                    message"
    assert lines[1].startswith("unit s1  wrong-region            '合同研究組織' is a mainland Chinese name")
    assert lines[2].startswith(" " * 33)


def test_json_is_the_batch_results_of_the_api(runner, client):
    result = run(runner, "tmx", "planted", "--format", "json")
    report = json.loads(result.stdout)
    assert (report["source_lang"], report["target_lang"], report["untranslated"]) == ("en-US", "zh-Hant-TW", 0)
    from glossary_api.bilingual import read_bilingual

    segments = read_bilingual(fixture("planted", "tmx")).segments
    items = [{"id": s.where, "source": s.source, "target": s.target} for s in segments]
    api = client.post("/v1/check/batch", json={"items": items, "source_lang": "en-US", "target_lang": "zh-TW"}).get_json()
    assert report["results"] == api["results"]


def test_the_target_language_option_overrides_the_file(runner):
    # As Hong Kong Chinese, the Hong Kong name of the FDA is right, and Taiwan's 簽約金-style names would not be.
    result = run(runner, "csv", "planted", "--target-lang", "zh-Hant-HK", "--format", "csv")
    rules = [(row[0], row[1]) for row in csv.reader(io.StringIO(result.stdout))][1:]
    assert ("row 6", "wrong-region") not in rules
    assert ("row 2", "wrong-region") in rules


def test_untranslated_segments_are_left_out_and_counted(runner, tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text("en,zh-Hans\nOur CRO runs clinical trials.,我们的CRO开展临床试验。\nGMP production,\n", encoding="utf-8")
    result = runner.invoke(cli, ["check-translation", str(path)])
    assert (result.exit_code, result.stdout) == (0, "No issues.\n")
    assert result.stderr == "pairs.csv: 1 segments checked, 0 issues; 1 untranslated left out.\n"


@pytest.mark.parametrize(
    ("name", "text", "options", "message"),
    [
        ("pairs.tsv", "CRO\tCRO\n", [], "Error: the file does not name its languages; give --source-lang.\n"),
        ("pairs.csv", "en,zh-Hans\nCRO,CRO\n", ["--target-lang", "zh"], "Error: --target-lang: 'zh' is not a language of the glossary"),
        ("pairs.csv", "en,zh-Hans\nCRO\n", [], "Error: {path}: row 2: one column; a bilingual table has the source in the first column"),
        # a table of something else: without a first row naming the languages, a third column is not a note
        ("vendors.csv", "id,name,description\n1,Acme,CRO services\n", ["--source-lang", "en", "--target-lang", "zh-Hans"],
         "Error: {path}: row 1: 3 columns; a bilingual table has two, the source and the translation (more only after a first row"),
        ("pairs.docx", "x", [], "Error: {path}: cannot tell the format from .docx; give one of csv, tsv, xliff, tmx.\n"),
        ("pairs.xlf", "<xliff", [], "Error: {path}: not well-formed XML"),
        ("pairs.tmx", "<html/>", [], "Error: {path}: not a TMX file: the root element is <html>.\n"),
        # a quote left open would take the rows after it into one cell: the line it opens on is named
        ("pairs.csv", 'en,zh-Hans\nThe CRO,"unterminated\nThe CMO,合同生产组织\nGMP,药品生产质量管理规范\n', [],
         "Error: {path}: line 2: bad quoting: unexpected end of data; a cell that starts with a quote must end with one"),
        ("pairs.tsv", 'en\tzh-Hans\nThe CRO\t"unterminated\nThe CMO\t合同生产组织\n', [], "Error: {path}: line 2: bad quoting: unexpected end of data;"),
        # the record after a cell of two lines starts on line 4
        ("pairs.csv", 'en,zh-Hans\n"CRO\nCMO",x\nGMP,"GMP"x\n', [], "Error: {path}: line 4: bad quoting: ',' expected after '\"';"),
        ("pairs.csv", "en,zh-Hans\n\n", [], "Error: {path}: no segments to check: the file has only the header row.\n"),
        ("pairs.csv", "", [], "Error: {path}: no segments to check: the file has no rows.\n"),
        ("pairs.tsv", "", ["--source-lang", "en", "--target-lang", "zh-Hans"], "Error: {path}: no segments to check: the file has no rows.\n"),
        ("pairs.xlf", "", [], "Error: {path}: no segments to check: the file is empty.\n"),
        ("pairs.xlf", '<xliff version="1.2"><file source-language="en" target-language="zh-CN" original="x" datatype="plaintext"><body/></file></xliff>',
         [], "Error: {path}: no segments to check: the file has no translatable units.\n"),
        ("pairs.tmx", '<tmx version="1.4"><header srclang="en"/><body/></tmx>', [], "Error: {path}: no segments to check: the file has no translation units (<tu>).\n"),
    ],
)
def test_a_file_that_cannot_be_checked_is_a_one_line_error(runner, tmp_path, name, text, options, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["check-translation", str(path), *options])
    assert result.exit_code == 2  # 1 says the check found issues
    assert result.stderr.startswith(message.format(path=path)) and result.stderr.count("\n") == 1


def test_without_the_translators_extra_xliff_is_a_one_line_message_naming_it(runner, monkeypatch):
    monkeypatch.setitem(sys.modules, "translate", None)
    result = run(runner, "xliff-1.2", "planted")
    message = "Error: cxo check-translation needs the translators extra for XLIFF and TMX files: pip install 'cxo-glossary[translators]'\n"
    assert (result.exit_code, result.stderr) == (2, message)


def test_columns_after_the_two_named_languages_are_notes_and_left_alone(runner, tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text("en,zh-Hans,note\nOur CRO runs clinical trials.,我们的CRO开展临床试验。,checked\n", encoding="utf-8")
    result = runner.invoke(cli, ["check-translation", str(path)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "No issues.\n", "pairs.csv: 1 segments checked, 0 issues.\n")


def test_a_tmx_segment_is_named_by_its_place_in_the_file_not_its_text(runner, tmp_path):
    path = tmp_path / "memory.tmx"
    units = [("", "Our CRO runs clinical trials.", ""), ("", "GMP production", "GMP生产"), (' tuid="b7"', "cGMP", "cGMP")]
    body = "".join(f'<tu{tuid}><tuv xml:lang="en"><seg>{s}</seg></tuv><tuv xml:lang="zh-CN"><seg>{t}</seg></tuv></tu>' for tuid, s, t in units)
    path.write_text(f'<tmx version="1.4"><header srclang="en"/><body>{body}</body></tmx>', encoding="utf-8")
    report = json.loads(runner.invoke(cli, ["check-translation", str(path), "--format", "json"]).stdout)
    assert [result["id"] for result in report["results"]] == ["unit 2", "unit 3 (tuid b7)"]
    assert report["untranslated"] == 1


THREE_LANGUAGES = (  # tuid, then (xml:lang, text) in the file's order
    ("a", ("en", "Our CRO runs clinical trials."), ("zh-CN", "我们的合同研究组织开展临床试验。"), ("zh-TW", "我們的受託研究機構執行臨床試驗。")),
    ("b", ("en", "The tablets are made under GMP."), ("zh-CN", "片剂按GMP生产。")),
    ("c", ("zh-TW", "我們的受託研究機構。"), ("en-US", "Our CRO.")),  # the translation first; en-US is the source's variant
)


def three_languages(tmp_path):
    body = "".join(
        f'<tu tuid="{tuid}">' + "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in variants) + "</tu>"
        for tuid, *variants in THREE_LANGUAGES
    )
    path = tmp_path / "three.tmx"
    path.write_text(f'<tmx version="1.4"><header srclang="en"/><body>{body}</body></tmx>', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("target_lang", "checked", "untranslated"),
    [
        ("zh-TW", ["unit 1 (tuid a)", "unit 3 (tuid c)"], 1),  # each unit's zh-TW variant, wherever it stands
        ("zh-Hant", ["unit 1 (tuid a)", "unit 3 (tuid c)"], 1),  # the one Traditional variant
        ("zh-Hant-TW", ["unit 1 (tuid a)", "unit 3 (tuid c)"], 1),
        ("zh-CN", ["unit 1 (tuid a)", "unit 2 (tuid b)"], 1),
    ],
)
def test_a_tmx_file_of_several_translations_is_checked_in_the_one_asked_for(runner, tmp_path, target_lang, checked, untranslated):
    result = runner.invoke(cli, ["check-translation", str(three_languages(tmp_path)), "--target-lang", target_lang, "--format", "json"])
    report = json.loads(result.stdout)
    assert [r["id"] for r in report["results"]] == checked and report["untranslated"] == untranslated
    wrong_script = [i for r in report["results"] for i in r["issues"] if i["rule"] == "wrong-region"]
    assert wrong_script == []  # as it was, zh-TW was given the zh-CN text and every Chinese name was "mainland"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ([], "the TMX file has translations into zh-CN, zh-TW; give the target language (--target-lang) to say which to check."),
        (["--target-lang", "zh-HK"], "the TMX file has no variant in zh-HK, only zh-CN, zh-TW; give the target language as one of them."),
    ],
)
def test_a_tmx_file_of_several_translations_needs_one_that_it_has(runner, tmp_path, options, message):
    path = three_languages(tmp_path)
    result = runner.invoke(cli, ["check-translation", str(path), *options])
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: {message}\n")


def test_the_help_says_the_language_options_override_the_file(runner):
    help_text = " ".join(runner.invoke(cli, ["check-translation", "--help"]).stdout.split())
    assert "--source-lang TAG Language of the source, over what the file says" in help_text
    assert "when the file does not say" not in help_text


def test_a_glossary_that_cannot_be_read_is_an_error_not_issues_found(tmp_path):
    terms = tmp_path / "terms"
    shutil.copytree(DEFAULT_TERMS_DIR, terms)
    (terms / "clinical.yaml").write_text("- {broken\n", encoding="utf-8")
    path = tmp_path / "pairs.csv"
    path.write_text("en,zh-Hans\nOur CRO runs clinical trials.,我们的CRO开展临床试验。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check-translation", str(path)], env={"CXO_TERMS_DIR": str(terms)})
    assert result.exit_code == 2  # 1 would say the translation has issues
    assert result.stderr.startswith(f"Error: {terms / 'clinical.yaml'}: line ") and result.stderr.count("\n") == 1
