"""Sharing independent jobs with a forked child: same results, errors as usual."""

from __future__ import annotations

import os
import threading
import time

import pytest
from conftest import needs_fork

from generator import parallel


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@needs_fork
def test_shared_results_come_back_in_order() -> None:
    results = parallel.shared_map(_square_and_pid, range(20))

    assert [square for square, _ in results] == [n * n for n in range(20)]


def _slow_pid(n: int) -> int:
    time.sleep(0.01)
    return os.getpid()


@needs_fork
def test_a_forked_child_takes_a_share_of_the_jobs() -> None:
    pids = parallel.shared_map(_slow_pid, range(40))

    assert os.getpid() in pids
    assert len(set(pids)) == 2
    assert 5 <= pids.count(os.getpid()) <= 35


@needs_fork
def test_a_job_that_fails_in_the_child_raises_here() -> None:
    def job(n: int) -> int:
        if n == 5:  # an odd position: the child's share
            raise ValueError("record 5 is broken")
        return n

    with pytest.raises(ValueError, match="record 5 is broken"):
        parallel.shared_map(job, range(10))


@needs_fork
def test_a_child_that_dies_has_its_share_done_here() -> None:
    parent = os.getpid()

    def job(n: int) -> int:
        if os.getpid() != parent:
            os._exit(9)
        return n + 1

    assert parallel.shared_map(job, range(10)) == list(range(1, 11))


def test_work_is_not_shared_when_asked_not_to() -> None:
    results = parallel.shared_map(_square_and_pid, range(20), share=False)

    assert {pid for _, pid in results} == {os.getpid()}


def test_a_few_jobs_are_done_here() -> None:
    results = parallel.shared_map(_square_and_pid, range(parallel.MIN_JOBS - 1))

    assert {pid for _, pid in results} == {os.getpid()}


def test_work_is_not_shared_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = parallel.shared_map(_square_and_pid, range(20))
    finally:
        stop.set()
        other.join()

    assert {pid for _, pid in results} == {os.getpid()}


@needs_fork
def test_more_jobs_than_the_queue_holds_numbers_for_are_all_done() -> None:
    count = 40_000  # four bytes each: more than a pipe's 64 KiB
    results = parallel.shared_map(_square_and_pid, range(count))

    assert [square for square, _ in results] == [n * n for n in range(count)]
