"""`cxo tag` at scale (slow): 200,000 rows in order with API labels; memory that does not grow with the input."""

from __future__ import annotations

import csv
import random
import subprocess
import sys
from pathlib import Path

import pytest

from .tables import many_vendors, write_rows


@pytest.mark.slow
def test_200k_rows_give_one_row_each_in_order_with_api_labels(tmp_path, vendors, client):
    source = write_rows(tmp_path / "vendors.csv", many_vendors(vendors, 200_000))
    output = tmp_path / "tagged.csv"
    done = subprocess.run([sys.executable, "-m", "glossary_api", "tag", str(source), "-t", "description", "-o", str(output)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Tagged 200,000 rows" in done.stderr
    with output.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["id"] for row in rows] == [str(n) for n in range(1, 200_001)]
    sample = random.Random(4).sample(rows, 300)
    labels = [client.post("/v1/classify", json={"text": row["description"]}).get_json()["label"] for row in sample]
    assert [row["cxo_label"] for row in sample] == labels


def _peak_rss_mb(source: Path, output: Path) -> float:
    """Return the peak resident memory of `cxo tag --jobs 1` over source, in MB (a fresh process per call)."""
    script = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    command = [sys.executable, "-m", "glossary_api", "tag", str(source), "-t", "description", "-o", str(output), "-j", "1", "-q", "--force"]
    done = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, check=True)
    return int(done.stdout) / 1024


@pytest.mark.slow
def test_memory_does_not_grow_with_the_input(tmp_path):
    rng = random.Random(4)
    phrases = ["API contract manufacturing", "clinical trial monitoring", "process development", "contract sales force", "GMP fill-finish"]

    def write(rows: int) -> Path:
        path = tmp_path / f"{rows}.csv"
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow(["id", "description"])
            writer.writerows([n, f"{rng.choice(phrases)} site {n}"] for n in range(rows))
        return path

    # Past the cache of recent results (100,000 distinct texts) nothing more is kept per row: keeping
    # even a result per row would add 100 MB or more for the 360,000 rows more. What remains is the
    # allocator's slack (about 15 MB).
    small = _peak_rss_mb(write(120_000), tmp_path / "small.out.csv")
    large = _peak_rss_mb(write(480_000), tmp_path / "large.out.csv")
    assert large - small < 40, f"peak {small:.0f} MB for 120,000 rows, {large:.0f} MB for 480,000"
    assert large < 300
