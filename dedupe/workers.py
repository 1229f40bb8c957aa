"""Spread independent per-document work over processes, keeping the input order.

Results are the same whatever the number of workers: each item is computed on its own and
the outputs come back in input order.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache, partial
from typing import Any, TypeVar

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more (start-up, pickling) than it saves, for items of
# about one document's work each; callers with heavier items pass a smaller number.
_MIN_ITEMS = 200


def worker_count(setting: int) -> int:
    """Processes to use: ``setting``, or every core when it is 0."""
    return setting if setting > 0 else (os.cpu_count() or 1)


def parallel_map(
    func: Callable[[T], R], items: Sequence[T], workers: int, min_items: int = _MIN_ITEMS
) -> list[R]:
    """``[func(x) for x in items]``, in ``worker_count(workers)`` processes when it pays."""
    return list(parallel_imap(func, items, workers, min_items))


def parallel_imap(
    func: Callable[[T], R], items: Sequence[T], workers: int, min_items: int = _MIN_ITEMS
) -> Generator[R]:
    """``func(x) for x in items``, in processes when it pays (``min_items`` items or more
    for each): results come in input order as they are ready, so the caller can use each
    and drop it before the last is done."""
    count = min(worker_count(workers), max(1, len(items) // max(1, min_items)))
    # A daemonic process (a pool worker of the caller's, say) may not start children.
    if count <= 1 or multiprocessing.current_process().daemon:
        yield from map(func, items)
        return
    # fork: the children inherit the loaded modules, so start-up is cheap.
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(items) // (count * 8))
    # Frozen objects are never visited by the children's garbage collector, so the pages
    # they share with the parent stay shared instead of being copied into each child.
    gc.freeze()
    try:
        with ProcessPoolExecutor(count, mp_context=context) as pool:
            yield from pool.map(func, items, chunksize=chunk)
    finally:
        gc.unfreeze()


# What `parallel_map_shared` hands its workers: forked children inherit it, so a large
# object (a prepared corpus) is never pickled. A stack, in case calls nest.
_SHARED: list[Any] = []


def parallel_map_shared(
    func: Callable[[S, T], R],
    shared: S,
    items: Sequence[T],
    workers: int,
    min_items: int = _MIN_ITEMS,
) -> list[R]:
    """``[func(shared, x) for x in items]``, in processes that inherit ``shared``."""
    _SHARED.append(shared)
    try:
        return parallel_map(partial(_call_shared, func), items, workers, min_items)
    finally:
        _SHARED.pop()


def _call_shared(func: Callable[[Any, T], R], item: T) -> R:
    return func(_SHARED[-1], item)


def release_memory() -> None:
    """Hand the memory a finished stage freed back to the operating system.

    glibc keeps freed blocks for reuse, so a stage's garbage would stay in the process
    (and in every worker forked from it) until the end of the run. Elsewhere: no-op.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        function: Callable[[int], int] = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    return function
