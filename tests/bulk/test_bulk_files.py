"""`cxo tag` on files: every format, rows and columns kept, labels as the API gives them, bad input refused."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from glossary_api.bulk import ClassifierSpec, FileJob, Tag, row_text, tag_file

from .tables import ADDED, expected_label, read_rows, write_rows

FORMATS = ["csv", "tsv", "jsonl", "xlsx", "parquet"]


def test_a_csv_comes_back_with_the_tag_columns_and_api_labels(cxo_tag, tmp_path, vendors, client, classifier):
    source = write_rows(tmp_path / "vendors.csv", vendors)
    result = cxo_tag(source, "--text-column", "description", "--output", tmp_path / "tagged.csv", "--jobs", 1)
    assert result.exit_code == 0, result.output
    columns, rows = read_rows(tmp_path / "tagged.csv")
    assert columns == [*vendors[0], *ADDED]
    assert [{c: row[c] for c in vendors[0]} for row in rows] == vendors  # same rows, same order, untouched
    texts = [row["description"] for row in vendors if row["description"]]
    api = client.post("/v1/classify/batch", json={"items": [{"text": t} for t in texts]}).get_json()["results"]
    assert [row["cxo_label"] for row in rows if row["description"]] == [item["label"] for item in api]
    first = client.post("/v1/classify", json={"text": vendors[0]["description"]}).get_json()
    assert rows[0]["cxo_labels"] == ";".join(first["labels"])
    assert json.loads(rows[0]["cxo_confidence"]) == first["confidence"]
    assert rows[0]["cxo_evidence"].split(";") == list(Tag.of(classifier.classify(vendors[0]["description"])).evidence)
    blank = rows[-2]
    assert (blank["cxo_label"], blank["cxo_labels"], blank["cxo_confidence"], blank["cxo_evidence"]) == ("NONE", "", "", "")
    assert "1 row without text, tagged NONE." in result.stderr
    assert f"Tagged {len(vendors):,} rows" in result.stderr


def test_a_text_of_invisible_characters_only_is_a_row_without_text(cxo_tag, tmp_path):
    source = write_rows(tmp_path / "v.csv", [{"id": "1", "description": "\u200b\ufeff"}, {"id": "2", "description": "CRO services"}])
    result = cxo_tag(source, "-t", "description", "-o", tmp_path / "out.csv", "--jobs", 1)
    _, rows = read_rows(tmp_path / "out.csv")
    assert (rows[0]["description"], rows[0]["cxo_label"], rows[0]["cxo_confidence"]) == ("\u200b\ufeff", "NONE", "")
    assert "1 row without text, tagged NONE." in result.stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_keeps_its_rows_and_columns(fmt, cxo_tag, tmp_path, vendors, classifier):
    source = write_rows(tmp_path / f"vendors.{fmt}", vendors)
    output = tmp_path / f"tagged.{fmt}"
    result = cxo_tag(source, "-t", "description", "-o", output, "-j", 1, "--chunk-size", 100)
    assert result.exit_code == 0, result.output
    _, original = read_rows(source)
    columns, rows = read_rows(output)
    assert columns == [*original[0], *ADDED]
    assert [{c: row[c] for c in original[0]} for row in rows] == original
    assert [row["cxo_label"] for row in rows] == [expected_label(classifier, v["description"]) for v in vendors]


def test_json_lines_get_json_values(cxo_tag, tmp_path, vendors, classifier):
    source = write_rows(tmp_path / "vendors.jsonl", vendors[:3])
    assert cxo_tag(source, "-t", "description", "-o", tmp_path / "out.jsonl", "-j", 1).exit_code == 0
    _, rows = read_rows(tmp_path / "out.jsonl")
    decision = classifier.classify(vendors[0]["description"])
    assert rows[0]["cxo_labels"] == list(decision.labels)
    assert rows[0]["cxo_confidence"] == decision.confidence
    assert isinstance(rows[0]["cxo_evidence"], list)


def test_a_csv_keeps_its_bytes_quoting_and_line_ends(cxo_tag, tmp_path):
    lines = [b'"id";"text"', b'"1";"Contract manufacturing, fill-finish"', b"2;\"multi\r\nline CRO\"", b'3;"no ""quote"" service"']
    source = tmp_path / "quirky.csv"
    source.write_bytes(b"\r\n".join(lines) + b"\r\n")
    # A semicolon-separated file is not a CSV: the header is one column, so asking for `text` fails.
    assert cxo_tag(source, "-t", "text", "-o", tmp_path / "x.csv").exit_code == 1
    source.write_bytes(b"\r\n".join(line.replace(b";", b",") for line in lines) + b"\r\n")
    result = cxo_tag(source, "-t", "text", "-o", tmp_path / "out.csv", "-j", 1, "--columns", "label")
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out.csv").read_bytes().split(b"\r\n")
    original = source.read_bytes().split(b"\r\n")
    assert written[0] == original[0] + b",cxo_label"
    assert written[1].startswith(original[1] + b",")
    assert written[2] == original[2] and written[3].startswith(original[3] + b",")  # a quoted line break stays
    assert written[-1] == b""


def test_several_text_columns_are_joined(cxo_tag, tmp_path, vendors, classifier):
    rows = [{"id": "1", "name": "Acme 合同研发生产组织", "description": "process development and GMP manufacturing", "country": ""}]
    source = write_rows(tmp_path / "v.csv", rows)
    assert cxo_tag(source, "-t", "name", "-t", "description", "-o", tmp_path / "out.csv", "-j", 1).exit_code == 0
    _, written = read_rows(tmp_path / "out.csv")
    assert written[0]["cxo_label"] == classifier.classify(row_text([rows[0]["name"], rows[0]["description"]])).label


def test_columns_chooses_what_is_added(cxo_tag, tmp_path, vendors):
    source = write_rows(tmp_path / "v.csv", vendors[:5])
    assert cxo_tag(source, "-t", "description", "-o", tmp_path / "out.csv", "-j", 1, "--columns", "evidence,cxo_label").exit_code == 0
    columns, _ = read_rows(tmp_path / "out.csv")
    assert columns[-2:] == ["cxo_label", "cxo_evidence"]


def test_identical_texts_are_classified_once_and_the_input_is_untouched(tmp_path, vendors):
    source = write_rows(tmp_path / "v.csv", vendors * 3)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    summary = tag_file(FileJob(source, tmp_path / "out.csv", ("description",), chunk_size=50), ClassifierSpec.from_settings())
    assert summary.rows == 3 * len(vendors)
    assert summary.classified == len({row["description"] for row in vendors if row["description"]})
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "v.csv"]  # no work folder left


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_chinese_exports_are_read_and_written_in_their_encoding(encoding, cxo_tag, tmp_path, vendors, classifier):
    rows = [row for row in vendors if "zhs" in row["name"]][:5]
    source = write_rows(tmp_path / "v.csv", rows, encoding=encoding)
    options = [] if encoding == "utf-8-sig" else ["--encoding", encoding]
    result = cxo_tag(source, "-t", "description", "-o", tmp_path / "out.csv", "-j", 1, *options)
    assert result.exit_code == 0, result.output
    columns, written = read_rows(tmp_path / "out.csv", encoding=encoding)
    assert columns[0] == "id"
    assert [row["cxo_label"] for row in written] == [expected_label(classifier, row["description"]) for row in rows]
    assert (tmp_path / "out.csv").read_bytes().startswith(source.read_bytes()[:20])  # a BOM stays, GB18030 stays


def test_a_wrong_encoding_is_a_one_line_error_naming_it(cxo_tag, tmp_path, vendors):
    source = write_rows(tmp_path / "v.csv", [row for row in vendors if "zhs" in row["name"]][:3], encoding="gb18030")
    result = cxo_tag(source, "-t", "description", "-o", tmp_path / "out.csv")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith(f"Error: {source}: line 2 is not UTF-8 (with or without BOM) (invalid ")
    assert "--encoding gb18030" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.csv"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["v.csv", "-t", "desc", "-o", "out.csv"], "Error: no text column 'desc'; the columns are: 'id', 'name', 'description', 'country'.\n"),
        (["v.csv", "-t", "description", "--id-column", "key", "-o", "out.csv"], "Error: no id column 'key'; the columns are: 'id', 'name', 'description', 'country'.\n"),
        (["v.txt", "-t", "description", "-o", "out.txt"], "Error: v.txt: unknown format '.txt'; use one of .csv, .tsv, .tab, .jsonl, .ndjson, .xlsx, .parquet, .pq, or --format.\n"),
        (["v.csv", "-t", "description", "-o", "out.parquet"], "Error: the output is written as csv, like the input, but out.parquet names parquet.\n"),
        (["v.csv", "-t", "description", "-o", "v.csv", "--force"], "Error: v.csv is the input; the input is never written to, choose another --output.\n"),
        (["v.csv", "-t", "description", "-o", "taken.csv"], "Error: taken.csv exists; add --force to overwrite it.\n"),
        (["v.csv", "-t", "description", "-o", "nowhere/out.csv"], "Error: nowhere: no such folder for the output.\n"),
        (["tagged.csv", "-t", "description", "-o", "again.csv"], "Error: tagged.csv already has a column 'cxo_label'; tag the untagged file, or choose other --columns.\n"),
        (["v.xlsx", "-t", "description", "-o", "out.xlsx"], "Error: v.xlsx: not an Excel .xlsx workbook (File is not a zip file).\n"),
        (["twice.csv", "-t", "description", "-o", "out.csv"], "Error: the text column 'description' is in the header 2 times (columns 2, 3); rename all but one.\n"),
    ],
)
def test_bad_input_is_a_one_line_error_and_nothing_is_written(arguments, message, cxo_tag, tmp_path, vendors, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_rows(Path("v.csv"), vendors[:3])
    Path("v.txt").write_text("id,description\n", encoding="utf-8")
    Path("v.xlsx").write_text("not a workbook", encoding="utf-8")
    Path("taken.csv").write_text("keep me", encoding="utf-8")
    Path("tagged.csv").write_text("id,description,cxo_label\n1,x,CRO\n", encoding="utf-8")
    Path("twice.csv").write_text("id,description,description\n1,CRO services,Contract manufacturing\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = cxo_tag(*arguments)
    assert (result.exit_code, result.output) == (1, message)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before



def test_an_xlsx_whose_first_row_is_blank_says_the_header_is_blank(cxo_tag, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([])  # row 1 left blank: the names start on row 2
    sheet.append(["id", "description"])
    sheet.append([1, "Contract manufacturing"])
    workbook.save(tmp_path / "v.xlsx")
    result = cxo_tag(tmp_path / "v.xlsx", "-t", "description", "-o", tmp_path / "out.xlsx", "-j", 1)
    message = f"Error: {tmp_path / 'v.xlsx'}: the header row (row 1 of the first sheet) is blank; the first row must name the columns.\n"
    assert (result.exit_code, result.output) == (1, message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.xlsx"]

@pytest.mark.parametrize(("make", "kind"), [("link", "a link"), ("pipe", "a device or pipe")])  # a folder: click refuses it first
def test_an_output_that_is_no_file_is_refused_even_with_force_and_left_as_it_is(cxo_tag, tmp_path, vendors, make, kind):
    write_rows(tmp_path / "v.csv", vendors[:3])
    (tmp_path / "kept.csv").write_text("keep me", encoding="utf-8")
    output = tmp_path / "out.csv"
    {"link": lambda: output.symlink_to(tmp_path / "kept.csv"), "pipe": lambda: os.mkfifo(output)}[make]()
    result = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", output, "--force")
    assert (result.exit_code, result.output) == (1, f"Error: {output} is {kind}, not a file; the output is written whole and then moved into place, so give a file's path.\n")
    assert (output.is_symlink(), (tmp_path / "kept.csv").read_text(encoding="utf-8")) == (make == "link", "keep me")


def test_a_line_of_spaces_is_copied_as_a_blank_line_and_bare_cr_line_ends_are_named(cxo_tag, tmp_path):
    (tmp_path / "v.csv").write_bytes(b"id,description\n1,Contract manufacturing\n   \n2,CRO services\n")
    result = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", tmp_path / "out.csv", "-j", 1)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.csv").read_bytes().split(b"\n")[2] == b"   "
    (tmp_path / "mac.csv").write_bytes(b"id,description\r1,Contract manufacturing\r2,CRO services\r")
    result = cxo_tag(tmp_path / "mac.csv", "-t", "description", "-o", tmp_path / "out2.csv", "-j", 1)
    message = f"Error: {tmp_path / 'mac.csv'}: its lines end in a bare carriage return (CR, as old Mac files do); save it with LF or CRLF line ends.\n"
    assert (result.exit_code, result.output) == (1, message)


def test_a_missing_input_is_a_usage_error_as_every_command_s_missing_file_is(cxo_tag, tmp_path):
    result = cxo_tag(tmp_path / "missing.csv", "-t", "description", "-o", tmp_path / "out.csv")
    message = f"Error: cxo tag: Invalid value for '[INPUT]': File '{tmp_path / 'missing.csv'}' does not exist. (cxo tag --help)\n"
    assert (result.exit_code, result.output) == (2, message)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["v.csv", "-t", "description"], "give INPUT and --output (or --db and --table to tag a SQL table)."),
        (["v.csv", "-t", "description", "-o", "out.csv", "--db", "sqlite:///v.db"], "give either INPUT and --output, or --db and --table, not both."),
        (["-t", "description", "--db", "sqlite:///v.db", "--table", "vendors"], "--db needs --table and --id-column."),
        (["-t", "description", "--db", "sqlite:///v.db", "--table", "vendors", "--id-column", "id", "--encoding", "gb18030"], "--format and --encoding go with a file INPUT, not --db."),
        (["v.csv", "-t", "description", "-o", "out.csv", "--in-place"], "--table, --results-table and --in-place go with --db."),
        (
            ["-t", "description", "--db", "sqlite:///v.db", "--table", "vendors", "--id-column", "id", "--in-place", "--results-table", "mine"],
            "--in-place and --results-table do not go together: --in-place adds the columns to --table itself.",
        ),
        # an encoding that names nothing, or none a table can be read in, is an option cxo cannot take, not bad input
        (["v.csv", "-t", "description", "-o", "out.csv", "--encoding", "klingon"], "--encoding: unknown encoding 'klingon'; try utf-8, utf-8-sig or gb18030."),
        (["v.csv", "-t", "description", "-o", "out.csv", "--encoding", "hex"], "--encoding: unknown encoding 'hex'; try utf-8, utf-8-sig or gb18030."),
        (["v.csv", "-t", "description", "-o", "out.csv", "--encoding", "rot13"], "--encoding: unknown encoding 'rot13'; try utf-8, utf-8-sig or gb18030."),
        (["v.csv", "-t", "description", "-o", "out.csv", "--encoding", "utf-16"], "--encoding: 'utf-16' is not supported: line ends and delimiters must be single ASCII bytes."),
        (["v.csv", "--format", "xlsx", "-t", "description", "-o", "out.xlsx", "--encoding", "gbk"], "--encoding applies to CSV, TSV and JSON Lines, not xlsx."),
    ],
)
def test_options_that_do_not_go_together_are_a_usage_error_and_nothing_is_written(arguments, message, cxo_tag, tmp_path, vendors, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_rows(Path("v.csv"), vendors[:3])
    result = cxo_tag(*arguments)
    assert (result.exit_code, result.output) == (2, f"Error: cxo tag: {message} (cxo tag --help)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.csv"]


def test_a_pipe_as_input_or_dash_as_output_says_a_file_is_needed(cxo_tag, tmp_path, vendors):
    write_rows(tmp_path / "v.csv", vendors[:3])
    os.mkfifo(tmp_path / "piped.csv")
    result = cxo_tag(tmp_path / "piped.csv", "-t", "description", "-o", tmp_path / "out.csv")
    assert (result.exit_code, result.output) == (1, f"Error: {tmp_path / 'piped.csv'}: not a file (a pipe?); the input is read more than once and resumed from, so save it to a file first.\n")
    result = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", "-")
    assert (result.exit_code, result.output) == (2, "Error: cxo tag: --output -: cxo tag writes a file, which an interrupted run resumes; give its path. (cxo tag --help)\n")
    assert not (tmp_path / "-").exists() and not os.path.exists("-")


def test_a_full_disk_is_one_line_naming_the_output_and_how_to_carry_on(cxo_tag, tmp_path, vendors, monkeypatch):
    import glossary_api.bulk

    def full(*_: object, **__: object) -> None:
        raise OSError(28, "No space left on device")  # as a write to an open file raises it: no file name

    monkeypatch.setattr(glossary_api.bulk, "tag_file", full)
    write_rows(tmp_path / "v.csv", vendors[:3])
    result = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", tmp_path / "out.csv")
    message = f"Error: No space left on device ({tmp_path / 'out.csv'}). Once that is fixed, run the same command with --resume to carry on.\n"
    assert (result.exit_code, result.output) == (1, message)


def test_a_bare_cr_inside_a_later_row_is_named_as_such_and_skip_leaves_it_out(cxo_tag, tmp_path):
    (tmp_path / "v.csv").write_bytes(b"id,description\n1,CRO services\n2,GMP\r3,x\n4,Contract manufacturing\n")
    failed = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", tmp_path / "out.csv", "-j", 1)
    reason = "a bare carriage return (CR) inside an unquoted field; quote the field or remove the CR"
    assert (failed.exit_code, failed.output) == (1, f"Error: {tmp_path / 'v.csv'}: line 3: {reason}; fix the row, or leave such rows out with --on-error skip.\n")
    result = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", tmp_path / "out.csv", "-j", 1, "--on-error", "skip")
    assert f"Warning: line 3: {reason}; left out.\n" in result.stderr
    assert [line.split(b",")[0] for line in (tmp_path / "out.csv").read_bytes().splitlines()] == [b"id", b"1", b"4"]


@pytest.mark.parametrize("content", [b"", b"\n\n"])
def test_a_json_lines_file_of_no_rows_tags_into_a_copy_of_it(cxo_tag, tmp_path, content):
    (tmp_path / "v.jsonl").write_bytes(content)
    result = cxo_tag(tmp_path / "v.jsonl", "-t", "description", "-o", tmp_path / "out.jsonl", "-j", 1)
    assert (result.exit_code, result.stderr.splitlines()[0][:14]) == (0, "Tagged 0 rows ")
    assert (tmp_path / "out.jsonl").read_bytes() == content
    first_object_empty = tmp_path / "w.jsonl"  # an object with no keys is a row: the columns are still checked
    first_object_empty.write_bytes(b'{}\n{"text": "CRO"}\n')
    missing = cxo_tag(first_object_empty, "-t", "description", "-o", tmp_path / "out2.jsonl", "-j", 1)
    assert (missing.exit_code, missing.output) == (1, "Error: no text column 'description'; the columns are: 'text'.\n")


@pytest.mark.parametrize("first_line", [b"\n", b",,\n"])
def test_a_csv_whose_first_line_is_blank_says_the_header_is_blank(cxo_tag, tmp_path, first_line):
    (tmp_path / "v.csv").write_bytes(first_line + b"id,description\n1,Contract manufacturing\n")
    result = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", tmp_path / "out.csv", "-j", 1)
    message = f"Error: {tmp_path / 'v.csv'}: the header row (line 1) is blank; the first line must name the columns.\n"
    assert (result.exit_code, result.output) == (1, message)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.csv"]


MALFORMED = b'id,name,description,country\n1,a,CDMO for biologics,CN\n2,b,too,many,fields\n3,c,"bad "quote" here",US\n4,d,clinical CRO,US\n'


def test_a_malformed_row_fails_the_run_naming_its_file_and_line(cxo_tag, tmp_path):
    (tmp_path / "v.csv").write_bytes(MALFORMED)
    result = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", tmp_path / "out.csv", "-j", 1)
    assert result.exit_code == 1
    assert result.output == f"Error: {tmp_path / 'v.csv'}: line 3: 5 fields where the header has 4; fix the row, or leave such rows out with --on-error skip.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.csv"]


def test_malformed_rows_are_left_out_and_reported_with_on_error_skip(cxo_tag, tmp_path):
    (tmp_path / "v.csv").write_bytes(MALFORMED)
    result = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", tmp_path / "out.csv", "-j", 1, "--on-error", "skip")
    assert result.exit_code == 0, result.output
    assert "Warning: line 3: 5 fields where the header has 4; left out.\n" in result.stderr
    assert "Warning: line 4: bad quoting: ',' expected after '\"'; left out.\n" in result.stderr
    assert "2 rows malformed, left out." in result.stderr
    _, rows = read_rows(tmp_path / "out.csv")
    assert [row["id"] for row in rows] == ["1", "4"]


@pytest.mark.parametrize("on_error", ["fail", "skip"])
def test_a_quote_never_closed_stops_the_run_even_with_skip_naming_the_lines_it_swallows(cxo_tag, tmp_path, on_error):
    rows = "".join(f"{i},GMP row {i}\n" for i in range(3, 1001))
    (tmp_path / "v.csv").write_text(f'id,description\n1,CRO services\n2,"a quote never closed\n{rows}', encoding="utf-8")
    result = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", tmp_path / "out.csv", "-j", 1, "--on-error", on_error)
    assert result.exit_code == 1  # under skip it left out 998 rows as one malformed row
    assert result.output.startswith(f"Error: {tmp_path / 'v.csv'}: line 3: a quoted field opens here and is never closed, so lines 3-1001 would be one row")
    assert not (tmp_path / "out.csv").exists()


def test_blank_lines_are_copied_and_json_errors_name_their_line(cxo_tag, tmp_path):
    source = tmp_path / "v.jsonl"
    source.write_text('{"id": 1, "text": "CRO"}\n\n{"id": 2, "text": "CMO"\n[3]\n{}\n', encoding="utf-8")
    result = cxo_tag(source, "-t", "text", "-o", tmp_path / "out.jsonl", "-j", 1, "--on-error", "skip")
    assert result.exit_code == 0, result.output
    assert "Warning: line 3: not valid JSON (Expecting ',' delimiter at column 24); left out." in result.stderr
    assert "Warning: line 4: a JSON list, not an object; left out." in result.stderr
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").split("\n")
    assert lines[1] == ""
    assert json.loads(lines[0])["cxo_label"] == "CRO"
    assert json.loads(lines[2]) == {"cxo_label": "NONE", "cxo_labels": [], "cxo_confidence": None, "cxo_evidence": []}


def test_a_bad_first_json_line_is_a_row_like_any_other(cxo_tag, tmp_path):
    source = tmp_path / "v.jsonl"
    source.write_text('\n{"id": 1, "text": "trunc\n{"id": 2, "text": "CRO services"}\n', encoding="utf-8")
    skipped = cxo_tag(source, "-t", "text", "-o", tmp_path / "out.jsonl", "-j", 1, "--on-error", "skip")
    assert skipped.exit_code == 0, skipped.output
    assert "Warning: line 2: not valid JSON (Unterminated string starting at column 19); left out." in skipped.stderr
    assert [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").split("\n") if line] == [2]
    stopped = cxo_tag(source, "-t", "text", "-o", tmp_path / "again.jsonl", "-j", 1)
    assert stopped.exit_code == 1
    assert stopped.stderr.startswith(f"Error: {source}: line 2: not valid JSON (Unterminated string starting at column 19); fix the row")


@pytest.mark.parametrize(("lines", "read"), [(["id,text", "1,CRO services"], "no line"), ([f"v{n},CRO" for n in range(150)], "none of the first 100 lines")])
def test_a_file_with_no_json_object_at_its_start_is_no_json_lines_file(cxo_tag, tmp_path, lines, read):
    source = tmp_path / "v.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cxo_tag(source, "-t", "text", "-o", tmp_path / "out.jsonl", "--on-error", "skip")
    assert (result.exit_code, result.stderr) == (1, f"Error: {source}: {read} is a JSON object (line 1 is not valid JSON (Expecting value at column 1)); is this a JSON Lines file?\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.jsonl"]


def test_sparse_json_lines_rows_without_the_text_key_have_no_text(cxo_tag, tmp_path, classifier):
    source = tmp_path / "v.jsonl"
    source.write_text('{"id":0}\n\n{"id":1,"description":"Contract research (CRO): clinical trials"}\n{"id":2}\n', encoding="utf-8")
    result = cxo_tag(source, "-t", "description", "--id-column", "id", "-o", tmp_path / "out.jsonl", "-j", 1)
    assert result.exit_code == 0, result.output
    _, rows = read_rows(tmp_path / "out.jsonl")
    assert [row["cxo_label"] for row in rows] == ["NONE", expected_label(classifier, rows[1]["description"]), "NONE"]
    assert "2 rows without text, tagged NONE." in result.stderr
    missing = cxo_tag(source, "-t", "desc", "-o", tmp_path / "other.jsonl", "-j", 1)
    assert (missing.exit_code, missing.output) == (1, "Error: no text column 'desc'; the columns are: 'id', 'description'.\n")


@pytest.mark.parametrize(
    "text",
    [
        '{"id":1,"description":"CRO"}\n{"id":2,"description":"CMO","cxo_label":"manual-CRO"}\n',
        '{"id":1}\n{"id":2,"cxo_label":"manual-CRO"}\n{"id":3,"description":"CRO"}\n',  # seen while looking for -t's key
    ],
)
def test_a_json_lines_row_with_a_cxo_key_of_its_own_stops_the_run_naming_its_line(text, cxo_tag, tmp_path):
    source = tmp_path / "v.jsonl"
    source.write_text(text, encoding="utf-8")
    result = cxo_tag(source, "-t", "description", "-o", tmp_path / "out.jsonl", "-j", 1, "--on-error", "skip")
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {source}: line 2 already has a key 'cxo_label'; tag the untagged file, or choose other --columns.\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["v.jsonl"]
    other = cxo_tag(source, "-t", "description", "-o", tmp_path / "out.jsonl", "-j", 1, "--columns", "evidence")
    assert other.exit_code == 0, other.output


def test_binary_text_cells_are_read_as_utf8_and_other_bytes_are_a_bad_row(cxo_tag, tmp_path, classifier):
    import pyarrow as pa
    import pyarrow.parquet as pq

    texts = [b"Contract research (CRO): clinical trials", b"\xff\xfe not UTF-8", "合同生产 CMO".encode()]
    pq.write_table(pa.table({"id": [1, 2, 3], "description": pa.array(texts, pa.binary())}), tmp_path / "v.parquet")
    failed = cxo_tag(tmp_path / "v.parquet", "-t", "description", "-o", tmp_path / "out.parquet", "-j", 1)
    assert (failed.exit_code, failed.output) == (
        1,
        f"Error: {tmp_path / 'v.parquet'}: row 2: a binary value that is not UTF-8 text (invalid start byte at byte 0); fix the row, or leave such rows out with --on-error skip.\n",
    )
    result = cxo_tag(tmp_path / "v.parquet", "-t", "description", "-o", tmp_path / "out.parquet", "-j", 1, "--on-error", "skip")
    assert result.exit_code == 0, result.output
    assert "Warning: row 2: a binary value that is not UTF-8 text (invalid start byte at byte 0); left out.\n" in result.stderr  # a Parquet file has rows, not lines
    _, rows = read_rows(tmp_path / "out.parquet")
    assert [(row["id"], row["cxo_label"]) for row in rows] == [(1, expected_label(classifier, texts[0].decode())), (3, expected_label(classifier, texts[2].decode()))]


def test_a_text_over_the_limit_is_classified_on_its_first_part(tmp_path, vendors):
    text = "Contract development and manufacturing (CDMO) of biologics. " + "x" * 200
    source = write_rows(tmp_path / "v.csv", [{"id": "1", "description": text}])
    spec = ClassifierSpec.from_settings({**_settings(), "MAX_TEXT_LENGTH": 100})
    summary = tag_file(FileJob(source, tmp_path / "out.csv", ("description",)), spec)
    assert (summary.cut, summary.labels["CDMO"]) == (1, 1)


def _settings() -> dict:
    from glossary_api.config import load_settings

    return load_settings()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_broken_glossary_is_a_one_line_error_in_every_process(jobs, cxo_tag, tmp_path, vendors, monkeypatch):
    source = write_rows(tmp_path / "v.csv", vendors[:3])
    (tmp_path / "terms").mkdir()
    monkeypatch.setenv("CXO_TERMS_DIR", str(tmp_path / "terms"))
    result = cxo_tag(source, "-t", "description", "-o", tmp_path / "out.csv", "-j", jobs)
    assert (result.exit_code, result.output) == (1, f"Error: {tmp_path / 'terms'}: no terms files (*.yaml) found.\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["terms", "v.csv"]


def test_progress_is_plain_lines_when_not_a_terminal_and_a_bar_when_it_is():
    import io

    from glossary_api.bulk.formats import Chunk
    from glossary_api.bulk.runner import Summary
    from glossary_api.cli.progress import BarProgress, LineProgress

    lines = io.StringIO()
    plain = LineProgress(lines, every=0)
    plain.start(1_000, "B", 0)
    plain.update(Chunk(0, [], [], {}, 250), Summary(rows=5_000, rows_now=5_000))
    assert lines.getvalue().startswith("cxo tag: 5,000 rows tagged, 25% of the input, ")
    screen = io.StringIO()
    bar = BarProgress(screen)
    bar.start(1_000, "rows", 100)
    bar.update(Chunk(0, [], [], {}, 600), Summary(rows=600))
    bar.close()
    assert "60%" in screen.getvalue() and "600 rows" in screen.getvalue()


def test_an_excel_row_with_values_beyond_the_header_is_named_by_its_sheet_row(cxo_tag, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in (["id", "description"], [1, "CRO services"], [2, "GMP", "stray"], [3, "Contract manufacturing"]):
        workbook.active.append(row)
    workbook.save(tmp_path / "v.xlsx")
    result = cxo_tag(tmp_path / "v.xlsx", "-t", "description", "-o", tmp_path / "out.xlsx", "-j", 1, "--on-error", "skip")
    assert result.exit_code == 0, result.output
    assert "Warning: row 3: values beyond the header's 2 columns; left out.\n" in result.stderr


def test_an_excel_header_keeps_its_values_types(cxo_tag, tmp_path):
    import datetime

    import openpyxl

    header = ["id", 2024, datetime.datetime(2026, 12, 4), "description"]
    workbook = openpyxl.Workbook()
    for row in (header, [1, 5.5, None, "CRO services"]):
        workbook.active.append(row)
    workbook.save(tmp_path / "v.xlsx")
    result = cxo_tag(tmp_path / "v.xlsx", "-t", "description", "-o", tmp_path / "out.xlsx", "-j", 1)
    assert result.exit_code == 0, result.output
    written = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    first, second = written.worksheets[0].iter_rows(max_row=2, values_only=True)
    assert list(first[:4]) == header  # as written, not as text ('2024')
    assert first[4] == "cxo_label" and second[:4] == (1, 5.5, None, "CRO services")


@pytest.mark.parametrize("value", ["", " , ", "label,colour"])
def test_columns_given_empty_or_unknown_is_a_usage_error_not_all_four(cxo_tag, tmp_path, vendors, value):
    write_rows(tmp_path / "v.csv", vendors[:3])
    result = cxo_tag(tmp_path / "v.csv", "-t", "description", "-o", tmp_path / "out.csv", "--columns", value)
    message = "Error: cxo tag: Invalid value for '--columns': choose from label, labels, confidence, evidence, comma-separated. (cxo tag --help)\n"
    assert (result.exit_code, result.output) == (2, message)
    assert not (tmp_path / "out.csv").exists()
