"""What a bulk run is: the job (a file or a table to tag), the text of a row, and the Tag a row gets.

A bulk run ships a ClassifierSpec (a few strings) to each worker process, and the worker builds
its own Classifier, jieba dictionary included, the first time it needs one. The same holds on a
Spark executor or a Dask worker: the jieba tokenizer is built where it runs. row_text() is the
one rule for turning a row's text columns into the text classified, for every format and engine.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..classifier import Classifier, Decision, load_core
from ..config import SETTINGS, load_settings
from ..errors import BulkInputError
from ..terms_format import fingerprint
from ..text import is_blank
from ..vocabulary import NONE_LABEL

COLUMNS = ("cxo_label", "cxo_labels", "cxo_confidence", "cxo_evidence")
# Between the values of several text columns: ";" is a boundary token for the classifier, so no
# glossary name is matched across two columns, and it ends a negation's scope.
TEXT_SEPARATOR = "; "
LIST_SEPARATOR = ";"


@dataclass(frozen=True, slots=True)
class Tag:
    """What a tagged row keeps of a Decision: label, confident labels, confidence per label, the concepts behind the label."""

    label: str
    labels: tuple[str, ...]
    confidence: dict[str, float] | None  # None when the row had no text to classify
    evidence: tuple[str, ...]

    @classmethod
    def of(cls, decision: Decision) -> Tag:
        """Return the tag of a decision; evidence is each glossary concept that spoke for its label, once, in text order."""
        evidence = tuple(
            dict.fromkeys(item.concept_id for item in decision.evidence if item.kind == "term" and item.weights.get(decision.label, 0) > 0)
        )
        return cls(decision.label, decision.labels, dict(decision.confidence), evidence)

    def flat(self) -> dict[str, str]:
        """Return the cxo_* columns as text, the way CSV cells, Parquet and SQL columns hold them."""
        return {
            "cxo_label": self.label,
            "cxo_labels": LIST_SEPARATOR.join(self.labels),
            "cxo_confidence": "" if self.confidence is None else json.dumps(self.confidence, separators=(",", ":")),
            "cxo_evidence": LIST_SEPARATOR.join(self.evidence),
        }

    def native(self) -> dict[str, object]:
        """Return the cxo_* columns as JSON values: lists and an object, for JSON Lines."""
        return {
            "cxo_label": self.label,
            "cxo_labels": list(self.labels),
            "cxo_confidence": self.confidence,
            "cxo_evidence": list(self.evidence),
        }


NO_TEXT = Tag(NONE_LABEL, (), None, ())


@dataclass(frozen=True)
class FileJob:
    """What to tag: the input, its text columns, the output, and the options that shape the output."""

    input: Path
    output: Path
    text_columns: tuple[str, ...]
    id_column: str | None = None
    columns: tuple[str, ...] = COLUMNS  # the cxo_* columns added
    format: str | None = None
    encoding: str | None = None
    on_error: str = "fail"
    chunk_size: int = 5_000


@dataclass(frozen=True)
class TableJob:
    """What to tag: a table, its id and text columns, and where the results go."""

    url: str
    table: str
    text_columns: tuple[str, ...]
    id_column: str
    columns: tuple[str, ...] = COLUMNS  # the cxo_* columns added
    results_table: str | None = None  # default: <table>_cxo
    in_place: bool = False
    chunk_size: int = 5_000


@dataclass(frozen=True)
class ClassifierSpec:
    """How to build the classifier: small and picklable, so each worker process builds its own."""

    terms_dir: str
    cache_dir: str | None = None
    max_text_length: int = 10_000

    @classmethod
    def from_settings(cls, settings: dict | None = None) -> ClassifierSpec:
        """Return the spec the settings describe (defaults and CXO_* variables when settings is None)."""
        settings = load_settings() if settings is None else settings
        return cls(str(settings["TERMS_DIR"]), settings["CACHE_DIR"] or None, int(settings["MAX_TEXT_LENGTH"]))

    def build(self) -> Classifier:
        """Return a new classifier: glossary loaded, jieba dictionary built (a second or two)."""
        defaults = {setting.name: setting.default for setting in SETTINGS}
        settings = {**defaults, "TERMS_DIR": self.terms_dir, "CACHE_DIR": self.cache_dir, "MAX_TEXT_LENGTH": self.max_text_length}
        return load_core(settings).classifier

    def fingerprint(self) -> str:
        """Return the terms/ fingerprint and the text limit, so a resumed run can tell that the rulebook changed."""
        return f"{fingerprint(Path(self.terms_dir))}-{self.max_text_length}"


@cache
def classifier_for(spec: ClassifierSpec) -> Classifier:
    """Return this process's classifier for spec, building it on first use."""
    return spec.build()


class BadCell(BulkInputError):
    """A cell with no text to classify: binary data that is not UTF-8. Readers make it the row's error."""


def cell_text(value: object) -> str:
    """Return a cell as text: '' for a missing value (None, NaN), bytes decoded as UTF-8, JSON for a list or mapping, else str().

    Binary cells (a Parquet binary column, a SQLite BLOB, a PostgreSQL bytea) are usually text
    stored as bytes; their repr (b'...') would be classified instead. Bytes that are not UTF-8
    raise BadCell.
    """
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return bytes(value).decode("utf-8")
        except UnicodeDecodeError as error:
            raise BadCell(f"a binary value that is not UTF-8 text ({error.reason} at byte {error.start})") from None
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def row_text(values: Sequence[object]) -> str:
    """Return the text of a row's text columns: one cell as text, several joined by TEXT_SEPARATOR (blank ones left out).

    Raises BadCell for a cell that has no text (bytes that are not UTF-8).
    """
    if len(values) == 1:
        return cell_text(values[0])
    return TEXT_SEPARATOR.join(text for text in map(cell_text, values) if not is_blank(text))


def tag_text(classifier: Classifier, text: str) -> Tag:
    """Return the tag of one text: NO_TEXT when blank; a text over the limit is read up to the limit.

    The bulk runner cuts long texts before they reach here (and counts them); the cluster
    entry points rely on this cut.
    """
    text = text[: classifier.max_text_length]
    return NO_TEXT if is_blank(text) else Tag.of(classifier.classify(text, terms_only=True))
