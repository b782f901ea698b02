"""One writer at a time: the lock file names its holder and never outlives it."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from chipkg.graph.locking import LockHolder, WriterLock
from chipkg.graph.snapshots import StoreLayout
from chipkg.graph.store import open_store
from chipkg.ontology.errors import StoreInUseError
from tests.graph.writer_process import article
from tests.processes import Child

WRITER = "tests.graph.writer_process"


def test_a_second_lock_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    first = WriterLock(tmp_path / "writer.lock", tmp_path)
    first.acquire()
    second = WriterLock(tmp_path / "writer.lock", tmp_path)
    with pytest.raises(StoreInUseError, match=rf"in use by another process \(pid {os.getpid()}"):
        second.acquire(wait_for_refresh=0)
    first.release()
    assert (tmp_path / "writer.lock").read_text() == ""  # a clean release leaves no record
    second.acquire()
    assert second.previous is None
    second.release()


def test_a_writer_waits_for_a_reader_refresh(tmp_path: Path) -> None:
    refresh = WriterLock(tmp_path / "writer.lock", tmp_path)
    assert refresh.try_acquire("refresh")
    writer = WriterLock(tmp_path / "writer.lock", tmp_path)
    with pytest.raises(StoreInUseError):
        writer.acquire(wait_for_refresh=0.2)  # still held when the wait ends
    refresh.release()
    writer.acquire(wait_for_refresh=0.2)
    writer.release()


@pytest.mark.parametrize("text", ["", "{not json", "[1, 2]", '{"pid": "x"}'])
def test_unreadable_records_mean_unknown_holder(text: str) -> None:
    assert LockHolder.parse(text) is None


def test_a_second_writer_process_is_refused_naming_the_first(
    tmp_path: Path, children: list[Child]
) -> None:
    store = tmp_path / "store"
    holder = Child.python(WRITER, str(store), "1", "10", "--hold")
    children.append(holder)
    holder.wait_for("wrote 1")
    with pytest.raises(StoreInUseError) as refused:
        open_store("oxigraph", store)
    message = str(refused.value)
    assert re.search(rf"store .*store is in use by another process \(pid {holder.pid}\b", message)
    assert "\n" not in message
    holder.send("done")
    assert holder.finish() == 0
    with open_store("oxigraph", store) as again:  # free once the holder has gone
        assert again.has_graph(article(0))


def test_the_lock_of_a_killed_writer_is_not_stale(tmp_path: Path, children: list[Child]) -> None:
    store = tmp_path / "store"
    holder = Child.python(WRITER, str(store), "3", "10", "--hold")
    children.append(holder)
    holder.wait_for("wrote 3")
    holder.kill()
    lock = WriterLock(StoreLayout(store).lock_file, store)
    assert lock.try_acquire()
    assert lock.previous is not None and lock.previous.pid == holder.pid  # died holding it
    lock.release()
    with open_store("oxigraph", store) as again:
        assert all(again.has_graph(article(n)) for n in range(3))
        assert len(again) == 30


def test_readers_are_not_blocked_by_a_writer(tmp_path: Path, children: list[Child]) -> None:
    store = tmp_path / "store"
    holder = Child.python(WRITER, str(store), "2", "10", "--hold")
    children.append(holder)
    holder.wait_for("wrote 2")
    with open_store("oxigraph", store, read_only=True) as reader:
        assert reader.notice is not None and f"pid {holder.pid}" in reader.notice  # type: ignore[attr-defined]
        # The writer's first snapshot was published as it opened, before any article.
        assert len(reader) % 10 == 0
    holder.send("done")
    assert holder.finish() == 0
    with open_store("oxigraph", store, read_only=True) as reader:
        assert reader.notice is None  # type: ignore[attr-defined]
        assert len(reader) == 20


def test_a_forked_child_does_not_keep_a_dead_writers_lock(tmp_path: Path) -> None:
    # Ingest's workers are forked from the writer. flock belongs to the open file, so
    # children that kept their copy held the store locked after the writer was killed.
    # The child says it runs (its fork hooks done) before the writer names it: under
    # load a child not yet scheduled still held the copy it was forked with.
    script = (
        "import os, sys, time\n"
        "from chipkg.graph.locking import WriterLock\n"
        "WriterLock(sys.argv[1], sys.argv[2]).acquire()\n"
        "ready, told = os.pipe()\n"
        "child = os.fork()\n"
        "if child == 0:\n"
        "    os.write(told, b'!'); time.sleep(60); os._exit(0)\n"
        "os.read(ready, 1)\n"
        "print(child, flush=True); time.sleep(60)\n"
    )
    path = tmp_path / "writer.lock"
    writer = subprocess.Popen(
        [sys.executable, "-c", script, str(path), str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    child = int(writer.stdout.readline())
    try:
        assert WriterLock(path, tmp_path).is_locked()
        writer.kill()
        writer.wait()
        assert Path(f"/proc/{child}").exists() or os.kill(child, 0) is None  # still running
        assert not WriterLock(path, tmp_path).is_locked()
    finally:
        writer.kill()
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, signal.SIGKILL)
