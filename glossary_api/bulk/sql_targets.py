"""Where `cxo tag` writes a table's results: a results table of their own, or cxo_* columns added in place.

Each target prepares itself (creates, checks or takes up what an earlier run left), says what an
earlier run already tagged, and writes a chunk's results; sql.py reads the rows and commits.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from ..errors import BulkOutputError
from .jobs import COLUMNS, TableJob
from .runner import Summary


def _is_results_table(columns: list[str], id_column: str) -> bool:
    """Return whether a table with these columns is one `cxo tag` made: the id column and cxo_* result columns, nothing else.

    Only such a table may be replaced (--force) or carried on with (--resume); any other table of
    that name is someone's data (a team's own `vendor_code, cxo_label`), and a run refuses to touch it.
    """
    own = [name for name in columns if name not in COLUMNS]
    return own == [id_column] and len(columns) > 1


class ResultsTable:
    """Results in a table of their own: the id column as primary key, then the cxo_* columns."""

    def __init__(self, source, job: TableJob, schema: str | None, name: str) -> None:
        self.source, self.job = source, job
        self.created = False
        self.schema, self.name = schema, name

    def prepare(self, connection, resume: bool, force: bool) -> object:
        """Create the results table (or take up the one a run left); return the last id already tagged."""
        from sqlalchemy import Column, MetaData, Table, Text, func, inspect, select

        schema = self.schema
        key = self.source.c[self.job.id_column]
        if inspect(connection).has_table(self.name, schema=schema):
            existing = reflect(connection, self.name, schema)
            columns = list(existing.c.keys())
            if not _is_results_table(columns, self.job.id_column):  # someone's own table: never written, never dropped
                listed = ", ".join(repr(name) for name in columns)
                raise BulkOutputError(
                    f"the table {self.name!r} exists and is not a results table (its columns: {listed}); "
                    "choose another --results-table name."
                )
            if resume and {self.job.id_column, *self.job.columns} <= set(columns):
                self.table = existing
                return connection.execute(select(func.max(existing.c[self.job.id_column]))).scalar()
            if resume and not force:
                raise BulkOutputError(f"the table {self.name!r} lacks columns this run writes; use --force to replace it.")
            if not force:
                raise BulkOutputError(f"the table {self.name!r} exists; add --resume to carry on with it, or --force to replace it.")
            existing.drop(connection)
        columns = [Column(name, Text) for name in self.job.columns]
        self.table = Table(self.name, MetaData(), Column(key.name, key.type, primary_key=True, autoincrement=False), *columns, schema=schema)
        self.table.create(connection)
        self.created = True
        return None

    def undo(self, connection) -> None:
        """Drop the results table this run created, when the run fails before it commits a chunk."""
        from sqlalchemy.exc import SQLAlchemyError

        if not self.created:
            return
        try:
            connection.rollback()
            self.table.drop(connection, checkfirst=True)
            connection.commit()
        except SQLAlchemyError:  # the database went away: the error that ended the run says so
            pass

    def counts(self, connection, last: object) -> Summary:
        from sqlalchemy import true

        return _counts(connection, self.table, true(), self.job.columns)

    def write(self, connection, ids: list, cells: list) -> None:
        rows = [{self.job.id_column: row_id, **dict(zip(self.job.columns, values))} for row_id, values in zip(ids, cells)]
        if rows:
            connection.execute(self.table.insert(), rows)


def reflect(connection, name: str, schema: str | None):  # returns sqlalchemy.Table, imported lazily
    """Return the table as the database has it; on SQLite, every column read and written as stored.

    SQLite keeps any value in any column: a JSON column may hold plain text, a DATETIME one
    '01/05/2024'. SQLAlchemy's types would parse them (json.loads, fromisoformat) and fail, so each
    column keeps its declared type (its affinity, and the results table's id column has the same)
    but converts nothing, as the README's "a cell is read as stored" asks.
    """
    from sqlalchemy import MetaData, Table
    from sqlalchemy.types import NullType

    table = Table(name, MetaData(), autoload_with=connection, schema=schema)
    if connection.dialect.name == "sqlite":
        for column in table.c:
            declared = "BLOB" if isinstance(column.type, NullType) else column.type.compile(dialect=connection.dialect)
            column.type = as_stored(declared)
    return table


def as_stored(declared: str = "BLOB") -> object:
    """Return a type declared as declared that converts nothing: values go in and come out as SQLite stores them.

    BLOB, for a column without a type (`CREATE TABLE t(id, ...)`), converts nothing either, where a
    typed copy would turn integers and text alike, and sort them otherwise.
    """
    return _stored_type()(declared)


@cache
def _stored_type() -> type:
    from sqlalchemy.types import UserDefinedType

    class AsStored(UserDefinedType):
        cache_ok = True

        def __init__(self, declared: str = "BLOB") -> None:
            self.declared = declared

        def get_col_spec(self, **_: object) -> str:
            return self.declared

    return AsStored


class InPlace:
    """Results in cxo_* columns added to the table itself; its other columns are not touched."""

    def __init__(self, source, job: TableJob) -> None:
        self.source, self.job = source, job

    def prepare(self, connection, resume: bool, force: bool) -> object:
        """Add the missing cxo_* columns; return the last id already tagged when resuming."""
        from sqlalchemy import func, select, text, update

        present = [name for name in self.job.columns if name in self.source.c]
        earlier = [name for name in COLUMNS if name in self.source.c]
        last = None
        if present and resume and set(earlier) != set(self.job.columns) and not force:  # rows tagged before would miss some
            raise BulkOutputError(
                f"the table {self.source.name!r} has the columns {', '.join(earlier)} of an earlier run, not this run's "
                f"{', '.join(self.job.columns)}; resume with the same --columns, or use --force to tag every row again."
            )
        if present and resume and set(earlier) == set(self.job.columns):
            marker = self.source.c[present[0]]
            last = connection.execute(select(func.max(self.source.c[self.job.id_column])).where(marker.is_not(None))).scalar()
        elif present and force:
            connection.execute(update(self.source).values({name: None for name in present}))
        elif present:
            raise BulkOutputError(
                f"the table {self.source.name!r} already has a column {present[0]!r}; "
                "add --resume to carry on with it, or --force to tag every row again."
            )
        quote = connection.dialect.identifier_preparer
        for name in self.job.columns:
            if name not in self.source.c:
                connection.execute(text(f"ALTER TABLE {quote.format_table(self.source)} ADD COLUMN {quote.quote(name)} TEXT"))
        self.source = reflect(connection, self.source.name, self.source.schema)
        return last

    def undo(self, connection) -> None:
        """Leave the columns added: the run's error says to carry on with --resume, which takes them up."""

    def counts(self, connection, last: object) -> Summary:
        if last is None:
            return Summary()
        return _counts(connection, self.source, self.source.c[self.job.id_column] <= last, self.job.columns)

    def write(self, connection, ids: list, cells: list) -> None:
        from sqlalchemy import bindparam, update

        if not ids:
            return
        key = self.source.c[self.job.id_column]
        statement = (
            update(self.source)
            .where(key == bindparam("row_id"))
            .values({name: bindparam(f"new_{name}") for name in self.job.columns})
        )
        rows = [{"row_id": row_id, **{f"new_{n}": v for n, v in zip(self.job.columns, values)}} for row_id, values in zip(ids, cells)]
        connection.execute(statement, rows)


def _counts(connection, table, where, columns: tuple[str, ...]) -> Summary:
    """Return a summary holding the rows a previous run tagged, by label when cxo_label is kept."""
    from sqlalchemy import func, select

    if "cxo_label" not in columns:
        return Summary(rows=connection.execute(select(func.count()).select_from(table).where(where)).scalar())
    label = table.c["cxo_label"]
    labels = Counter(dict(connection.execute(select(label, func.count()).where(where).group_by(label)).all()))
    return Summary(rows=labels.total(), labels=labels)
