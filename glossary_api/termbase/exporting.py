"""Export formats: which writer makes each, with its media type and file name."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import ExportOptionError
from ..glossary import Concept, Glossary
from .languages import export_languages
from .tables import write_csv, write_omegat, write_xlsx
from .tbx import write_tbx


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One export format: what it is for, its media type and extension, and the writer."""

    name: str
    description: str
    media_type: str
    extension: str
    write: Callable[[Glossary, Sequence[str]], bytes]
    bilingual: bool = False  # one source and one target language only
    binary: bool = False  # not text: a zip container


@dataclass(frozen=True, slots=True)
class Export:
    """A finished export: the file's bytes, media type and a download file name."""

    content: bytes
    media_type: str
    filename: str


class Selection:
    """Some concepts of a glossary, exported on their own: the writers iterate them, cross-references resolve in the whole glossary."""

    def __init__(self, glossary: Glossary, concepts: Sequence[Concept]) -> None:
        self.glossary, self.concepts, self.fingerprint = glossary, tuple(concepts), glossary.fingerprint

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def get(self, concept_id: str) -> Concept:
        return self.glossary.get(concept_id)


def _tbx(version: int) -> Callable[[Glossary, Sequence[str]], bytes]:
    def write(glossary: Glossary, languages: Sequence[str]) -> bytes:
        count = f"{len(glossary)} concept{'' if len(glossary) == 1 else 's'}"
        description = f"CXO glossary {glossary.fingerprint}: {count}, exported by cxo-glossary."
        return write_tbx(glossary, languages, version, description)

    return write


FORMATS = {
    f.name: f
    for f in (
        ExportFormat("tbx", "TBX v3 (ISO 30042:2019), TBX-Basic dialect", "application/x-tbx", "tbx", _tbx(3)),
        ExportFormat("tbx-v2", "TBX v2 (martif), TBX-Basic", "application/x-tbx", "tbx", _tbx(2)),
        ExportFormat("csv", "CSV for memoQ and Trados: a row per concept", "text/csv", "csv", write_csv),
        ExportFormat("tsv", "OmegaT glossary: source, target, comment", "text/tab-separated-values", "utf8", write_omegat, bilingual=True),
        ExportFormat("xlsx", "Excel for memoQ and Trados: the CSV layout", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", write_xlsx, binary=True),
    )
}


def export_termbase(glossary: Glossary, format: str, source: str = "en", target: str | None = None, concept_id: str | None = None) -> Export:
    """Return the glossary in format with source and target languages (every other language when target is None).

    A target equal to the source gives a one-language export. A bilingual format (OmegaT's) pairs
    one source with one target: without a target it takes the first other language (zh-Hans from en).
    With concept_id, only that concept (ConceptNotFound when no concept has the id).
    """
    if format not in FORMATS:
        raise ExportOptionError("format", f"{format!r} is not an export format; choose from {', '.join(FORMATS)}.")
    export_format = FORMATS[format]
    languages = export_languages(source, target)
    if export_format.bilingual:
        languages = languages[:2]
    subject = "cxo-termbase" if concept_id is None else f"cxo-termbase_{concept_id}"
    if concept_id is not None:
        glossary = Selection(glossary, [glossary.get(concept_id)])
    filename = f"{subject}_{'_'.join(languages)}.{export_format.extension}"
    return Export(export_format.write(glossary, languages), export_format.media_type, filename)
