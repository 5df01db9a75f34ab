"""The glossary as a table for CAT tools' glossary imports: CSV and Excel (memoQ, Trados), TSV (OmegaT).

CSV and Excel (one row per concept, a header row naming the columns):

    Entry_ID, Entry_Subject, Abbreviations, Abbreviations_Deprecated, Abbreviations_Superseded,
    then for each language L (source first): L, L_Synonyms, L_Deprecated, L_Superseded, L_Regions, L_Def, L_Note

L is the BCP 47 tag (en, zh-Hans, zh-Hant): the preferred term. Several names in one cell are
separated by "; ". The abbreviation columns come with English and sort the abbreviations by status
as the language columns sort names (NMPA; CFDA and SFDA superseded). L_Regions names the region of
each of L's names that one region uses, as "name (REGION)": "簽約金 (TW); 合約研究機構 (HK)"; the
abbreviations' regions are among en's. The layout follows memoQ's own term base CSV export, where entry-level
columns (Entry_ID, Entry_Subject) come first and each language brings its term and language-level
fields, the definition as <Language>_Def (docs.memoq.com, WS API "Term base in CSV format"). On
import, memoQ maps columns by their header ("First row contains field names") and can split
alternatives in a cell by a character (";"), and marks the _Deprecated column as forbidden terms;
Trados (MultiTerm Convert, Trados cloud termbase import) likewise reads a header row whose
columns name languages and fields (docs.rws.com, "Importing termbase entries"; MultiTerm's
"Prerequisites for file conversion": the first row holds the header fields, UTF-8).

TSV for OmegaT: no header, three tab-separated columns, source term, target term, comment, in
UTF-8 (OmegaT manual, appendix "Glossaries"; translate-toolkit's "OmegaT glossary" format). One
row per name of the source language, each leading to the preferred target term; the comment says
when the source name is deprecated or superseded (with the name to use), which region uses the
source name or the target term, and gives the target's other names and the definition.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from ..glossary import Concept, Glossary
from ..vocabulary import AVOIDED_STATUSES

SEPARATOR = "; "
LANGUAGE_FIELDS = ("", "_Synonyms", "_Deprecated", "_Superseded", "_Regions", "_Def", "_Note")
ENTRY_FIELDS = ("Entry_ID", "Entry_Subject")
ABBREVIATION_FIELDS = ("Abbreviations", "Abbreviations_Deprecated", "Abbreviations_Superseded")


def header(languages: Sequence[str]) -> list[str]:
    """Return the column names of the CSV and Excel layout for languages."""
    columns = list(ENTRY_FIELDS) + (list(ABBREVIATION_FIELDS) if "en" in languages else [])
    return columns + [f"{lang}{field}" for lang in languages for field in LANGUAGE_FIELDS]


def region_cell(regions: dict[str, str]) -> str:
    """Return a Regions cell: "簽約金 (TW); 合約研究機構 (HK)"."""
    return SEPARATOR.join(f"{name} ({region})" for name, region in regions.items())


def rows(glossary: Glossary, languages: Sequence[str]) -> Iterator[list[str]]:
    """Yield one row per concept in the CSV and Excel layout, header first."""
    yield header(languages)
    for concept in glossary:
        row = [concept.id, concept.category]
        if "en" in languages:
            statuses = ("admitted", *AVOIDED_STATUSES)
            row += [SEPARATOR.join(a for a in concept.abbreviations if concept.abbreviation_status.get(a, "admitted") == s) for s in statuses]
        for lang in languages:
            section = concept.languages.get(lang)
            if section is None:
                row += [""] * len(LANGUAGE_FIELDS)
                continue
            names = [section.synonyms, section.deprecated, section.superseded]
            regions = {**section.regions, **(concept.abbreviation_regions if lang == "en" else {})}
            row += [section.term, *(SEPARATOR.join(n) for n in names), region_cell(regions), section.definition or "", section.note or ""]
        yield row


def write_csv(glossary: Glossary, languages: Sequence[str]) -> bytes:
    """Return the CSV layout, UTF-8 with a byte order mark so that Excel reads the Chinese right."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows(glossary, languages))
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(glossary: Glossary, languages: Sequence[str]) -> bytes:
    """Return the CSV layout as an Excel workbook: one sheet, a bold header row kept in view."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)  # streams rows; the settings below must precede them
    sheet = workbook.create_sheet("Termbase")
    sheet.freeze_panes = "A2"
    table = rows(glossary, languages)
    names = next(table)
    for index, name in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = 60 if name.endswith(("_Def", "_Note")) else 28
    bold = Font(bold=True)
    header_cells = [WriteOnlyCell(sheet, value=name) for name in names]
    for cell in header_cells:
        cell.font = bold
    sheet.append(header_cells)
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_omegat(glossary: Glossary, languages: Sequence[str]) -> bytes:
    """Return the OmegaT glossary: source name, preferred target term, comment; tab-separated UTF-8."""
    source, target = languages[0], languages[-1]
    lines = []
    for concept in glossary:
        if source in concept.languages and target in concept.languages:
            lines += ["\t".join(_plain(cell) for cell in row) for row in _omegat_rows(concept, source, target)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _omegat_rows(concept: Concept, source: str, target: str) -> Iterator[tuple[str, str, str]]:
    """Yield (source name, preferred target term, comment) for every source-language name of concept."""
    wanted = concept.languages[target]
    others = wanted.synonyms if target != source else ()
    definition = wanted.definition or concept.languages[source].definition or ""
    for name in concept.designations():
        if name.lang != source:
            continue
        parts = []
        if name.status in AVOIDED_STATUSES:
            parts.append(f"{name.status} {source} name; use: {name.preferred}")
        if name.region:
            parts.append(f"{source} name used in {name.region}")
        if wanted.regions.get(wanted.term):
            parts.append(f"{target} term used in {wanted.regions[wanted.term]}")
        if others:
            parts.append(f"also: {', '.join(others)}")
        parts.append(definition)
        yield name.text, wanted.term, " | ".join(p for p in parts if p)


def _plain(cell: str) -> str:
    """Return cell on one line without tabs: OmegaT's format has no quoting."""
    return " ".join(cell.split())
