"""What the termbase package raises: an export asked for the impossible, or an import file is unreadable."""

from __future__ import annotations

from ..errors import CXOError


class TermbaseError(CXOError):
    """Base class of the termbase package's errors."""


class ExportOptionError(TermbaseError, ValueError):
    """An export was asked for an unknown format or language; `option` names which one."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(f"{option}: {message}")
        self.option = option


class TermbaseFileError(TermbaseError):
    """A file given to import cannot be read as a termbase; the message names the file and the place."""
