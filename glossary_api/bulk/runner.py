"""The runner: chunks of rows in, each distinct text classified once, chunks written in input order.

A text already seen in the run is not classified again: a chunk's texts are looked up in a bounded
cache of recent results and in the chunks still in flight; the rest go to the Workers in batches.
At most a few chunks are in flight, so memory does not grow with the input.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from ..errors import BulkInputError
from ..vocabulary import LABELS, NONE_LABEL
from .readers import BadRow, Chunk
from .tagging import NO_TEXT, ClassifierSpec
from .workers import Batch, Workers

BATCH = 250  # texts per batch: big enough to amortize the hand-over to a worker, small enough to share out
CACHE_SIZE = 100_000  # distinct texts whose cells are remembered; bounded so memory is too
_SHORT = 64  # texts up to this long are their own cache key; longer ones are keyed by a digest


@dataclass
class Summary:
    """What a run did: rows per label, rows without text, rows left out, and how fast."""

    rows: int = 0
    labels: Counter = field(default_factory=Counter)
    empty: int = 0  # rows with blank or missing text: tagged NONE
    cut: int = 0  # rows whose text was longer than the limit: classified on its first part
    skipped: int = 0  # malformed rows left out (--on-error skip)
    rows_now: int = 0  # rows tagged by this process; less than rows when a run resumed
    classified: int = 0  # texts classified in this run: each distinct text once, while it stays in the cache
    seconds: float = 0.0

    def as_state(self) -> dict:
        """Return the counts to save with a checkpoint."""
        return {"rows": self.rows, "labels": dict(self.labels), "empty": self.empty, "cut": self.cut, "skipped": self.skipped}

    @classmethod
    def from_state(cls, state: dict) -> Summary:
        """Return a summary that carries on from the counts of a checkpoint."""
        return cls(state["rows"], Counter(state["labels"]), state["empty"], state["cut"], state["skipped"])

    def describe(self) -> list[str]:
        """Return the summary as lines for people."""
        rate = self.rows_now / self.seconds if self.seconds > 0 else 0.0
        resumed = f" ({self.rows_now:,} in this run)" if self.rows_now != self.rows else ""
        lines = [f"Tagged {self.rows:,} rows{resumed} in {self.seconds:.1f} s, {rate:,.0f} rows/s."]
        if self.labels:
            order = [*LABELS, NONE_LABEL]
            ranked = sorted(self.labels.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
            lines.append("  " + "  ".join(f"{label} {count:,}" for label, count in ranked))
        notes = [
            (self.empty, "without text, tagged NONE"),
            (self.cut, "with text over the length limit, classified on its first part"),
            (self.skipped, "malformed, left out"),
        ]
        lines.extend(f"  {count:,} {'row' if count == 1 else 'rows'} {what}." for count, what in notes if count)
        return lines


class Sink(Protocol):
    """Where tagged chunks go: a file writer with its checkpoint, or a database table."""

    def write(self, chunk: Chunk, cells: list) -> None: ...

    def commit(self, chunk: Chunk, summary: Summary) -> None: ...


def run(
    chunks: Iterable[Chunk],
    sink: Sink,
    spec: ClassifierSpec,
    encoder: Callable,
    *,
    jobs: int = 1,
    summary: Summary | None = None,
    on_error: str = "fail",
    on_chunk: Callable[[Chunk, Summary], None] | None = None,
    on_bad_row: Callable[[BadRow], None] | None = None,
) -> Summary:
    """Tag every row of chunks into sink, chunk after chunk in input order; return the summary.

    jobs processes classify: this one and jobs - 1 worker processes. A malformed
    row raises BulkInputError when on_error is "fail", and is counted and reported when "skip".
    """
    summary = summary or Summary()
    started = time.monotonic()
    depth = max(2, 2 * jobs)  # chunks in flight: enough to keep every worker busy
    workers = Workers(spec, encoder, jobs)
    try:
        tagger = _Tagger(workers, encoder, spec.max_text_length)
        pending: deque[_Job] = deque()
        for chunk in chunks:
            for bad in chunk.bad_rows:
                if on_error == "fail":
                    raise BulkInputError(f"line {bad.line}: {bad.reason}; fix the row, or leave such rows out with --on-error skip.")
                if on_bad_row:
                    on_bad_row(bad)
            pending.append(tagger.submit(chunk))
            while pending and (len(pending) >= depth or pending[0].done()):
                _finish(tagger, pending.popleft(), sink, summary, on_chunk)
        while pending:
            _finish(tagger, pending.popleft(), sink, summary, on_chunk)
    finally:
        workers.close()
    summary.classified += tagger.classified
    summary.seconds += time.monotonic() - started
    return summary


def _finish(tagger: _Tagger, job: _Job, sink: Sink, summary: Summary, on_chunk: Callable | None) -> None:
    chunk = job.chunk
    values = tagger.values(job)
    sink.write(chunk, [None if value is None else value[1] for value in values])
    labels = Counter(value[0] for value in values if value is not None)
    rows = labels.total()
    summary.labels.update(labels)
    summary.rows += rows
    summary.rows_now += rows
    summary.empty += job.keys.count("")
    summary.cut += job.cut
    summary.skipped += len(chunk.bad_rows)
    job.release()
    sink.commit(chunk, summary)
    if on_chunk:
        on_chunk(chunk, summary)


@dataclass(eq=False)
class _Job:
    """A chunk in flight: the key of each record, and where each key's cells will come from."""

    chunk: Chunk
    keys: list
    known: dict  # key -> (label, cells) already known when the chunk was submitted
    deps: dict  # key -> the earlier job classifying that text
    batches: list[tuple[Batch, list]]  # texts being classified, with their keys
    cut: int
    results: dict = field(default_factory=dict)

    def done(self) -> bool:
        return all(batch.done() for batch, _ in self.batches)

    def release(self) -> None:
        """Drop what a finished job no longer needs; its results stay for jobs that depend on them."""
        self.chunk, self.keys, self.known, self.deps, self.batches = None, [], {}, {}, []


class _Tagger:
    """Sends each distinct, not yet known text of a chunk to the workers once, and remembers recent results."""

    def __init__(self, workers: Workers, encoder: Callable, limit: int) -> None:
        self.workers, self.limit = workers, limit
        self.cache: OrderedDict = OrderedDict()
        self.in_flight: dict = {}
        self.blank = (NO_TEXT.label, encoder(NO_TEXT))
        self.classified = 0

    def submit(self, chunk: Chunk) -> _Job:
        keys: list = []
        known: dict = {"": self.blank}
        deps: dict = {}
        misses: dict = {}
        cut = 0
        cache, in_flight, limit = self.cache, self.in_flight, self.limit
        for text in chunk.texts:
            if text is None:
                keys.append(None)
                continue
            if len(text) > limit:
                text = text[:limit]
                cut += 1
            key = text if len(text) <= _SHORT else hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            if not text.strip():
                key = ""
            keys.append(key)
            if key in known or key in misses or key in deps:
                continue
            if key in cache:
                cache.move_to_end(key)
                known[key] = cache[key]
            elif key in in_flight:
                deps[key] = in_flight[key]
            else:
                misses[key] = text
        job = _Job(chunk, keys, known, deps, [], cut)
        items = list(misses.items())
        for start in range(0, len(items), BATCH):
            batch = items[start : start + BATCH]
            job.batches.append((self.workers.submit([text for _, text in batch]), [key for key, _ in batch]))
        for key in misses:
            in_flight[key] = job
        self.classified += len(misses)
        return job

    def values(self, job: _Job) -> list[tuple | None]:
        """Wait for job's results, remember them, and return (label, cells) for each record (None: not a row)."""
        for batch, keys in job.batches:
            job.results.update(zip(keys, self.workers.result(batch)))
        for key, value in job.results.items():
            self.cache[key] = value
            if self.in_flight.get(key) is job:
                del self.in_flight[key]
        while len(self.cache) > CACHE_SIZE:
            self.cache.popitem(last=False)
        known, results, deps = job.known, job.results, job.deps
        values: list[tuple | None] = []
        for key in job.keys:
            if key is None:
                values.append(None)
            else:
                found = known.get(key) or results.get(key)
                values.append(found if found is not None else deps[key].results[key])
        return values
