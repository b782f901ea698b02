"""The one exception tree of chipkg.

Every error chipkg raises on purpose derives from :class:`ChipKGError`, so a caller
(and the CLI) can catch one type. Subclasses say which part failed; the message
names the file, store or query and the problem, and where it helps, the fix.
"""

from __future__ import annotations


class ChipKGError(Exception):
    """Root of every error chipkg raises on purpose."""

    exit_code = 1


class LoaderError(ChipKGError):
    """An input could not be read, decoded or cleaned (names the file and the problem)."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")

    def __reduce__(self) -> tuple[type[LoaderError], tuple[str, str]]:
        # A worker process returns it to the writer: pickle the two fields, not the message.
        return (type(self), (self.source, self.problem))


class ExtractionError(ChipKGError):
    """The extractor failed on an article it could read."""


class StoreError(ChipKGError):
    """The store could not be opened, read or written."""


class StoreInUseError(StoreError):
    """Another process holds the store's write lock."""


class QueryError(ChipKGError):
    """A SPARQL query is malformed, refused or failed."""


class QueryTimeoutError(QueryError):
    """A query ran past its time limit and was stopped."""


class RegistryError(ChipKGError):
    """A name was looked up in a registry that has no such entry."""


class OutputError(ChipKGError):
    """An output file (an export, the HTML graph) cannot be written."""


class ValidationError(ChipKGError):
    """The graph breaks the SHACL shapes or the vocabulary."""
