"""Tagging a SQL table through SQLAlchemy Core: rows read by id, results written a transaction per chunk.

Results go to a table of their own (default <table>_cxo: the id column and the cxo_* columns), or
with in_place to cxo_* columns added to the table; the table's own columns are never written.
Rows are read by keyset (id > last ORDER BY id LIMIT n): every chunk is one short query, and the
results committed so far say where an interrupted run resumes. SQLite and PostgreSQL run the
same code; `postgresql://` URLs use psycopg 3.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import BulkInputError, BulkOutputError
from ..extras import require
from .formats import Chunk, FlatCells, column_indices
from .jobs import BadCell, ClassifierSpec, TableJob, is_blank, row_text
from .runner import Summary, run
from .sql_targets import InPlace, ResultsTable, reflect


def tag_table(
    job: TableJob,
    spec: ClassifierSpec,
    *,
    jobs: int = 1,
    resume: bool = False,
    force: bool = False,
    on_chunk: Callable[[Chunk, Summary], None] | None = None,
    on_start: Callable[[int | None, str, int], None] | None = None,
) -> Summary:
    """Tag every row of job.table; return the summary. Bad input raises before anything is written."""
    exc = require("sqlalchemy.exc")  # the other lazy sqlalchemy imports here come after this check
    engine = connect(job.url)
    try:
        with engine.connect() as connection:
            source = _reflect(connection, job.table)
            column_indices(list(source.c.keys()), [job.id_column], "id column")
            column_indices(list(source.c.keys()), job.text_columns, "text column")
            total = _check_ids(connection, source, job.id_column)
            target = InPlace(source, job) if job.in_place else ResultsTable(source, job, *_results_name(connection, source, job))
            sink = _TableSink(connection, target)
            try:
                last = target.prepare(connection, resume, force)
                summary = target.counts(connection, last)
                if last is not None:  # resumed: what the rows already tagged held, read again from the table
                    summary.empty, summary.cut = _text_counts(connection, source, job, last, spec.max_text_length)
                connection.commit()
                if on_start:
                    on_start(total, "rows", summary.rows)
                chunks = _chunks(connection, source, job, last, summary.rows)
                return run(chunks, sink, spec, FlatCells(job.columns), jobs=jobs, summary=summary, on_chunk=on_chunk)
            except BaseException:
                if not sink.committed:  # an empty results table left behind would ask the next run for --resume
                    target.undo(connection)
                raise
    except exc.DBAPIError as error:  # mid-way, e.g. the server went away: committed chunks stay
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise BulkOutputError(f"the database failed: {reason}; run again with --resume to carry on after the last committed chunk.") from None
    finally:
        engine.dispose()


def connect(raw_url: str):  # returns sqlalchemy.Engine, imported lazily
    """Return an engine that has connected once; raise BulkInputError saying why it cannot, MissingExtra without its driver."""
    require("sqlalchemy")
    from sqlalchemy import create_engine, exc, make_url

    try:
        url = make_url(raw_url)
    except exc.ArgumentError:
        raise BulkInputError(f"{raw_url!r} is not a database URL; e.g. sqlite:///vendors.db or postgresql://user@host/db.") from None
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername == "postgresql+psycopg":
        require("psycopg")
    shown = url.render_as_string(hide_password=True)
    sqlite_file = url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") and not url.query.get("uri")
    if sqlite_file and not Path(url.database).is_file():  # SQLite would quietly create an empty database
        raise BulkInputError(f"{shown}: no such SQLite database file.")
    try:
        engine = create_engine(url)
        with engine.connect():
            pass
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as error:
        raise BulkInputError(f"{shown}: {error}") from None
    except exc.DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise BulkInputError(f"cannot connect to {shown}: {reason}") from None
    return engine


def _reflect(connection, name: str):
    """Return the table given as table or schema.table; a name with a dot that no schema has is taken whole, as listed."""
    from sqlalchemy import inspect

    inspector = inspect(connection)
    schema, _, table = name.rpartition(".")
    schemas = inspector.get_schema_names() if schema else []
    if schema in schemas and inspector.has_table(table, schema=schema):
        return reflect(connection, table, schema)
    if inspector.has_table(name):  # a table whose own name holds a dot, as the list below shows it
        return reflect(connection, name, None)
    names = ", ".join(inspector.get_table_names(schema=schema if schema in schemas else None)) or "none"
    missing = f" (no schema {schema!r}; the schemas are: {', '.join(schemas)})" if schema and schema not in schemas else ""
    raise BulkInputError(f"no table {name!r}{missing}; the tables are: {names}.")


def _results_name(connection, source, job: TableJob) -> tuple[str | None, str]:
    """Return the schema and name of the results table: --results-table read as --table is, else <table>_cxo beside the table."""
    from sqlalchemy import inspect

    if not job.results_table:
        return source.schema, f"{source.name}_cxo"
    schema, _, name = job.results_table.rpartition(".")
    if schema:
        schemas = inspect(connection).get_schema_names()
        if schema not in schemas:
            raise BulkInputError(f"no schema {schema!r} for the results table {job.results_table!r}; the schemas are: {', '.join(schemas)}.")
    default = connection.dialect.default_schema_name
    if (schema or source.schema or default, name) == (source.schema or default, source.name) or job.results_table == source.name:
        raise BulkOutputError("the results table cannot be the table itself; use --in-place to add columns to it.")
    return schema or source.schema, name


def _check_ids(connection, source, id_column: str) -> int:
    """Return the number of rows; raise when the id column has NULLs or repeats (rows would be missed)."""
    from sqlalchemy import distinct, func, select

    column = source.c[id_column]
    rows, ids, unique = connection.execute(select(func.count(), func.count(column), func.count(distinct(column)))).one()
    if ids < rows:
        raise BulkInputError(f"the id column {id_column!r} is NULL in {rows - ids:,} rows; choose a column that identifies every row.")
    if unique < ids:
        raise BulkInputError(f"the id column {id_column!r} repeats values ({ids - unique:,} repeats); choose a unique column.")
    return rows


def _chunks(connection, source, job: TableJob, last: object, done: int) -> Iterator[Chunk]:
    from sqlalchemy import select

    key = source.c[job.id_column]
    query = select(key, *(source.c[name] for name in job.text_columns)).order_by(key).limit(job.chunk_size)
    number = 0
    while True:
        rows = connection.execute(query if last is None else query.where(key > last)).all()
        if not rows:
            return
        last = rows[-1][0]
        texts: list[str | None] = []
        for row in rows:
            try:
                texts.append(row_text(row[1:]))
            except BadCell as error:  # the chunks before it are committed
                raise BulkInputError(f"the row with id {row[0]!r} has {error}; fix the row, then run again with --resume to carry on.") from None
        done += len(rows)
        yield Chunk(number, [row[0] for row in rows], texts, {"last": last}, done)
        number += 1


def _text_counts(connection, source, job: TableJob, last: object, limit: int) -> tuple[int, int]:
    """Return how many rows up to id last have no text, and how many a text over limit characters.

    The results keep no text, so a resumed run reads the text columns of the rows tagged before
    it, by the one rule for a row's text (row_text), to count them as an uninterrupted run does.
    """
    from sqlalchemy import select

    key = source.c[job.id_column]
    query = select(*(source.c[name] for name in job.text_columns)).where(key <= last)
    empty = cut = 0
    for row in connection.execute(query.execution_options(yield_per=job.chunk_size)):
        text = row_text(row)
        if is_blank(text):
            empty += 1
        elif len(text) > limit:
            cut += 1
    return empty, cut


class _TableSink:
    """Writes each chunk's results and commits: one transaction per chunk."""

    def __init__(self, connection, target: ResultsTable | InPlace) -> None:
        self.connection, self.target = connection, target
        self.committed = False

    def write(self, chunk: Chunk, cells: list) -> None:
        self.target.write(self.connection, chunk.records, cells)

    def commit(self, chunk: Chunk, summary: Summary) -> None:
        self.connection.commit()
        self.committed = True
