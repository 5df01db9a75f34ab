"""The exceptions the core raises. No HTTP in here: the web layer maps each type to a status."""

from __future__ import annotations


class CXOError(Exception):
    """Base class of every error this package raises on purpose."""


class GlossaryFileError(CXOError):
    """A terms/ file cannot be read or breaks the format; the message names file, entry and field."""


class ConceptNotFound(CXOError, LookupError):
    """No concept has the requested id."""

    def __init__(self, concept_id: str) -> None:
        super().__init__(f"No concept has the id {concept_id!r}.")
        self.concept_id = concept_id


class InvalidText(CXOError, ValueError):
    """A text given to the classifier is empty, too long or not a string."""


class BulkInputError(CXOError):
    """A file, table, column or row given to bulk tagging is missing or unreadable; the message says which."""


class BulkOutputError(CXOError):
    """Bulk tagging cannot write where it was asked to: the output exists, or a run is half done there."""
