"""`cxo tag --db`: SQLite and PostgreSQL tables tagged through one code path, their own columns untouched."""

from __future__ import annotations

import pytest

from glossary_api.bulk import ClassifierSpec, TableJob, tag_table
from glossary_api.errors import BulkOutputError

from .tables import ADDED, Stop, expected_label, stop_after


def _tag_table(cxo_tag, database, table: str, *options: object):
    return cxo_tag("--db", database.url, "--table", table, "-t", "description", "--id-column", "id", "-j", 1, *options)


def test_results_go_to_their_own_table_keyed_by_id(cxo_tag, database, vendors, classifier):
    table = database.create_vendors(vendors)
    before = database.rows(table)
    result = _tag_table(cxo_tag, database, table, "--chunk-size", 50)
    assert result.exit_code == 0, result.output
    assert database.rows(table) == before
    results = database.rows(f"{table}_cxo")
    assert list(results[0]) == ["id", *ADDED]
    assert [row["id"] for row in results] == [row["id"] for row in before]
    assert [row["cxo_label"] for row in results] == [expected_label(classifier, row["description"] or "") for row in before]
    assert f"Tagged {len(vendors):,} rows" in result.stderr


def test_in_place_adds_columns_and_leaves_the_others(cxo_tag, database, vendors, classifier):
    table = database.create_vendors(vendors)
    before = database.rows(table)
    result = _tag_table(cxo_tag, database, table, "--in-place", "--columns", "label,evidence", "--chunk-size", 64)
    assert result.exit_code == 0, result.output
    after = database.rows(table)
    assert [{k: row[k] for k in before[0]} for row in after] == before
    assert list(after[0])[-2:] == ["cxo_label", "cxo_evidence"]
    assert [row["cxo_label"] for row in after] == [expected_label(classifier, row["description"] or "") for row in before]
    assert f"{table}_cxo" not in database.tables()




@pytest.mark.parametrize("in_place", [False, True])
def test_an_interrupted_run_resumes_after_its_last_committed_chunk(in_place, database, vendors, classifier):
    table = database.create_vendors(vendors, id_type="TEXT")  # text ids: keyset order is the database's
    job = TableJob(database.url, table, ("description",), "id", in_place=in_place, chunk_size=30)
    spec = ClassifierSpec.from_settings()
    with pytest.raises(Stop):
        tag_table(job, spec, on_chunk=stop_after(4))
    done = [row for row in database.rows(table if in_place else f"{table}_cxo") if row["cxo_label"] is not None]
    assert len(done) == 120
    with pytest.raises(BulkOutputError, match="add --resume to carry on with it"):
        tag_table(job, spec)
    summary = tag_table(job, spec, resume=True)
    assert (summary.rows, summary.rows_now) == (len(vendors), len(vendors) - 120)
    rows = database.rows(table if in_place else f"{table}_cxo")
    by_id = {row["id"]: row["description"] or "" for row in vendors}
    assert sorted(row["id"] for row in rows) == sorted(by_id)
    assert all(row["cxo_label"] == expected_label(classifier, by_id[row["id"]]) for row in rows)


@pytest.mark.parametrize("in_place", [False, True])
def test_a_resumed_run_counts_rows_without_text_as_an_uninterrupted_one(in_place, database, vendors):
    rows = [{**row, "description": "" if n % 7 == 3 else row["description"]} for n, row in enumerate(vendors[:90])]
    rows[5]["description"] = "GMP manufacturing of APIs. " * 400  # over the 10,000-character limit
    table = database.create_vendors(rows)
    job = TableJob(database.url, table, ("description",), "id", in_place=in_place, chunk_size=20)
    spec = ClassifierSpec.from_settings()
    whole = tag_table(job, spec)
    with pytest.raises(Stop):
        tag_table(job, spec, force=True, on_chunk=stop_after(2))
    resumed = tag_table(job, spec, resume=True)
    assert (resumed.rows, resumed.rows_now, resumed.labels) == (whole.rows, 50, whole.labels)
    assert (resumed.empty, resumed.cut) == (whole.empty, whole.cut) == (13, 1)
    assert resumed.describe()[2:] == ["  13 rows without text, tagged NONE.", "  1 row with text over the length limit, classified on its first part."]


def test_force_tags_again(cxo_tag, database, vendors):
    table = database.create_vendors(vendors[:10])
    assert _tag_table(cxo_tag, database, table).exit_code == 0
    again = _tag_table(cxo_tag, database, table)
    assert (again.exit_code, again.output) == (1, f"Error: the table '{table}_cxo' exists; add --resume to carry on with it, or --force to replace it.\n")
    assert _tag_table(cxo_tag, database, table, "--force").exit_code == 0
    assert len(database.rows(f"{table}_cxo")) == 10


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--table": "nowhere"}, "Error: no table 'nowhere'; the tables are: "),
        ({"-t": "desc"}, "Error: no text column 'desc'; the columns are: 'id', 'name', 'description', 'founded'.\n"),
        ({"--id-column": "key"}, "Error: no id column 'key'; the columns are: 'id', 'name', 'description', 'founded'.\n"),
        ({"--id-column": "founded"}, "Error: the id column 'founded' repeats values ("),
        ({"--id-column": "description"}, "Error: the id column 'description' is NULL in 1 rows; choose a column that identifies every row.\n"),
        ({"--results-table": "SAME"}, "Error: the results table cannot be the table itself; use --in-place to add columns to it.\n"),
    ],
)
def test_bad_table_input_is_a_one_line_error_and_nothing_is_written(change, message, cxo_tag, database, vendors):
    table = database.create_vendors(vendors)
    tables = database.tables()
    arguments = {"--db": database.url, "--table": table, "-t": "description", "--id-column": "id"}
    arguments.update({k: table if v == "SAME" else v for k, v in change.items()})
    result = cxo_tag(*[part for pair in arguments.items() for part in pair])
    assert result.exit_code == 1
    assert result.output.startswith(message) and result.output.count("\n") == 1
    assert database.tables() == tables


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite:///{tmp}/missing.db", "Error: sqlite:///{tmp}/missing.db: no such SQLite database file.\n"),
        ("postgresql://nobody@127.0.0.1:1/none", "Error: cannot connect to postgresql+psycopg://nobody@127.0.0.1:1/none: connection failed: "),
        ("not a url", "Error: 'not a url' is not a database URL; e.g. sqlite:///vendors.db or postgresql://user@host/db.\n"),
    ],
)
def test_a_database_that_does_not_connect_is_a_one_line_error(url, message, cxo_tag, tmp_path):
    url, message = url.format(tmp=tmp_path), message.format(tmp=tmp_path)
    result = cxo_tag("--db", url, "--table", "vendors", "-t", "description", "--id-column", "id")
    assert result.exit_code == 1
    assert result.output.startswith(message) and result.output.count("\n") == 1
    assert list(tmp_path.iterdir()) == []
