"""Access to the core objects that create_app() built once for this process."""

from __future__ import annotations

from flask import current_app

from ..classifier import Classifier
from ..glossary import Glossary


def glossary() -> Glossary:
    """Return the app's Glossary."""
    return current_app.extensions["cxo.glossary"]


def classifier() -> Classifier:
    """Return the app's Classifier."""
    return current_app.extensions["cxo.classifier"]
