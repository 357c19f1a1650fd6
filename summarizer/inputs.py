"""Bytes -> text: the encodings newsroom files arrive in.

Accepted: UTF-8 with or without a byte-order mark, UTF-16 with a byte-order
mark, and legacy Arabic Windows-1256. Anything else (binary data, bytes that
no accepted encoding reads as text) is refused with an InputError. The text is
returned exactly as decoded: normalisation happens only inside matching.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from summarizer.errors import InputError
from summarizer.languages import is_arabic

DIRECTION_MARKS = frozenset("\u200c\u200d\u200e\u200f")  # joiners and direction marks Windows-1256 has


def read_text(source: str | Path, *, encoding: str | None = None) -> str:
    """Read a file (or ``-`` for standard input) and return its text."""
    name = str(source)
    if name == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(f"{name}: no such file", path=name)
        if path.is_dir():
            raise InputError(f"{name}: is a directory, not a file", path=name)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InputError(f"{name}: cannot read ({error.strerror or error})", path=name) from error
    return decode_text(data, name=name, encoding=encoding)


def decode_text(data: bytes, *, name: str = "<input>", encoding: str | None = None) -> str:
    """Decode bytes from one of the accepted encodings; refuse empty, binary or undecodable input."""
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError as error:
            raise InputError(f"unknown encoding {encoding!r}", encoding=encoding) from error
        except UnicodeDecodeError as error:
            raise InputError(
                f"{name}: not valid {encoding} (byte {error.start})", path=name, encoding=encoding
            ) from error
    else:
        text = _decode_guessing(data, name)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{name}: the input is empty", path=name)
    if _looks_binary(text):
        raise InputError(f"{name}: looks like binary data, not text", path=name)
    return text


def _decode_guessing(data: bytes, name: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as error:
            raise _undecodable(name, error.start + len(codecs.BOM_UTF8)) from error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _undecodable(name, error.start) from error
    if b"\x00" in data:
        raise InputError(f"{name}: looks like binary data, not text", path=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        legacy = data.decode("cp1256", errors="replace")
        if _plausible_arabic(legacy):
            return legacy
        raise _undecodable(name, utf8_error.start) from utf8_error


def _undecodable(name: str, position: int) -> InputError:
    return InputError(
        f"{name}: cannot decode byte {position}: not UTF-8, UTF-16 with BOM or Arabic Windows-1256 "
        "(use --encoding to name the encoding)",
        path=name,
        position=position,
    )


def _plausible_arabic(text: str) -> bool:
    """Windows-1256 maps almost every byte, so accept it only when the result reads as Arabic."""
    if "\ufffd" in text:
        return False
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return False
    arabic = sum(1 for ch in non_ascii if is_arabic(ch) or ch in DIRECTION_MARKS)
    return arabic / len(non_ascii) >= 0.9


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ord(ch) == 127)
    return "\x00" in sample or controls > max(2, len(sample) // 100)
