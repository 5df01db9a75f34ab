"""CSV and TSV: a header row, then one record per row (quoted fields may span lines)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...errors import BulkInputError
from ..jobs import Tag, row_text
from .base import BadRow, Chunk, Entry, Format, Reader, column_indices
from .lines import DEFAULT_ENCODING, Lines, LineWriter, body_encoding, check_encoding, read_chunks


class CsvReader(Reader):
    """CSV or TSV with a header row; a row with the wrong number of fields or bad quoting is a BadRow."""

    unit = "B"

    def __init__(self, path: Path, encoding: str | None, dialect: type[csv.Dialect], fmt: str) -> None:
        self.path, self.format, self.dialect = path, fmt, dialect
        self.encoding = encoding or DEFAULT_ENCODING
        check_encoding(path, self.encoding)
        self.total = path.stat().st_size
        with path.open("rb") as file:
            lines = Lines(file, path, self.encoding, 0, 0)
            try:
                self.columns = next(csv.reader(lines, self.dialect, strict=True))
            except StopIteration:
                raise BulkInputError(f"{path}: the file is empty; a header row is needed.") from None
            except csv.Error as error:
                if "new-line character seen in unquoted field" in str(error):  # the csv module's advice is for programmers
                    raise BulkInputError(f"{path}: its lines end in a bare carriage return (CR, as old Mac files do); save it with LF or CRLF line ends.") from None
                raise BulkInputError(f"{path}: line 1, the header row: {error}.") from None
            if not any(name.strip() for name in self.columns):  # a blank first line, or only delimiters
                raise BulkInputError(f"{path}: the header row (line 1) is blank; the first line must name the columns.")
            self.header = lines.take()
            self._start = lines.position()[0]

    def chunks(self, text_columns: Sequence[str], size: int, resume: dict | None, number: int = 0) -> Iterator[Chunk]:
        indices = column_indices(self.columns, text_columns, "text column")
        width = len(self.columns)

        def entries(lines: Lines) -> Iterator[Entry]:
            reader = csv.reader(lines, self.dialect, strict=True)
            while True:
                first_line = lines.line + 1
                try:
                    fields = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    lines.take()
                    if str(error) == "unexpected end of data":  # a quote never closed: every line after it was read into one field
                        raise BulkInputError(
                            f"{self.path}: line {first_line}: a quoted field opens here and is never closed, so lines "
                            f"{first_line}-{lines.line} would be one row; close the quote (or double it, \"\", inside a field)."
                        ) from None
                    if "new-line character seen in unquoted field" in str(error):  # the csv module's advice is for programmers
                        yield BadRow(first_line, "a bare carriage return (CR) inside an unquoted field; quote the field or remove the CR")
                    else:
                        yield BadRow(first_line, f"bad quoting: {error}")
                    continue
                raw = lines.take()
                if not fields or (len(fields) == 1 < width and not fields[0].strip()):  # a blank line (spaces too): not a row, copied as it is
                    yield raw, None, False
                elif len(fields) != width:
                    yield BadRow(first_line, f"{len(fields)} fields where the header has {width}")
                else:
                    yield raw, row_text([fields[i] for i in indices]), True

        return read_chunks(self.path, self.encoding, resume, self._start, entries, size, number)


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


def splice_line(raw: bytes, cells: bytes) -> bytes:
    """Return a CSV record with cells added before its line end."""
    if raw.endswith(b"\r\n"):
        return raw[:-2] + cells + b"\r\n"
    if raw.endswith(b"\n"):
        return raw[:-1] + cells + b"\n"
    return raw + cells


def _encoder(reader: CsvReader, columns: tuple[str, ...]) -> CsvCells:
    return CsvCells(columns, reader.dialect.delimiter, body_encoding(reader.encoding))


def _writer(folder: Path, reader: CsvReader, columns: tuple[str, ...], encoder: CsvCells, resume: dict | None) -> LineWriter:
    header = splice_line(reader.header, encoder.encode(encoder.columns))
    return LineWriter(folder / f"part.{reader.format}", splice_line, header, resume)


CSV = Format("csv", (".csv",), lambda path, encoding: CsvReader(path, encoding, csv.excel, "csv"), _encoder, _writer, takes_encoding=True)
TSV = Format("tsv", (".tsv", ".tab"), lambda path, encoding: CsvReader(path, encoding, csv.excel_tab, "tsv"), _encoder, _writer, takes_encoding=True)
