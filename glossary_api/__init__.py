"""CXO glossary and classifier: bilingual terms of pharmaceutical outsourcing, served over HTTP."""

from __future__ import annotations

from flask import Flask

from .classifier import Classifier, Decision, Evidence
from .config import SETTING_NAMES, load_settings
from .errors import ConceptNotFound, CXOError, GlossaryFileError, InvalidText
from .glossary import Concept, Designation, Glossary

__all__ = [
    "Classifier",
    "Concept",
    "ConceptNotFound",
    "CXOError",
    "Decision",
    "Designation",
    "Evidence",
    "Glossary",
    "GlossaryFileError",
    "InvalidText",
    "create_app",
]


def create_app(config: dict | None = None) -> Flask:
    """Return the Flask app: settings from defaults, CXO_* variables and config; core built once."""
    from . import api

    app = Flask(__name__)
    config = config or {}
    flask_keys = {k: v for k, v in config.items() if k in app.config and k not in SETTING_NAMES}
    settings = load_settings({k: v for k, v in config.items() if k not in flask_keys})
    app.config.update(settings, **flask_keys)
    app.json.ensure_ascii = False
    glossary = Glossary.load(settings["TERMS_DIR"])
    app.extensions["cxo.glossary"] = glossary
    app.extensions["cxo.classifier"] = Classifier.from_settings(glossary, settings)
    api.init_app(app)
    return app
