"""Writers: each record copied out as it was read, the cxo_* cells added, into a folder a run can resume.

CSV, TSV and JSON Lines append to one part file, and a checkpoint is its length in bytes: the
input's bytes are kept exactly, the cells spliced in before each line end (or before a JSON
object's closing brace). Excel and Parquet files cannot be appended to once closed, so each
chunk becomes a part file of its own, and finish() joins the parts in order.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .readers import Chunk, Reader, body_encoding
from .tagging import Tag

# --- encoders: run in the worker processes, so the parent only copies bytes ----------------------


@dataclass(frozen=True)
class CsvCells:
    """Encodes a tag as the delimiter-led, quoted cells to splice into a CSV or TSV line."""

    columns: tuple[str, ...]
    delimiter: str
    encoding: str

    def __call__(self, tag: Tag) -> bytes:
        flat = tag.flat()
        return self.encode([flat[name] for name in self.columns])

    def encode(self, cells: Sequence[str]) -> bytes:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=self.delimiter, lineterminator="").writerow(cells)
        return (self.delimiter + buffer.getvalue()).encode(self.encoding)


@dataclass(frozen=True)
class JsonCells:
    """Encodes a tag as the `"key":value` members to splice into a JSON object."""

    columns: tuple[str, ...]
    encoding: str

    def __call__(self, tag: Tag) -> bytes:
        native = tag.native()
        members = (f"{json.dumps(name)}:{json.dumps(native[name], ensure_ascii=False, separators=(',', ':'))}" for name in self.columns)
        return ",".join(members).encode(self.encoding)


@dataclass(frozen=True)
class FlatCells:
    """Encodes a tag as a tuple of text cells, for Excel, Parquet and SQL."""

    columns: tuple[str, ...]

    def __call__(self, tag: Tag) -> tuple[str, ...]:
        flat = tag.flat()
        return tuple(flat[name] for name in self.columns)


def encoder_for(reader: Reader, columns: tuple[str, ...]) -> CsvCells | JsonCells | FlatCells:
    """Return the encoder whose cells the writer of reader's format splices in."""
    encoding = body_encoding(getattr(reader, "encoding", "utf-8"))
    if reader.format in ("csv", "tsv"):
        return CsvCells(columns, reader.dialect.delimiter, encoding)
    if reader.format == "jsonl":
        return JsonCells(columns, encoding)
    return FlatCells(columns)


# --- line formats: one part file, appended ------------------------------------------------------


def splice_line(raw: bytes, cells: bytes) -> bytes:
    """Return a CSV record with cells added before its line end."""
    if raw.endswith(b"\r\n"):
        return raw[:-2] + cells + b"\r\n"
    if raw.endswith(b"\n"):
        return raw[:-1] + cells + b"\n"
    return raw + cells


def splice_object(raw: bytes, members: bytes) -> bytes:
    """Return a JSON Lines record with members added before the object's closing brace."""
    body = raw.rstrip()
    inside = body[:-1]
    comma = b"" if inside.rstrip().endswith(b"{") else b","
    return inside + comma + members + b"}" + raw[len(body) :]


class LineWriter:
    """Appends records to one part file; a checkpoint is the file's length, where a resumed run truncates."""

    def __init__(self, part: Path, reader: Reader, encoder: CsvCells | JsonCells, resume: dict | None) -> None:
        self.part = part
        self.splice = splice_object if reader.format == "jsonl" else splice_line
        if resume:
            self.file = part.open("r+b")
            self.file.truncate(resume["size"])
            self.file.seek(resume["size"])
        else:
            self.file = part.open("wb")
            if isinstance(encoder, CsvCells):
                self.file.write(splice_line(reader.header, encoder.encode(encoder.columns)))

    def write(self, chunk: Chunk, cells: list) -> None:
        splice = self.splice
        self.file.write(b"".join(raw if added is None else splice(raw, added) for raw, added in zip(chunk.records, cells)))

    def checkpoint(self) -> dict:
        """Make what is written durable and return where a resumed run picks up."""
        self.file.flush()
        os.fsync(self.file.fileno())
        return {"size": self.file.tell()}

    def finish(self, target: Path) -> None:
        """Close the part file and rename it to target."""
        self.checkpoint()
        self.file.close()
        os.replace(self.part, target)

    def close(self) -> None:
        self.file.close()


# --- Excel and Parquet: a part file per chunk, joined at the end ----------------------------------


class PartsWriter:
    """Writes each chunk as a part file in folder; a checkpoint is the number of parts."""

    suffix = ""

    def __init__(self, folder: Path, reader: Reader, columns: tuple[str, ...], resume: dict | None) -> None:
        self.folder, self.reader, self.columns = folder, reader, columns
        folder.mkdir(exist_ok=True)
        self.count = resume["parts"] if resume else 0
        for leftover in self._parts()[self.count :]:  # from a chunk that never completed
            leftover.unlink()

    def _parts(self) -> list[Path]:
        return sorted(self.folder.glob(f"*{self.suffix}"))

    def write(self, chunk: Chunk, cells: list) -> None:
        path = self.folder / f"{self.count:08d}{self.suffix}"
        temporary = path.with_name(path.name + ".tmp")
        self.write_part(temporary, chunk, cells)
        os.replace(temporary, path)
        self.count += 1

    def checkpoint(self) -> dict:
        return {"parts": self.count}

    def close(self) -> None:
        pass

    def write_part(self, path: Path, chunk: Chunk, cells: list) -> None:
        raise NotImplementedError

    def finish(self, target: Path) -> None:
        raise NotImplementedError


class ParquetParts(PartsWriter):
    """Parquet parts: each input batch with the cxo_* columns appended as strings."""

    suffix = ".parquet"

    def schema(self):  # noqa: ANN201 - pyarrow.Schema, imported lazily
        import pyarrow as pa

        schema = self.reader.schema
        for name in self.columns:
            schema = schema.append(pa.field(name, pa.string()))
        return schema

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


class ExcelParts(PartsWriter):
    """Excel parts: each chunk a one-sheet workbook; cell values keep their types, formatting is not kept."""

    suffix = ".xlsx"

    def write_part(self, path: Path, chunk: Chunk, cells: list) -> None:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for record, added in zip(chunk.records, cells):
            sheet.append(record if added is None else record + added)
        workbook.save(path)

    def finish(self, target: Path) -> None:
        from openpyxl import Workbook, load_workbook

        joined = Workbook(write_only=True)
        sheet = joined.create_sheet(self.reader.sheet_title)
        sheet.append([*self.reader.columns, *self.columns])
        for part in self._parts():
            workbook = load_workbook(part, read_only=True)
            for values in workbook.worksheets[0].iter_rows(values_only=True):
                sheet.append(values)
            workbook.close()
        temporary = self.folder / "joined.xlsx.tmp"
        joined.save(temporary)
        os.replace(temporary, target)


def open_writer(folder: Path, reader: Reader, columns: tuple[str, ...], encoder, resume: dict | None):  # noqa: ANN001, ANN201
    """Return the writer for reader's format, writing into folder, picking up from resume when given."""
    if reader.format == "parquet":
        return ParquetParts(folder / "parts", reader, columns, resume)
    if reader.format == "xlsx":
        return ExcelParts(folder / "parts", reader, columns, resume)
    return LineWriter(folder / f"part.{reader.format}", reader, encoder, resume)
