"""Many inputs -> articles, one at a time: files, directories, standard input, each article with its input.

A directory stands for its own files ending in ``.txt``, ``.md``, ``.html``, ``.htm`` or
``.jsonl``, sorted by name; it is not searched recursively (name each subdirectory, or let the
shell expand ``dir/**/*.txt``) and hidden files are left out; each of those suffixes may be
followed by ``.gz``. ``-`` is standard input. A JSONL feed is read a line at a time
(summarizer.jsonl.JsonlFeed), of any length; any other input is read whole with
summarizer.inputs and split with summarizer.articles. Gzip is decompressed on the fly. An input
that cannot be read (or holds no articles) becomes one failed item, so the other inputs go on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from summarizer.articles import Article, iter_articles, record_article
from summarizer.errors import InputError
from summarizer.inputs import OpenedInput, directory_files, open_input
from summarizer.jsonl import SNIFF_BYTES, JsonlFeed, may_be_jsonl

STDIN = "-"


@dataclass(frozen=True)
class SourceArticle:
    """One article and the input it came from; ``article`` is None when the input failed (``error``)."""

    input: str
    article: Article | None
    notes: tuple[str, ...] = ()  # what reading the input found (decoding, HTML extraction)
    error: Exception | None = None

    @property
    def key(self) -> tuple[str, str | None]:
        """What identifies the article across runs: its input and its id."""
        return self.input, self.article.id if self.article is not None else None


_ESCAPED = re.compile("[\\\\\ud800-\udfff]")


def input_label(name: str) -> str:
    """The name an input is known by in results (``input``) and by ``--resume``: the name as given,
    with each byte the file system's encoding cannot decode (a lone surrogate to Python, from
    ``os.fsdecode``) written ``\\xff``, so that two such names never become the same U+FFFD text.
    On POSIX a backslash is doubled too, so that a real name cannot spell another's escape
    (the file ``a\\xff.txt`` is ``a\\\\xff.txt``); on Windows, where it separates folders, it is kept.
    A name with neither (nearly every name) is unchanged."""
    if not _ESCAPED.search(name):
        return name
    keep_backslash = os.sep == "\\"

    def escape(found: re.Match[str]) -> str:
        character = found[0]
        if character == "\\":
            return character if keep_backslash else "\\\\"
        code = ord(character)
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"

    return _ESCAPED.sub(escape, name)


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[str]:
    """Each input as given, a directory replaced by its input files (sorted, not recursive)."""
    for given in inputs:
        name = str(given)
        path = Path(name)
        if name != STDIN and path.is_dir():
            files = directory_files(path)
            if not files:
                yield name  # read_text says it holds no input files; the run records that and goes on
            yield from (str(child) for child in files)
        else:
            yield name


def source_articles(
    inputs: Iterable[str | Path], *, encoding: str | None = None, skip: Collection[tuple[str, str | None]] = ()
) -> Iterator[SourceArticle]:
    """Every article of every input, in input order, read lazily; ``skip`` holds (input, id) pairs to leave out."""
    for name in expand_inputs(inputs):
        label = input_label(name)
        try:
            with open_input(name) as opened:
                found = False
                for article, notes in input_articles(opened, encoding):
                    found = True
                    if (label, article.id) not in skip:
                        yield SourceArticle(label, article, notes)
            if not found:
                raise InputError(f"{name}: holds no article text", path=name)
        except Exception as error:  # noqa: BLE001  one unreadable input is recorded; the others go on
            if (label, None) not in skip:
                yield SourceArticle(label, None, error=named_input_error(error, name))


def input_articles(opened: OpenedInput, encoding: str | None = None) -> Iterator[tuple[Article, tuple[str, ...]]]:
    """The articles of one open input, each with what reading the input found (decoding notes).

    A JSONL feed (by its content, or by its name: ``feed.jsonl``) is checked, then read a record at a
    time (summarizer.jsonl.JsonlFeed); anything else is read whole, at most MAX_INPUT_BYTES, and split.
    """
    if not opened.html and (opened.jsonl or may_be_jsonl(opened.head(SNIFF_BYTES))):
        feed = JsonlFeed(opened, encoding)
        if feed.check():
            for number, record in enumerate(feed.records(), 1):
                yield record_article(number, record), ()
            return
    text = opened.text(encoding)
    for article in iter_articles(text):
        yield article, text.notes


def named_input_error(error: Exception, name: str) -> Exception:
    """An input error whose message names the input (read_text names it; splitting, and a JSONL
    feed's line, do not); any other error as it is."""
    if isinstance(error, InputError) and name not in str(error):
        return InputError(f"{name}: {error}", **{**error.context, "path": name})
    return error
