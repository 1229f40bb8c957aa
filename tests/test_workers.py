"""Per-document work in processes gives what a plain loop gives, wherever it is called."""

from __future__ import annotations

import multiprocessing

from dedupe.workers import parallel_map, parallel_map_shared, worker_count


def square(x: int) -> int:
    return x * x


def test_results_keep_the_input_order() -> None:
    items = list(range(1000))
    assert parallel_map(square, items, 2) == [x * x for x in items]


def test_zero_means_every_core() -> None:
    assert worker_count(0) >= 1 and worker_count(3) == 3


def _inside_a_pool(items: list[int]) -> list[int]:
    return parallel_map(square, items, 2)


def test_a_daemonic_caller_works_without_children() -> None:
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_inside_a_pool, (list(range(500)),)) == [x * x for x in range(500)]


def lookup(table: dict[int, str], key: int) -> str:
    return table[key]


def test_shared_object_reaches_every_worker() -> None:
    table = {k: str(k) * 3 for k in range(1000)}
    items = list(range(999, -1, -1))
    assert parallel_map_shared(lookup, table, items, 2) == [table[k] for k in items]
    assert parallel_map_shared(lookup, table, items[:3], 1) == [
        "999999999",
        "998998998",
        "997997997",
    ]


def test_results_come_in_order_as_they_are_ready() -> None:
    from dedupe.workers import parallel_imap

    items = list(range(1000))
    results = parallel_imap(square, items, 2)
    assert next(results) == 0
    assert list(results) == [x * x for x in items[1:]]


def test_releasing_memory_is_safe_to_call() -> None:
    from dedupe.workers import release_memory

    release_memory()
    release_memory()


def _process(_: int) -> int:
    return multiprocessing.current_process().pid or 0


def test_few_heavy_items_still_spread_when_the_caller_says_so() -> None:
    here = multiprocessing.current_process().pid
    assert set(parallel_map(_process, list(range(20)), 2)) == {here}  # too few to pay
    assert here not in set(parallel_map(_process, list(range(20)), 2, min_items=4))


def test_counting_tells_each_result_as_it_comes_and_names_the_items() -> None:
    from dedupe.workers import counting

    heard: list[tuple[str, int, int]] = []
    with counting(lambda what, done, total: heard.append((what, done, total))):
        assert parallel_map(square, [1, 2, 3], 1, what="squares") == [1, 4, 9]
        assert parallel_map(square, list(range(400)), 2, what="more")[-1] == 399 * 399
    assert heard[:4] == [("squares", 0, 3), ("squares", 1, 3), ("squares", 2, 3), ("squares", 3, 3)]
    assert heard[-1] == ("more", 400, 400) and len(heard) == 4 + 401
    parallel_map(square, [1], 1, what="after")  # outside the block: nobody hears
    assert heard[-1] == ("more", 400, 400)
