"""What every bulk format gives: a Reader of chunks, each chunk saying where reading resumes after it."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ...errors import BulkInputError
from ..jobs import Tag

csv.field_size_limit(1 << 30)  # long descriptions are normal; the classifier's own limit applies later


@dataclass(frozen=True, slots=True)
class BadRow:
    """A record that could not be read as a row: where it starts, and why.

    `line` counts lines of a text file (CSV, TSV, JSON Lines), or rows where the format has rows and no
    lines (`unit` "row": a sheet's row, a Parquet file's data row); `where` says it as people read it.
    """

    line: int
    reason: str
    unit: str = "line"

    @property
    def where(self) -> str:
        return f"{self.unit} {self.line}"


@dataclass
class Chunk:
    """A run of records in input order, with their texts and where reading resumes after them."""

    number: int
    records: object  # what the format's writer copies out: raw bytes per record, cell tuples, an Arrow batch, or row ids
    texts: list[str | None]  # per record; None for a record that is not a row (a blank line)
    resume: dict  # reader position after this chunk, JSON-serializable
    done: int  # progress so far, in the reader's unit (Reader.unit: bytes or rows)
    bad_rows: list[BadRow] = field(default_factory=list)


def column_indices(columns: Sequence[str], wanted: Sequence[str], what: str) -> list[int]:
    """Return the positions of wanted in columns; raise BulkInputError naming the columns that exist, or the one named twice."""
    missing = [name for name in wanted if name not in columns]
    if missing:
        listed = ", ".join(repr(c) for c in columns)
        raise BulkInputError(f"no {what} {missing[0]!r}; the columns are: {listed}.")
    for name in wanted:
        positions = [str(number) for number, column in enumerate(columns, start=1) if column == name]
        if len(positions) > 1:
            raise BulkInputError(f"the {what} {name!r} is in the header {len(positions)} times (columns {', '.join(positions)}); rename all but one.")
    return [list(columns).index(name) for name in wanted]


class Reader:
    """The interface every format gives: columns, progress unit and total, and chunks of rows.

    chunks(text_columns, size, resume, number) yields Chunks of `size` rows (blank lines and bad
    rows ride along uncounted), numbered from `number`; `resume` is the position a chunk of an
    earlier run ended at (Chunk.resume, saved in state.json), or None to start at the first row.
    """

    format: str
    unit = "rows"  # what `total` and Chunk.done count: "B" (bytes) or "rows"
    columns: list[str]
    total: int | None = None
    header: bytes = b""  # line formats: the header line, as read
    # The cxo_* columns the run adds (set by the caller): a format whose rows bring keys of their
    # own (JSON Lines) refuses a row that has one, as the header check does for the others.
    added: Sequence[str] = ()

    def check_columns(self, wanted: Sequence[str], what: str) -> None:
        """Raise BulkInputError naming the columns there are when one of wanted is not a column."""
        column_indices(self.columns, wanted, what)

    def line_of(self, column: str) -> int | None:
        """Return the line where a row first has column, in a format whose rows bring their own keys (JSON Lines); None."""
        return None

    def chunks(self, text_columns: Sequence[str], size: int, resume: dict | None, number: int = 0) -> Iterator[Chunk]:
        raise NotImplementedError


# A record as a format parses it: a malformed row, or (what the writer copies, the row's text, whether it is a row).
Entry = BadRow | tuple[object, str | None, bool]


def chunked(entries: Iterator[Entry], size: int, number: int, position: Callable[[], tuple[dict, int]]) -> Iterator[Chunk]:
    """Group parsed records into chunks of `size` rows; blank records and bad rows ride along uncounted.

    position() says where the reader stands after the last record taken (the resume position and
    the progress), so a resumed run starts reading exactly after the chunk's last row.
    """
    records: list = []
    texts: list[str | None] = []
    bad: list[BadRow] = []
    rows = 0
    for entry in entries:
        if isinstance(entry, BadRow):
            bad.append(entry)
            continue
        record, text, is_row = entry
        records.append(record)
        texts.append(text)
        rows += is_row
        if rows == size:
            yield Chunk(number, records, texts, *position(), bad)
            number, records, texts, bad, rows = number + 1, [], [], [], 0
    if records or bad:
        yield Chunk(number, records, texts, *position(), bad)


class Writer(Protocol):
    """Where a format's tagged chunks go: written into the run's work folder, durable at each checkpoint."""

    def write(self, chunk: Chunk, cells: list) -> None: ...

    def checkpoint(self) -> dict:
        """Make what is written durable and return where a resumed run picks up."""
        ...

    def finish(self, target: Path) -> None:
        """Complete the output file as target."""
        ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Format:
    """One file format of `cxo tag`: how to read it, how to encode the cxo_* cells, how to write it."""

    name: str
    extensions: tuple[str, ...]
    open_reader: Callable[[Path, str | None], Reader]  # (path, encoding or None)
    encoder: Callable[[Reader, tuple[str, ...]], Callable]  # (reader, added columns) -> Tag -> cells
    open_writer: Callable[[Path, Reader, tuple[str, ...], Callable, dict | None], Writer]  # (work folder, reader, columns, encoder, resume)
    takes_encoding: bool = False  # whether --encoding applies (text formats)


@dataclass(frozen=True)
class FlatCells:
    """Encodes a tag as a tuple of text cells, for Excel, Parquet and SQL."""

    columns: tuple[str, ...]

    def __call__(self, tag: Tag) -> tuple[str, ...]:
        flat = tag.flat()
        return tuple(flat[name] for name in self.columns)


class PartsWriter:
    """Writes each chunk as a part file in folder, joined at the end; a checkpoint is the number of parts.

    For formats that cannot be appended to once closed (Excel, Parquet).
    """

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
