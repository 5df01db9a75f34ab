"""CSV, OmegaT TSV and Excel exports, read back with the csv module and openpyxl."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest


def read_csv(content: bytes, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


def test_csv_has_a_memoq_style_header_and_a_row_per_concept(exports, glossary):
    export = exports("csv", "en", "zh-Hans")
    assert export.content.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 Chinese right with the mark
    header, *rows = read_csv(export.content)
    assert header == [
        "Entry_ID", "Entry_Subject", "Abbreviations", "Abbreviations_Deprecated", "Abbreviations_Superseded",
        "en", "en_Synonyms", "en_Deprecated", "en_Superseded", "en_Regions", "en_Def", "en_Note",
        "zh-Hans", "zh-Hans_Synonyms", "zh-Hans_Deprecated", "zh-Hans_Superseded", "zh-Hans_Regions", "zh-Hans_Def", "zh-Hans_Note",
    ]  # fmt: skip
    assert [row[0] for row in rows] == [c.id for c in glossary]
    assert all(len(row) == len(header) for row in rows)


def test_csv_row_carries_names_by_status_and_definitions(exports, glossary):
    header, *rows = read_csv(exports("csv").content)
    nmpa = dict(zip(header, next(row for row in rows if row[0] == "nmpa")))
    concept = glossary.get("nmpa")
    assert nmpa["Entry_Subject"] == "regulatory"
    assert (nmpa["Abbreviations"], nmpa["Abbreviations_Deprecated"], nmpa["Abbreviations_Superseded"]) == ("NMPA", "", "CFDA; SFDA")
    assert nmpa["en"] == "National Medical Products Administration"
    assert nmpa["en_Superseded"] == "China Food and Drug Administration; State Food and Drug Administration"
    assert nmpa["zh-Hans_Def"] == concept.languages["zh-Hans"].definition
    assert nmpa["zh-Hant"] == "國家藥品監督管理局"
    assert nmpa["zh-Hant_Def"] == ""  # zh-Hant has names and notes, no definitions
    cro = dict(zip(header, next(row for row in rows if row[0] == "cro")))
    assert (cro["Abbreviations"], cro["zh-Hans_Deprecated"]) == ("CRO", "合约研究组织; 临床研究组织")


def test_csv_names_the_region_of_each_name_one_region_uses(exports):
    header, *rows = read_csv(exports("csv", "en", "zh-Hant").content)
    tfda = dict(zip(header, next(row for row in rows if row[0] == "tfda")))
    assert tfda["zh-Hant_Regions"] == "衛生福利部食品藥物管理署 (TW); 食品藥物管理署 (TW); 衛福部食藥署 (TW); 食藥署 (TW); 行政院衛生署食品藥物管理局 (TW); 食藥局 (TW)"
    assert tfda["en_Regions"] == ""


def test_omegat_tsv_is_source_target_comment_per_source_name(exports, glossary):
    rows = read_csv(exports("tsv", "en", "zh-Hant").content, delimiter="\t")
    assert {len(row) for row in rows} == {3}
    cro = [row for row in rows if row[1] == "受託研究機構"]
    assert [row[0] for row in cro] == [
        "CRO", "contract research organization", "contract research organisation", "contract research company", "contract research firm",
        "clinical research organization", "clinical research organisation",
    ]
    assert cro[1][2].startswith("also: 委託研究機構, 合約研究機構 | A company that")
    # A concept without zh-Hant names has nothing to pair its English names with, so it gives no rows.
    names = sum(1 for c in glossary if "zh-Hant" in c.languages for d in c.designations() if d.lang == "en")
    assert len(rows) == names


def test_omegat_tsv_marks_a_name_to_avoid_and_gives_the_one_to_use(exports):
    rows = read_csv(exports("tsv", "zh-Hans", "en").content, delimiter="\t")
    deprecated = next(row for row in rows if row[0] == "合约研究组织")
    assert deprecated[1] == "contract research organization"
    assert deprecated[2].startswith("deprecated zh-Hans name; use: 合同研究组织 | ")


def test_omegat_tsv_gives_a_superseded_abbreviation_its_current_one_and_a_regional_term_its_region(exports):
    rows = read_csv(exports("tsv", "en", "zh-Hant").content, delimiter="\t")
    cfda = next(row for row in rows if row[0] == "CFDA")
    assert cfda[:2] == ["CFDA", "國家藥品監督管理局"]
    assert cfda[2].startswith("superseded en name; use: NMPA | also: 國家藥監局 | ")
    tfda = next(row for row in rows if row[0] == "TFDA")
    assert tfda[2].startswith("zh-Hant term used in TW | also: 食品藥物管理署, 衛福部食藥署, 食藥署 | ")


def test_omegat_tsv_without_a_target_pairs_the_source_with_the_next_language(exports):
    assert exports("tsv", "zh-Hant").filename == "cxo-termbase_zh-Hant_en.utf8"
    assert exports("tsv").filename == "cxo-termbase_en_zh-Hans.utf8"


def test_excel_has_the_csv_layout_with_a_bold_frozen_header(exports):
    workbook = openpyxl.load_workbook(io.BytesIO(exports("xlsx", "en", "zh-Hant").content))
    sheet = workbook["Termbase"]
    rows = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    assert rows == read_csv(exports("csv", "en", "zh-Hant").content)
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold


@pytest.mark.parametrize(("source", "target", "filename"), [("en", None, "cxo-termbase_en_zh-Hans_zh-Hant.csv"), ("zh-Hans", "zh-Hans", "cxo-termbase_zh-Hans.csv")])
def test_target_left_out_means_every_language_and_equal_to_source_one(exports, source, target, filename):
    export = exports("csv", source, target)
    assert export.filename == filename
    header = read_csv(export.content)[0]
    assert [h for h in header if "_" not in h and h[:2] in ("en", "zh")] == filename.removeprefix("cxo-termbase_").removesuffix(".csv").split("_")
