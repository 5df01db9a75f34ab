"""Benchmark: classifier throughput against bare jieba.lcut(t, HMM=False) on the same distinct texts.

The texts are built from real sentences so that no cache can help: the train and dev splits are
cut into sentences, duplicates dropped, and each text joins three sentences never used in another
text (Chinese sentences with Chinese, English with English). The classifier's own caches are
cleared before every timed pass. All sides run over the same texts in the same process, in
alternating passes: bare jieba, the full decision (every keyword ranked for the evidence), and the
decision the bulk tagger asks for (terms_only: the same labels and confidences, glossary terms as
the only evidence); the script prints min/median/max of each and the ratio of the medians, for
the Chinese half and the English half, and where the time goes: cutting into tokens and the
reading (names, senses, negation, cues), timed alone in the same alternation, beside the two
decisions, each in units of bare jieba's time. Then, in fresh processes: the time from process start to
the first decision, and the resident memory of a `cxo serve` worker after warm-up.

    .venv/bin/python benchmarks/bench_classify.py [--passes 5]

Not a test: the figures vary with the machine's load; the ratios are what to compare.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import corpus_texts

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=\.)\s+")
READY_PROBE = (
    "from glossary_api import load_core, load_settings; "
    "load_core(load_settings()).classifier.classify('提供原料药和中间体的工艺开发及GMP生产')"
)


def distinct_texts(seed: int = 7) -> tuple[list[str], list[str]]:
    """Return (Chinese texts, English texts): three distinct corpus sentences each, no sentence used twice."""
    sentences: dict[str, None] = {}
    for text in corpus_texts("train", "dev"):
        for sentence in SENTENCE_END.split(text):
            if len(sentence.strip()) >= 15:
                sentences.setdefault(sentence.strip())
    chinese = [s for s in sentences if HAN.search(s)]
    english = [s for s in sentences if not HAN.search(s)]
    rng = random.Random(seed)
    texts = []
    for group, joiner in ((chinese, ""), (english, " ")):
        rng.shuffle(group)
        texts.append([joiner.join(group[i : i + 3]) for i in range(0, len(group) - 2, 3)])
    return texts[0], texts[1]


def passes(runs: int, sides: list[Callable[[], object]]) -> list[list[float]]:
    """Return the seconds of each side's passes, the sides alternating so that load changes hit them alike."""
    times: list[list[float]] = [[] for _ in sides]
    for _ in range(runs):
        for work, seconds in zip(sides, times):
            started = time.perf_counter()
            work()
            seconds.append(time.perf_counter() - started)
    return times


def spread(values: list[float]) -> str:
    return f"min {min(values):.3f}  median {statistics.median(values):.3f}  max {max(values):.3f} s"


def first_decision_seconds(runs: int = 5) -> list[float]:
    """Return, per run, the seconds from launching a fresh interpreter to its first decision."""
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", READY_PROBE], check=True, capture_output=True)
        results.append(time.perf_counter() - started)
    return results


def worker_rss_mb(texts: list[str]) -> list[float]:
    """Return the resident memory (MB) of each `cxo serve` worker after it has classified texts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    cxo = Path(sys.executable).with_name("cxo")
    server = subprocess.Popen([str(cxo), "serve", "--port", str(port), "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.2)
        for text in texts:
            request = urllib.request.Request(f"{base}/v1/classify", json.dumps({"text": text}).encode(), {"Content-Type": "application/json"})
            urllib.request.urlopen(request, timeout=10).read()
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        return [_rss_mb(int(pid)) for pid in children]
    finally:
        server.terminate()
        server.wait(timeout=30)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()

    chinese, english = distinct_texts()
    print(f"corpus: {len(chinese)} Chinese texts ({sum(map(len, chinese)):,} characters), "
          f"{len(english)} English texts ({sum(map(len, english)):,} characters); every sentence used once")

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    sys.path.insert(0, str(ROOT))
    from glossary_api import load_core, load_settings
    from glossary_api.text import normalize

    classifier = load_core(load_settings()).classifier

    def classify_all(texts: list[str], terms_only: bool) -> None:
        classifier.clear_caches()  # every pass starts cold
        for text in texts:
            classifier.classify(text, terms_only=terms_only)

    def tokenize_all(texts: list[str]) -> None:
        classifier.clear_caches()
        for text in texts:
            classifier.tokenizer.tokens(normalize(text).text)

    def read_all(texts: list[str]) -> None:
        classifier.clear_caches()
        for text in texts:
            classifier.read(text)

    for half, texts in (("Chinese", chinese), ("English", english)):
        jieba_s, full_s, terms_s, tokens_s, read_s = times = passes(args.passes, [
            lambda texts=texts: [jieba.lcut(t, HMM=False) for t in texts],
            lambda texts=texts: classify_all(texts, False),
            lambda texts=texts: classify_all(texts, True),
            lambda texts=texts: tokenize_all(texts),
            lambda texts=texts: read_all(texts),
        ])
        print(f"\n{half} half, {args.passes} alternating passes over {len(texts)} texts:")
        for name, values in zip(("bare jieba.lcut(t, HMM=False)", "classifier.classify(t)", "classify(t, terms_only=True)"), times):
            print(f"  {name:32} {spread(values)}   {len(texts) / statistics.median(values):8.0f} texts/s")
        for seconds, what in ((full_s, "full decision"), (terms_s, "bulk tagger's decision")):
            ratios = [j / c for j, c in zip(jieba_s, seconds)]
            print(f"  throughput, {what} / bare jieba: {statistics.median(jieba_s) / statistics.median(seconds):.2f}x "
                  f"(per pass: min {min(ratios):.2f}, max {max(ratios):.2f}; target >= 1.0)")
        # Where the time goes: each stage includes the ones before it; medians, in units of bare jieba's median.
        unit = statistics.median(jieba_s)
        stages = ((tokens_s, "tokens (normalize, cut)"), (read_s, "the reading (+ names, senses, negation, cues)"),
                  (terms_s, "decision, terms only (+ features, weighing)"), (full_s, "full decision (+ every keyword ranked)"))
        print("  time per stage, cumulative, in bare jieba's time: "
              + "; ".join(f"{what} {statistics.median(seconds) / unit:.2f}" for seconds, what in stages))

    ready = first_decision_seconds()
    print(f"\nprocess start to first decision: {spread(ready)} (target < 1.5 s)")
    rss = worker_rss_mb(chinese[:100] + english[:100])
    print(f"cxo serve worker RSS after 200 decisions: {', '.join(f'{mb:.0f} MB' for mb in rss)} (target < 150 MB)")


if __name__ == "__main__":
    main()
