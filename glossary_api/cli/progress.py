"""Progress of a run, for the CLI to pick: a tqdm bar on a terminal, plain lines every few seconds elsewhere.

tqdm comes with the bulk extra; without it a terminal gets the plain lines too.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ..bulk.formats import Chunk
from ..bulk.runner import Summary
from ..extras import available


class BarProgress:
    """A tqdm bar over the input's bytes or rows, with the rows tagged so far."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.bar = None

    def start(self, total: int | None, unit: str, done: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=total,
            initial=done,
            unit=unit,
            unit_scale=True,
            unit_divisor=1024 if unit == "B" else 1000,
            file=self.stream,
            dynamic_ncols=True,
            desc="cxo tag",
        )

    def update(self, chunk: Chunk, summary: Summary) -> None:
        self.bar.update(chunk.done - self.bar.n)
        self.bar.set_postfix_str(f"{summary.rows:,} rows", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class LineProgress:
    """One plain line every `every` seconds, for logs: rows so far, share of the input, rows/s."""

    def __init__(self, stream: TextIO = sys.stderr, every: float = 10.0) -> None:
        self.stream, self.every = stream, every
        self.total: int | None = None
        self.started = self.last = time.monotonic()

    def start(self, total: int | None, unit: str, done: int) -> None:
        self.total = total
        self.started = self.last = time.monotonic()

    def update(self, chunk: Chunk, summary: Summary) -> None:
        now = time.monotonic()
        if now - self.last < self.every:
            return
        self.last = now
        share = f", {100 * chunk.done / self.total:.0f}% of the input" if self.total else ""
        rate = summary.rows_now / (now - self.started)
        print(f"cxo tag: {summary.rows:,} rows tagged{share}, {rate:,.0f} rows/s", file=self.stream, flush=True)

    def close(self) -> None:
        pass


def progress_for(stream: TextIO, quiet: bool) -> BarProgress | LineProgress | None:
    """Return how to show progress on stream: nothing when quiet, a bar on a terminal with tqdm, else lines."""
    if quiet:
        return None
    if stream.isatty() and available("tqdm"):
        return BarProgress(stream)
    return LineProgress(stream)
