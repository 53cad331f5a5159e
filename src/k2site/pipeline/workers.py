"""Spread a pure function over worker processes when there is enough work for it.

Parsing, linting, reference formatting and rendering are pure per item, so large sites
split them across the cores. Workers are forked, so they share what the parent has
already loaded and compiled, and the function itself is inherited, not sent: it may be a
bound method of the object that owns one run's state (a renderer, a bibliography), so no
module needs a global for its workers to find. Results come back in input order, so
output stays byte-identical to a serial run. A worker ends when the build that forked it
ends, however it ends (`die_with_parent`).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items, starting processes costs more than it saves.
MIN_ITEMS = 150


def workers() -> int:
    """How many processes to use: the cores this process may run on, or K2SITE_JOBS."""
    if os.environ.get("K2SITE_JOBS", "").isdigit():
        return max(1, int(os.environ["K2SITE_JOBS"]))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _can_fork() -> bool:
    """Forking is safe only from a single-threaded process: a thread holding a lock at
    the fork (serve's server and watcher threads) would leave it locked in the child."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def parallel_map(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[function(item) for item in items]`, across processes when it pays."""
    return list(parallel_imap(function, items))


def parallel_imap(function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """`function(item)` for each item in order, yielded as they are ready, so the caller
    can write each result away instead of holding them all."""
    jobs = min(workers(), len(items) // (MIN_ITEMS // 2) or 1)
    if jobs < 2 or len(items) < MIN_ITEMS or not _can_fork():
        yield from map(function, items)
        return
    yield from _forked(function, items, jobs)


def _forked(function: Callable[[T], R], items: Sequence[T], jobs: int) -> Iterator[R]:
    """Chunks dealt round-robin to `jobs` forked processes, each answering on its own
    pipe in order, so the parent reads chunk i from worker i % jobs: no queue, no thread."""
    import multiprocessing  # a small site never forks, and need not load it

    context = multiprocessing.get_context("fork")
    size = max(1, min(64, len(items) // (jobs * 8)))
    chunks = [range(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    pipes = [context.Pipe(duplex=False) for _ in range(jobs)]
    processes = []
    for number, (_, sender) in enumerate(pipes):
        mine = chunks[number::jobs]
        process = context.Process(target=_work, args=(function, items, mine, sender,
                                                      os.getpid()),
                                  name=f"k2site-worker-{number}", daemon=True)
        process.start()
        processes.append(process)
    for _, sender in pipes:
        sender.close()  # the parent's copies: a worker that dies ends its pipe
    try:
        for number in range(len(chunks)):
            try:
                failed, results = pipes[number % jobs][0].recv()
            except EOFError:
                raise RuntimeError("a k2site worker process ended unexpectedly") from None
            if failed:
                raise results
            yield from results
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()
        for receiver, _ in pipes:
            receiver.close()


def _work(function: Callable[[T], R], items: Sequence[T], chunks: list[range],
          sender: Any, parent: int) -> None:
    """In a worker: each chunk's results, or the exception that stopped it, in order."""
    die_with_parent(parent)
    for chunk in chunks:
        try:
            sender.send((False, [function(items[i]) for i in chunk]))
        except BaseException as exc:  # the parent raises it, as a serial run would
            try:
                sender.send((True, exc))
            except Exception:  # an exception that cannot be pickled: its words
                sender.send((True, RuntimeError(f"{type(exc).__name__}: {exc}")))
            return
#: prctl(2) option: the signal a process gets when the thread that forked it ends.
PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """In a process forked by the build (`parent`): end when the build ends, even when it
    is killed with SIGKILL and has no chance to stop its workers, which would otherwise
    wait for work forever. On Linux the kernel sends SIGKILL (prctl PR_SET_PDEATHSIG);
    elsewhere a thread checks twice a second whether the parent is still there."""
    ask = pdeathsig()
    if ask is not None:
        ask()
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the build ended before the signal was asked for
        os._exit(1)


def pdeathsig() -> Callable[[], object] | None:
    """A function that asks Linux to SIGKILL the calling process when its parent ends, or
    None elsewhere. The request outlives exec, so as a `preexec_fn` it takes a program the
    build starts with it; it is made beforehand, so that the forked child imports nothing."""
    prctl = _prctl()
    if prctl is None:
        return None
    return lambda: prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


@lru_cache(maxsize=1)
def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return ctypes.CDLL(None, use_errno=True).prctl  # type: ignore[no-any-return]
    except (OSError, AttributeError):
        return None


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
