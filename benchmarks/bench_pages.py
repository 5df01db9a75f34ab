"""Benchmark: size and server time of every page, against the JSON answer of the same question.

Each page is rendered through Flask's test client (no network), rounds interleaved so that the
machine's load falls on all alike; prints bytes and min / median / max milliseconds per page, and
beside the search, card and classify pages the time of the API call that gives the same data.

    .venv/bin/python benchmarks/bench_pages.py [--rounds 15]

Not a test: figures on shared machines vary; the tests hold every page under 100 KB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import corpus_texts
from glossary_api import create_app


def requests(max_descriptions: int) -> dict[str, tuple[str, str, dict | None]]:
    """Return each measured request by name: (method, path, form or JSON body)."""
    texts = sorted(corpus_texts("dev"), key=len)
    longest = "\n".join(texts[-max_descriptions:])
    return {
        "home": ("GET", "/", None),
        "search clinical": ("GET", "/?q=clinical", None),
        "  api: search clinical": ("GET", "/v1/search?q=clinical&limit=20", None),
        "search CMO (7 senses)": ("GET", "/?q=CMO", None),
        "search as you type CMO": ("GET", "/search?q=CMO", None),
        "card cmo": ("GET", "/terms/cmo", None),
        "  api: term cmo": ("GET", "/v1/terms/cmo", None),
        "browse all": ("GET", "/browse", None),
        "browse clinical": ("GET", "/browse?category=clinical", None),
        "classify 1 description": ("POST", "/classify", {"text": texts[len(texts) // 2]}),
        f"classify {max_descriptions} longest": ("POST", "/classify", {"text": longest}),
        f"  api: classify/batch {max_descriptions} longest": ("POST", "/v1/classify/batch", {"json": {"items": [{"text": t} for t in longest.splitlines()]}}),
        "check": ("POST", "/check", {"source": "Our CRO runs clinical trials.", "target": "我们的合约研究组织开展研究。", "source_lang": "en", "target_lang": "zh-Hans"}),
        "docs": ("GET", "/docs", None),
        "error 404 concept": ("GET", "/terms/pharmacovigilence", None),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    app = create_app()
    client = app.test_client()
    measured = requests(app.config["MAX_PAGE_DESCRIPTIONS"])
    sizes: dict[str, int] = {}
    times: dict[str, list[float]] = {name: [] for name in measured}
    for _ in range(rounds):
        for name, (method, path, body) in measured.items():
            keyword = body if body and "json" in body else {"data": body}
            start = time.perf_counter()
            response = client.open(path, method=method, headers={"Accept": "text/html"}, **keyword)
            times[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code in (200, 404), (name, response.status_code)
            sizes[name] = len(response.data)
    print(f"{'request':42} {'bytes':>8} {'min ms':>8} {'median':>8} {'max':>8}")
    for name, spent in times.items():
        print(f"{name:42} {sizes[name]:8,} {min(spent):8.1f} {statistics.median(spent):8.1f} {max(spent):8.1f}")


if __name__ == "__main__":
    main()
