"""Helpers of the bulk tests: vendor rows written and read back in every format, databases to tag in."""

from __future__ import annotations

import csv
import json
import uuid
from pathlib import Path

from glossary_api.text import is_blank

ADDED = ["cxo_label", "cxo_labels", "cxo_confidence", "cxo_evidence"]
JOBS = Path(__file__).parent / "jobs"


def many_vendors(vendors: list[dict[str, str]], count: int) -> list[dict[str, str]]:
    """Return count rows made from vendors, every text distinct (a site number appended)."""
    texts = [row for row in vendors if row["description"]]
    return [
        {**texts[n % len(texts)], "id": str(n + 1), "description": f"{texts[n % len(texts)]['description']} (site {n})"}
        for n in range(count)
    ]


def write_rows(path: Path, rows: list[dict], encoding: str = "utf-8") -> Path:
    """Write rows to path in the format its extension names; return path."""
    columns = list(rows[0])
    suffix = path.suffix
    if suffix in (".csv", ".tsv"):
        with path.open("w", encoding=encoding, newline="") as file:
            writer = csv.writer(file, delimiter="," if suffix == ".csv" else "\t")
            writer.writerow(columns)
            writer.writerows([row[c] for c in columns] for row in rows)
    elif suffix == ".jsonl":
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding=encoding)
    elif suffix == ".xlsx":
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "vendors"
        sheet.append(columns)
        for row in rows:
            sheet.append([_typed(row[c]) for c in columns])
        workbook.save(path)
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.table({c: [row[c] for row in rows] for c in columns})
        pq.write_table(table.set_column(0, "id", pa.array([int(row["id"]) for row in rows])), path, row_group_size=100)
    else:
        raise ValueError(suffix)
    return path


def _typed(value: str) -> object:
    return int(value) if value.isdigit() else value or None


def read_rows(path: Path, encoding: str = "utf-8") -> tuple[list[str], list[dict]]:
    """Return the columns and rows of a file written by `cxo tag`, cells as the format holds them."""
    suffix = path.suffix
    if suffix in (".csv", ".tsv"):
        with path.open(encoding=encoding, newline="") as file:
            reader = csv.DictReader(file, delimiter="," if suffix == ".csv" else "\t")
            rows = list(reader)
            return list(reader.fieldnames), rows
    if suffix == ".jsonl":
        rows = [json.loads(line) for line in path.read_text(encoding=encoding).splitlines() if line.strip()]
        return list(rows[0]), rows
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
        values = list(workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
        columns = list(values[0])
        return columns, [dict(zip(columns, row)) for row in values[1:]]
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        return table.column_names, table.to_pylist()
    raise ValueError(suffix)


def expected_label(classifier, text: str) -> str:
    """Return the label POST /v1/classify gives text; NONE for a blank text, which it would refuse."""
    return "NONE" if is_blank(text) else classifier.classify(text).label


# --- databases: SQLite always; PostgreSQL at TEST_POSTGRES_URL (.ci/run starts one) ----------------


class Database:
    """A database to tag tables in: its URL, and helpers to create and read tables through SQLAlchemy."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine

        self.url = url
        self.engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        self.created: list[str] = []

    def create_vendors(self, rows: list[dict], id_type: str = "INTEGER") -> str:
        """Create a uniquely named vendors table holding rows; return its name."""
        from sqlalchemy import text

        name = f"vendors_{uuid.uuid4().hex[:8]}"
        self.created += [name, f"{name}_cxo"]
        with self.engine.begin() as connection:
            connection.execute(text(f"CREATE TABLE {name} (id {id_type} PRIMARY KEY, name TEXT, description TEXT, founded INTEGER)"))
            connection.execute(
                text(f"INSERT INTO {name} VALUES (:id, :name, :description, :founded)"),
                [{"id": int(r["id"]) if id_type == "INTEGER" else r["id"], "name": r["name"], "description": r["description"] or None, "founded": 1990 + int(r["id"]) % 30} for r in rows],
            )
        return name

    def rows(self, table: str) -> list[dict]:
        """Return every row of table, ordered by id."""
        from sqlalchemy import text

        with self.engine.connect() as connection:
            return [dict(row._mapping) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))]

    def tables(self) -> set[str]:
        from sqlalchemy import inspect

        return set(inspect(self.engine).get_table_names())

    def drop(self) -> None:
        from sqlalchemy import text

        with self.engine.begin() as connection:
            for name in self.created:
                connection.execute(text(f"DROP TABLE IF EXISTS {name}"))
        self.engine.dispose()


class Stop(Exception):
    """Raised from a progress hook to stop a run the way a crash would."""


def stop_after(chunks: int):
    """Return an on_chunk hook that raises Stop once `chunks` chunks are committed."""

    def on_chunk(chunk, summary) -> None:
        if chunk.number + 1 == chunks:
            raise Stop

    return on_chunk
