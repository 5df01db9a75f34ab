"""Excel .xlsx: the first sheet, row 1 the header; cell values keep their types, formatting is not kept.

A resumed run skips the rows done: the position is {"line": last sheet row read}. A workbook
cannot be appended to once saved, so each chunk is a part workbook, joined at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ...errors import BulkInputError
from ..jobs import cell_text, row_text
from .base import BadRow, Chunk, Entry, FlatCells, Format, PartsWriter, Reader, chunked, column_indices


class ExcelReader(Reader):
    """The first sheet of an .xlsx workbook; row 1 is the header."""

    format = "xlsx"

    def __init__(self, path: Path, encoding: str | None = None) -> None:
        self.path = path
        workbook = open_workbook(path)
        try:
            sheet = workbook.worksheets[0]
            declared = sheet.max_row  # the <dimension> the writer stored: for progress only, it may be stale
            sheet.reset_dimensions()
            self.sheet_title = sheet.title
            header = next((as_values(row) for row in sheet.iter_rows(max_row=1)), None)
            if header is None:
                raise BulkInputError(f"{path}: the first sheet is empty; a header row is needed.")
            self.columns = [cell_text(value) for value in header]
            while self.columns and not self.columns[-1]:
                self.columns.pop()
            if not self.columns:  # else the missing text column would be reported among no columns at all
                raise BulkInputError(f"{path}: the header row (row 1 of the first sheet) is blank; the first row must name the columns.")
            self.header = header[: len(self.columns)]  # as written back: a year 2024 stays a number, a date a date
            self.total = max(declared - 1, 0) if declared else None
        finally:
            workbook.close()

    def chunks(self, text_columns: Sequence[str], size: int, resume: dict | None, number: int = 0) -> Iterator[Chunk]:
        indices = column_indices(self.columns, text_columns, "text column")
        width = len(self.columns)
        line = resume["line"] if resume else 1

        def entries(workbook) -> Iterator[Entry]:  # workbook: openpyxl's Workbook
            nonlocal line
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # read every row and column, not the range a stale <dimension> gives
            for row in sheet.iter_rows(min_row=line + 1):
                values = as_values(row)
                line += 1
                cells = tuple(values[:width]) + (None,) * (width - len(values))
                if all(value is None for value in values):
                    yield cells, None, False
                elif any(value is not None for value in values[width:]):
                    yield BadRow(line, f"values beyond the header's {width} columns", "row")
                else:
                    yield cells, str(row_text([cells[i] for i in indices])), True

        workbook = open_workbook(self.path)
        try:
            yield from chunked(entries(workbook), size, number, lambda: ({"line": line}, line - 1))
        finally:
            workbook.close()


class Text(str):
    """A text cell's value that openpyxl would write as something else: a formula ('=1+1') or an error ('#N/A')."""


def as_values(cells: Sequence) -> tuple:
    """Return a read-only row's values, a text that reads as a formula or an error code marked as Text.

    openpyxl gives the text '#N/A' and the error #N/A alike as values, and writes a text starting
    with '=' as a formula; the cell's type tells them apart, and the writers keep it (text_cells).
    """
    from openpyxl.cell.cell import ERROR_CODES

    values = []
    for cell in cells:
        value = cell.value
        if cell.data_type == "s" and isinstance(value, str) and (value in ERROR_CODES or (len(value) > 1 and value[0] == "=")):
            value = Text(value)
        values.append(value)
    return tuple(values)


def text_cells(sheet, values: Sequence) -> list:
    """Return values to append to a write-only sheet, each Text as an explicit text cell (not a formula or error)."""
    from openpyxl.cell import WriteOnlyCell

    row = list(values)
    for index, value in enumerate(row):
        if isinstance(value, Text):
            cell = WriteOnlyCell(sheet, str(value))
            cell.data_type = "s"
            row[index] = cell
    return row


def open_workbook(path: Path):  # returns openpyxl's Workbook, imported lazily
    """Return the workbook at path, read-only; raise BulkInputError when it is not an .xlsx workbook.

    Read-only mode trusts each sheet's stored <dimension>, which some writers (Apache POI's
    streaming one) leave stale: a sheet is read after reset_dimensions(), so no row or column is lost.
    """
    from zipfile import BadZipFile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError) as error:
        raise BulkInputError(f"{path}: not an Excel .xlsx workbook ({error}).") from None


class ExcelParts(PartsWriter):
    """Excel parts: each chunk a one-sheet workbook."""

    suffix = ".xlsx"

    def write_part(self, path: Path, chunk: Chunk, cells: list) -> None:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for record, added in zip(chunk.records, cells):
            sheet.append(text_cells(sheet, record if added is None else record + added))
        workbook.save(path)

    def finish(self, target: Path) -> None:
        from openpyxl import Workbook, load_workbook

        joined = Workbook(write_only=True)
        sheet = joined.create_sheet(self.reader.sheet_title)
        sheet.append(text_cells(sheet, [*self.reader.header, *self.columns]))
        for part in self._parts():
            workbook = load_workbook(part, read_only=True)
            for row in workbook.worksheets[0].iter_rows():
                sheet.append(text_cells(sheet, as_values(row)))
            workbook.close()
        temporary = self.folder / "joined.xlsx.tmp"
        joined.save(temporary)
        os.replace(temporary, target)


EXCEL = Format(
    "xlsx",
    (".xlsx",),
    ExcelReader,
    lambda reader, columns: FlatCells(columns),
    lambda folder, reader, columns, encoder, resume: ExcelParts(folder / "parts", reader, columns, resume),
)
