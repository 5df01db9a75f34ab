"""`cxo tag` on Excel workbooks: every row and column read, every cell written back as it was."""

from __future__ import annotations

import re
import zipfile

import openpyxl


def _with_dimension(source, target, ref: str) -> None:
    """Copy the workbook at source to target with the first sheet's <dimension ref> set to ref, as stale writers leave it."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), data)
            new.writestr(item, data)


def _cells(path) -> list[list[tuple[object, str]]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


def test_a_stale_dimension_loses_no_row_or_column(cxo_tag, tmp_path):
    workbook = openpyxl.Workbook()
    rows = [["id", "description", "country", "note"]]
    rows += [[number, text, "CN", "n"] for number, text in enumerate(["clinical trials", "GMP", "CRO services", "contract sales"], 1)]
    for row in rows:
        workbook.active.append(row)
    workbook.save(tmp_path / "full.xlsx")
    for ref in ("A1:C3", "A1"):
        _with_dimension(tmp_path / "full.xlsx", tmp_path / "v.xlsx", ref)
        result = cxo_tag(tmp_path / "v.xlsx", "-t", "description", "-o", tmp_path / "out.xlsx", "-j", 1, "--force")
        assert result.exit_code == 0, result.output
        assert "Tagged 4 rows" in result.stderr
        written = [list(row) for row in openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0].iter_rows(values_only=True)]
        assert [row[:4] for row in written] == rows
        assert written[0][4] == "cxo_label"


def test_texts_that_read_as_formulas_or_errors_come_back_as_the_texts_they_were(cxo_tag, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["id", "description", "note", "=h"], [1, "CRO services", None, 1], [2, "GMP manufacturing", None, "#N/A"], [3, "x", None, 2]):
        sheet.append(row)
    for row, column, text in ((1, 4, "=h"), (2, 3, "=== key account ==="), (3, 3, "=1+1"), (4, 3, "#N/A"), (4, 2, "=HYPERLINK(\"x\")")):
        cell = sheet.cell(row=row, column=column)
        cell.value, cell.data_type = text, "s"  # text cells, as Excel stores '=1+1 typed with an apostrophe
    workbook.save(tmp_path / "v.xlsx")
    for size in (1, 100):  # parts of one row each are joined as whole ones are
        result = cxo_tag(tmp_path / "v.xlsx", "-t", "description", "-o", tmp_path / "out.xlsx", "-j", 1, "--chunk-size", size, "--force")
        assert result.exit_code == 0, result.output
        assert [row[:4] for row in _cells(tmp_path / "out.xlsx")] == _cells(tmp_path / "v.xlsx")  # ('#N/A', 'e') stays an error
