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

from chipkg.loaders.document import RawDocument
from chipkg.ontology.errors import ChipKGError, ExtractionError, LoaderError
from chipkg.ontology.models import Article, Extraction
from chipkg.ontology.registry import Registry

#: Extractors by name: each is ``extract(article: Article) -> Extraction``.
extractors = Registry("extractor")
extractors.register("rules", "chipkg.loaders.extraction:extract", "default")

DEFAULT_EXTRACTOR = "rules"

Outcome = Extraction | LoaderError | ExtractionError


def extract_document(raw: RawDocument, extractor: str = DEFAULT_EXTRACTOR) -> Extraction:
    """Return the extraction for one raw document (clean it, then run the extractor)."""
    from chipkg.loaders.cleaning import to_article

    article: Article = to_article(raw)
    if not article.text.strip():
        raise LoaderError(raw.source, "no article text left once boilerplate is removed")
    extract: Callable[[Article], Extraction] = extractors.get(extractor)
    return extract(article)


def _safe_extract(raw: RawDocument, extractor: str) -> Outcome:
    try:
        return extract_document(raw, extractor)
    except LoaderError as exc:
        return exc
    except ChipKGError as exc:
        return ExtractionError(f"{raw.source}: {exc}")
    except Exception as exc:  # an extractor bug must not stop the batch
        return ExtractionError(f"{raw.source}: extraction failed: {type(exc).__name__}: {exc}")


def load(
    paths: Iterable[str | Path],
    *,
    workers: int = 1,
    extractor: str = DEFAULT_EXTRACTOR,
    limits: object | None = None,
) -> Iterator[Outcome]:
    """Return, per input document, its extraction or the error that stopped it.

    Errors are yielded, not raised, so one bad file never stops the rest of a batch.
    With ``workers > 1`` extraction runs in that many processes; results keep the
    input order, and at most a few documents per worker are in flight.
    """
    from chipkg.loaders.sources import read_documents

    documents = read_documents(paths, limits=limits)  # type: ignore[arg-type]
    if workers <= 1:
        for item in documents:
            yield item if isinstance(item, LoaderError) else _safe_extract(item, extractor)
        return
    yield from _load_parallel(documents, workers, extractor)


def _load_parallel(
    documents: Iterable[RawDocument | LoaderError], workers: int, extractor: str
) -> Iterator[Outcome]:
    window: deque[Future[Outcome] | LoaderError] = deque()
    limit = workers * 8
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for item in documents:
            if isinstance(item, LoaderError):
                window.append(item)
            else:
                window.append(pool.submit(_safe_extract, item, extractor))
            while len(window) >= limit:
                yield _resolve(window.popleft())
        while window:
            yield _resolve(window.popleft())


def _resolve(item: Future[Outcome] | LoaderError) -> Outcome:
    return item if isinstance(item, LoaderError) else item.result()


def default_workers() -> int:
    """Return the number of worker processes that suits this machine (its CPU count)."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)
