"""Bytes -> text: the files newsroom feeds arrive as, read with a bound and decoded honestly.

Decoding, in order:

* a byte-order mark names the encoding (UTF-8, UTF-16, the latter noted); bytes it cannot read are refused;
* valid UTF-8 is UTF-8;
* UTF-8 with a few damaged bytes (at most 1 in 100, or 1 in 10 of its non-ASCII characters) is
  read as UTF-8, each damaged byte becoming U+FFFD, and a note says so;
* otherwise `charset-normalizer` guesses; its guess is taken only for a legacy Arabic code page
  (Windows-1256 and kin) when the result reads as Arabic, with a note naming it;
* anything else is refused: ``--encoding`` names the encoding.

The text is returned exactly as decoded except that Unicode noncharacters and lone surrogates
become U+FFFD (noted), so that the output can always be written. HTML documents are reduced to
their article text with `trafilatura` (noted), after the elements a browser would not show are
dropped (hidden_html.py, noted). A text read whole (plain text, HTML) over MAX_INPUT_BYTES is
refused; a JSONL feed is read a line at a time (summarizer.jsonl), so only each of its records is
bounded. Gzip input (named ``.gz`` or not, standard input too) is recognised by its magic bytes and
decompressed on the fly. Only regular files, named pipes and standard input are read, never a
device; what is read from standard input or a pipe, which can be read once only, is kept in a
temporary file (in memory up to 1 MiB) so that a JSONL feed can be checked, then read.
"""

from __future__ import annotations

import codecs
import gzip
import io
import os
import re
import stat
import sys
import tempfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TypeVar

from summarizer.errors import InputError

# A long news feed is a few MB (the 881-article corpus is 1.8 MB per language); 20 MB leaves ten
# times that while bounding memory (each stage holds a copy of the text) and time before any work.
MAX_INPUT_BYTES = 20 * 1000 * 1000
DETECTION_SAMPLE_BYTES = 256 * 1024
ARABIC_CODE_PAGES = frozenset({"cp1256", "iso8859_6", "cp864", "cp720", "mac_arabic"})
CODEC_LABELS = {"utf_8": "UTF-8", "utf_16": "UTF-16", "cp1256": "Windows-1256", "iso8859_6": "ISO-8859-6"}
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIX = ".jsonl"  # a file so named is a JSONL feed, whatever it holds (see DecodedText.jsonl)
INPUT_SUFFIXES = (".txt", ".md", ".html", ".htm", JSONL_SUFFIX)  # the files a directory input stands for
GZIP_SUFFIX = ".gz"  # FILE.jsonl.gz (any suffix above, then .gz) is a directory's input file too
GZIP_MAGIC = b"\x1f\x8b"
SPOOL_BYTES = 1 << 20  # what is read from standard input or a pipe is kept in memory up to this, then on disk
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.I | re.S)
# Two patterns: one class mixing BMP ranges and astral code points is ten times slower in `re`.
_UNWRITABLE_BMP = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_UNWRITABLE_ASTRAL = re.compile(
    "[" + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17)) + "]"
)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # one range: twenty times faster than the class above
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")  # control characters other than whitespace
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]+")
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]+")


class DecodedText(str):
    """The text of an input (a ``str``), with how it was read.

    ``encoding`` is the codec used; ``notes`` say what a reader should know (a detected legacy
    encoding, replaced bytes or characters, text extracted from HTML). ``summarize()`` copies the
    notes into each article's notes. ``jsonl`` is True when the input's name says JSONL
    (``feed.jsonl``, ``feed.jsonl.gz``): the text is then read as a feed whatever it holds, so that a
    line that is not a record is an error, never a prose article (summarizer.jsonl). Slicing or
    editing gives a plain ``str``.
    """

    encoding: str
    notes: tuple[str, ...]
    jsonl: bool

    def __new__(cls, text: str, *, encoding: str, notes: tuple[str, ...] = (), jsonl: bool = False) -> DecodedText:
        value = super().__new__(cls, text)
        value.encoding = encoding
        value.notes = notes
        value.jsonl = jsonl
        return value


def read_text(source: str | Path, *, encoding: str | None = None) -> DecodedText:
    """Read a file (or ``-`` for standard input), gzipped or not, and return its text.

    ``encoding`` overrides detection. Raises InputError for a missing, non-regular, oversized,
    empty, binary or undecodable input (a directory's says whether it holds any input files). The result is a ``str`` carrying ``encoding`` and
    ``notes`` (see DecodedText).
    """
    with open_input(source) as opened:
        return opened.text(encoding)


class OpenedInput:
    """One input open for reading, as often as needed: each ``stream()`` starts again at its first byte,
    gzip decompressed on the fly. Made by :func:`open_input`; ``name`` is how messages name it."""

    def __init__(self, name: str, raw: BinaryIO, *, size: int | None = None) -> None:
        self.name = name
        self._raw = raw
        self._size = size  # a regular file's size (None: a stream)
        self.gzipped = self._peek(len(GZIP_MAGIC)) == GZIP_MAGIC

    @property
    def html(self) -> bool:
        """Whether the input's name says HTML (``page.html``, ``page.htm.gz``)."""
        return content_suffix(self.name) in HTML_SUFFIXES

    @property
    def jsonl(self) -> bool:
        """Whether the input's name says JSONL (``feed.jsonl``, ``feed.jsonl.gz``; never standard input)."""
        return content_suffix(self.name) == JSONL_SUFFIX

    def _peek(self, count: int) -> bytes:
        self._raw.seek(0)
        head = read_checked(self.name, lambda: self._raw.read(count))
        self._raw.seek(0)
        return head

    def stream(self) -> BinaryIO:
        """The input's bytes from the first (decompressed); reading a damaged gzip raises InputError."""
        self._raw.seek(0)
        if not self.gzipped:
            return self._raw
        return _GzipReader(self.name, self._raw)  # type: ignore[return-value]  # a BufferedIOBase-like reader, read as a binary file by its callers

    def head(self, count: int) -> bytes:
        """The first ``count`` bytes (decompressed)."""
        return read_checked(self.name, lambda: self.stream().read(count))

    def text(self, encoding: str | None = None) -> DecodedText:
        """The whole input decoded (see :func:`decode_text`): at most MAX_INPUT_BYTES, after decompression."""
        if not self.gzipped and self._size is not None and self._size > MAX_INPUT_BYTES:
            raise _too_large(self.name)  # the size alone refuses it: nothing is read
        data = self.head(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise _too_large(self.name)
        return decode_text(data, name=self.name, encoding=encoding, html=self.html or None, jsonl=self.jsonl)

    def close(self) -> None:
        self._raw.close()


def content_suffix(name: str) -> str:
    """The suffix that says what a file holds, under a ``.gz``: ``.jsonl`` for ``feed.jsonl.gz``."""
    path = Path(name)
    if path.suffix.lower() == GZIP_SUFFIX:
        path = path.with_suffix("")
    return path.suffix.lower()


class _GzipReader(gzip.GzipFile):
    """A gzip stream whose damage is an InputError naming the input (it shows while reading)."""

    def __init__(self, name: str, raw: BinaryIO) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self.input_name = name

    def read(self, size: int | None = -1) -> bytes:
        return read_checked(self.input_name, lambda: super(_GzipReader, self).read(size))

    def readline(self, size: int | None = -1) -> bytes:
        return read_checked(self.input_name, lambda: super(_GzipReader, self).readline(size))


T = TypeVar("T")


def read_checked(name: str, read: Callable[[], T]) -> T:
    """``read()``, a damaged gzip stream or a failing read raised as an InputError naming the input."""
    try:
        return read()
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise InputError(f"{name}: a damaged gzip file ({error or 'it is cut short'})", path=name) from error
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error})", path=name) from error


class _Replayable(io.RawIOBase):
    """A stream read once (standard input, a pipe) that can start again: what was read is kept in a
    temporary file (in memory up to SPOOL_BYTES), so only what is read is kept."""

    def __init__(self, source: BinaryIO) -> None:
        self._source = source
        self._kept = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115  (closed in close())
        self._position = 0
        self._end = 0  # bytes kept so far

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if (offset, whence) != (0, io.SEEK_SET):
            raise io.UnsupportedOperation("only a return to the start")
        self._position = 0
        return 0

    def tell(self) -> int:
        return self._position

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]  # io.RawIOBase types the buffer as WriteableBuffer; both kinds given here are
        view = memoryview(buffer).cast("B")
        if self._position < self._end:  # read again: from what was kept
            self._kept.seek(self._position)
            data = self._kept.read(min(len(view), self._end - self._position))
        else:
            data = self._source.read(len(view))
            self._kept.seek(self._end)
            self._kept.write(data)
            self._end += len(data)
        count = len(data)
        view[:count] = data
        self._position += count
        return count

    def close(self) -> None:
        self._kept.close()
        super().close()


@contextmanager
def open_input(source: str | Path) -> Iterator[OpenedInput]:
    """The input ``source`` names (``-``: standard input) open for reading (see :class:`OpenedInput`).

    Raises InputError for a missing input, a directory, a device, or a named pipe nothing is written to.
    """
    name = str(source)
    opened = OpenedInput("<stdin>", _replayable(sys.stdin.buffer)) if name == "-" else _open_path(Path(source), name)
    try:
        yield opened
    finally:
        opened.close()


def _replayable(source: BinaryIO) -> BinaryIO:
    return io.BufferedReader(_Replayable(source))


def _open_path(path: Path, name: str) -> OpenedInput:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file", path=name) from None
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error})", path=name) from error
    if stat.S_ISDIR(info.st_mode):
        raise _directory_error(path, name)
    if stat.S_ISREG(info.st_mode):
        flags = os.O_RDONLY
    elif stat.S_ISFIFO(info.st_mode):
        # A named pipe with no writer would block open() for ever; non-blocking, it reads as empty.
        flags = os.O_RDONLY | os.O_NONBLOCK
    else:
        kind = "a character device" if stat.S_ISCHR(info.st_mode) else "not a regular file"
        raise InputError(
            f"{name}: {kind}; give a regular file, or pipe it in with '-' (at most {MAX_INPUT_BYTES // 1_000_000} MB)",
            path=name,
        )
    try:
        descriptor = os.open(path, flags)
        if flags & os.O_NONBLOCK:
            os.set_blocking(descriptor, True)
        handle = os.fdopen(descriptor, "rb")
    except OSError as error:
        raise InputError(f"{name}: cannot read ({error.strerror or error})", path=name) from error
    if stat.S_ISREG(info.st_mode):
        return OpenedInput(name, handle, size=info.st_size)
    opened = OpenedInput(name, _replayable(handle))
    if not opened.head(1):
        opened.close()
        handle.close()
        raise InputError(f"{name}: a named pipe with nothing written to it", path=name)
    return opened


def directory_files(path: Path) -> list[Path]:
    """The input files a directory stands for: its own non-hidden files ending in INPUT_SUFFIXES (or one of
    them, then ``.gz``), sorted."""
    return sorted(
        child
        for child in path.iterdir()
        if content_suffix(child.name) in INPUT_SUFFIXES and not child.name.startswith(".") and child.is_file()
    )


def _directory_error(path: Path, name: str) -> InputError:
    try:
        empty = not directory_files(path)
    except OSError:
        empty = False
    if not empty:
        return InputError(f"{name}: is a directory, not a file", path=name)
    suffixes = ", ".join(INPUT_SUFFIXES[:-1]) + " or " + INPUT_SUFFIXES[-1]
    return InputError(
        f"{name}: is a directory with no input files (it takes its own files ending in {suffixes}, gzipped or not; "
        "not subdirectories nor hidden files)",
        path=name,
    )


def _too_large(name: str) -> InputError:
    return InputError(
        f"{name}: larger than the {MAX_INPUT_BYTES // 1_000_000} MB input limit; split the feed into smaller files "
        "(with --format jsonl, a JSONL feed has no such limit)",
        path=name,
        limit=MAX_INPUT_BYTES,
    )


def decode_text(
    data: bytes,
    *,
    name: str = "<input>",
    encoding: str | None = None,
    html: bool | None = None,
    jsonl: bool = False,
) -> DecodedText:
    """Decode bytes (see the module docstring); refuse empty, binary or undecodable input.

    ``html`` True extracts the article text of an HTML document, None does so when the text is
    one, False never. ``jsonl`` True (the input's name says JSONL) marks the text as a feed
    (DecodedText.jsonl), never HTML.
    """
    notes: list[str] = []
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError as error:
            raise InputError(f"unknown encoding {encoding!r}", encoding=encoding) from error
        except UnicodeDecodeError as error:
            raise InputError(
                f"{name}: not valid {encoding} (byte {error.start})", path=name, encoding=encoding
            ) from error
        used = codecs.lookup(encoding).name
    else:
        text, used = _decode_guessing(data, name, notes)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(f"{name}: the input is empty", path=name)
    if _looks_binary(text):
        raise InputError(f"{name}: looks like binary data, not text", path=name)
    if not jsonl and (html or (html is None and _HTML_START.match(text[:4096]))):
        text = _extract_html(text, name, notes)
        notes.append("Article text was extracted from HTML with trafilatura; offsets refer to the extracted text.")
    text, replaced = replace_unwritable(text)
    if replaced:
        notes.append(f"{replaced} lone surrogate or noncharacter code point(s) were replaced with U+FFFD.")
    return DecodedText(text, encoding=used, notes=tuple(notes), jsonl=jsonl)


def replace_unwritable(text: str) -> tuple[str, int]:
    """Replace lone surrogates and Unicode noncharacters with U+FFFD; return the text and the count."""
    if text.isascii():
        return text, 0
    text, total = _UNWRITABLE_BMP.subn("\ufffd", text)
    if _ASTRAL.search(text):  # the class of astral noncharacters is slow to scan: only where it can match
        text, count = _UNWRITABLE_ASTRAL.subn("\ufffd", text)
        total += count
    return text, total


def _decode_guessing(data: bytes, name: str, notes: list[str]) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8"
        except UnicodeDecodeError as error:
            raise _undecodable(name, error.start + len(codecs.BOM_UTF8)) from error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _undecodable(name, error.start) from error
        notes.append("The input was decoded as UTF-16 (named by its byte-order mark).")
        return text, "utf-16"
    if b"\x00" in data:
        raise InputError(f"{name}: looks like binary data, not text", path=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    valid_non_ascii = len(lenient) - len(lenient.encode("ascii", "ignore")) - damaged
    if valid_non_ascii >= 10 * damaged:  # real UTF-8 (Arabic, curly quotes) with rare damage
        notes.append(_replacement_note(damaged, first_bad))
        return lenient, "utf-8"
    legacy = _arabic_code_page(data)
    if legacy is not None:
        text, codec = legacy
        notes.append(f"The input was decoded as {CODEC_LABELS.get(codec, codec)} (detected by charset-normalizer).")
        return text, codec
    if damaged * 100 <= len(data):  # mostly ASCII with a few stray bytes
        notes.append(_replacement_note(damaged, first_bad))
        return lenient, "utf-8"
    raise _undecodable(name, first_bad)


def _replacement_note(damaged: int, first_bad: int) -> str:
    return (
        f"The input is UTF-8 with {damaged} invalid byte sequence(s) (the first at byte {first_bad}), "
        "replaced with U+FFFD; if it is in another encoding, name it with --encoding."
    )


def _arabic_code_page(data: bytes) -> tuple[str, str] | None:
    """A legacy Arabic decoding when charset-normalizer finds one and the text reads as Arabic."""
    from charset_normalizer import from_bytes

    for match in from_bytes(data[:DETECTION_SAMPLE_BYTES]):  # the sample keeps detection fast
        if match.encoding in ARABIC_CODE_PAGES:
            try:
                text = data.decode(match.encoding)
            except UnicodeDecodeError:
                continue
            if "\ufffd" not in text and _mostly_arabic_letters(text[:DETECTION_SAMPLE_BYTES]):
                return text, match.encoding
    return None


def _mostly_arabic_letters(text: str) -> bool:
    arabic = sum(map(len, _ARABIC_LETTERS.findall(text)))
    latin = sum(map(len, _LATIN_LETTERS.findall(text)))
    return arabic > 2 * latin


def _extract_html(text: str, name: str, notes: list[str]) -> str:
    import trafilatura
    from trafilatura.settings import Document

    from summarizer.hidden_html import drop_hidden

    text, dropped = drop_hidden(text)
    if dropped:
        kinds = ", ".join(f"{why} ({count})" if count > 1 else why for why, count in Counter(dropped).items())
        notes.append(
            f"{len(dropped)} element(s) of the HTML that a browser would not show were dropped before reading ({kinds})."
        )
    document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_images=False)
    # a Document, or None when nothing was extracted (a dict only with as_dict=True)
    if not isinstance(document, Document) or not (body := (document.text or "").strip()):
        raise InputError(f"{name}: an HTML page with no article text in it", path=name)
    title = (document.title or "").strip()
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return body


def _undecodable(name: str, position: int) -> InputError:
    return InputError(
        f"{name}: cannot decode byte {position}: not UTF-8, UTF-16 with BOM or Arabic Windows-1256 "
        "(use --encoding to name the encoding)",
        path=name,
        position=position,
    )


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = len(_CONTROLS.findall(sample))
    return "\x00" in sample or controls > max(2, len(sample) // 100)
