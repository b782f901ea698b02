"""From paths to typed facts: read, clean and extract, one pure function per article.

:func:`extract_document` turns one :class:`RawDocument` into an :class:`Extraction`
and depends on nothing but its input, so :func:`load` can run it in worker
processes (``workers > 1``) while the caller stays the single writer.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
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

Outcome = Extraction | LoaderError | ExtractionError
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
) -> Iterator[Outcome]: ...


@overload
def load(
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    extractor: str = DEFAULT_EXTRACTOR,
    limits: object | None = None,
    prepare: Callable[[Extraction], T],
) -> Iterator[T | LoaderError | ExtractionError]: ...


def load(
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    extractor: str = DEFAULT_EXTRACTOR,
    limits: object | None = None,
    prepare: Callable[[Extraction], Any] | None = None,
) -> Iterator[Any]:
    """Return, per input document, its extraction or the error that stopped it.

    Errors are yielded, not raised, so one bad file never stops the rest of a batch.
    With ``workers > 1`` extraction runs in that many processes; results keep the
    input order, and at most a few documents per worker are in flight.

    ``prepare``, when given, turns each extraction into what is yielded instead,
    in the same process as the extraction (a worker's, with ``workers > 1``): ingest
    uses it to build each article's RDF beside its extraction, so the one writer
    only writes. It must be picklable (a module-level function or a
    ``functools.partial`` of one); an exception it raises fails that document only.
    """
    from chipkg.loaders.sources import read_documents

    documents = read_documents(paths, limits=limits)  # type: ignore[arg-type]
    if workers <= 1:
        for item in documents:
            yield item if isinstance(item, LoaderError) else _safe_extract(item, extractor, prepare)
        return
    yield from _load_parallel(documents, workers, extractor, prepare)


def _load_parallel(
    documents: Iterable[RawDocument | LoaderError],
    workers: int,
    extractor: str,
    prepare: Callable[[Extraction], Any] | None,
) -> Iterator[Any]:
    # Keep ~64 documents per worker in flight: the pool's own thread keeps feeding
    # the workers while the caller is busy writing a batch (the store's bulk load
    # releases the GIL), so they do not starve. (Sending documents in chunks of 8
    # per task was measured too: no less CPU, and slower under load.)
    window: deque[Future[Any] | LoaderError] = deque()
    limit = workers * 64
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for item in documents:
            if isinstance(item, LoaderError):
                window.append(item)
            else:
                window.append(pool.submit(_safe_extract, item, extractor, prepare))
            while len(window) >= limit:
                yield _resolve(window.popleft())
        while window:
            yield _resolve(window.popleft())


def _resolve(item: Future[Any] | LoaderError) -> Any:
    return item if isinstance(item, LoaderError) else item.result()


def default_workers() -> int:
    """Return the number of worker processes that suits this machine (its CPU count)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
