"""Spread a pure function over worker processes when there is enough work for it.

Parsing and rendering are pure per page, so large sites split them across the cores.
Workers are forked, so they share what the parent has already loaded and compiled;
results come back in input order, so output stays byte-identical to a serial run.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

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
    import multiprocessing  # a small site never forks, and need not load these
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(items) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(function, items, chunksize=chunk)
