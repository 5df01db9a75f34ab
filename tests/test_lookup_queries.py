"""Lookup as translators type: the table in tests/data/lookup_queries.tsv, measured as a whole.

Each row is a query and the concept it should find. A row passes exact lookup when
Glossary.lookup() gives that concept first, and search when it is among search()'s top 3; the
rates over the table must reach 95% and 98% (a few rows are typos, which only search forgives).
"""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

EXACT_RATE = 0.95
SEARCH_TOP3_RATE = 0.98


def read_queries() -> list[tuple[str, str, str]]:
    rows = []
    for line in (DATA / "lookup_queries.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            query, concept, kind = line.split("\t")
            rows.append((query, concept, kind))
    return rows


QUERIES = read_queries()


def first_found(glossary, query: str) -> str | None:
    matches = glossary.lookup(query)
    return matches[0].concept.id if matches else None


def top3(glossary, query: str) -> list[str]:
    return [hit.concept.id for hit in glossary.search(query, limit=3)]


def test_the_table_is_large_and_names_real_concepts(glossary):
    assert len(QUERIES) >= 100
    assert [c for _, c, _ in QUERIES if c not in {concept.id for concept in glossary}] == []
    assert {kind for _, _, kind in QUERIES} >= {"plural", "spaced", "old-name", "tw-short", "hk-char", "typed", "typo"}


@pytest.mark.parametrize(("query", "concept", "kind"), [q for q in QUERIES if q[2] != "typo"], ids=lambda v: str(v))
def test_lookup_finds_the_concept(glossary, query, concept, kind):
    assert first_found(glossary, query) == concept


@pytest.mark.parametrize(("query", "concept", "kind"), QUERIES, ids=lambda v: str(v))
def test_search_has_the_concept_in_its_top_3(glossary, query, concept, kind):
    assert concept in top3(glossary, query)


def test_the_rates_over_the_whole_table(glossary):
    exact = sum(first_found(glossary, q) == c for q, c, _ in QUERIES) / len(QUERIES)
    searched = sum(c in top3(glossary, q) for q, c, _ in QUERIES) / len(QUERIES)
    assert (exact >= EXACT_RATE, searched >= SEARCH_TOP3_RATE) == (True, True), f"exact {exact:.3f}, search top 3 {searched:.3f}"
