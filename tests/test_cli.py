import json

import pytest

from glossary_api.cli import cli
from glossary_api.evaluation import read_labelled


def test_lookup_prints_every_sense(runner):
    result = runner.invoke(cli, ["lookup", "CMO"])
    assert result.exit_code == 0, result.output
    blocks = result.output.split("\n\n")
    assert blocks[0].startswith("cmo  [organization]  matched: CMO (en, abbreviation)")
    assert "合同生产组织" in blocks[0]
    assert any(block.startswith("chief-marketing-officer") for block in blocks[1:])


def test_lookup_json_is_the_api_shape(runner, client):
    result = runner.invoke(cli, ["lookup", "--json", "委託製造"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == client.get("/v1/lookup", query_string={"q": "委託製造"}).get_json()


def test_lookup_of_an_unknown_term_fails_with_one_line(runner):
    result = runner.invoke(cli, ["lookup", "zzzz"])
    assert result.exit_code == 1
    assert result.output == "Error: No concept is called 'zzzz'; try `cxo search 'zzzz'` for near matches.\n"


def test_lookup_json_of_an_unknown_term_prints_no_matches_and_fails_as_the_text_does(runner):
    result = runner.invoke(cli, ["lookup", "--json", "zzzz"])
    assert (result.exit_code, json.loads(result.stdout)) == (1, {"query": "zzzz", "matches": []})
    assert result.stderr.startswith("Error: No concept is called 'zzzz'")


@pytest.mark.parametrize(("command", "name"), [("lookup", "TERM"), ("search", "QUERY")])
@pytest.mark.parametrize("blank", ["", "  "])
def test_an_empty_query_is_a_usage_error(runner, command, name, blank):
    result = runner.invoke(cli, [command, blank])
    assert result.exit_code == 2
    assert result.output == f"Error: cxo {command}: Invalid value for {name}: it is empty; give a name, an abbreviation or words to look for. (cxo {command} --help)\n"


def test_search_lists_ranked_names(runner):
    result = runner.invoke(cli, ["search", "pharmacovigilence"])
    assert result.exit_code == 0, result.output
    assert "pharmacovigilance" in result.output.splitlines()[0]


def test_a_broken_terms_folder_is_a_one_line_error_from_python_m(tmp_path):
    # The one test through a real interpreter: `python -m glossary_api` and its exit status, not only CliRunner's.
    import subprocess
    import sys

    (tmp_path / "bad.yaml").write_text("concepts: []\n", encoding="utf-8")
    env = {"CXO_TERMS_DIR": str(tmp_path), "PATH": ""}
    done = subprocess.run([sys.executable, "-m", "glossary_api", "lookup", "CRO"], capture_output=True, text=True, env=env)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"Error: {tmp_path / 'bad.yaml'}: concepts: Shorter than minimum length 1. (a terms file is a mapping with a 'concepts' list).\n"


def test_lookup_shows_the_preferred_term_beside_a_deprecated_one(runner):
    result = runner.invoke(cli, ["lookup", "合约研究组织"])
    assert result.exit_code == 0, result.output
    assert "matched: 合约研究组织 (zh-Hans, variant, deprecated: use 合同研究组织)" in result.output.splitlines()[0]


def test_classify_reads_standard_input_when_no_text_is_given(runner):
    result = runner.invoke(cli, ["classify"], input="我们提供原料药的GMP代工生产,不承担工艺开发\n")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == ["CMO", lines[1], "evidence, strongest for CMO first:"]
    shown = dict(zip(*[iter(lines[1].removeprefix("confidence: ").split())] * 2))
    assert list(shown) == ["CRO", "CMO", "CDMO", "CSO", "NONE"]
    assert float(shown["CMO"]) >= 0.9 and all(len(value) == 4 for value in shown.values())  # two decimals each
    assert any("[19:23] '工艺开发' not:" in line and line.endswith("(negated)") for line in lines)


def test_classify_refuses_standard_input_that_is_not_utf8(runner):
    result = runner.invoke(cli, ["classify"], input="合同研究组织".encode("gb18030"))
    assert result.exit_code == 1
    assert result.output == "Error: standard input is not UTF-8 text (byte 0); convert it first, e.g. iconv -f GB18030 -t UTF-8.\n"


def test_classify_reads_utf8_standard_input_with_a_byte_order_mark(runner):
    result = runner.invoke(cli, ["classify"], input="\ufeff合同研究组织，提供临床试验服务".encode())
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "CRO"


def test_classify_json_is_the_api_shape(runner, client):
    text = "Our CMO leads brand marketing across Asia"
    result = runner.invoke(cli, ["classify", "--json", text])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == client.post("/v1/classify", json={"text": text}).get_json()


@pytest.mark.parametrize(("args", "stdin", "name"), [(["   "], None, "TEXT"), ([""], None, "TEXT"), (["\u200b"], None, "TEXT"), ([], " \n", "standard input")])
def test_classify_of_blank_text_is_a_usage_error_as_lookups_is(runner, args, stdin, name):
    result = runner.invoke(cli, ["classify", *args], input=stdin)
    message = f"Error: cxo classify: Invalid value for {name}: it is empty; give a service description to classify. (cxo classify --help)\n"
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_a_ctrl_c_is_interrupted_and_130_not_issues_found(runner, monkeypatch):
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("glossary_api.cli.translation.read_bilingual", interrupted)
    result = runner.invoke(cli, ["check-translation", __file__, "--input-format", "csv"])
    assert (result.exit_code, result.stderr) == (130, "Interrupted.\n")  # click's own: "Aborted!" and 1, check-translation's "issues found"


def test_a_ctrl_c_while_the_command_starts_is_interrupted_and_130_not_a_traceback():
    """The console script imports the CLI inside its own handler: a Ctrl-C while click and the core load (here, as click is imported)."""
    import subprocess
    import sys

    probe = (
        "import builtins\n"
        "real = builtins.__import__\n"
        "def ctrl_c(name, *args, **kwargs):\n"
        "    if name == 'click':\n"
        "        raise KeyboardInterrupt\n"
        "    return real(name, *args, **kwargs)\n"
        "builtins.__import__ = ctrl_c\n"
        "from glossary_api.console import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe, "tag", "--help"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "Interrupted.\n")


def test_importing_the_package_imports_none_of_its_modules_until_a_name_is_used():
    """So the console script's handler is there within milliseconds; the names still import on first use."""
    import subprocess
    import sys

    probe = (
        "import sys, glossary_api\n"
        "print(sorted(m for m in sys.modules if m.startswith('glossary_api.')))\n"
        "from glossary_api import Classifier, __version__, load_terms\n"
        "print(Classifier.__module__, load_terms.__module__, bool(__version__), 'load_core' in dir(glossary_api))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.splitlines() == ["[]", "glossary_api.classifier glossary_api.terms_format True True"]


def test_a_reader_that_goes_away_ends_the_command_quietly_with_141(runner, monkeypatch):
    def gone(*_args, **_kwargs):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("glossary_api.cli.glossary._describe_decision", gone)  # as writing to `| head -1` after it left
    result = runner.invoke(cli, ["classify", "CRO services"])
    assert (result.exit_code, result.stderr) == (141, "")  # it was "Error: [Errno 32] Broken pipe" and 1


def test_classify_says_why_a_hit_did_not_count(runner):
    result = runner.invoke(cli, ["classify", "Contract manufacturing of injection-moulded plastic parts"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "NONE"
    assert "[0:22] 'Contract manufacturing' offtopic:concept:contract-manufacturing" in result.output
    assert "(whole text) ctx:not-about-medicines" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tag", "-o", "rows.csv"], "cxo tag: Missing option '--text-column' / '-t'. (cxo tag --help)"),
        (["search", "CRO", "--lang", "fr"], "cxo search: Invalid value for '--lang': 'fr' is not one of 'en', 'zh-Hans', 'zh-Hant'. (cxo search --help)"),
        (["lookup"], "cxo lookup: Missing argument 'TERM'. (cxo lookup --help)"),
        (["classfy", "CRO"], "cxo: No such command 'classfy'. Did you mean 'classify'? (cxo --help)"),
        (["--verbose", "lookup", "CRO"], "cxo: No such option '--verbose'. Did you mean '--version'? (cxo --help)"),
    ],
)
def test_a_usage_error_is_one_line_naming_the_command_and_exits_2(runner, args, message):
    result = runner.invoke(cli, args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"Error: {message}\n")


LONG_CDMO = (
    "Our site in Ireland offers process development, analytical method development and validation, formulation development, scale-up, "
    "tech transfer, and cGMP manufacturing of drug substance and drug product, with fill-finish, packaging, stability studies and "
    "regulatory CMC support for clinical and commercial supply to biotech and pharma clients worldwide."
)


@pytest.mark.parametrize(
    ("env", "last_line"),
    [
        # 58 pieces of evidence, 12 printed; --json lists CXO_MAX_EVIDENCE of them (20 by default)
        ({}, "  ... and 46 more (cxo classify --json lists the next 8 with their weights for every label; raise CXO_MAX_EVIDENCE for the rest)"),
        ({"CXO_MAX_EVIDENCE": "100"}, "  ... and 46 more (cxo classify --json lists them with their weights for every label)"),
        ({"CXO_MAX_EVIDENCE": "5"}, "  ... and 53 more (raise CXO_MAX_EVIDENCE, and cxo classify --json lists them with their weights for every label)"),
    ],
)
def test_classify_says_where_the_evidence_it_leaves_out_is(runner, env, last_line):
    result = runner.invoke(cli, ["classify", LONG_CDMO], env=env)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "CDMO"
    assert result.output.splitlines()[-1] == last_line


def test_eval_of_a_file_that_is_not_utf8_is_a_one_line_error(runner, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_bytes('{"text": "临床试验", "label": "CRO"}\n'.encode("gb18030"))
    result = runner.invoke(cli, ["eval", str(path)])
    assert (result.exit_code, result.stderr) == (1, f"Error: {path}: not UTF-8 text (byte 10).\n")


def test_eval_names_the_line_of_an_empty_text(runner, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "GMP生产", "label": "CMO"}\n{"text": " ", "label": "NONE"}\n', encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(path)])
    assert (result.exit_code, result.stderr) == (1, f"Error: {path}, line 2: 'text' must be a non-empty string.\n")



def test_eval_of_a_missing_file_says_where_the_labelled_sets_are(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # not the root of a clone
    result = runner.invoke(cli, ["eval", "tests/data/dev"])
    assert (result.exit_code, result.stderr) == (
        2,
        ("Error: cxo eval: tests/data/dev: no such file or folder. The labelled sets are in the repository's tests/data/, not in the "
        "installed package: run cxo eval from the root of a clone, or give the file's full path. (cxo eval --help)\n"),
    )


def test_eval_reads_a_folder_as_one_set_of_its_files_in_name_order(runner, tmp_path):
    corpus = tmp_path / "dev"
    corpus.mkdir()
    (corpus / "r02.jsonl").write_text('{"id": "b", "text": "今天天气很好", "label": "NONE", "lang": "zh-Hans"}\n', encoding="utf-8")
    (corpus / "r01.jsonl").write_text('{"id": "a", "text": "Phase I-III clinical trial management for sponsors", "label": "CRO", "lang": "en"}\n', encoding="utf-8")
    (corpus / "notes.md").write_text("not a labelled set", encoding="utf-8")
    assert [item.id for item in read_labelled(corpus)] == ["a", "b"]
    result = runner.invoke(cli, ["eval", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "all                 2     1.000     1.000" in result.output.splitlines()


def test_eval_of_a_folder_without_labelled_files_is_a_one_line_error(runner, tmp_path):
    result = runner.invoke(cli, ["eval", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (1, f"Error: {tmp_path}: a folder with no .jsonl files.\n")


def test_eval_of_an_empty_file_is_a_one_line_error(runner, tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n", encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(path)])
    assert (result.exit_code, result.stderr) == (1, f"Error: {path}: no labelled items (a JSON object per line: id, text, label).\n")


def test_eval_reports_each_file_with_its_slices(runner, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text('{"text": "Phase I-III clinical trial management for sponsors", "label": "CRO", "lang": "en"}\n', encoding="utf-8")
    second.write_text('{"text": "今天天气很好", "label": "NONE", "lang": "zh-Hans", "trap": true}\n', encoding="utf-8")
    result = runner.invoke(cli, ["eval", str(first), str(second)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line for line in lines if line.startswith("==")] == [f"== {first}", f"== {second}"]
    assert "lang en             1     1.000     1.000" in lines
    assert "traps               1     1.000     1.000" in lines


def test_a_label_taken_from_the_named_category_says_so_and_names_the_weights_strongest():
    from glossary_api.classifier import Decision
    from glossary_api.cli.glossary import _describe_decision

    confidence = {"CRO": 0.01, "CMO": 0.80, "CDMO": 0.15, "CSO": 0.01, "NONE": 0.03}
    named = Decision("CDMO", ("CDMO",), confidence, dict.fromkeys(confidence, 0.0), (), 0, "CDMO")
    assert _describe_decision(named).splitlines()[0] == "CDMO  (the category the text names; the weights' strongest is CMO)"
    weighed = Decision("CMO", ("CMO",), confidence, dict.fromkeys(confidence, 0.0), (), 0, "CMO")
    assert _describe_decision(weighed).splitlines()[0] == "CMO"
    both = Decision("CRO", ("CRO", "CMO"), confidence, dict.fromkeys(confidence, 0.0), (), 0, "CRO")
    assert _describe_decision(both).splitlines()[0] == "CRO  (also: CMO)  (the category the text names; the weights' strongest is CMO)"
    none = Decision("NONE", (), {**confidence, "NONE": 0.9}, dict.fromkeys(confidence, 0.0), (), 0, "CDMO")
    assert _describe_decision(none).splitlines()[0] == "NONE"
    news = Decision("CDMO", ("CDMO",), {**confidence, "NONE": 0.9}, dict.fromkeys(confidence, 0.0), (), 0, "CDMO", True)
    assert _describe_decision(news).splitlines()[0] == "CDMO  (the text opens as a CDMO's news; the weights' strongest is NONE)"


def test_a_text_outside_pharma_says_so_and_that_the_confidences_are_the_weights():
    from glossary_api.classifier import Decision
    from glossary_api.cli.glossary import _describe_decision

    leaning = {"CRO": 0.81, "CMO": 0.05, "CDMO": 0.02, "CSO": 0.04, "NONE": 0.08}
    outside = Decision("NONE", (), leaning, dict.fromkeys(leaning, 0.0), (), 0, outside_pharma=True)
    assert _describe_decision(outside).splitlines()[:2] == [
        "NONE  (no sign of medicines in the text, so outside the sector; the confidences are the weights' own reading)",
        "confidence: CRO 0.81  CMO 0.05  CDMO 0.02  CSO 0.04  NONE 0.08",
    ]
    weighed = Decision("NONE", (), leaning, dict.fromkeys(leaning, 0.0), (), 0)
    assert _describe_decision(weighed).splitlines()[0] == "NONE"
