"""Reading a termbase table for import: CSV or TSV (UTF-8, the delimiter found in the header row) or
Excel (the first sheet). The header row names the columns: a language (en, zh-Hans, zh-Hant, a locale
such as zh-CN or en-US, or a name such as "Chinese (Traditional)") holds its term, and <language>_Synonyms,
_Deprecated (or _Forbidden), _Superseded, _Regions ("簽約金 (TW)"), _Def and _Note its other fields, as the
CSV export writes them; Entry_ID, Entry_Subject and Abbreviations (with _Deprecated and _Superseded) are read
too. Several names in a cell are separated by ";"."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import TermbaseFileError
from .entries import EntryDraft, Reading
from .languages import language_of, region_of

SEPARATORS = (";", "；")  # between names in one cell
_COLUMN_FIELDS = {
    "synonyms": "admitted",
    "synonym": "admitted",
    "deprecated": "deprecated",
    "forbidden": "deprecated",
    "superseded": "superseded",
    "def": "definition",
    "definition": "definition",
    "note": "note",
}
_STATUS_SUFFIXES = {"deprecated": "deprecated", "forbidden": "deprecated", "superseded": "superseded"}
_REGION_SUFFIXES = {"regions", "region", "geographicalusage"}
_REGION_NOTE = re.compile(r"^(.*\S)\s*\(([A-Za-z]{2})\)$")  # "簽約金 (TW)"
_ID_COLUMNS = {"entry_id", "id", "concept_id", "concept id"}
_SUBJECT_COLUMNS = {"entry_subject", "subject", "subject field", "subjectfield", "category", "entry_domain", "domain"}
_ABBREVIATION_COLUMNS = {"abbreviations", "abbreviation", "en_abbreviations"}


def read_table(path: Path) -> Reading:
    """Return the entries of a CSV, TSV or Excel termbase, one per row after the header."""
    return _read_rows(path, _workbook_rows(path) if path.suffix.lower() == ".xlsx" else _text_rows(path))


def _text_rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise TermbaseFileError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8 and try again.") from None
    except OSError as error:
        raise TermbaseFileError(f"{path}: {error.strerror or error}.") from None
    first_line = text.split("\n", 1)[0]
    delimiter = max("\t;,", key=first_line.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _workbook_rows(path: Path) -> list[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError) as error:
        raise TermbaseFileError(f"{path}: not an Excel workbook ({error}).") from None
    except OSError as error:
        raise TermbaseFileError(f"{path}: {error.strerror or error}.") from None
    try:
        return [["" if value is None else str(value) for value in row] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


def _column(name: str) -> tuple[str, str] | None:
    """Return (language, field) for a header: ("", "id"), ("en", "term"), ("zh-Hans", "definition")..."""
    key = name.strip().lower()
    if key in _ID_COLUMNS:
        return "", "id"
    if key in _SUBJECT_COLUMNS:
        return "", "category"
    if key in _ABBREVIATION_COLUMNS:
        return "en", "abbreviations"
    lang = language_of(name)
    if lang:
        return lang, "preferred"
    prefix, _, suffix = key.rpartition("_")
    if prefix in _ABBREVIATION_COLUMNS and suffix in _STATUS_SUFFIXES:
        return "en", f"abbreviations {_STATUS_SUFFIXES[suffix]}"
    lang = language_of(prefix) if prefix else None
    if lang and suffix in _REGION_SUFFIXES:
        return lang, "regions"
    if lang and suffix in _COLUMN_FIELDS:
        return lang, _COLUMN_FIELDS[suffix]
    return None


def _read_rows(path: Path, table: Iterable[list[str]]) -> Reading:
    rows = iter(table)
    header = next(rows, [])
    columns = {index: _column(name) for index, name in enumerate(header)}
    if not any(c and c[1] == "preferred" for c in columns.values()):
        message = (
            f"{path}: the first row names no language column (en, zh-Hans, zh-Hant, or a locale such as "
            "en-US, zh-CN, zh-TW); a termbase table starts with a header row."
        )
        if path.suffix.lower() in (".utf8", ".tsv", ".txt") and 2 <= len(header) <= 3:  # source, target, comment: OmegaT's shape
            message += (
                " An OmegaT glossary (source, target and comment, no header row) holds pairs of names, not concepts, and is not "
                "imported: import a TBX, CSV or Excel termbase (cxo export writes all three)."
            )
        raise TermbaseFileError(message)
    reading = Reading()
    ignored = [name for index, name in enumerate(header) if columns[index] is None and name.strip()]
    if ignored:
        reading.skipped.append(f"{path.name}: columns not read: {', '.join(ignored)}.")
    for number, row in enumerate(rows, start=2):
        entry = EntryDraft(f"{path.name}: row {number}")
        for index, cell in enumerate(row):
            if columns.get(index) and cell.strip():
                _read_cell(entry, *columns[index], cell.strip())
        concept = entry.concept(reading)
        if concept is not None:
            reading.entries.append(concept)
    return reading


def _read_cell(entry: EntryDraft, lang: str, kind: str, cell: str) -> None:
    if kind == "id":
        entry.id = cell
    elif kind == "category":
        entry.category = cell
    elif kind in ("definition", "note"):
        setattr(entry.language(lang), kind, " ".join(cell.split()))
    else:
        for separator in SEPARATORS[1:]:
            cell = cell.replace(separator, SEPARATORS[0])
        names = entry.language(lang)
        for name in cell.split(SEPARATORS[0]):
            if kind == "regions":
                noted = _REGION_NOTE.match(name.strip())
                region = region_of(noted.group(2)) if noted else None
                if region:
                    names.regions[" ".join(noted.group(1).split())] = region
            elif kind.startswith("abbreviations"):
                names.add(name, kind.partition(" ")[2] or "admitted", short=True)
            else:
                names.add(name, kind)
