"""Shared fixtures: the real glossary and app are built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from glossary_api import Glossary, create_app, load_glossary
from glossary_api.config import DEFAULT_TERMS_DIR

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def glossary() -> Glossary:
    return load_glossary(DEFAULT_TERMS_DIR)


@pytest.fixture(scope="session")
def classifier(app):
    return app.extensions["cxo.classifier"]


@pytest.fixture(scope="session")
def dev_set():
    from glossary_api.evaluation import read_labelled

    return read_labelled(DATA / "dev.jsonl")


@pytest.fixture(scope="session")
def app():
    return create_app({"TESTING": True})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def write_terms(tmp_path):
    """Write terms files into a fresh folder and return the folder."""

    def write(**files: str) -> Path:
        for name, text in files.items():
            (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
        return tmp_path

    return write
