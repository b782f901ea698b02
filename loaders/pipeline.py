"""From paths to typed facts: read, clean and extract, one pure function per article.

:func:`extract_document` turns one :class:`RawDocument` into an :class:`Extraction`
and depends on nothing but its input, so :func:`load` can run it in worker
processes (``workers > 1``) while the caller stays the single writer.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar, overload

from chipkg.loaders.document import RawDocument
from chipkg.ontology.errors import ChipKGError, ExtractionError, LoaderError
from chipkg.ontology.models import Article, Extraction
from chipkg.ontology.registry import Registry

#: Extractors by name: each is ``extract(article: Article) -> Extraction``.
extractors = Registry("extractor")
extractors.register("rules", "chipkg.loaders.extraction:extract", "default")

DEFAULT_EXTRACTOR = "rules"


@dataclass(frozen=True)
class Unchanged:
    """A document the store already holds as it is: named, not extracted again."""

    source: str
    article: str
    """The stored article that holds it (its graph's name)."""


#: Returns the stored article that holds a document exactly as it is read, else None.
Known = Callable[[RawDocument], str | None]

Outcome = Extraction | LoaderError | ExtractionError | Unchanged
T = TypeVar("T")


def extract_document(raw: RawDocument, extractor: str = DEFAULT_EXTRACTOR) -> Extraction:
    """Return the extraction for one raw document (clean it, then run the extractor)."""
    from chipkg.loaders.cleaning import to_article

    article: Article = to_article(raw)
    if not article.text.strip():
        raise LoaderError(raw.source, "no article text left once boilerplate is removed")
    extract: Callable[[Article], Extraction] = extractors.get(extractor)
    return extract(article)


def _safe_extract(
    raw: RawDocument, extractor: str, prepare: Callable[[Extraction], Any] | None = None
) -> Any:
    try:
        extraction = extract_document(raw, extractor)
        return extraction if prepare is None else prepare(extraction)
    except LoaderError as exc:
        return exc
    except ChipKGError as exc:
        return ExtractionError(f"{raw.source}: {exc}")
    except Exception as exc:  # an extractor bug must not stop the batch
        return ExtractionError(f"{raw.source}: extraction failed: {type(exc).__name__}: {exc}")


@overload
def load(
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    extractor: str = DEFAULT_EXTRACTOR,
    limits: object | None = None,
    prepare: None = None,
    known: Known | None = None,
) -> Outcomes[Outcome]: ...


@overload
def load(
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    extractor: str = DEFAULT_EXTRACTOR,
    limits: object | None = None,
    prepare: Callable[[Extraction], T],
    known: Known | None = None,
) -> Outcomes[T | LoaderError | ExtractionError | Unchanged]: ...


def load(
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    extractor: str = DEFAULT_EXTRACTOR,
    limits: object | None = None,
    prepare: Callable[[Extraction], Any] | None = None,
    known: Known | None = None,
) -> Outcomes[Any]:
    """Return, per input document, its extraction or the error that stopped it.

    Errors are yielded, not raised, so one bad file never stops the rest of a batch.
    With ``workers > 1`` extraction runs in that many processes (unless the whole
    input is a handful of documents); results keep the input order, and at most a
    few documents per worker are in flight. The
    iterator's :attr:`Outcomes.draining` turns true once every document has been
    read and handed to a worker: what is still to come is already being extracted.

    ``prepare``, when given, turns each extraction into what is yielded instead,
    in the same process as the extraction (a worker's, with ``workers > 1``): ingest
    uses it to build each article's RDF beside its extraction, so the one writer
    only writes. It must be picklable (a module-level function or a
    ``functools.partial`` of one); an exception it raises fails that document only.

    ``known``, when given, is asked about each document as it is read, in this
    process: a document it names a stored article for is not extracted, and comes
    out as :class:`Unchanged` (ingest passes the sources and digests it holds, so
    re-reading an archive costs a read and a digest per unchanged file).
    """
    from chipkg.loaders.sources import read_documents

    read: Iterator[RawDocument | LoaderError]
    read = iter(read_documents(paths, limits=limits))  # type: ignore[arg-type]
    if workers > 1:  # a batch that fits one task is done sooner here than in a new pool
        head = list(islice(read, CHUNK + 1))
        read = chain(head, read)
        if len(head) <= CHUNK:
            workers = 1
    documents = read if known is None else _mark_known(read, known)
    return Outcomes(documents, workers, extractor, prepare)


def _mark_known(
    documents: Iterator[RawDocument | LoaderError], known: Known
) -> Iterator[RawDocument | LoaderError | Unchanged]:
    for document in documents:
        article = known(document) if isinstance(document, RawDocument) else None
        yield document if article is None else Unchanged(document.source, article)


class Outcomes(Iterator[T]):
    """The outcomes of :func:`load`, in input order, and whether the next one is ready.

    A caller that writes in batches uses :attr:`draining` and :meth:`ready` to write
    a short batch at the end instead of waiting with a long one.
    """

    def __init__(
        self,
        documents: Iterable[RawDocument | LoaderError | Unchanged],
        workers: int,
        extractor: str,
        prepare: Callable[[Extraction], Any] | None,
    ) -> None:
        #: True once every document has been read (and, with workers, sent to one).
        self.draining = False
        self._window: deque[Future[list[Any]] | LoaderError | Unchanged] = deque()
        self._done: deque[Any] = deque()  # outcomes of a finished chunk, not yet taken
        self._chunks: dict[Future[list[Any]], list[RawDocument]] = {}  # what each task holds
        self._broken = False  # a worker died: the pool must be replaced
        if workers <= 1:
            self._items: Iterator[Any] = self._serial(documents, extractor, prepare)
        else:
            self._items = self._parallel(documents, workers, extractor, prepare)

    def __next__(self) -> T:
        return next(self._items)  # type: ignore[no-any-return]

    def ready(self) -> bool:
        """Return whether the next outcome can be taken without waiting for a worker.

        Without workers each outcome is computed when it is taken, so this is False.
        """
        if self._done:
            return True
        head = self._window[0] if self._window else None
        return isinstance(head, _Ready) or (head is not None and head.done())

    def _serial(
        self,
        documents: Iterable[RawDocument | LoaderError | Unchanged],
        extractor: str,
        prepare: Callable[[Extraction], Any] | None,
    ) -> Iterator[Any]:
        for item in documents:
            yield item if isinstance(item, _Ready) else _safe_extract(item, extractor, prepare)
        self.draining = True

    def _parallel(
        self,
        documents: Iterable[RawDocument | LoaderError | Unchanged],
        workers: int,
        extractor: str,
        prepare: Callable[[Extraction], Any] | None,
    ) -> Iterator[Any]:
        # Documents go to the workers CHUNK at a time: one task per document cost the
        # writer ~0.5 ms of CPU each in pickling and bookkeeping, eight per task ~0.2.
        # About WINDOW documents per worker stay in flight, so the workers keep busy
        # while the caller writes a batch (the store's bulk load releases the GIL).
        self._task = partial(_safe_extract_all, extractor=extractor, prepare=prepare)
        self._workers = workers
        self._pool = worker_pool(workers)
        limit = workers * WINDOW // CHUNK
        chunk: list[RawDocument] = []
        try:
            for item in documents:
                if isinstance(item, _Ready):
                    if chunk:  # keep input order: the outcome follows the chunk before it
                        self._submit(chunk)
                        chunk = []
                    self._window.append(item)
                else:
                    chunk.append(item)
                    if len(chunk) == CHUNK:
                        self._submit(chunk)
                        chunk = []
                while len(self._window) >= limit:
                    yield from self._take()
            if chunk:
                self._submit(chunk)
            self.draining = True
            while self._window:
                yield from self._take()
        finally:
            self._pool.shutdown(cancel_futures=True)

    def _submit(self, chunk: list[RawDocument]) -> None:
        try:
            future = self._pool.submit(self._task, chunk)
        except BrokenProcessPool as exc:  # a worker died since: the chunk waits for the rescue
            future = Future()
            future.set_exception(exc)
        self._chunks[future] = chunk
        self._window.append(future)

    def _take(self) -> Iterator[Any]:
        head = self._window.popleft()
        if isinstance(head, _Ready):
            self._done.append(head)
        else:
            chunk = self._chunks.pop(head)
            try:
                self._done.extend(head.result())
            except (BrokenProcessPool, CancelledError):  # cancelled: by a broken pool's shutdown
                self._broken = True
                self._done.extend(self._rescue(chunk))
        while self._done:
            yield self._done.popleft()

    def _rescue(self, chunk: list[RawDocument]) -> list[Any]:
        """Return the outcomes of a chunk whose worker died (killed, out of memory, crashed).

        Each of its documents is extracted again alone, in a pool of its own that
        runs nothing else, so a pool that breaks there was broken by that document:
        it is the only one that fails. (Sharing the renewed pool with the chunks sent
        again raced: another poisonous chunk could break it under a good document.)
        The chunks in flight on the broken pool are then sent again.
        """
        outcomes: list[Any] = []
        alone = worker_pool(1)
        try:
            for document in chunk:
                try:
                    outcomes += alone.submit(self._task, [document]).result()
                except BrokenProcessPool:
                    message = (
                        "its worker process died while extracting it (killed or out of memory)"
                    )
                    outcomes.append(ExtractionError(f"{document.source}: {message}"))
                    alone.shutdown(cancel_futures=True)
                    alone = worker_pool(1)
        finally:
            alone.shutdown(cancel_futures=True)
        self._renew()
        return outcomes

    def _renew(self) -> None:
        """Replace a broken pool, and send it again what the broken one was given."""
        if not self._broken:
            return
        self._broken = False
        self._pool.shutdown(cancel_futures=True)
        self._pool = worker_pool(self._workers)
        window, self._window = self._window, deque()
        for item in window:
            if isinstance(item, _Ready) or _succeeded(item):
                self._window.append(item)  # a reading error or known document, or a finished chunk
            else:
                self._submit(self._chunks.pop(item))


#: Outcomes known without a worker: a reading error, or a document the store holds.
_Ready = (LoaderError, Unchanged)

#: Documents per task sent to a worker process.
CHUNK = 8
#: Documents in flight per worker process.
WINDOW = 64


def _succeeded(future: Future[list[Any]]) -> bool:
    """Return whether the task is done and gave its outcomes (not cancelled, not broken)."""
    return future.done() and not future.cancelled() and future.exception() is None


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Return a pool of ``workers`` processes that end when this process ends (even killed)."""
    return ProcessPoolExecutor(
        max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),)
    )


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the process that started it dies.

    A writer killed outright (``kill -9``, the out-of-memory killer) cannot stop its
    workers, and they would wait for work forever, holding its pipes open.
    """
    if sys.platform == "linux":
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # it died before the call
            os._exit(1)
        return
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _safe_extract_all(
    documents: list[RawDocument], *, extractor: str, prepare: Callable[[Extraction], Any] | None
) -> list[Any]:
    return [_safe_extract(document, extractor, prepare) for document in documents]


def default_workers() -> int:
    """Return the number of worker processes that suits this machine (its CPU count)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
