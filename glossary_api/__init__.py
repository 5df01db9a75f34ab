"""CXO glossary and classifier: bilingual terms of pharmaceutical outsourcing, served over HTTP.

The core (glossary, classifier, evaluation) is plain Python: importing this package does not
import Flask. create_app() loads the web face on first use.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

from .classifier import Classifier, Core, Decision, Evidence, load_core
from .config import SETTINGS, load_settings
from .errors import (
    BulkInputError,
    BulkOutputError,
    ConceptNotFound,
    CXOError,
    GlossaryFileError,
    InvalidText,
    LabelledSetError,
    SettingsError,
)
from .glossary import Concept, Designation, Glossary, LookupMatch, SearchHit
from .terms_format import Terms, load_glossary, load_terms

if TYPE_CHECKING:
    from .web import create_app

try:
    __version__ = version("cxo-glossary")
except PackageNotFoundError:  # a bare checkout on sys.path, never installed
    __version__ = "0+unknown"

__all__ = [
    "SETTINGS",
    "BulkInputError",
    "BulkOutputError",
    "Classifier",
    "Concept",
    "ConceptNotFound",
    "Core",
    "CXOError",
    "Decision",
    "Designation",
    "Evidence",
    "Glossary",
    "GlossaryFileError",
    "InvalidText",
    "LabelledSetError",
    "LookupMatch",
    "SearchHit",
    "SettingsError",
    "Terms",
    "__version__",
    "create_app",
    "load_core",
    "load_glossary",
    "load_settings",
    "load_terms",
]


def __getattr__(name: str) -> object:
    """Import the web face only when create_app is asked for: the CLI and bulk workers never need Flask."""
    if name == "create_app":
        from .web import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
