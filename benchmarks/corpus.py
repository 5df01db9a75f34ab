"""The labelled corpus's texts, for benchmarks that need real sentences: tests/data/<split>/, a .jsonl file per round."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


def corpus_texts(*splits: str) -> list[str]:
    """Return the texts of the named splits (train, dev), in the corpus's order: round by round, as training reads them."""
    return [
        json.loads(line)["text"]
        for split in splits
        for file in sorted((DATA / split).glob("*.jsonl"))
        for line in file.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
