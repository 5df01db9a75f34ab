"""Exports of the real glossary, made once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary_api.termbase import Export, export_termbase

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="session")
def exports(glossary):
    """Return a function giving the export of the real glossary in a format (made once per arguments)."""
    made: dict[tuple, Export] = {}

    def export(format: str, source: str = "en", target: str | None = None) -> Export:
        key = (format, source, target)
        if key not in made:
            made[key] = export_termbase(glossary, format, source, target)
        return made[key]

    return export
