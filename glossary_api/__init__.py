"""CXO glossary and classifier: bilingual terms of pharmaceutical outsourcing, served over HTTP.

The core (glossary, classifier, evaluation) is plain Python: importing this package does not
import Flask. create_app() loads the web face on first use.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from .annotation import Annotation, annotate
from .bilingual import BilingualFile, Segment, read_bilingual
from .classifier import Classifier, Core, Decision, Evidence, load_core
from .config import SETTINGS, load_settings
from .errors import (
    BilingualFileError,
    BulkInputError,
    BulkOutputError,
    ConceptNotFound,
    CXOError,
    GlossaryFileError,
    InvalidLanguage,
    InvalidText,
    LabelledSetError,
    SettingsError,
)
from .extras import MissingExtra
from .glossary import Concept, Designation, Glossary, LookupMatch, SearchHit
from .term_check import TermCheck, TermChecker, TermIssue
from .termbase.languages import Language, parse_language
from .terms_format import Terms, load_glossary, load_terms

if TYPE_CHECKING:
    from .web import create_app

try:
    __version__ = version("cxo-glossary")
except PackageNotFoundError:  # a bare checkout on sys.path, never installed
    __version__ = "0+unknown"

__all__ = [
    "SETTINGS",
    "Annotation",
    "BilingualFile",
    "BilingualFileError",
    "BulkInputError",
    "BulkOutputError",
    "CXOError",
    "Classifier",
    "Concept",
    "ConceptNotFound",
    "Core",
    "Decision",
    "Designation",
    "Evidence",
    "Glossary",
    "GlossaryFileError",
    "InvalidLanguage",
    "InvalidText",
    "LabelledSetError",
    "Language",
    "LookupMatch",
    "MissingExtra",
    "SearchHit",
    "Segment",
    "SettingsError",
    "TermCheck",
    "TermChecker",
    "TermIssue",
    "Terms",
    "__version__",
    "annotate",
    "create_app",
    "load_core",
    "load_glossary",
    "load_settings",
    "load_terms",
    "parse_language",
    "read_bilingual",
]


def __getattr__(name: str) -> object:
    """Import the web face only when create_app is asked for: the CLI and bulk workers never need Flask."""
    if name == "create_app":
        from .web import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
