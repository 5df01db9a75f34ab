"""The classifying side of a run: this process and jobs - 1 worker processes, each with its own classifier.

Batches of texts wait in a backlog. The workers are kept supplied with a few batches each. This
process reads and writes, and when it would otherwise wait for a result, it classifies a batch
from the backlog itself. So `--jobs N` keeps N processes busy on N cores: the reading and writing
does not take a core away from the workers. Each process builds its classifier once, and encodes
each tag into the output's cells itself.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import resource_tracker

from ..errors import CXOError
from .jobs import ClassifierSpec, classifier_for, tag_text

QUEUED_PER_WORKER = 3  # batches handed to each worker at a time: one running, the next ones ready


def usable_cores() -> int:
    """Return the number of cores this process may run on: more classifying processes than that only cost memory."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Batch:
    """Texts to classify: by a worker process, or by this process when it would otherwise wait."""

    __slots__ = ("future", "result", "texts")

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.future: Future | None = None
        self.result: list[tuple] | None = None

    def done(self) -> bool:
        return self.result is not None or (self.future is not None and self.future.done())


class Workers:
    """jobs classifiers: this process and jobs - 1 worker processes, started at once."""

    def __init__(self, spec: ClassifierSpec, encoder: Callable, jobs: int) -> None:
        self.pool = None
        self.capacity = QUEUED_PER_WORKER * (jobs - 1)
        self.backlog: deque[Batch] = deque()
        self.at_workers: list[Batch] = []
        if jobs > 1:
            # spawn, not fork: a worker must not inherit this process's threads (a progress bar's) or locks.
            context = multiprocessing.get_context("spawn")
            initargs = (spec, encoder, True, os.getpid())  # the parent's pid from here: a worker that reads it once its parent is dead reads 1
            self.pool = ProcessPoolExecutor(jobs - 1, mp_context=context, initializer=_start_worker, initargs=initargs)
        try:
            if self.pool is not None:
                with _ctrl_c_held():  # the workers start with Ctrl-C held (inherited), before Python's start-up could take it
                    for _ in range(jobs - 1):
                        self.pool.submit(int)  # start them now: they build their classifiers while this process builds its own
            _start_worker(spec, encoder, in_child=False)  # a broken glossary fails here, in one line
        except BaseException:
            self.close()
            raise

    def submit(self, texts: list[str]) -> Batch:
        """Return a batch of texts queued for classifying."""
        batch = Batch(texts)
        self.backlog.append(batch)
        self._supply()
        return batch

    def result(self, batch: Batch) -> list[tuple]:
        """Return (label, cells) for each text of batch; classify backlog here while a worker has it."""
        while batch.result is None:
            if batch.future is None:  # nobody has started it: do it here
                self.backlog.remove(batch)
                batch.result = _tag_batch(batch.texts)
            elif batch.future.done() or not self.backlog:
                batch.result = batch.future.result()
            else:
                other = self.backlog.pop()  # the latest, which the workers would reach last
                other.result = _tag_batch(other.texts)
            self._supply()
        return batch.result

    def _supply(self) -> None:
        if self.pool is None:
            return
        self.at_workers = [batch for batch in self.at_workers if not batch.future.done()]
        while self.backlog and len(self.at_workers) < self.capacity:
            batch = self.backlog.popleft()
            batch.future = self.pool.submit(_tag_batch, batch.texts)
            self.at_workers.append(batch)

    def close(self) -> None:
        """Stop the workers; queued batches are dropped (a chunk not written is redone on resume)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


_worker: tuple | None = None  # (classifier, encoder) of this process
_worker_error: CXOError | None = None  # why this process has no classifier (a broken glossary)


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold a Ctrl-C back meanwhile and raise it (KeyboardInterrupt) after: held, not ignored, so none is lost.

    SIGINT is blocked in this thread, which starts the workers: a process starts with its parent's
    blocked signals, so a worker's Python start-up cannot take a Ctrl-C before _start_worker ignores
    it. A Ctrl-C that another thread of this process takes meanwhile is noted and raised too. In the main
    thread only: elsewhere Python cannot set a handler (nor would a Ctrl-C come there).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    resource_tracker.ensure_running()  # started first: starting it later, with the workers, unblocks SIGINT here
    noted: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, _frame: noted.append(number))
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # one held is delivered now, to the handler restored
    if noted:
        raise KeyboardInterrupt


def _start_worker(spec: ClassifierSpec, encoder: Callable, in_child: bool = True, parent: int | None = None) -> None:
    """Build this process's classifier, once; a child leaves Ctrl-C to the parent, which stops the run."""
    global _worker, _worker_error
    if not in_child:
        _worker = (classifier_for(spec), encoder)
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held since the start (_ctrl_c_held); one waiting is dropped
    threading.Thread(target=_exit_with_parent, args=(parent or os.getppid(),), daemon=True).start()
    try:
        _worker = (classifier_for(spec), encoder)
    except CXOError as error:  # kept for the first batch to raise; the parent has reported it already
        _worker_error = error


def _exit_with_parent(parent: int) -> None:
    """End this worker when the parent is gone (killed): nothing else would ever tell it."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _tag_batch(texts: list[str]) -> list[tuple]:
    """Return (label, cells) for each text, with this process's classifier and encoder."""
    if _worker_error is not None:
        raise _worker_error
    classifier, encoder = _worker
    results = []
    for text in texts:
        tag = tag_text(classifier, text)
        results.append((tag.label, encoder(tag)))
    return results
