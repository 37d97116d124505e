"""Share a list of independent jobs with a forked copy of this process.

One student's build is about a second of small, independent pieces of work: a
record's Markdown and evidence previews, a page's template. Threads cannot
share it out: Markdown and Jinja hold the GIL, and the short C calls of PDFium
and Pillow spend more time handing it back and forth than they save. A child
made by fork starts in a millisecond with everything already imported, loaded
and compiled, does every other job, and sends its results back pickled.

Only the results come back: whatever else a job changes in the child (a cache,
a counter) stays there, so jobs must not rely on one another.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Below this many jobs a fork costs more than the half it saves.
MIN_JOBS = 8


def cores() -> int:
    """The cores this process may run on (a container's share, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a child can safely be forked here and now.

    Only on Linux: macOS forbids forking a process that has used some system
    frameworks, and Windows cannot fork. Only with one thread, since a fork
    copies locks that other threads may hold (the live preview runs several).
    """
    return (
        sys.platform.startswith("linux")
        and cores() > 1
        and threading.active_count() == 1
    )


def shared_map(
    job: Callable[[T], R], items: Iterable[T], *, share: bool = True
) -> list[R]:
    """`[job(item) for item in items]`, half of it done by a forked child.

    The results come back in order and are the same as doing every job here.
    When the child fails in any way its half is done here again, so an error
    is raised from this process with its usual traceback.
    """
    items = list(items)
    if not share or len(items) < MIN_JOBS or not can_fork():
        return [job(item) for item in items]

    # Neighbours tend to cost alike (records of one kind), so deal alternately.
    mine, theirs = items[0::2], items[1::2]
    sys.stdout.flush()
    sys.stderr.flush()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        _work_as_child(job, theirs, writing)
    os.close(writing)

    try:
        done = [job(item) for item in mine]
        returned = _collect(reading, pid)
    except BaseException:
        _stop(pid)
        raise
    finally:
        os.close(reading)

    if returned is None:
        returned = [job(item) for item in theirs]
    merged: list[R] = []
    for index in range(len(items)):
        merged.append(done[index // 2] if index % 2 == 0 else returned[index // 2])
    return merged


def _work_as_child(job: Callable[[T], R], items: list[T], writing: int) -> None:
    """Do the jobs, write the pickled results and leave without cleaning up.

    os._exit skips atexit handlers and buffered output inherited from the
    parent, which would otherwise run or be written twice.
    """
    status = 1
    try:
        try:
            payload = pickle.dumps([job(item) for item in items], protocol=5)
        except BaseException as error:  # the parent redoes its share
            log.debug("shared job failed in the child: %r", error)
            payload = b""
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(payload)
        status = 0 if payload else 1
    finally:
        os._exit(status)


def _collect(reading: int, pid: int) -> list | None:
    """The child's results, or None when it failed or died."""
    chunks = []
    while chunk := os.read(reading, 1 << 20):
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not chunks:
        log.info("the forked child did not finish; doing its share here")
        return None
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # a torn payload is redone, not fatal
        return None


def _stop(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
