"""CXO glossary and classifier: bilingual terms of pharmaceutical outsourcing, served over HTTP.

The core (glossary, classifier, evaluation) is plain Python: importing this package does not
import Flask. create_app() loads the web face on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names below, for type checkers; at run time each is imported when first used (__getattr__)
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
    from .web import create_app

# Where each name of the package's face lives. Importing the package imports none of them, so
# `cxo` starts in a few milliseconds and installs its Ctrl-C handling (console.py) before the
# classifier's imports; a program that uses a name pays for its module then, once.
_EXPORTS = {
    "Annotation": ".annotation",
    "annotate": ".annotation",
    "BilingualFile": ".bilingual",
    "Segment": ".bilingual",
    "read_bilingual": ".bilingual",
    "Classifier": ".classifier",
    "Core": ".classifier",
    "Decision": ".classifier",
    "Evidence": ".classifier",
    "load_core": ".classifier",
    "SETTINGS": ".config",
    "load_settings": ".config",
    "BilingualFileError": ".errors",
    "BulkInputError": ".errors",
    "BulkOutputError": ".errors",
    "ConceptNotFound": ".errors",
    "CXOError": ".errors",
    "GlossaryFileError": ".errors",
    "InvalidLanguage": ".errors",
    "InvalidText": ".errors",
    "LabelledSetError": ".errors",
    "SettingsError": ".errors",
    "MissingExtra": ".extras",
    "Concept": ".glossary",
    "Designation": ".glossary",
    "Glossary": ".glossary",
    "LookupMatch": ".glossary",
    "SearchHit": ".glossary",
    "TermCheck": ".term_check",
    "TermChecker": ".term_check",
    "TermIssue": ".term_check",
    "Language": ".termbase.languages",
    "parse_language": ".termbase.languages",
    "Terms": ".terms_format",
    "load_glossary": ".terms_format",
    "load_terms": ".terms_format",
    "create_app": ".web",  # Flask: the CLI and bulk workers never import it
}

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
    """Return a name of the package's face, importing its module on first use (PEP 562)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("cxo-glossary")
        except PackageNotFoundError:  # a bare checkout on sys.path, never installed
            value = "0+unknown"
    elif name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
