"""The bilingual fixtures of tests/data/bilingual and the issues planted in them (shared by the API and CLI tests)."""

from __future__ import annotations

from pathlib import Path

BILINGUAL = Path(__file__).parent / "data" / "bilingual"
# Each format, with the segment label its reader gives (row numbers count the CSV header).
FORMATS = {"csv": ".csv", "tsv": ".tsv", "xliff-1.2": ".xlf", "xliff-2.0": "-2.0.xlf", "tmx": ".tmx"}


def fixture(kind: str, format: str) -> Path:
    """Return the clean or planted fixture in format."""
    return BILINGUAL / f"{kind}{FORMATS[format]}"


def planted_issues() -> list[tuple[int, str, str, str, str]]:
    """Return (segment number, rule, concept, source term, target name) for every planted issue."""
    rows = []
    for line in (BILINGUAL / "planted-issues.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            number, rule, concept, source, target = line.split("\t")
            rows.append((int(number), rule, concept, source, target))
    return rows
