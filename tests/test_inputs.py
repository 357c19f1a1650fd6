"""Reading input files: encodings accepted, bad input refused with InputError."""

from __future__ import annotations

import codecs

import pytest

from summarizer.errors import InputError
from summarizer.inputs import decode_text, read_text

ARABIC = "قال الوزير إن 37 ألفا شاركوا، في المئة الأولى."


@pytest.mark.parametrize(
    "data",
    [
        ARABIC.encode("utf-8"),
        codecs.BOM_UTF8 + ARABIC.encode("utf-8"),
        ARABIC.encode("utf-16"),  # Python writes the BOM
        codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"),
        ARABIC.encode("cp1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "cp1256"],
)
def test_accepted_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode_text(data) == ARABIC


def test_english_utf8_text_is_unchanged() -> None:
    text = "Prices rose 3.5% — the “biggest” jump since 2019.\r\nSecond line."
    assert decode_text(text.encode("utf-8")) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "<input>: the input is empty"),
        (b"   \n\t\n", "<input>: the input is empty"),
        (codecs.BOM_UTF8, "<input>: the input is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "<input>: looks like binary data, not text"),
        (bytes(range(1, 32)) * 20, "<input>: looks like binary data, not text"),
    ],
)
def test_refused_input(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        decode_text(data)
    assert str(raised.value) == message


def test_undecodable_bytes_name_the_position() -> None:
    with pytest.raises(InputError) as raised:
        decode_text(b"Latin text then \xe9\xe8\xe0\xe7 accents", name="f.txt")
    assert str(raised.value).startswith(
        "f.txt: cannot decode byte 16: not UTF-8, UTF-16 with BOM or Arabic Windows-1256"
    )


def test_explicit_encoding_is_used() -> None:
    assert decode_text("café".encode("latin-1"), encoding="latin-1") == "café"
    with pytest.raises(InputError, match="unknown encoding 'nope'"):
        decode_text(b"abc", encoding="nope")


def test_missing_file_and_directory(tmp_path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_text(tmp_path)
