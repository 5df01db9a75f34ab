"""Shared fixtures: the real core (glossary and classifier, jieba included) is built once per test session.

Core tests take `glossary` or `classifier` and never import Flask; the `app` fixture serves that
same core, and `app_with` makes an app with other settings over it, without rebuilding jieba.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_api import Classifier, Core, Glossary, load_core, load_settings
from glossary_api.cli.lazy_core import LazyCore

DATA = Path(__file__).parent / "data"


@cache
def shared_core() -> Core:
    """Return the one core of this test session (also for modules that need it at collection)."""
    return load_core(load_settings())


@pytest.fixture(scope="session")
def core() -> Core:
    return shared_core()


@pytest.fixture(scope="session")
def glossary(core) -> Glossary:
    return core.glossary


@pytest.fixture(scope="session")
def classifier(core) -> Classifier:
    return core.classifier


@pytest.fixture(scope="session")
def news_of_a_named_vendor() -> str:
    """A text that opens with CDMO as the subject of a news verb and whose words the shipped weights read as NONE (test_subjects.py checks both)."""
    return "The CDMO said its board approved a dividend of 20 cents per share."


@pytest.fixture(scope="session")
def named_against_the_weights() -> str:
    """A text that names CDMO where the shipped weights lean to CMO: the named-category rule decides it (test_classifier.py checks both)."""
    return "The CDMO runs high-speed blister packaging and tablet compression lines for generic drug companies under contract."


@pytest.fixture(scope="session")
def outside_against_the_weights() -> str:
    """A text with no sign of medicines that the shipped weights read as a service: the outside-pharma rule decides it (test_classifier.py checks both)."""
    return "We provide IT consulting services to clients across Europe."


@pytest.fixture(scope="session")
def dev_set():
    from glossary_api.evaluation import read_labelled

    return read_labelled(DATA / "dev")


@pytest.fixture(scope="session")
def app(app_with):
    return app_with()


@pytest.fixture(scope="session")
def app_with(core):
    """Return a factory of apps over the session's core: app_with(MAX_TEXT_LENGTH=20), app_with(glossary=...)."""
    from glossary_api import create_app

    def make(glossary: Glossary | None = None, **settings: object):
        return create_app({"TESTING": True, **settings}, glossary=glossary or core.glossary, classifier=core.classifier)

    return make


@pytest.fixture()
def client(app):
    return app.test_client()


class SessionCoreRunner(CliRunner):
    """Runs `cxo` commands over the session's core, as one process would run them over its own.

    A test that sets CXO_* settings in `env` gets a command that builds its core from them.
    """

    def invoke(self, cli, args=None, **kwargs):
        if not any(name.startswith("CXO_") for name in kwargs.get("env") or {}):
            kwargs.setdefault("obj", LazyCore(shared_core()))
        return super().invoke(cli, args, **kwargs)


@pytest.fixture()
def runner() -> CliRunner:
    return SessionCoreRunner()


@pytest.fixture()
def write_terms(tmp_path):
    """Write terms files into a fresh folder and return the folder."""

    def write(**files: str) -> Path:
        for name, text in files.items():
            (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        return tmp_path

    return write
