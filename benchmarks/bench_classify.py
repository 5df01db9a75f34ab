"""Benchmark: classifier throughput against bare jieba.lcut on the same generated corpus.

Prints texts/s for both, measured in the same run, and their ratio; the classifier's peak
memory; and the time from a fresh process's start to its first classification.

    .venv/bin/python benchmarks/bench_classify.py [--texts 20000] [--seed 7]

Not a test: figures on shared machines vary, the ratio is what to compare.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import generate_descriptions  # noqa: E402

READY_PROBE = """
import time
from glossary_api import load_core, load_settings
classifier = load_core(load_settings()).classifier
classifier.classify("提供原料药和中间体的工艺开发及GMP生产")
print(time.perf_counter())
"""


def best_of(runs: int, work) -> float:
    """Return the shortest wall time of several runs of work(): the least disturbed by other load."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def time_to_first_classification() -> float:
    """Return seconds from launching a fresh interpreter to its first classification (best of 3)."""
    results = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", READY_PROBE], check=True, capture_output=True, text=True)
        results.append(time.perf_counter() - started)
    return min(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    texts = generate_descriptions(args.texts, random.Random(args.seed))
    chars = sum(map(len, texts))
    print(f"corpus: {len(texts)} texts, {chars} characters, {len(set(texts))} distinct")

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    jieba_seconds = best_of(args.runs, lambda: [jieba.lcut(t) for t in texts])

    from glossary_api import Classifier, load_core, load_settings
    from glossary_api.classifier import words_to_segment
    from glossary_api.tokenizer import Tokenizer

    classifier = load_core(load_settings()).classifier

    def classify_all() -> None:
        classifier.tokenizer.clear_cache()  # each timed run starts cold: no help from the last one
        for text in texts:
            classifier.classify(text)

    classify_seconds = best_of(args.runs, classify_all)
    uncached = Classifier(classifier.glossary, classifier.rules, Tokenizer(words_to_segment(classifier.glossary), cache_size=0))
    uncached_seconds = best_of(args.runs, lambda: [uncached.classify(t) for t in texts])

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ready = time_to_first_classification()
    print(f"bare jieba.lcut : {len(texts) / jieba_seconds:10.0f} texts/s")
    print(f"classifier      : {len(texts) / classify_seconds:10.0f} texts/s")
    print(f"ratio classifier/jieba: {jieba_seconds / classify_seconds:.2f} (target >= 1.0)")
    print(f"  without the segmentation cache: {len(texts) / uncached_seconds:.0f} texts/s, ratio {jieba_seconds / uncached_seconds:.2f}")
    print(f"peak memory (RSS, this process, jieba + classifier): {peak_mb:.0f} MB")
    print(f"process start to first classification: {ready:.2f} s (target < 1.5 s)")


if __name__ == "__main__":
    main()
