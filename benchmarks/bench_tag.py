"""Benchmark `cxo tag`: rows/s with --jobs 1 and --jobs 2 beside bare jieba.lcut, and peak memory.

    .venv/bin/python benchmarks/bench_tag.py                 # 200,000 rows, then 1,000,000 for memory
    .venv/bin/python benchmarks/bench_tag.py --memory-rows 0 # speed only

The input is generated: a vendor name and one to three clauses of the development set's
descriptions (English, simplified and traditional Chinese, mixed): about 60% of the texts are
distinct and the rest repeat, as in real vendor databases. Bare jieba (jieba.lcut, its default dictionary) runs
over the same texts in the same benchmark run, as the yardstick for `--jobs 1`. Rows/s are wall
clock, start-up included. Targets (issue 4):
--jobs 1 >= 0.8 x bare jieba; --jobs 2 >= 1.7 x --jobs 1 on two cores; 1,000,000 rows < 300 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
DEV_SET = ROOT / "tests" / "data" / "dev.jsonl"
PREFIXES = ["Acme", "Sino", "Hua", "Kang", "Bio", "Pharma", "Wuxi", "Tai", "Zhong", "Genex", "Medi", "Yao", "Ever", "Lumen"]
SUFFIXES = ["Co., Ltd.", "Inc.", "GmbH", "有限公司", "股份有限公司", "Biotech", "Pharma", "生物科技", "醫藥"]


def generate(path: Path, rows: int, seed: int = 4) -> list[str]:
    """Write a CSV of rows generated vendors (id, name, description, country); return its descriptions."""
    clauses = []
    for line in DEV_SET.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        clauses.extend(part.strip() for part in re.split(r"(?<=[.;。；])\s*", text) if len(part.strip()) > 8)
    rng = random.Random(seed)
    texts = []
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "name", "description", "country"])
        for number in range(rows):
            name = f"{rng.choice(PREFIXES)}{rng.choice(PREFIXES).lower()} {rng.randrange(1000)} {rng.choice(SUFFIXES)}"
            text = " ".join(rng.sample(clauses, rng.randint(1, 3)))
            texts.append(text)
            writer.writerow([number + 1, name, text, rng.choice(["CN", "US", "DE", "IN", "TW", "HK"])])
    return texts


def bare_jieba(texts: list[str]) -> float:
    """Return rows/s of jieba.lcut over texts, the dictionary loaded beforehand."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return len(texts) / (time.perf_counter() - started)


_BURN = "x = 0\nfor i in range(25_000_000):\n    x += i * i"


def machine_parallelism() -> float:
    """Return how much faster two CPU-bound processes get through two loads than one process does.

    About 2.0 on two free cores. A shared virtual machine can give less than that when its host is
    busy. Then the --jobs 2 ratio says more about the host than about `cxo tag`.
    """

    def timed(copies: int) -> float:
        started = time.perf_counter()
        processes = [subprocess.Popen([sys.executable, "-c", _BURN]) for _ in range(copies)]
        for process in processes:
            process.wait()
        return time.perf_counter() - started

    return 2 * timed(1) / timed(2)


def _tree_rss(root: int) -> int:
    """Return the resident memory, in bytes, of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        children.setdefault(int(fields["PPid"]), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_tag(source: Path, jobs: int, rows: int) -> dict:
    """Run `cxo tag` on source with jobs workers; return rows/s (wall clock, start-up included) and peak memory."""
    output = source.with_name(f"{source.stem}.jobs{jobs}.csv")
    command = [sys.executable, "-m", "glossary_api", "tag", str(source), "-t", "description", "-o", str(output)]
    command += ["--jobs", str(jobs), "--force", "--quiet"]
    peak = {"tree": 0}
    # A snapshot of the glossary: every run of the benchmark measures the same rulebook.
    environment = {**os.environ, "CXO_TERMS_DIR": str(OUT / "terms")}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=environment)

    def watch() -> None:
        while process.poll() is None:
            peak["tree"] = max(peak["tree"], _tree_rss(process.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    if process.wait() != 0:
        raise SystemExit(f"cxo tag failed: {' '.join(command)}")
    seconds = time.perf_counter() - started
    watcher.join()
    with output.open(encoding="utf-8") as file:
        written = sum(1 for _ in csv.reader(file)) - 1
    assert written == rows, f"{written} rows written for {rows}"
    output.unlink()
    return {"jobs": jobs, "seconds": seconds, "rows_per_s": rows / seconds, "peak_mb": peak["tree"] / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--memory-rows", type=int, default=1_000_000, help="rows of the memory run; 0 skips it")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each --jobs, alternating; the fastest counts")
    args = parser.parse_args()

    print(f"cores: {os.cpu_count()}; python {sys.version.split()[0]}")
    shutil.rmtree(OUT / "terms", ignore_errors=True)
    shutil.copytree(ROOT / "terms", OUT / "terms")
    source = OUT / f"vendors-{args.rows}.csv"
    texts = generate(source, args.rows)
    print(f"{args.rows:,} rows, {len(set(texts)):,} distinct texts, {sum(map(len, texts)) / len(texts):.0f} characters on average")
    jieba_rate = bare_jieba(texts)
    del texts
    before = machine_parallelism()
    # Alternating runs, the fastest of each kept: a shared machine's slow spells hit both alike.
    runs = [run_tag(source, jobs, args.rows) for _ in range(args.repeat) for jobs in (1, 2)]
    after = machine_parallelism()
    print(f"machine: two CPU-bound processes do {before:.2f}x the work of one before the runs, {after:.2f}x after")
    print(f"bare jieba.lcut: {jieba_rate:8,.0f} rows/s")
    for result in runs:
        print(f"cxo tag --jobs {result['jobs']}: {result['rows_per_s']:8,.0f} rows/s ({result['seconds']:.1f} s, peak {result['peak_mb']:.0f} MB)")
    one, two = (max((r for r in runs if r["jobs"] == jobs), key=lambda r: r["rows_per_s"]) for jobs in (1, 2))
    print(f"fastest --jobs 1 / bare jieba: {one['rows_per_s'] / jieba_rate:.2f}  (target >= 0.8)")
    print(f"fastest --jobs 2 / fastest --jobs 1: {two['rows_per_s'] / one['rows_per_s']:.2f}  (target >= 1.7 on two cores)")
    if args.memory_rows:
        big = OUT / f"vendors-{args.memory_rows}.csv"
        generate(big, args.memory_rows)
        for jobs in (1, 2):
            result = run_tag(big, jobs, args.memory_rows)
            print(
                f"{args.memory_rows:,} rows, --jobs {jobs}: peak {result['peak_mb']:.0f} MB for all processes "
                f"(target < 300 MB), {result['rows_per_s']:,.0f} rows/s"
            )


if __name__ == "__main__":
    main()
