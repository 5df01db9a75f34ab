"""The worker processes' start: a Ctrl-C meanwhile is held for this process, never lost, and kept from the workers."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from glossary_api.bulk import workers


def _blocked_signals(answer: multiprocessing.Queue) -> None:
    answer.put(signal.pthread_sigmask(signal.SIG_BLOCK, []))


def test_a_ctrl_c_while_the_workers_start_is_raised_after_not_lost():
    with pytest.raises(KeyboardInterrupt), workers._ctrl_c_held():
        os.kill(os.getpid(), signal.SIGINT)  # ignored (SIG_IGN), as before, it was gone: the run went on to exit 0
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])


def test_no_ctrl_c_while_the_workers_start_raises_nothing():
    with workers._ctrl_c_held():
        pass
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])


def test_a_worker_starts_with_ctrl_c_held_until_it_ignores_it():
    context = multiprocessing.get_context("spawn")
    answer = context.Queue()
    with workers._ctrl_c_held():
        child = context.Process(target=_blocked_signals, args=(answer,))
        child.start()
    assert signal.SIGINT in answer.get(timeout=60)  # its Python start-up could not take a Ctrl-C
    child.join(timeout=60)
