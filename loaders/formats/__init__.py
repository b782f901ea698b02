"""Format readers, registered by name and by file extension.

A reader is a callable ``read(text, source, limits) -> Iterator[RawDocument | LoaderError]``:
it gets decoded text and yields one :class:`~chipkg.loaders.document.RawDocument` per
document found (a JSON Lines file holds many) or a
:class:`~chipkg.ontology.errors.LoaderError` per record it cannot use. Readers never
raise for bad input; :func:`chipkg.loaders.sources.read_documents` picks them from
:data:`readers` by extension.

Example
-------
>>> from chipkg.loaders.formats import readers
>>> readers.names()
['htm', 'html', 'json', 'jsonl', 'markdown', 'md', 'text', 'txt']
>>> from chipkg.loaders.limits import Limits
>>> [doc.text for doc in readers.get("txt")("Hello.", "a.txt", Limits())]
['Hello.']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from chipkg.loaders.document import RawDocument
from chipkg.loaders.limits import Limits
from chipkg.ontology.errors import LoaderError
from chipkg.ontology.registry import Registry

#: What a reader yields for one input.
ReadResult = Iterator[RawDocument | LoaderError]
#: The reader signature: decoded text, the source it came from, the limits in force.
Reader = Callable[[str, str, Limits], ReadResult]

readers = Registry("format")
readers.register("text", "chipkg.loaders.formats.text:read_text", "txt")
readers.register("markdown", "chipkg.loaders.formats.markdown:read_markdown", "md")
readers.register("html", "chipkg.loaders.formats.html_page:read_html", "htm")
readers.register("json", "chipkg.loaders.formats.records:read_json")
readers.register("jsonl", "chipkg.loaders.formats.records:read_jsonl")

__all__ = ["ReadResult", "Reader", "readers"]
