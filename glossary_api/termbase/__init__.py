"""The glossary as a termbase: exports for CAT tools, imports of translators' termbases, consistency checks."""

from __future__ import annotations

from ..errors import ExportOptionError, TermbaseError, TermbaseFileError
from .checks import Finding, check_glossary
from .entries import Reading
from .exporting import FORMATS, Export, ExportFormat, export_termbase
from .importing import ImportPlan, plan_import
from .reading import read_termbase

__all__ = [
    "FORMATS",
    "Export",
    "ExportFormat",
    "ExportOptionError",
    "Finding",
    "ImportPlan",
    "Reading",
    "TermbaseError",
    "TermbaseFileError",
    "check_glossary",
    "export_termbase",
    "plan_import",
    "read_termbase",
]
