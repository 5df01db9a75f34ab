"""The file formats of `cxo tag`, one module each, behind one registry: FORMATS[name] is a Format.

A Format opens a reader (chunks of rows, each with its resume position), makes the encoder of
the cxo_* cells (run in the worker processes), and opens the writer of the run's work folder.
Adding a format is a module here and a line in FORMATS.
"""

from __future__ import annotations

from pathlib import Path

from ...errors import BulkInputError, BulkOptionError
from .base import BadRow, Chunk, FlatCells, Format, Reader, Writer, column_indices
from .csv import CSV, TSV
from .excel import EXCEL
from .jsonl import JSONL
from .parquet import PARQUET

FORMATS: dict[str, Format] = {f.name: f for f in (CSV, TSV, JSONL, EXCEL, PARQUET)}
EXTENSIONS = {extension: f.name for f in FORMATS.values() for extension in f.extensions}

__all__ = ["EXTENSIONS", "FORMATS", "BadRow", "Chunk", "FlatCells", "Format", "Reader", "Writer", "column_indices", "format_of", "open_reader"]


def format_of(path: Path, given: str | None = None) -> str:
    """Return the format given, else the one path's extension names; raise BulkInputError for neither."""
    if given:
        return given
    name = EXTENSIONS.get(path.suffix.lower())
    if name is None:
        known = ", ".join(EXTENSIONS)
        raise BulkInputError(f"{path}: unknown format {path.suffix or '(no extension)'!r}; use one of {known}, or --format.")
    return name


def open_reader(path: Path, name: str, encoding: str | None = None) -> Reader:
    """Return a reader for path, its columns known; raise BulkInputError when it cannot be read as that format."""
    if not path.is_file():
        if path.exists():  # a pipe, e.g. <(zcat vendors.csv.gz)
            raise BulkInputError(f"{path}: not a file (a pipe?); the input is read more than once and resumed from, so save it to a file first.")
        raise BulkInputError(f"{path}: no such file.")
    fmt = FORMATS[name]
    if encoding and not fmt.takes_encoding:
        raise BulkOptionError(f"--encoding applies to CSV, TSV and JSON Lines, not {name}.")
    return fmt.open_reader(path, encoding)
