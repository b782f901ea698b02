"""Bytes to text: byte-order marks, UTF-16 sniffing, cp1252 and a detector fallback.

:func:`decode_bytes` turns the bytes of one input into ``str`` or raises a
:class:`~chipkg.ontology.errors.LoaderError` that names the source and says what the
bytes look like (an image, an executable, an archive, undecodable text). The order:

1. empty input is refused;
2. a byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
3. known binary signatures (``magic.json`` beside this module) are refused;
4. UTF-16 without a BOM is recognised by its pattern of NUL bytes;
5. any other NUL byte means binary data;
6. strict UTF-8; then a declared charset (HTML ``<meta charset>``); then cp1252 when the
   text has no UTF-8 multi-byte sequences (a file that has some but is not valid UTF-8
   is corrupt, not cp1252) and is mostly ASCII; otherwise charset-normalizer, accepted
   only with low "chaos";
7. decoded text full of control characters is refused as binary.

Example
-------
>>> decode_bytes("café".encode("utf-8"), "a.txt")
'café'
>>> decode_bytes(b"\\x93quoted\\x94", "a.txt")
'“quoted”'
>>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n....", "a.txt")
Traceback (most recent call last):
...
chipkg.ontology.errors.LoaderError: a.txt: binary file (looks like a PNG image), not text
"""

from __future__ import annotations

import codecs
import json
import re
from functools import lru_cache
from pathlib import Path

from chipkg.ontology.errors import LoaderError

_MAGIC_FILE = Path(__file__).parent / "magic.json"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# A well-formed UTF-8 multi-byte sequence (2, 3 or 4 bytes).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
_MAX_CHAOS = 0.25
# cp1252 text is mostly ASCII with some quotes and accents; above this share of bytes
# >= 0x80 the detector decides first.
_MAX_CP1252_HIGH_SHARE = 0.3


@lru_cache(maxsize=1)
def _signatures() -> tuple[list[tuple[int, bytes, str]], int]:
    data = json.loads(_MAGIC_FILE.read_text(encoding="utf-8"))
    table = [(0, bytes.fromhex(row["hex"]), row["kind"]) for row in data["signatures"]]
    table += [
        (row["offset"], bytes.fromhex(row["hex"]), row["kind"]) for row in data["offset_signatures"]
    ]
    longest = max(offset + len(magic) for offset, magic, _ in table)
    return table, longest


def binary_kind(data: bytes) -> str | None:
    """Return what ``data`` looks like when it starts with a known binary signature, else None.

    >>> binary_kind(b"\\x7fELF\\x02\\x01")
    'an ELF executable'
    >>> binary_kind(b"plain text") is None
    True
    """
    table, _ = _signatures()
    for offset, magic, kind in table:
        if data[offset : offset + len(magic)] == magic:
            return kind
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Return 'utf-16-le'/'utf-16-be' when NUL bytes sit in every other position."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    pairs = len(even)
    even_nul, odd_nul = even.count(0), odd.count(0)
    if odd_nul >= 0.6 * pairs and even_nul <= 0.05 * pairs:
        return "utf-16-le"
    if even_nul >= 0.6 * pairs and odd_nul <= 0.05 * pairs:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """Return the charset an HTML document declares in a ``<meta>`` tag, if it is a known codec.

    >>> declared_charset(b'<html><meta charset="windows-1252">')
    'cp1252'
    """
    match = _DECLARED_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _check_textual(text: str, source: str, encoding: str) -> str:
    controls = len(_CONTROL.findall(text[:100_000]))
    if controls > max(2, _MAX_CONTROL_SHARE * min(len(text), 100_000)):
        raise LoaderError(
            source, f"binary data: decoding as {encoding} gives {controls} control characters"
        )
    return text


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Return ``data`` decoded to text; raise LoaderError naming ``source`` when it is not text.

    ``declared`` is a charset the container announced (e.g. an HTML ``<meta charset>``);
    it is tried after strict UTF-8.
    """
    if not data or not data.strip():
        raise LoaderError(source, "empty file (no text)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], encoding)
            if text is None:
                raise LoaderError(
                    source, f"starts with a {encoding} byte-order mark but is invalid"
                )
            return _check_textual(text, source, encoding)
    kind = binary_kind(data)
    if kind is not None:
        raise LoaderError(source, f"binary file (looks like {kind}), not text")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text = _strict(data[: len(data) - len(data) % 2], utf16)
        if text is not None:
            return _check_textual(text, source, utf16 + " (no BOM)")
    if b"\x00" in data:
        raise LoaderError(source, "binary file (contains NUL bytes), not text")
    text = _strict(data, "utf-8")
    if text is not None:
        return _check_textual(text, source, "utf-8")
    if declared and codecs.lookup(declared).name not in ("utf-8",):
        text = _strict(data, declared)
        if text is not None:
            return _check_textual(text, source, declared)
    if _UTF8_MULTIBYTE.search(data):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise LoaderError(
                source, f"invalid UTF-8 at byte {exc.start} (mixed encodings or corrupt file)"
            ) from None
    high = sum(1 for byte in data[:100_000] if byte >= 0x80)
    if high >= 16 and high > _MAX_CP1252_HIGH_SHARE * min(len(data), 100_000):
        # Mostly non-ASCII: another single-byte script (Cyrillic, Greek...) fits better.
        try:
            return _detect(data, source)
        except LoaderError:
            pass
    text = _strict(data, "cp1252")
    if text is not None:
        return _check_textual(text, source, "cp1252")
    return _detect(data, source)


def _detect(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.chaos > _MAX_CHAOS or best.encoding is None:
        raise LoaderError(source, "undecodable: not UTF-8, UTF-16 or cp1252, and no encoding fits")
    text = _strict(data, best.encoding)
    if text is None:
        raise LoaderError(source, f"undecodable: looks like {best.encoding} but does not decode")
    return _check_textual(text, source, best.encoding)
