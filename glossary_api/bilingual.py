"""Bilingual files translators have, read as segment pairs: two-column CSV or TSV, XLIFF 1.2 and
2.0, TMX. XLIFF and TMX are read with translate-toolkit (the `translators` extra).

A CSV or TSV file holds the source in its first column and the translation in its second; a
first row of two language tags ("en", "zh-Hant-TW", "zh-CN"...) names the languages, and any
other first row is a segment. Only after such a first row may rows have more columns (notes,
ignored): without it a third column means a table of something else. XLIFF names its languages
in the file (source-language and target-language in 1.2, srcLang and trgLang in 2.0), TMX in its
header (srclang) and in each variant (xml:lang). A TMX file with variants in several languages
besides the source is checked in the one the target language asked for names (zh-TW, zh-Hant-TW
or zh-Hant when it has one Traditional variant); with none asked, it must have only one. A
segment without a translation is counted and left out; a file with no segment at all is an error,
as is bad quoting in a CSV or TSV (a quote left open would take the rows after it into one cell).

A segment's id says where it is: "row 3" in a CSV or TSV (rows count the header), "unit s1" in
XLIFF (the unit's id), "unit 3" in TMX (the translation unit's number in the file), "unit 3
(tuid s1)" when the unit has a tuid.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BilingualFileError, InvalidLanguage
from .extras import require
from .termbase.languages import Language, language_of, parse_language

FORMATS = {".csv": "csv", ".tsv": "tsv", ".txt": "tsv", ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".tmx": "tmx"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True, slots=True)
class Segment:
    """A source segment and its translation, with where it is in the file ("row 3", "unit s1", "unit 3 (tuid s1)")."""

    where: str
    source: str
    target: str


@dataclass
class BilingualFile:
    """The segment pairs of a file, the languages it names (None when it names none) and how many were untranslated."""

    source_lang: str | None = None
    target_lang: str | None = None
    segments: list[Segment] = field(default_factory=list)
    untranslated: int = 0

    def add(self, where: str, source: str | None, target: str | None) -> None:
        if source and source.strip():
            if target and target.strip():
                self.segments.append(Segment(where, source, target))
            else:
                self.untranslated += 1


def read_bilingual(path: Path, format: str | None = None, target_lang: str | None = None) -> BilingualFile:
    """Return the segment pairs of path; the extension gives the format unless format does; target_lang picks a TMX file's variant."""
    format = format or FORMATS.get(path.suffix.lower())
    if format is None:
        raise BilingualFileError(f"{path}: cannot tell the format from {path.suffix or 'a name without extension'}; give one of csv, tsv, xliff, tmx.")
    try:
        if format in ("csv", "tsv"):
            return _read_table(path, "\t" if format == "tsv" else None)
        data = path.read_bytes()
    except OSError as error:
        raise BilingualFileError(f"{path}: {error.strerror or error}.") from None
    return _read_xliff(path, data) if format == "xliff" else _read_tmx(path, data, target_lang)


def _read_table(path: Path, delimiter: str | None) -> BilingualFile:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise BilingualFileError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8 and try again.") from None
    first_line = text.split("\n", 1)[0]
    delimiter = delimiter or max(",\t;", key=first_line.count)
    rows = _records(path, text, delimiter)
    found = BilingualFile()
    if rows and len(rows[0]) >= 2 and all(language_of(cell) for cell in rows[0][:2]):
        found.source_lang, found.target_lang = (cell.strip() for cell in rows[0][:2])
        rows = rows[1:]
        start = 2
    else:
        start = 1
    for number, row in enumerate(rows, start=start):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise BilingualFileError(f"{path}: row {number}: one column; a bilingual table has the source in the first column and the translation in the second.")
        if found.source_lang is None and any(cell.strip() for cell in row[2:]):  # a table of something else, read as pairs
            raise BilingualFileError(
                f"{path}: row {number}: {len(row)} columns; a bilingual table has two, the source and the translation "
                "(more only after a first row naming the two languages, such as en,zh-Hans,note)."
            )
        found.add(f"row {number}", row[0], row[1])
    if not found.segments and not found.untranslated:
        raise BilingualFileError(f"{path}: no segments to check: the file has {'only the header row' if start == 2 else 'no rows'}.")
    return found


def _records(path: Path, text: str, delimiter: str) -> list[list[str]]:
    """Return the records of a CSV or TSV text; bad quoting is an error naming the line the record starts on.

    Read strictly, as `cxo tag` reads CSV: a lenient reader takes every row after a quote left
    open into one cell, and the rows it swallowed would go unchecked without a word.
    """
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    records = []
    while True:
        line = reader.line_num + 1
        try:
            records.append(next(reader))
        except StopIteration:
            return records
        except csv.Error as error:
            raise BilingualFileError(
                f"{path}: line {line}: bad quoting: {error}; a cell that starts with a quote must end with one, and a quote inside it is doubled (\"\")."
            ) from None


def _translate_toolkit(what: str) -> object:
    require("translate", what)
    from translate.storage import tmx, xliff, xliff2

    return xliff, xliff2, tmx


def _root(path: Path, data: bytes) -> ET.Element:
    if not data.strip():
        raise BilingualFileError(f"{path}: no segments to check: the file is empty.")
    try:
        return ET.fromstring(data)
    except ET.ParseError as error:
        raise BilingualFileError(f"{path}: not well-formed XML: {error}.") from None


def _read_xliff(path: Path, data: bytes) -> BilingualFile:
    xliff, xliff2, _ = _translate_toolkit("glossary_api.bilingual")
    root = _root(path, data)
    if not root.tag.endswith("xliff"):
        raise BilingualFileError(f"{path}: not an XLIFF file: the root element is <{root.tag.rpartition('}')[2]}>.")
    version_2 = root.get("version", "").startswith("2") or ":document:2." in root.tag
    store = (xliff2.Xliff2File if version_2 else xliff.xlifffile)(io.BytesIO(data))
    found = BilingualFile(store.getsourcelanguage(), store.gettargetlanguage())
    for unit in store.units:
        if unit.istranslatable():
            found.add(f"unit {unit.getid().rpartition(chr(4))[2]}", unit.source, unit.target)
    if not found.segments and not found.untranslated:
        raise BilingualFileError(f"{path}: no segments to check: the file has no translatable units.")
    return found


def _read_tmx(path: Path, data: bytes, target_lang: str | None) -> BilingualFile:
    _, _, tmx = _translate_toolkit("glossary_api.bilingual")
    root = _root(path, data)
    if root.tag != "tmx":
        raise BilingualFileError(f"{path}: not a TMX file: the root element is <{root.tag}>.")
    if root.find("body/tu") is None:
        raise BilingualFileError(f"{path}: no segments to check: the file has no translation units (<tu>).")
    header = root.find("header")
    source = header.get("srclang") if header is not None else None
    spelled: dict[str, str] = {}  # each language once, as first written
    for tuv in root.iter("tuv"):
        if lang := (_lang_of(tuv) or "").strip():
            spelled.setdefault(lang.lower(), lang)
    languages = list(spelled.values())
    if not source or source == "*all*":
        source = next(iter(languages), None)
    variants = [lang for lang in languages if source and lang.lower() != source.lower() and not _near(_language(lang), _language(source))]
    if source is None or not variants:  # en-US is a variant of a source in en, not a translation
        raise BilingualFileError(f"{path}: the TMX file has no pair of languages (srclang and a second xml:lang).")
    target = _variant(path, variants, target_lang)
    store = tmx.tmxfile(io.BytesIO(data), sourcelanguage=source, targetlanguage=target)
    found = BilingualFile(source, target)
    for number, unit in enumerate(store.units, start=1):  # unit.getid() is the source text when there is no tuid
        tuid = (unit.xmlelement.get("tuid") or "").strip()
        variant = next((node for node in unit.getlanguageNodes() if (_lang_of(node) or "").strip().lower() == target.lower()), None)
        found.add(f"unit {number} (tuid {tuid})" if tuid else f"unit {number}", unit.source, unit.getNodeText(variant))  # not unit.target, the 2nd variant
    return found


def _lang_of(node: ET.Element) -> str | None:
    """Return a variant's language: xml:lang, or TMX 1.1's lang."""
    return node.get(_XML_LANG) or node.get("lang")


def _variant(path: Path, variants: list[str], wanted: str | None) -> str:
    """Return the variant (an xml:lang) to check: the only one, or the one wanted names (zh-TW, zh-Hant-TW, zh-Hant)."""
    if wanted is None:
        if len(variants) > 1:
            raise BilingualFileError(f"{path}: the TMX file has translations into {', '.join(variants)}; give the target language (--target-lang) to say which to check.")
        return variants[0]
    asked = _language(wanted)
    read = {v: _language(v) for v in variants}
    exact = [v for v in variants if v.lower() == wanted.strip().lower()]
    same = [v for v, language in read.items() if asked and language == asked]  # zh-TW for zh-Hant-TW
    named = exact or same or [v for v, language in read.items() if _near(language, asked)]  # the last: zh-TW for zh-Hant
    if len(named) != 1:
        found = f"{len(named)} variants that are {wanted}: {', '.join(named)}" if named else f"no variant in {wanted}, only {', '.join(variants)}"
        raise BilingualFileError(f"{path}: the TMX file has {found}; give the target language as one of them.")
    return named[0]


def _language(tag: str) -> Language | None:
    """Return the glossary language tag names, None for one it has not (fr)."""
    try:
        return parse_language(tag)
    except InvalidLanguage:
        return None


def _near(language: Language | None, other: Language | None) -> bool:
    """Return whether two languages are one where either leaves the region open (zh-Hant and zh-TW, en and en-US)."""
    return bool(language and other and language.lang == other.lang and (language.region == other.region or None in (language.region, other.region)))
