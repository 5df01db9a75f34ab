"""The exceptions the core raises. No HTTP in here: the web layer maps each type to a status."""

from __future__ import annotations


def quoted(value: object, limit: int = 60) -> str:
    """Return repr(value) for a message, cut to about limit characters: an error echoes what was sent, not a megabyte of it."""
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[: limit - 4]}...{shown[-1]} ({len(value) if isinstance(value, str) else len(shown):,} characters)"


class CXOError(Exception):
    """Base class of every error this package raises on purpose."""


class SettingsError(CXOError):
    """A setting is unknown or has a value of the wrong type (a typo fails at start-up)."""


class GlossaryFileError(CXOError):
    """A terms/ file cannot be read or breaks the format; the message names file, entry and field."""


class ConceptNotFound(CXOError, LookupError):
    """No concept has the requested id."""

    def __init__(self, concept_id: str) -> None:
        super().__init__(f"No concept has the id {concept_id!r}.")
        self.concept_id = concept_id


class InvalidText(CXOError, ValueError):
    """A text given to the classifier is empty, too long or not a string."""


class InvalidLanguage(CXOError, ValueError):
    """A language tag names no language of the glossary (en, zh-Hans, zh-Hant, with or without a region)."""


class LabelledSetError(CXOError):
    """A labelled set (JSON Lines of text and label) cannot be read; the message names the line."""


class BulkInputError(CXOError):
    """A file, table, column or row given to bulk tagging is missing or unreadable; the message says which."""


class BulkOptionError(BulkInputError):
    """An option of a bulk job that does not fit its input or names nothing (--encoding of an Excel file, an unknown encoding)."""


class BulkOutputError(CXOError):
    """Bulk tagging cannot write where it was asked to: the output exists, or a run is half done there."""


class TermbaseError(CXOError):
    """Base class of the termbase package's errors."""


class ExportOptionError(TermbaseError, ValueError):
    """An export was asked for an unknown format or language; `option` names which one."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option


class TermbaseFileError(TermbaseError):
    """A file given to import cannot be read as a termbase; the message names the file and the place."""


class BilingualFileError(CXOError):
    """A bilingual file (CSV/TSV, XLIFF, TMX) cannot be read as segment pairs; the message names the file and the place."""
