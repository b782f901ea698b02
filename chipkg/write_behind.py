"""Writing one batch on a background thread while the caller collects the next.

Parallel ingest has one process that feeds the extraction workers and writes
what they return. Writing a batch of 1,024 articles takes about two seconds;
if the feeding stopped meanwhile, the workers ran out of documents and waited.
:class:`WriteBehind` writes on its own thread instead (the stores' bulk path
releases the GIL), so the caller keeps the workers busy, and batches are
written one at a time, in order, with their results handed back on the
caller's thread.

Example
-------
>>> written = []
>>> with WriteBehind(len, written.append) as writer:
...     writer.submit([1, 2, 3])
...     writer.submit([4])
>>> written
[3, 1]
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from types import TracebackType
from typing import Generic, Self, TypeVar

B = TypeVar("B")
R = TypeVar("R")


class WriteBehind(Generic[B, R]):
    """Calls ``write`` on each submitted batch, one at a time and in order, off the caller's thread.

    ``done`` receives each batch's result on the caller's thread, in order. With
    ``background=False`` every batch is written when it is submitted, on the
    caller's thread. Leaving the ``with`` block waits for the batch being written,
    also when the block ends with an exception: a store is never closed under a
    write.
    """

    def __init__(
        self, write: Callable[[B], R], done: Callable[[R], None], *, background: bool = True
    ) -> None:
        self._write = write
        self._done = done
        self._executor = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="chipkg-writer")
            if background
            else None
        )
        self._pending: Future[R] | None = None

    def idle(self) -> bool:
        """Return whether no batch is being written; a finished one's result goes to ``done``."""
        if self._pending is not None and self._pending.done():
            self.wait()
        return self._pending is None

    def submit(self, batch: B) -> None:
        """Write ``batch`` once the batch before it is written; wait only for that one."""
        self.wait()
        if self._executor is None:
            self._done(self._write(batch))
        else:
            self._pending = self._executor.submit(self._write, batch)

    def wait(self) -> None:
        """Wait for the batch being written, if any, and hand its result to ``done``.

        An exception raised by ``write`` is raised here.
        """
        pending, self._pending = self._pending, None
        if pending is not None:
            self._done(pending.result())

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self.wait()
            elif self._pending is not None:  # already failing: let the write end, keep that error
                wait([self._pending])
                self._pending = None
        finally:
            if self._executor is not None:
                self._executor.shutdown(wait=True)
