"""WriteBehind: batches written in order, off the caller's thread, results handed back on it."""

from __future__ import annotations

import threading
import time

import pytest

from chipkg.write_behind import WriteBehind


@pytest.mark.parametrize("background", [True, False])
def test_results_come_back_in_order_on_the_callers_thread(background: bool) -> None:
    caller = threading.current_thread()
    writers: list[threading.Thread] = []
    done: list[tuple[int, threading.Thread]] = []

    def write(batch: list[int]) -> int:
        writers.append(threading.current_thread())
        time.sleep(0.01 * (3 - len(batch)))  # the first batch is the slowest
        return sum(batch)

    with WriteBehind(
        write, lambda total: done.append((total, threading.current_thread())), background=background
    ) as writer:
        for batch in ([1], [2, 3], [4, 5, 6]):
            writer.submit(batch)
    assert [total for total, _ in done] == [1, 5, 15]
    assert all(thread is caller for _, thread in done)
    assert all((thread is not caller) == background for thread in writers)


def test_the_caller_goes_on_while_a_batch_is_written() -> None:
    release = threading.Event()
    done: list[str] = []

    def write(batch: str) -> str:
        release.wait(5)
        return batch

    with WriteBehind(write, done.append) as writer:
        writer.submit("first")
        assert not writer.idle() and done == []  # submit did not wait for the write
        release.set()
        deadline = time.monotonic() + 5
        while not writer.idle() and time.monotonic() < deadline:
            time.sleep(0.001)
        assert done == ["first"]  # idle() handed the finished result over
        writer.submit("second")
    assert done == ["first", "second"]


def test_a_failed_write_is_raised_to_the_caller() -> None:
    def write(batch: str) -> str:
        if batch == "bad":
            raise ValueError("cannot write bad")
        return batch

    done: list[str] = []
    with (
        pytest.raises(ValueError, match="cannot write bad"),
        WriteBehind(write, done.append) as writer,
    ):
        writer.submit("bad")
        writer.submit("good")  # waits for "bad", which raises here
    assert done == []


def test_leaving_on_an_error_waits_for_the_write_under_way() -> None:
    finished = threading.Event()

    def write(batch: str) -> str:
        time.sleep(0.05)
        finished.set()
        return batch

    with pytest.raises(KeyboardInterrupt), WriteBehind(write, lambda _: None) as writer:
        writer.submit("batch")
        raise KeyboardInterrupt
    assert finished.is_set()  # the store is never closed under a write
