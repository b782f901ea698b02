"""decode_bytes: byte-order marks, UTF-16 sniffing, cp1252, detector fallback, refusals."""

from __future__ import annotations

import codecs

import pytest

from chipkg.loaders.decoding import binary_kind, declared_charset, decode_bytes
from chipkg.ontology.errors import LoaderError

TEXT = "Nvidia’s “H20” chip — approved, 5 € per unit.\nSecond line."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT),
        (TEXT.encode("utf-16-le"), TEXT),
        (TEXT.encode("utf-16-be"), TEXT),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), TEXT),
        (TEXT.encode("cp1252"), TEXT),
        ("Ministère, café, naïve.".encode("latin-1"), "Ministère, café, naïve."),
        (
            "Привет, мир! Это проверка кодировки текста для загрузчика.".encode("cp1251"),
            "Привет, мир! Это проверка кодировки текста для загрузчика.",
        ),
    ],
)
def test_decodes(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "f.txt") == expected


def test_declared_charset_is_used_for_non_utf8_html() -> None:
    page = '<meta charset="koi8-r"><p>Привет</p>'.encode("koi8-r")
    assert declared_charset(page) == "koi8-r"
    assert "Привет" in decode_bytes(page, "p.html", declared=declared_charset(page))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", ("empty",)),
        (b" \n\t", ("empty",)),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ("PNG",)),
        (b"\x7fELF\x02\x01\x01", ("ELF",)),
        (b"\x1f\x8b\x08\x00", ("gzip",)),
        (b"PK\x03\x04\x14\x00", ("zip",)),
        (b"%PDF-1.7\n", ("PDF",)),
        (b"abc\x00def\x00\x01\x02", ("NUL",)),
        ("Café ".encode() + b"\xc3\x28", ("invalid UTF-8", "byte 6")),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd", ("byte-order mark",)),
        (bytes(range(1, 32)) * 20, ("binary", "control characters")),
    ],
)
def test_refuses(data: bytes, words: tuple[str, ...]) -> None:
    with pytest.raises(LoaderError) as caught:
        decode_bytes(data, "name.txt")
    message = str(caught.value)
    assert message.startswith("name.txt: ") and "\n" not in message
    for word in words:
        assert word in message


def test_binary_kind_reads_offset_signatures() -> None:
    tar = b"\x00" * 257 + b"ustar\x0000"
    assert binary_kind(b"a" + tar[1:]) == "a tar archive"
    assert binary_kind(b"Plain text") is None
