"""Spread independent per-document work over processes, keeping the input order.

Results are the same whatever the number of workers: each item is computed on its own and
the outputs come back in input order. An `Executor` is where an engine runs the stages'
per-item work: `Local` uses the processes of this machine, the Spark engine its executors.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, Protocol, TypeVar

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more (start-up, pickling) than it saves, for items of
# about one document's work each; callers with heavier items pass a smaller number.
_MIN_ITEMS = 200


# Most items a worker takes (and sends the results of) at once: a chunk's results travel
# as one message, held whole in the worker while pickled and in the parent while read, and
# an archive's eighth of a worker's share is thousands of documents.
_CHUNK_ITEMS = 128


def worker_count(setting: int) -> int:
    """Processes to use: ``setting``, or every core when it is 0."""
    return setting if setting > 0 else (os.cpu_count() or 1)


def parallel_map(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    min_items: int = _MIN_ITEMS,
    what: str = "",
) -> list[R]:
    """``[func(x) for x in items]``, in ``worker_count(workers)`` processes when it pays;
    ``what`` names the items for `counting` ("documents segmented")."""
    return list(parallel_imap(func, items, workers, min_items, what))


# Who hears (what, done, total) as `parallel_imap` hands results back, and in which
# process (a forked child inherits the list but must not report): see `counting`.
Counter = Callable[[str, int, int], None]
_COUNTERS: list[tuple[int, Counter]] = []


@contextmanager
def counting(counter: Counter) -> Iterator[None]:
    """Within the block, tell ``counter`` (what, done, total) each time a `parallel_imap`
    (and so a `parallel_map`) hands a result back: a progress bar for each step of a run."""
    entry = (os.getpid(), counter)
    _COUNTERS.append(entry)
    try:
        yield
    finally:
        _COUNTERS.remove(entry)


def parallel_imap(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    min_items: int = _MIN_ITEMS,
    what: str = "",
) -> Generator[R]:
    """``func(x) for x in items``, in processes when it pays (``min_items`` items or more
    for each): results come in input order as they are ready, so the caller can use each
    and drop it before the last is done."""
    done = _results(func, items, workers, min_items)
    if not _COUNTERS or _COUNTERS[-1][0] != os.getpid():
        yield from done
        return
    with closing(done):
        tell(what, 0, len(items))
        for k, result in enumerate(done, 1):
            tell(what, k, len(items))
            yield result


def tell(what: str, done: int, total: int) -> None:
    """Tell the innermost `counting` block of this process how far a step is (nothing
    outside one): ``done`` of ``total`` ``what``."""
    if _COUNTERS and _COUNTERS[-1][0] == os.getpid():
        _COUNTERS[-1][1](what, done, total)


def _results(
    func: Callable[[T], R], items: Sequence[T], workers: int, min_items: int
) -> Generator[R]:
    count = min(worker_count(workers), max(1, len(items) // max(1, min_items)))
    # A daemonic process (a pool worker of the caller's, say) may not start children.
    if count <= 1 or multiprocessing.current_process().daemon:
        yield from map(func, items)
        return
    # fork: the children inherit the loaded modules, so start-up is cheap.
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(_CHUNK_ITEMS, len(items) // (count * 8)))
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
    what: str = "",
) -> list[R]:
    """``[func(shared, x) for x in items]``, in processes that inherit ``shared``."""
    _SHARED.append(shared)
    try:
        return parallel_map(partial(_call_shared, func), items, workers, min_items, what)
    finally:
        _SHARED.pop()


def _call_shared(func: Callable[[Any, T], R], item: T) -> R:
    return func(_SHARED[-1], item)


class Executor(Protocol):
    """Runs a stage's per-item work somewhere, results in input order; ``what`` names the
    items for progress ("documents segmented") and ``min_items`` is how many items each
    worker should get at least for spreading them to pay."""

    def imap(
        self, func: Callable[[T], R], items: Sequence[T], what: str = "", min_items: int = ...
    ) -> Generator[R]:
        """``func(x) for x in items``, each result as soon as it is ready (closing the
        generator lets the workers go)."""
        ...

    def map_shared(
        self,
        func: Callable[[S, T], R],
        shared: S,
        items: Sequence[T],
        what: str = "",
        min_items: int = ...,
    ) -> list[R]:
        """``[func(shared, x) for x in items]``, ``shared`` sent to the workers once."""
        ...


@dataclass(frozen=True)
class Local:
    """The processes of this machine: ``workers`` of them (0: one per core)."""

    workers: int = 0

    def imap(
        self,
        func: Callable[[T], R],
        items: Sequence[T],
        what: str = "",
        min_items: int = _MIN_ITEMS,
    ) -> Generator[R]:
        """`parallel_imap` over this executor's workers."""
        return parallel_imap(func, items, self.workers, min_items, what)

    def map_shared(
        self,
        func: Callable[[S, T], R],
        shared: S,
        items: Sequence[T],
        what: str = "",
        min_items: int = _MIN_ITEMS,
    ) -> list[R]:
        """`parallel_map_shared` over this executor's workers."""
        return parallel_map_shared(func, shared, items, self.workers, min_items, what)


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
