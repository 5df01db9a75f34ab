"""The runner: chunks of rows in, each distinct text classified once, chunks written in input order.

A text already seen in the run is not classified again: the ResultCache knows recent results and
the texts still in flight; the rest go to the Workers in batches. At most a few chunks are in
flight, so memory does not grow with the input.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from ..errors import BulkInputError
from ..text import is_blank
from ..vocabulary import LABELS, NONE_LABEL
from .formats import BadRow, Chunk
from .jobs import NO_TEXT, ClassifierSpec
from .workers import Batch, Workers, usable_cores

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
        lines = [f"Tagged {self.rows:,} {'row' if self.rows == 1 else 'rows'}{resumed} in {self.seconds:.1f} s, {rate:,.0f} rows/s."]
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
    source: object = None,
) -> Summary:
    """Tag every row of chunks into sink, chunk after chunk in input order; return the summary.

    Up to jobs processes classify (see useful_jobs): this one and the worker processes. A malformed
    row raises BulkInputError when on_error is "fail" (naming source, the input file, when given), and
    is counted and reported when "skip".
    """
    summary = summary or Summary()
    started = time.monotonic()
    jobs, chunks = useful_jobs(jobs, chunks)
    depth = max(2, 2 * jobs)  # chunks in flight: enough to keep every worker busy
    workers = Workers(spec, encoder, jobs)
    cache = ResultCache((NO_TEXT.label, encoder(NO_TEXT)))
    try:
        pending: deque[_PendingChunk] = deque()
        for chunk in chunks:
            for bad in chunk.bad_rows:
                if on_error == "fail":
                    where = f"{source}: {bad.where}" if source else bad.where
                    raise BulkInputError(f"{where}: {bad.reason}; fix the row, or leave such rows out with --on-error skip.")
                if on_bad_row:
                    on_bad_row(bad)
            pending.append(_submit(chunk, cache, workers, spec.max_text_length))
            while pending and (len(pending) >= depth or pending[0].done()):
                _finish(pending.popleft(), cache, workers, sink, summary, on_chunk)
        while pending:
            _finish(pending.popleft(), cache, workers, sink, summary, on_chunk)
    finally:
        workers.close()
    summary.classified += cache.classified
    summary.seconds += time.monotonic() - started
    return summary


def useful_jobs(jobs: int, chunks: Iterable[Chunk]) -> tuple[int, Iterator[Chunk]]:
    """Return how many processes are worth starting for chunks, and the chunks (those read ahead first).

    Each worker is a process with a classifier of its own (memory, and a second or two to build),
    and a batch of BATCH texts is the least work it takes. So no more processes than the cores this
    process may run on, nor than the batches of an input that ends within the chunks read ahead:
    chunks are read until they hold a batch for each process, or the input ends.
    """
    jobs = max(1, min(jobs, usable_cores()))
    iterator = iter(chunks)
    ahead: list[Chunk] = []
    batches = 0
    while batches < jobs:
        chunk = next(iterator, None)
        if chunk is None:  # the whole input is read: one process per batch at most
            jobs = max(1, batches)
            break
        ahead.append(chunk)
        batches += math.ceil(sum(text is not None for text in chunk.texts) / BATCH)
    return jobs, itertools.chain(ahead, iterator)


class Slot:
    """Where the (label, cells) of one distinct text will be: empty while the text is being classified."""

    __slots__ = ("key", "value")

    def __init__(self, key: object, value: tuple | None = None) -> None:
        self.key, self.value = key, value


class ResultCache:
    """The results of the texts seen so far in a run, so that each distinct text is classified once.

    A text is keyed by itself when short, by a digest when long. A key is either known (its
    result remembered, the most recent CACHE_SIZE or so of them) or in flight (a chunk submitted
    earlier is classifying it, and every later chunk with the same text shares that Slot).
    Chunks finish in input order, so a shared Slot is always filled before a later chunk reads it.

    The known results live in two plain dicts, the recent and the older half: when the recent
    half is full it becomes the older one and the older is dropped, and a hit in the older half
    moves back to the recent one. That is nearly LRU at half the memory of an OrderedDict, and
    equal results (many texts get the same label, scores and evidence) share one object.
    """

    def __init__(self, blank: tuple, size: int = CACHE_SIZE) -> None:
        self.blank = Slot("", blank)  # rows without text
        self.half = max(1, size // 2)
        self.recent: dict[object, tuple] = {}
        self.older: dict[object, tuple] = {}
        self.shared: dict[tuple, tuple] = {}  # one object per distinct result, for the results in the cache
        self.in_flight: dict[object, Slot] = {}
        self.classified = 0  # distinct texts sent to be classified

    def slot(self, text: str) -> tuple[Slot, bool]:
        """Return the slot of text's result, and whether it is new (the caller must have it classified)."""
        if is_blank(text):
            return self.blank, False
        key = text if len(text) <= _SHORT else hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        value = self.recent.get(key)
        if value is None:
            value = self.older.pop(key, None)
            if value is not None:
                self._remember(key, value)
        if value is not None:
            return Slot(key, value), False
        if key in self.in_flight:
            return self.in_flight[key], False
        slot = self.in_flight[key] = Slot(key)
        self.classified += 1
        return slot, True

    def fill(self, slots: list[Slot], values: list[tuple]) -> None:
        """Store the results of slots that were in flight."""
        for slot, value in zip(slots, values):
            value = self.shared.setdefault(value, value)
            slot.value = value
            self._remember(slot.key, value)
            self.in_flight.pop(slot.key, None)

    def _remember(self, key: object, value: tuple) -> None:
        self.recent[key] = value
        if len(self.recent) >= self.half:
            self.older, self.recent = self.recent, {}
            self.shared = {value: value for value in self.older.values()}  # forget results no text holds


@dataclass(eq=False)
class _PendingChunk:
    """A chunk in flight: the slot of each record (None: not a row) and the batches being classified."""

    chunk: Chunk
    slots: list[Slot | None]
    batches: list[tuple[Batch, list[Slot]]]
    cut: int
    empty: int

    def done(self) -> bool:
        return all(batch.done() for batch, _ in self.batches)


def _submit(chunk: Chunk, cache: ResultCache, workers: Workers, limit: int) -> _PendingChunk:
    """Look chunk's texts up in the cache and send the new ones to the workers, in batches."""
    slots: list[Slot | None] = []
    new: list[tuple[Slot, str]] = []
    cut = 0
    for text in chunk.texts:
        if text is None:
            slots.append(None)
            continue
        if len(text) > limit:
            text = text[:limit]
            cut += 1
        slot, is_new = cache.slot(text)
        slots.append(slot)
        if is_new:
            new.append((slot, text))
    batches = [
        (workers.submit([text for _, text in part]), [slot for slot, _ in part])
        for part in (new[start : start + BATCH] for start in range(0, len(new), BATCH))
    ]
    return _PendingChunk(chunk, slots, batches, cut, sum(slot is cache.blank for slot in slots))


def _finish(pending: _PendingChunk, cache: ResultCache, workers: Workers, sink: Sink, summary: Summary, on_chunk: Callable | None) -> None:
    """Wait for a chunk's results, write it, commit it, and count it."""
    for batch, slots in pending.batches:
        cache.fill(slots, workers.result(batch))
    values = [None if slot is None else slot.value for slot in pending.slots]
    chunk = pending.chunk
    sink.write(chunk, [None if value is None else value[1] for value in values])
    labels = Counter(value[0] for value in values if value is not None)
    rows = labels.total()
    summary.labels.update(labels)
    summary.rows += rows
    summary.rows_now += rows
    summary.empty += pending.empty
    summary.cut += pending.cut
    summary.skipped += len(chunk.bad_rows)
    sink.commit(chunk, summary)
    if on_chunk:
        on_chunk(chunk, summary)
