"""Archives: JSONL of any length read a line at a time (only a record is bounded), gzip input on the fly."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

import summarizer.inputs
import summarizer.jsonl
from summarizer.cli import cli
from summarizer.inputs import open_input
from summarizer.jsonl import JsonlFeed
from summarizer.sources import source_articles

ENGLISH = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
ARABIC = (EXAMPLES / "water-ar.txt").read_text(encoding="utf-8")
LIMIT = 6_000  # bytes: the limits of a text read whole and of one record, made small


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(summarizer.inputs, "MAX_INPUT_BYTES", LIMIT)
    monkeypatch.setattr(summarizer.jsonl, "MAX_RECORD_BYTES", LIMIT)


def feed_lines(count: int, *, start: int = 0) -> list[str]:
    texts = [ENGLISH, ARABIC]
    return [
        json.dumps({"id": f"a{number}", "text": texts[number % 2]}, ensure_ascii=False) + "\n"
        for number in range(start, start + count)
    ]


def summarize(*args: str, input: bytes | None = None) -> Any:
    return CliRunner().invoke(cli, ["summarize", *args, "--engine", "extractive"], input=input, catch_exceptions=False)


def results(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_feed_longer_than_the_input_limit_is_read_a_record_at_a_time(small_limits: None, tmp_path: Path) -> None:
    feed, out = tmp_path / "archive.jsonl", tmp_path / "out.jsonl"
    feed.write_text("".join(feed_lines(60)), encoding="utf-8")
    assert feed.stat().st_size > 10 * LIMIT
    result = summarize(str(feed), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    written = results(out)
    assert sorted(line["id"] for line in written) == sorted(f"a{n}" for n in range(60))  # each once
    assert {line["language"] for line in written} == {"en", "ar"} and not any("error" in line for line in written)
    # a text of that length is still read whole, and refused
    prose = tmp_path / "prose.txt"
    prose.write_text("\n\n".join([ENGLISH] * 10), encoding="utf-8")
    refused = summarize(str(prose), "--format", "jsonl", "-o", str(out))
    assert refused.exit_code == 3 and "larger than the" in refused.stderr


def test_the_records_are_read_as_the_run_reaches_them(small_limits: None, tmp_path: Path) -> None:
    """The whole feed is checked first, then each record is parsed only when it is asked for."""
    feed = tmp_path / "archive.jsonl"
    feed.write_text("".join(feed_lines(30)), encoding="utf-8")
    articles = source_articles([str(feed)])
    first = next(articles)
    assert first.article is not None and first.article.id == "a0"
    last = feed_lines(1, start=29)[0].encode("utf-8")
    with feed.open("r+b") as handle:  # the last line changes under the run: only what is read next sees it
        handle.seek(-len(last), 2)
        handle.write(b"{" + b" " * (len(last) - 2) + b"\n")
    rest = list(articles)
    assert [item.article.id for item in rest[:-1] if item.article] == [f"a{n}" for n in range(1, 29)]
    assert rest[-1].error is not None and "line 30 of the JSONL input" in str(rest[-1].error)


def test_a_record_over_its_limit_fails_the_input_before_any_article(small_limits: None, tmp_path: Path) -> None:
    feed, out = tmp_path / "archive.jsonl", tmp_path / "out.jsonl"
    long_record = json.dumps({"id": "long", "text": "Word " * LIMIT}) + "\n"
    feed.write_text("".join(feed_lines(3)) + long_record + "".join(feed_lines(3, start=3)), encoding="utf-8")
    result = summarize(str(feed), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 3
    assert f"line 4 of the JSONL input is longer than the limit of one record ({LIMIT:,} bytes)" in result.stderr
    [failed] = results(out)
    assert failed["input"] == str(feed) and failed["id"] is None and "error" in failed


def test_a_repeated_id_at_the_end_of_a_long_feed_fails_it_before_any_article(
    small_limits: None, tmp_path: Path
) -> None:
    feed, out = tmp_path / "archive.jsonl", tmp_path / "out.jsonl"
    feed.write_text("".join(feed_lines(20)) + feed_lines(1, start=2)[0], encoding="utf-8")
    result = summarize(str(feed), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 3
    assert "lines 3 and 21 of the JSONL input have the same article id 'a2'" in result.stderr
    assert len(results(out)) == 1  # only the failed input: no article was run


def test_resume_of_a_long_feed_does_only_what_is_missing(small_limits: None, tmp_path: Path) -> None:
    feed, out = tmp_path / "archive.jsonl", tmp_path / "out.jsonl"
    feed.write_text("".join(feed_lines(12)), encoding="utf-8")
    assert summarize(str(feed), "--format", "jsonl", "-o", str(out)).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:5]) + lines[5][:40], encoding="utf-8")  # killed while writing the sixth
    assert summarize(str(feed), "--format", "jsonl", "-o", str(out), "--resume").exit_code == 0
    assert sorted(line["id"] for line in results(out)) == sorted(f"a{n}" for n in range(12))


def test_gzip_jsonl_and_text_are_read_as_they_decompress(tmp_path: Path) -> None:
    packed, out = tmp_path / "archive.jsonl.gz", tmp_path / "out.jsonl"
    packed.write_bytes(gzip.compress("".join(feed_lines(6)).encode("utf-8")))
    assert summarize(str(packed), "--format", "jsonl", "-o", str(out)).exit_code == 0
    assert [line["id"] for line in results(out)] == [f"a{n}" for n in range(6)]
    text = tmp_path / "story.txt.gz"
    text.write_bytes(gzip.compress(ENGLISH.encode("utf-8")))
    plain = summarize(str(EXAMPLES / "harbour-en.txt"), "--format", "json")
    assert (
        json.loads(summarize(str(text), "--format", "json").stdout)["articles"] == json.loads(plain.stdout)["articles"]
    )


def test_gzip_on_standard_input_is_recognised_by_its_magic_bytes(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    data = gzip.compress("".join(feed_lines(4)).encode("utf-8"))
    assert summarize("-", "--format", "jsonl", "-o", str(out), input=data).exit_code == 0
    assert [(line["input"], line["id"]) for line in results(out)] == [("-", f"a{n}") for n in range(4)]


def test_a_directory_takes_its_gzipped_feeds(tmp_path: Path) -> None:
    folder, out = tmp_path / "feeds", tmp_path / "out.jsonl"
    folder.mkdir()
    (folder / "a.jsonl.gz").write_bytes(gzip.compress("".join(feed_lines(2)).encode("utf-8")))
    (folder / "b.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "c.pdf.gz").write_bytes(gzip.compress(b"%PDF-1.4"))
    assert summarize(str(folder), "--format", "jsonl", "-o", str(out)).exit_code == 0
    assert sorted(Path(line["input"]).name for line in results(out)) == ["a.jsonl.gz", "a.jsonl.gz", "b.txt"]


def test_a_damaged_gzip_is_one_error_line(tmp_path: Path) -> None:
    packed, out = tmp_path / "archive.jsonl.gz", tmp_path / "out.jsonl"
    packed.write_bytes(gzip.compress("".join(feed_lines(6)).encode("utf-8"))[:-30])
    result = summarize(str(packed), str(EXAMPLES / "harbour-en.txt"), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 3
    assert f"Error: {packed}: a damaged gzip file" in result.stderr and "Traceback" not in result.stderr
    assert [line.get("error") is None for line in results(out)] == [False, True]  # the other input went on


def test_a_gzip_that_decompresses_past_the_limit_of_a_text_is_refused(small_limits: None, tmp_path: Path) -> None:
    packed = tmp_path / "bomb.txt.gz"
    packed.write_bytes(gzip.compress(b"a " * LIMIT))
    result = summarize(str(packed), "--format", "json")
    assert result.exit_code == 2 and f"{packed}: larger than the" in result.stderr


def test_a_feed_that_is_not_utf8_is_read_whole_with_its_encoding_detected(tmp_path: Path) -> None:
    feed, out = tmp_path / "legacy.jsonl", tmp_path / "out.jsonl"
    feed.write_bytes(
        "".join(
            line.replace(json.dumps(ENGLISH), json.dumps(ARABIC, ensure_ascii=False)) for line in feed_lines(2)
        ).encode("cp1256")
    )
    with open_input(feed) as opened:
        assert JsonlFeed(opened).check() is False  # not UTF-8 a line at a time
    result = summarize(str(feed), "--format", "jsonl", "-o", str(out))
    assert result.exit_code == 0 and [line["id"] for line in results(out)] == ["a0", "a1"]
    assert any("Windows-1256" in note for note in results(out)[1]["notes"])
