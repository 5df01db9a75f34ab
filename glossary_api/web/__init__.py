"""The HTTP faces: create_app() builds the Flask app over one core (glossary and classifier).

The JSON API lives in web/api/, the pages for people in web/pages/, the error handling in
web/errors.py and the ETags in web/caching.py; bodies.py, headers.py and metrics.py hold what every
request goes through, and gunicorn_conf.py with wsgi.py say how it is served. Views reach the core
through glossary() and classifier() below.
"""

from __future__ import annotations

from flask import Flask, current_app

from ..classifier import Classifier, load_core
from ..config import SETTING_NAMES, load_settings
from ..glossary import Glossary
from .json_provider import FastJSONProvider


def create_app(config: dict | None = None, *, glossary: Glossary | None = None, classifier: Classifier | None = None) -> Flask:
    """Return the Flask app: settings from defaults, CXO_* variables and config; core built once.

    A prebuilt glossary and classifier may be passed in (tests build jieba once per session);
    otherwise they are loaded from the settings. A classifier without a glossary brings its own.
    """
    from . import admission, api, bodies, headers, metrics, pages

    app = Flask(__name__)
    app.url_map.merge_slashes = False  # "/v1//terms" is no address (a 404), not a 308 with Werkzeug's HTML page
    app.json = FastJSONProvider(app)
    config = config or {}
    flask_keys = {k: v for k, v in config.items() if k in app.config and k not in SETTING_NAMES}
    settings = load_settings({k: v for k, v in config.items() if k not in flask_keys})
    app.config.update(settings, **flask_keys)
    if classifier is None:
        glossary, classifier = load_core(settings)
    app.extensions["cxo.glossary"] = glossary or classifier.glossary
    app.extensions["cxo.classifier"] = classifier
    headers.init_app(app)  # first: the request id exists before any other hook can fail
    metrics.init_app(app)
    admission.init_app(app)  # before bodies: a shed request's body is not read
    bodies.init_app(app)
    api.init_app(app)
    pages.init_app(app)
    classifier.classify("CRO")  # the first classification loads what is left to load, before any client waits
    app.extensions["cxo.ready"] = True
    return app


def glossary() -> Glossary:
    """Return the running app's Glossary."""
    return current_app.extensions["cxo.glossary"]


def classifier() -> Classifier:
    """Return the running app's Classifier."""
    return current_app.extensions["cxo.classifier"]
