"""Fixtures of the bulk tests: a vendor table, the `cxo tag` command, and a database of each kind."""

from __future__ import annotations

import os

import pytest

from glossary_api.cli import cli

from .tables import Database


@pytest.fixture(scope="session")
def vendors(dev_set) -> list[dict[str, str]]:
    """Rows of a vendor table: 240 texts of the dev split, one row without text, one text twice."""
    rows = [
        {"id": str(number), "name": item.id, "description": item.text, "country": "CN" if "zh" in item.id else "US"}
        for number, item in enumerate(dev_set[:240], start=1)
    ]
    rows.append({"id": str(len(rows) + 1), "name": "no description", "description": "", "country": "DE"})
    rows.append({**rows[0], "id": str(len(rows) + 1), "name": "same text as row 1"})
    return rows


@pytest.fixture()
def cxo_tag(runner):
    """Run `cxo tag` with the given arguments in this process; return click's Result."""

    def invoke(*args: object):
        return runner.invoke(cli, ["tag", *map(str, args)])

    return invoke


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """A database of each kind the bulk tagger supports; PostgreSQL must be there when CI=true."""
    if request.param == "sqlite":
        path = tmp_path / "vendors.db"
        import sqlite3

        sqlite3.connect(path).close()
        db = Database(f"sqlite:///{path}")
    else:
        url = os.environ.get("TEST_POSTGRES_URL")
        if not url:
            if os.environ.get("CI") == "true":
                pytest.fail("TEST_POSTGRES_URL is not set; .ci/run starts a PostgreSQL server and sets it.")
            pytest.skip("TEST_POSTGRES_URL is not set (run .ci/run, or start a server and set it)")
        db = Database(url)
    yield db
    db.drop()
