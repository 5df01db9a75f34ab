"""Parquet: read in record batches, written back batch by batch with the cxo_* columns appended as strings.

A resumed run skips the batches done: the position is {"batches": n, "rows": rows so far}.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ...errors import BulkInputError
from ...extras import require
from ..jobs import BadCell, row_text
from .base import BadRow, Chunk, FlatCells, Format, PartsWriter, Reader, column_indices


class ParquetReader(Reader):
    """A Parquet file, read in record batches; the batches go to the output with columns appended."""

    format = "parquet"

    def __init__(self, path: Path, encoding: str | None = None) -> None:
        pa = require("pyarrow")  # the writer's lazy imports below need no check: the reader comes first
        pq = require("pyarrow.parquet")

        self.path = path
        try:
            self.file = pq.ParquetFile(path)
        except (pa.ArrowException, OSError) as error:
            raise BulkInputError(f"{path}: not a Parquet file ({error}).") from None
        self.schema = self.file.schema_arrow
        self.columns = list(self.schema.names)
        self.total = self.file.metadata.num_rows

    def chunks(self, text_columns: Sequence[str], size: int, resume: dict | None, number: int = 0) -> Iterator[Chunk]:
        column_indices(self.columns, text_columns, "text column")
        skip = resume["batches"] if resume else 0
        done = resume["rows"] if resume else 0
        for index, batch in enumerate(self.file.iter_batches(batch_size=size, use_threads=False)):
            if index < skip:
                continue
            columns = [batch.column(name).to_pylist() for name in text_columns]
            texts: list[str | None] = []
            bad: list[BadRow] = []
            keep: list[bool] = []
            for row, values in enumerate(zip(*columns), start=done + 1):
                try:
                    texts.append(row_text(values))
                    keep.append(True)
                except BadCell as error:  # binary that is not UTF-8: a malformed row, left out with --on-error skip
                    bad.append(BadRow(row, str(error), "row"))
                    keep.append(False)
            done += batch.num_rows
            if bad:
                import pyarrow as pa

                batch = batch.filter(pa.array(keep))
            yield Chunk(number, batch, texts, {"batches": index + 1, "rows": done}, done, bad)
            number += 1


class ParquetParts(PartsWriter):
    """Parquet parts: each input batch with the cxo_* columns appended as strings."""

    suffix = ".parquet"

    def schema(self):  # returns pyarrow.Schema, imported lazily
        import pyarrow as pa

        schema = self.reader.schema
        for name in self.columns:
            schema = schema.append(pa.field(name, pa.string()))
        return schema.with_metadata(with_columns(schema.metadata or {}, self.columns))

    def write_part(self, path: Path, chunk: Chunk, cells: list) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_batches([chunk.records])
        for index, name in enumerate(self.columns):
            table = table.append_column(name, pa.array([row[index] for row in cells], pa.string()))
        pq.write_table(table.cast(self.schema()), path)

    def finish(self, target: Path) -> None:
        import pyarrow.parquet as pq

        temporary = self.folder / "joined.parquet.tmp"
        with pq.ParquetWriter(temporary, self.schema()) as joined:
            for part in self._parts():
                joined.write_table(pq.read_table(part))
        os.replace(temporary, target)


SPARK_SCHEMA = b"org.apache.spark.sql.parquet.row.metadata"


def with_columns(metadata: dict[bytes, bytes], columns: Sequence[str]) -> dict[bytes, bytes]:
    """Return the input's schema metadata with the added string columns in the column lists it keeps.

    Spark reads a file by the schema it stored (SPARK_SCHEMA), not by the file's own: left as it
    was, the cxo_* columns are there for Arrow and invisible to Spark. pandas' list of columns gets
    them too. Such a list that cannot be read is dropped, as out of date; the rest is kept as it was.
    """
    import json

    kept = dict(metadata)
    for key, entry in (
        (SPARK_SCHEMA, lambda name: {"name": name, "type": "string", "nullable": True, "metadata": {}}),
        (b"pandas", lambda name: {"name": name, "field_name": name, "pandas_type": "unicode", "numpy_type": "object", "metadata": None}),
    ):
        if key not in kept:
            continue
        try:
            listed = json.loads(kept[key])
            listed["fields" if key == SPARK_SCHEMA else "columns"].extend(entry(name) for name in columns)
            kept[key] = json.dumps(listed, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        except (ValueError, TypeError, KeyError, AttributeError):
            del kept[key]
    return kept


PARQUET = Format(
    "parquet",
    (".parquet", ".pq"),
    ParquetReader,
    lambda reader, columns: FlatCells(columns),
    lambda folder, reader, columns, encoder, resume: ParquetParts(folder / "parts", reader, columns, resume),
)
