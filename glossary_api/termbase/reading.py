"""Reading a translator's termbase for import: TBX (v3 or v2), CSV or TSV, Excel; the extension says which."""

from __future__ import annotations

from pathlib import Path

from ..errors import TermbaseFileError
from .entries import Reading
from .table_reading import read_table
from .tbx_reading import read_tbx

SUFFIXES = {".tbx": read_tbx, ".xml": read_tbx, ".csv": read_table, ".tsv": read_table, ".txt": read_table, ".utf8": read_table, ".xlsx": read_table}


def read_termbase(path: Path) -> Reading:
    """Return the entries of a TBX, CSV/TSV or Excel termbase; raise TermbaseFileError if it cannot be read."""
    reader = SUFFIXES.get(path.suffix.lower())
    if reader is None:
        raise TermbaseFileError(f"{path}: import reads .tbx, .csv, .tsv and .xlsx files, not {path.suffix or 'this file'}.")
    return reader(path)
