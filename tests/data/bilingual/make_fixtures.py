"""Write the bilingual fixtures of this folder (from anywhere): one list of segments, every format.

The files are kept in the repository; this script says how they were made and remakes them alike.
"""
import csv
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).parent
SOURCES = [
    "Our CRO manages Phase III clinical trials for sponsors in Taiwan.",
    "The TFDA approved the new drug application in March.",
    "All batches are released under GMP after stability studies.",
    "Our Chief Marketing Officer (CMO) joined in May.",
    "The FDA inspected the CDMO's plant last year.",
    "Thank you for your reply.",
]
CLEAN = [
    "我們的受託研究機構為台灣的試驗委託者管理第三期臨床試驗。",
    "衛福部食藥署於三月核准該新藥查驗登記。",
    "所有批次均於安定性試驗後依GMP放行。",
    "我們的行銷長（CMO）於五月到任。",
    "美國食品藥物管理局去年查核了該受託開發製造廠的工廠。",
    "感謝您的回覆。",
]
PLANTED = [
    "我們的合同研究組織為台灣的試驗委託者管理第三期臨床試驗。",  # wrong-region: mainland name
    "行政院衛生署食品藥物管理局於三月核准該新藥查驗登記。",  # avoided: superseded name
    "所有批次均於儲存測試後依GMP放行。",  # missing: stability study
    "我們的CMO於五月到任。",  # ambiguous-abbreviation
    "美國食品及藥物管理局去年查核了該CDMO的工廠。",  # wrong-region: Hong Kong name in a Taiwan text
    "感謝您的回覆。",
]
SOURCE_LANG, TARGET_LANG = "en-US", "zh-TW"


def write_csv(name, targets, delimiter=",", header=True):
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter, lineterminator="\n")
        if header:
            writer.writerow([SOURCE_LANG, TARGET_LANG])
        writer.writerows(zip(SOURCES, targets))


def write_xliff12(name, targets):
    units = "\n".join(
        f'      <trans-unit id="s{i}">\n        <source>{escape(s)}</source>\n        <target state="translated">{escape(t)}</target>\n      </trans-unit>'
        for i, (s, t) in enumerate(zip(SOURCES, targets), start=1)
    )
    (OUT / name).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        f'  <file original="press-release.docx" source-language="{SOURCE_LANG}" target-language="{TARGET_LANG}" datatype="plaintext">\n'
        f"    <body>\n{units}\n    </body>\n  </file>\n</xliff>\n",
        encoding="utf-8",
    )


def write_xliff20(name, targets):
    units = "\n".join(
        f'    <unit id="s{i}">\n      <segment>\n        <source>{escape(s)}</source>\n        <target>{escape(t)}</target>\n      </segment>\n    </unit>'
        for i, (s, t) in enumerate(zip(SOURCES, targets), start=1)
    )
    (OUT / name).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="{SOURCE_LANG}" trgLang="zh-Hant-TW">\n'
        f'  <file id="f1">\n{units}\n  </file>\n</xliff>\n',
        encoding="utf-8",
    )


def write_tmx(name, targets):
    units = "\n".join(
        f'    <tu tuid="s{i}">\n      <tuv xml:lang="{SOURCE_LANG}"><seg>{escape(s)}</seg></tuv>\n      <tuv xml:lang="{TARGET_LANG}"><seg>{escape(t)}</seg></tuv>\n    </tu>'
        for i, (s, t) in enumerate(zip(SOURCES, targets), start=1)
    )
    (OUT / name).write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        f'  <header creationtool="cxo-glossary tests" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en-US" srclang="{SOURCE_LANG}" o-tmf="none"/>\n'
        f"  <body>\n{units}\n  </body>\n</tmx>\n",
        encoding="utf-8",
    )


for kind, targets in (("clean", CLEAN), ("planted", PLANTED)):
    write_csv(f"{kind}.csv", targets)
    write_csv(f"{kind}.tsv", targets, delimiter="\t", header=False)
    write_xliff12(f"{kind}.xlf", targets)
    write_xliff20(f"{kind}-2.0.xlf", targets)
    write_tmx(f"{kind}.tmx", targets)
