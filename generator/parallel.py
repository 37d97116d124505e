"""Share a list of independent jobs with a forked copy of this process.

One student's build is about a second of small, independent pieces of work: a
record's Markdown and evidence previews, a page's template. Threads cannot
share it out: Markdown and Jinja hold the GIL, and the short C calls of PDFium
and Pillow spend more time handing it back and forth than they save. A child
made by fork starts in a millisecond with everything already imported, loaded
and compiled, takes jobs from the same queue as its parent, and sends its
results back pickled.

Only the results come back: whatever else a job changes in the child (a cache,
a counter) stays there, so jobs must not rely on one another.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import struct
import sys
import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Below this many small jobs a fork costs more than the half it saves.
MIN_JOBS = 8
# The number of a batch of jobs in the queue. The queue is filled before the
# fork and must not block, so there are never more numbers than the pipe holds.
_NUMBER = struct.Struct("<I")


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
    job: Callable[[T], R],
    items: Iterable[T],
    *,
    share: bool = True,
    min_jobs: int = MIN_JOBS,
) -> list[R]:
    """`[job(item) for item in items]`, shared with a forked child.

    The results come back in order and are the same as doing every job here.
    When the child fails in any way its jobs are done here again, so an error
    is raised from this process with its usual traceback. Fewer than
    `min_jobs` are all done here: worth sharing are many small jobs (pages)
    or a few long ones (dossiers).
    """
    items = list(items)
    if not share or len(items) < min_jobs or not can_fork():
        return [job(item) for item in items]

    # The job numbers wait in a pipe that both processes take from, so the
    # one that is ahead does more: a record with photos costs ten times one
    # without. Reading four bytes from a pipe is atomic.
    queue_out, queue_in = os.pipe()
    batch = -(-len(items) * _NUMBER.size // _pipe_capacity(queue_in))
    numbers = range(0, len(items), batch)
    os.write(queue_in, b"".join(_NUMBER.pack(n) for n in numbers))
    os.close(queue_in)
    sys.stdout.flush()
    sys.stderr.flush()
    results_out, results_in = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(results_out)
        _work_as_child(job, items, queue_out, batch, results_in)
    os.close(results_in)

    try:
        done = _take_jobs(job, items, queue_out, batch)
        returned = _collect(results_out, pid)
    except BaseException:
        _stop(pid)
        raise
    finally:
        os.close(queue_out)
        os.close(results_out)

    done.update(returned or {})
    return [
        done[index] if index in done else job(items[index])
        for index in range(len(items))
    ]


def _pipe_capacity(pipe: int) -> int:
    """What a pipe holds: 64 KiB, or one page for a user with many pipes open."""
    import fcntl  # Unix only, and only Linux shares work

    try:
        return fcntl.fcntl(pipe, fcntl.F_GETPIPE_SZ)
    except (AttributeError, OSError):
        return 4096


def _take_jobs(
    job: Callable[[T], R], items: list[T], queue: int, batch: int
) -> dict[int, R]:
    """Do the batches of jobs whose numbers this process takes from the queue."""
    done = {}
    while number := os.read(queue, _NUMBER.size):
        first = _NUMBER.unpack(number)[0]
        for index in range(first, min(first + batch, len(items))):
            done[index] = job(items[index])
    return done


def _work_as_child(
    job: Callable[[T], R], items: list[T], queue: int, batch: int, results: int
) -> None:
    """Do jobs from the queue, write the pickled results, leave without cleaning up.

    os._exit skips atexit handlers and buffered output inherited from the
    parent, which would otherwise run or be written twice.
    """
    status = 1
    try:
        try:
            payload = pickle.dumps(_take_jobs(job, items, queue, batch), protocol=5)
        except BaseException as error:  # the parent redoes what is missing
            log.debug("shared job failed in the child: %r", error)
            payload = b""
        with os.fdopen(results, "wb") as pipe:
            pipe.write(payload)
        status = 0 if payload else 1
    finally:
        os._exit(status)


def _collect(reading: int, pid: int) -> dict | None:
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
