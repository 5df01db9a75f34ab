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


@pytest.mark.parametrize("value", ["skip", "fail"])
def test_on_error_with_db_is_a_usage_error_not_ignored(value, cxo_tag, tmp_path):
    """A table has no malformed rows to skip; an --on-error given with --db would silently do nothing."""
    url = f"sqlite:///{tmp_path}/vendors.db"
    result = cxo_tag("--db", url, "--table", "vendors", "-t", "description", "--id-column", "id", "--on-error", value)
    assert (result.exit_code, result.output) == (
        2,
        "Error: cxo tag: --on-error goes with a file INPUT, not --db: a table has no malformed rows to skip. (cxo tag --help)\n",
    )
    assert list(tmp_path.iterdir()) == []
    without = cxo_tag("--db", url, "--table", "vendors", "-t", "description", "--id-column", "id")  # the default is no usage error
    assert (without.exit_code, without.output) == (1, f"Error: {url}: no such SQLite database file.\n")

@pytest.mark.parametrize("options", [(), ("--resume",), ("--force",), ("--resume", "--force")])
@pytest.mark.parametrize(
    ("columns", "row"),
    [
        ("id INTEGER PRIMARY KEY, note TEXT", {"id": 99, "note": "precious"}),
        ("vendor_code TEXT, cxo_label TEXT", {"vendor_code": "ACME", "cxo_label": "CRO"}),  # one own column, but not the id column
    ],
)
def test_a_table_that_is_not_a_results_table_is_never_replaced(columns, row, options, cxo_tag, database, vendors):
    from sqlalchemy import text

    table = database.create_vendors(vendors[:10])
    archive = f"{table}_archive"
    database.created.append(archive)
    with database.engine.begin() as connection:
        connection.execute(text(f"CREATE TABLE {archive} ({columns})"))
        connection.execute(text(f"INSERT INTO {archive} VALUES ({', '.join(f':{name}' for name in row)})"), row)
    result = _tag_table(cxo_tag, database, table, "--results-table", archive, *options)
    listed = ", ".join(repr(name) for name in row)
    assert (result.exit_code, result.output) == (
        1,
        f"Error: the table '{archive}' exists and is not a results table (its columns: {listed}); choose another --results-table name.\n",
    )
    with database.engine.connect() as connection:
        assert [dict(kept._mapping) for kept in connection.execute(text(f"SELECT * FROM {archive}"))] == [row]


def test_force_replaces_a_results_table_of_other_columns(cxo_tag, database, vendors):
    table = database.create_vendors(vendors[:10])
    assert _tag_table(cxo_tag, database, table, "--columns", "label").exit_code == 0
    resumed = _tag_table(cxo_tag, database, table, "--resume")
    assert (resumed.exit_code, resumed.output) == (1, f"Error: the table '{table}_cxo' lacks columns this run writes; use --force to replace it.\n")
    assert _tag_table(cxo_tag, database, table, "--force").exit_code == 0
    assert list(database.rows(f"{table}_cxo")[0]) == ["id", *ADDED]


def test_an_in_place_resume_with_other_columns_is_refused_not_left_null(cxo_tag, database, vendors):
    table = database.create_vendors(vendors[:10])
    assert _tag_table(cxo_tag, database, table, "--in-place", "--columns", "label").exit_code == 0
    resumed = _tag_table(cxo_tag, database, table, "--in-place", "--columns", "label,evidence", "--resume")
    message = (
        f"Error: the table '{table}' has the columns cxo_label of an earlier run, not this run's cxo_label, cxo_evidence; "
        "resume with the same --columns, or use --force to tag every row again.\n"
    )
    assert (resumed.exit_code, resumed.output) == (1, message)
    assert "cxo_evidence" not in database.rows(table)[0]
    assert _tag_table(cxo_tag, database, table, "--in-place", "--columns", "label,evidence", "--force").exit_code == 0
    assert all(row["cxo_evidence"] is not None for row in database.rows(table) if row["description"])


def test_binary_text_is_read_as_utf8_and_other_bytes_stop_the_run_naming_the_row(cxo_tag, database, classifier):
    import uuid

    from sqlalchemy import Column, Integer, LargeBinary, MetaData, Table

    name = f"blobs_{uuid.uuid4().hex[:8]}"
    database.created += [name, f"{name}_cxo"]
    table = Table(name, MetaData(), Column("id", Integer, primary_key=True, autoincrement=False), Column("description", LargeBinary))
    rows = [{"id": 1, "description": b"Contract research (CRO): clinical trials"}, {"id": 2, "description": "合同生产 CMO".encode()}]
    with database.engine.begin() as connection:
        table.create(connection)
        connection.execute(table.insert(), rows)
    assert _tag_table(cxo_tag, database, name).exit_code == 0
    assert [row["cxo_label"] for row in database.rows(f"{name}_cxo")] == [expected_label(classifier, row["description"].decode()) for row in rows]
    with database.engine.begin() as connection:
        connection.execute(table.insert(), [{"id": 3, "description": b"\xff not UTF-8"}])
    result = _tag_table(cxo_tag, database, name, "--force")
    assert (result.exit_code, result.output) == (
        1,
        "Error: the row with id 3 has a binary value that is not UTF-8 text (invalid start byte at byte 0); fix the row, then run again with --resume to carry on.\n",
    )
    assert f"{name}_cxo" not in database.tables()  # no chunk committed: no empty table asking the next run for --resume


def test_sqlite_values_that_do_not_match_their_declared_types_are_read_as_stored(tmp_path, cxo_tag, classifier):
    import sqlite3

    path = tmp_path / "typed.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE vendors (id INTEGER PRIMARY KEY, services JSON, description TEXT, updated DATETIME, size NUMERIC)")
        connection.executemany(
            "INSERT INTO vendors VALUES (?, ?, ?, ?, ?)",
            [(1, '["clinical trials"]', "CRO services", "2024-05-01 10:00:00", 12), (2, "GMP manufacturing", "GMP manufacturing", "01/05/2024", "large")],
        )
    url = f"sqlite:///{path}"
    for text, key, table in (("services", "id", "vendors_cxo"), ("description", "updated", "by_date"), ("description", "size", "by_size")):
        result = cxo_tag("--db", url, "--table", "vendors", "-t", text, "--id-column", key, "--results-table", table, "-j", 1)
        assert result.exit_code == 0, result.output
        assert "Tagged 2 rows" in result.stderr
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT id, cxo_label FROM vendors_cxo ORDER BY id").fetchall() == [
            (1, expected_label(classifier, '["clinical trials"]')),
            (2, expected_label(classifier, "GMP manufacturing")),
        ]
        by_date = connection.execute("SELECT updated, typeof(updated) FROM by_date ORDER BY updated").fetchall()
        assert by_date == [("01/05/2024", "text"), ("2024-05-01 10:00:00", "text")]  # the ids as stored, not parsed
        assert connection.execute("SELECT size, typeof(size) FROM by_size ORDER BY size").fetchall() == [(12, "integer"), ("large", "text")]


def test_an_untyped_sqlite_id_column_keeps_its_ids_as_stored_through_a_resume(tmp_path, classifier):
    import sqlite3

    path = tmp_path / "untyped.db"
    rows = [(i, "Phase I-III clinical trial services for sponsors" if i % 2 else "GMP manufacturing of tablets for drug makers") for i in range(1, 41)]
    rows += [(f"v{i}", "Contract development and manufacturing of biologics") for i in range(20)]  # text ids beside integer ones
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE vendors (id, description)")  # SQLite takes a column without a type
        connection.executemany("INSERT INTO vendors VALUES (?, ?)", rows)
    job = TableJob(f"sqlite:///{path}", "vendors", ("description",), "id", chunk_size=15)
    spec = ClassifierSpec.from_settings()
    with pytest.raises(Stop):
        tag_table(job, spec, on_chunk=stop_after(2))
    summary = tag_table(job, spec, resume=True)
    assert (summary.rows, summary.rows_now) == (60, 30)
    with sqlite3.connect(path) as connection:
        tagged = connection.execute("SELECT id, typeof(id), cxo_label FROM vendors_cxo").fetchall()
    assert sorted((str(i), kind) for i, kind, _ in tagged) == sorted((str(i), "integer" if isinstance(i, int) else "text") for i, _ in rows)
    by_id = dict(rows)
    assert all(label == expected_label(classifier, by_id[i]) for i, _, label in tagged)


def test_table_names_with_a_dot_read_as_schema_dot_table_else_whole(tmp_path, cxo_tag):
    import sqlite3

    path = tmp_path / "dot.db"
    with sqlite3.connect(path) as connection:
        for name in ('"crm.vendors"', "vendors"):
            connection.execute(f"CREATE TABLE {name} (id INTEGER PRIMARY KEY, description TEXT)")
            connection.execute(f"INSERT INTO {name} VALUES (1, 'CRO services')")
    url = f"sqlite:///{path}"

    def tag(table: str, *options: str):
        return cxo_tag("--db", url, "--table", table, "-t", "description", "--id-column", "id", "-j", 1, "-q", *options)

    assert tag("crm.vendors").exit_code == 0  # no schema crm: the table of that whole name, as 'the tables are' lists it
    wrong = tag("sales.vendors")
    message = "Error: no table 'sales.vendors' (no schema 'sales'; the schemas are: main); the tables are: crm.vendors, crm.vendors_cxo, vendors.\n"
    assert (wrong.exit_code, wrong.output) == (1, message)
    assert tag("main.vendors", "--results-table", "main.vendors_tags").exit_code == 0
    elsewhere = tag("vendors", "--results-table", "crm.tags")
    assert (elsewhere.exit_code, elsewhere.output) == (1, "Error: no schema 'crm' for the results table 'crm.tags'; the schemas are: main.\n")
    itself = tag("vendors", "--results-table", "main.vendors")
    assert (itself.exit_code, itself.output) == (1, "Error: the results table cannot be the table itself; use --in-place to add columns to it.\n")
    with sqlite3.connect(path) as connection:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"crm.vendors", "vendors", "crm.vendors_cxo", "vendors_tags"}
