"""Row readers: each input format streamed as chunks of rows, each chunk saying where to resume after it.

CSV, TSV and JSON Lines are read as raw lines: each row keeps its exact bytes for the output, and
a resumed run seeks straight to the byte after the last completed chunk. Excel and Parquet are
read a row or a batch at a time, and a resumed run skips what is done.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import BulkInputError
from .tagging import cell_text, joined_text

FORMATS = ("csv", "tsv", "jsonl", "xlsx", "parquet")
EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}
DEFAULT_ENCODING = "utf-8-sig"  # UTF-8, with or without a byte order mark
_CHECK_BYTES = 1 << 16  # decoded up front, so a wrong encoding fails before anything is written

csv.field_size_limit(1 << 30)  # long descriptions are normal; the classifier's own limit applies later


@dataclass(frozen=True, slots=True)
class BadRow:
    """A record that could not be read as a row: where it starts, and why."""

    line: int
    reason: str


@dataclass
class Chunk:
    """A run of records in input order, with their texts and where reading resumes after them."""

    number: int
    records: object  # what the writer copies out: raw bytes per record, cell tuples, or an Arrow batch
    texts: list[str | None]  # per record; None for a record that is not a row (a blank line)
    resume: dict  # reader position after this chunk, JSON-serializable
    done: int  # progress so far, in the reader's unit
    bad_rows: list[BadRow] = field(default_factory=list)


def format_of(path: Path, given: str | None = None) -> str:
    """Return the format given, else the one path's extension names; raise BulkInputError for neither."""
    if given:
        return given
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(EXTENSIONS)
        raise BulkInputError(f"{path}: unknown format {path.suffix or '(no extension)'!r}; use one of {known}, or --format.")
    return fmt


def open_reader(path: Path, fmt: str, encoding: str | None = None) -> Reader:
    """Return a reader for path, its columns known; raise BulkInputError when it cannot be read as fmt."""
    if not path.is_file():
        raise BulkInputError(f"{path}: no such file.")
    if fmt in ("csv", "tsv"):
        return CsvReader(path, encoding, fmt)
    if encoding and fmt != "jsonl":
        raise BulkInputError(f"--encoding applies to CSV, TSV and JSON Lines, not {fmt}.")
    if fmt == "jsonl":
        return JsonLinesReader(path, encoding)
    if fmt == "xlsx":
        return ExcelReader(path)
    return ParquetReader(path)


def column_indices(columns: Sequence[str], wanted: Sequence[str], what: str) -> list[int]:
    """Return the positions of wanted in columns; raise BulkInputError naming the columns that exist."""
    missing = [name for name in wanted if name not in columns]
    if missing:
        listed = ", ".join(repr(c) for c in columns)
        raise BulkInputError(f"no {what} {missing[0]!r}; the columns are: {listed}.")
    return [list(columns).index(name) for name in wanted]


class Reader:
    """The interface every format gives: columns, progress unit and total, and chunks of rows."""

    format: str
    unit = "rows"  # what `total` and Chunk.done count: "B" (bytes) or "rows"
    columns: list[str]
    total: int | None = None
    header: bytes = b""  # line formats: the header line, as read

    def chunks(self, text_columns: Sequence[str], size: int, resume: dict | None, number: int = 0) -> Iterator[Chunk]:
        raise NotImplementedError


# --- CSV, TSV, JSON Lines: raw lines -------------------------------------------------------------


def describe_encoding(encoding: str) -> str:
    """Return an encoding's name as a message shows it."""
    return "UTF-8 (with or without BOM)" if codecs.lookup(encoding).name == "utf-8-sig" else encoding


def body_encoding(encoding: str) -> str:
    """Return the encoding of a file's text past its first bytes: a UTF-8 BOM is only special there."""
    return "utf-8" if codecs.lookup(encoding).name == "utf-8-sig" else encoding


class _Lines:
    """Lines of a binary file, decoded one by one; keeps their raw bytes, the byte offset and line number."""

    def __init__(self, file: BinaryIO, path: Path, encoding: str, offset: int, line: int) -> None:
        self.file, self.path, self.offset, self.line = file, path, offset, line
        self.first_encoding = encoding
        self.encoding = body_encoding(encoding)
        self.declared = encoding
        self.pending: list[bytes] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        raw = self.file.readline()
        if not raw:
            raise StopIteration
        self.pending.append(raw)
        encoding = self.first_encoding if self.offset == 0 else self.encoding
        self.offset += len(raw)
        self.line += 1
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as error:
            raise _decode_error(self.path, self.line, self.declared, error) from None

    def take(self) -> bytes:
        """Return the raw bytes read since the last take()."""
        raw = self.pending[0] if len(self.pending) == 1 else b"".join(self.pending)
        self.pending.clear()
        return raw


def _decode_error(path: Path, line: int, encoding: str, error: UnicodeDecodeError) -> BulkInputError:
    return BulkInputError(
        f"{path}: line {line} is not {describe_encoding(encoding)} ({error.reason}); "
        "give the file's encoding with --encoding, e.g. --encoding gb18030 for a Chinese Excel export."
    )


def _check_encoding(path: Path, encoding: str) -> None:
    try:
        decoder = codecs.getincrementaldecoder(encoding)()
    except LookupError:
        raise BulkInputError(f"unknown encoding {encoding!r}; try utf-8, utf-8-sig or gb18030.") from None
    if '\n,\t"{}'.encode(body_encoding(encoding)) != b'\n,\t"{}':
        raise BulkInputError(f"encoding {encoding!r} is not supported: line ends and delimiters must be single ASCII bytes.")
    with path.open("rb") as file:
        head = file.read(_CHECK_BYTES)
    try:
        decoder.decode(head, final=len(head) < _CHECK_BYTES)
    except UnicodeDecodeError as error:
        raise _decode_error(path, head[: error.start].count(b"\n") + 1, encoding, error) from None


class CsvReader(Reader):
    """CSV or TSV with a header row; a row with the wrong number of fields or bad quoting is a BadRow."""

    unit = "B"

    def __init__(self, path: Path, encoding: str | None, fmt: str) -> None:
        self.path, self.format = path, fmt
        self.encoding = encoding or DEFAULT_ENCODING
        self.dialect = csv.excel_tab if fmt == "tsv" else csv.excel
        _check_encoding(path, self.encoding)
        self.total = path.stat().st_size
        with path.open("rb") as file:
            lines = _Lines(file, path, self.encoding, 0, 0)
            try:
                self.columns = next(csv.reader(lines, self.dialect, strict=True))
            except StopIteration:
                raise BulkInputError(f"{path}: the file is empty; a header row is needed.") from None
            except csv.Error as error:
                raise BulkInputError(f"{path}: line 1, the header row: {error}.") from None
            self.header = lines.take()
            self._start = {"offset": lines.offset, "line": lines.line}

    def chunks(self, text_columns: Sequence[str], size: int, resume: dict | None, number: int = 0) -> Iterator[Chunk]:
        indices = column_indices(self.columns, text_columns, "text column")
        width = len(self.columns)
        position = resume or self._start
        with self.path.open("rb") as file:
            file.seek(position["offset"])
            lines = _Lines(file, self.path, self.encoding, position["offset"], position["line"])
            reader = csv.reader(lines, self.dialect, strict=True)
            yield from _chunked(self._entries(lines, reader, indices, width), lines, size, number)

    @staticmethod
    def _entries(lines: _Lines, reader: Iterator[list[str]], indices: list[int], width: int) -> Iterator[_Entry]:
        while True:
            first_line = lines.line + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                lines.take()
                yield BadRow(first_line, f"bad quoting: {error}")
                continue
            raw = lines.take()
            if not fields:  # a blank line: not a row, copied as it is
                yield raw, None, False
            elif len(fields) != width:
                yield BadRow(first_line, f"{len(fields)} fields where the header has {width}")
            else:
                yield raw, fields[indices[0]] if len(indices) == 1 else joined_text(fields[i] for i in indices), True

class JsonLinesReader(Reader):
    """One JSON object per line; its keys are the columns (those of the first object are checked)."""

    format = "jsonl"
    unit = "B"

    def __init__(self, path: Path, encoding: str | None) -> None:
        self.path = path
        self.encoding = encoding or DEFAULT_ENCODING
        _check_encoding(path, self.encoding)
        self.total = path.stat().st_size
        self.columns = []
        with path.open("rb") as file:
            for text in _Lines(file, path, self.encoding, 0, 0):
                if text.strip():
                    row = _json_object(text)
                    if isinstance(row, BadRow):
                        raise BulkInputError(f"{path}: the first row is {row.reason}; is this a JSON Lines file?")
                    self.columns = list(row)
                    break
            else:
                raise BulkInputError(f"{path}: the file has no JSON object; a first row is needed to check the columns.")

    def chunks(self, text_columns: Sequence[str], size: int, resume: dict | None, number: int = 0) -> Iterator[Chunk]:
        column_indices(self.columns, text_columns, "text column")
        position = resume or {"offset": 0, "line": 0}
        with self.path.open("rb") as file:
            file.seek(position["offset"])
            lines = _Lines(file, self.path, self.encoding, position["offset"], position["line"])
            yield from _chunked(self._entries(lines, text_columns), lines, size, number)

    @staticmethod
    def _entries(lines: _Lines, text_columns: Sequence[str]) -> Iterator[_Entry]:
        for text in lines:
            raw = lines.take()
            if not text.strip():
                yield raw, None, False
                continue
            row = _json_object(text)
            if isinstance(row, BadRow):
                yield BadRow(lines.line, row.reason)
            else:
                yield raw, joined_text(row.get(name) for name in text_columns), True


# A line of a text file as parsed: a malformed row, or (raw bytes, text, whether it is a row).
_Entry = BadRow | tuple[bytes, str | None, bool]


def _chunked(entries: Iterator[_Entry], lines: _Lines, size: int, number: int) -> Iterator[Chunk]:
    """Group parsed lines into chunks of `size` rows; blank lines and bad rows ride along uncounted.

    Each chunk's resume position is where `lines` stands after its last row, so a resumed run
    starts reading exactly there.
    """
    records: list[bytes] = []
    texts: list[str | None] = []
    bad: list[BadRow] = []
    rows = 0
    for entry in entries:
        if isinstance(entry, BadRow):
            bad.append(entry)
            continue
        raw, text, is_row = entry
        records.append(raw)
        texts.append(text)
        rows += is_row
        if rows == size:
            yield Chunk(number, records, texts, {"offset": lines.offset, "line": lines.line}, lines.offset, bad)
            number, records, texts, bad, rows = number + 1, [], [], [], 0
    if records or bad:
        yield Chunk(number, records, texts, {"offset": lines.offset, "line": lines.line}, lines.offset, bad)

def _json_object(text: str) -> dict | BadRow:
    try:
        row = json.loads(text.rstrip("\r\n"))
    except json.JSONDecodeError as error:
        return BadRow(0, f"not valid JSON ({error.msg} at column {error.colno})")
    return row if isinstance(row, dict) else BadRow(0, f"a JSON {type(row).__name__}, not an object")


# --- Excel and Parquet: typed cells -------------------------------------------------------------


class ExcelReader(Reader):
    """The first sheet of an .xlsx workbook; row 1 is the header. Cell values keep their types."""

    format = "xlsx"

    def __init__(self, path: Path) -> None:
        self.path = path
        workbook = _open_workbook(path)
        try:
            sheet = workbook.worksheets[0]
            self.sheet_title = sheet.title
            header = next(sheet.iter_rows(max_row=1, values_only=True), None)
            if header is None:
                raise BulkInputError(f"{path}: the first sheet is empty; a header row is needed.")
            self.columns = [cell_text(value) for value in header]
            while self.columns and not self.columns[-1]:
                self.columns.pop()
            self.total = max((sheet.max_row or 1) - 1, 0)
        finally:
            workbook.close()

    def chunks(self, text_columns: Sequence[str], size: int, resume: dict | None, number: int = 0) -> Iterator[Chunk]:
        indices = column_indices(self.columns, text_columns, "text column")
        width = len(self.columns)
        line = resume["line"] if resume else 1
        workbook = _open_workbook(self.path)
        try:
            records: list[tuple] = []
            texts: list[str | None] = []
            bad: list[BadRow] = []
            rows = 0
            for values in workbook.worksheets[0].iter_rows(min_row=line + 1, values_only=True):
                line += 1
                cells = tuple(values[:width]) + (None,) * (width - len(values))
                if all(value is None for value in values):
                    records.append(cells)
                    texts.append(None)
                    continue
                if any(value is not None for value in values[width:]):
                    bad.append(BadRow(line, f"values beyond the header's {width} columns"))
                    continue
                records.append(cells)
                texts.append(joined_text(cells[i] for i in indices))
                rows += 1
                if rows == size:
                    yield Chunk(number, records, texts, {"line": line}, line - 1, bad)
                    number, records, texts, bad, rows = number + 1, [], [], [], 0
            if records or bad:
                yield Chunk(number, records, texts, {"line": line}, line - 1, bad)
        finally:
            workbook.close()


def _open_workbook(path: Path):  # noqa: ANN202 - openpyxl's Workbook, imported lazily
    from zipfile import BadZipFile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise BulkInputError(f"{path}: not an Excel .xlsx workbook ({error}).") from None


class ParquetReader(Reader):
    """A Parquet file, read in record batches; the batches go to the output with columns appended."""

    format = "parquet"

    def __init__(self, path: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

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
            texts: list[str | None] = list(map(cell_text, columns[0])) if len(columns) == 1 else [joined_text(v) for v in zip(*columns)]
            done += batch.num_rows
            yield Chunk(number, batch, texts, {"batches": index + 1, "rows": done}, done)
            number += 1
