"""Odd inputs and faults (docs/inputs-and-faults.md): exit status, the exact first stderr line,
and nothing else written or lost."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT, recorded_with_other_prompts

import summarizer
from summarizer import api
from summarizer.cli import cli
from summarizer.cli.common import write as _write
from summarizer.jsonl import iter_jsonl

ARABIC = (EXAMPLES / "water-ar.txt").read_text(encoding="utf-8")
ENGLISH = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
LIMIT_MB = summarizer.inputs.MAX_INPUT_BYTES // 1_000_000


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["summarize", *args], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_process(*args: str, stdin: object = None, timeout: float = 30) -> tuple[int, str, str, float]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "SUMMARIZER_ENGINE": "extractive"},
    )
    return proc.returncode, proc.stdout, proc.stderr, time.perf_counter() - started


def first_line(stderr: str) -> str:
    return stderr.splitlines()[0]


def assert_refused(tmp_path: Path, args: list[str], status: int, message: str, input: bytes | None = None) -> None:
    """Exit ``status``, ``message`` first on stderr, nothing on stdout and no output file."""
    before = sorted(p.name for p in tmp_path.iterdir())
    target = tmp_path / "out.json"
    code, out, err = run(*args, "-o", str(target), input=input)
    assert (code, out, first_line(err)) == (status, "", message)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# --- decoding -------------------------------------------------------------------------------


def test_english_utf8_with_bad_bytes_is_utf8_with_replacement_not_windows_1256(tmp_path: Path) -> None:
    data = ENGLISH.encode("utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:100] + b"\xc7\xe1" + data[100:300] + b"\xff" + data[300:])
    code, out, err = run(str(path), "--format", "json")
    note = (
        "The input is UTF-8 with 3 invalid byte sequence(s) (the first at byte 100), replaced with U+FFFD; "
        "if it is in another encoding, name it with --encoding."
    )
    assert (code, first_line(err)) == (0, f"Note: {note}")
    (article,) = json.loads(out)["articles"]
    assert article["language"] == "en" and article["notes"][0] == note
    read_back = [article["title"] or "", article["summaries"]["en"]["text"]]
    read_back += [figure["quote"] for figure in article["key_figures"]]  # (labels.ar are Arabic by design)
    assert not any("\u0600" <= ch <= "\u06ff" for text in read_back for ch in text)  # no Windows-1256 mojibake


def test_windows_1256_arabic_is_detected_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    code, out, err = run(str(path), "--format", "json")
    note = "The input was decoded as Windows-1256 (detected by charset-normalizer)."
    assert (code, first_line(err)) == (0, f"Note: {note}")
    (article,) = json.loads(out)["articles"]
    assert article["language"] == "ar" and article["notes"][0] == note
    assert article["summaries"]["ar"]["sentences"][0]["text"] in ARABIC


def test_plain_utf8_gets_no_decoding_note(tmp_path: Path) -> None:
    code, _out, err = run(str(EXAMPLES / "harbour-en.txt"), "--format", "json")
    assert code == 0 and "decoded" not in err and "UTF-8" not in err


def test_public_read_text_reads_windows_1256(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(ARABIC.encode("cp1256"))
    text = summarizer.read_text(path)
    assert text == ARABIC and isinstance(text, str)
    assert (text.encoding, len(text.notes)) == ("cp1256", 1)
    assert summarizer.read_text(path, encoding="cp1256") == ARABIC
    assert summarizer.summarize(text).articles[0].notes[0] == text.notes[0]


def test_latin1_french_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes("Le café coûte 3 euros à Genève, dit-on.".encode("latin-1"))
    assert_refused(
        tmp_path,
        [str(path)],
        2,
        f"Error: {path}: cannot decode byte 6: not UTF-8, UTF-16 with BOM or Arabic Windows-1256 "
        "(use --encoding to name the encoding)",
    )


# --- size and file kinds --------------------------------------------------------------------


TAIL = "(with --format jsonl, a JSONL feed has no such limit)"


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1000 * 1000)  # sparse: the size alone must refuse it
    message = f"Error: {path}: larger than the {LIMIT_MB} MB input limit; split the feed into smaller files {TAIL}"
    code, out, err, seconds = run_process(str(path))
    assert (code, out, first_line(err)) == (2, "", message)
    assert seconds < 10


def test_standard_input_over_the_limit_is_refused(tmp_path: Path) -> None:
    message = f"Error: <stdin>: larger than the {LIMIT_MB} MB input limit; split the feed into smaller files {TAIL}"
    assert_refused(tmp_path, ["-"], 2, message, input=b"a" * (summarizer.inputs.MAX_INPUT_BYTES + 1))


def test_dev_zero_is_refused_at_once() -> None:
    code, out, err, seconds = run_process("/dev/zero")
    assert (code, out, first_line(err)) == (
        2,
        "",
        f"Error: /dev/zero: a character device; give a regular file, or pipe it in with '-' (at most {LIMIT_MB} MB)",
    )
    assert seconds < 10


def test_dev_zero_on_standard_input_stops_at_the_limit() -> None:
    with open("/dev/zero", "rb") as zero:
        code, out, err, seconds = run_process("-", stdin=zero)
    message = f"Error: <stdin>: larger than the {LIMIT_MB} MB input limit; split the feed into smaller files {TAIL}"
    assert (code, out, first_line(err)) == (2, "", message)
    assert seconds < 20


def test_fifo_without_a_writer_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.fifo"
    os.mkfifo(fifo)
    code, out, err, _ = run_process(str(fifo), timeout=20)
    assert (code, out, first_line(err)) == (2, "", f"Error: {fifo}: a named pipe with nothing written to it")


def test_fifo_with_a_writer_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.fifo"
    os.mkfifo(fifo)

    def write() -> None:
        with fifo.open("w", encoding="utf-8") as handle:
            handle.write(ENGLISH)

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.2)  # the writer holds the pipe open before we read
    text = summarizer.read_text(fifo)
    writer.join(timeout=10)
    assert text == ENGLISH


# --- JSONL ----------------------------------------------------------------------------------


def jsonl(*records: object) -> bytes:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")


def test_jsonl_with_a_broken_first_line_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl('{"id": "1", "text": "Broken', {"id": "2", "text": ENGLISH}, {"id": "3", "text": ARABIC}))
    assert_refused(tmp_path, [str(path)], 2, f"Error: {path}: line 1 of the JSONL input is not valid JSON")


def test_deeply_nested_jsonl_line_is_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path.write_bytes(jsonl({"text": ENGLISH}, deep))
    assert_refused(tmp_path, [str(path)], 2, f"Error: {path}: line 2 of the JSONL input is nested too deeply")


def test_lone_surrogate_and_noncharacter_in_jsonl_lose_nothing_else(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    odd = '{"id": "odd", "title": "T\\ud800", "text": "Bad \\ud800 and \\uffff here. The council built 12 schools."}'
    path.write_bytes(jsonl({"id": "en", "text": ENGLISH}, odd, {"id": "ar", "text": ARABIC}))
    target = tmp_path / "out.json"
    code, out, _err = run(str(path), "--format", "json", "-o", str(target))
    assert (code, out) == (0, "")
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [a["id"] for a in data["articles"]] == ["en", "odd", "ar"]
    odd_article = data["articles"][1]
    assert odd_article["title"] == "T\ufffd"
    assert odd_article["notes"][0] == (
        "2 lone surrogate or noncharacter code point(s) in the text were replaced with U+FFFD."
    )
    assert 12 in {figure["value"] for figure in odd_article["key_figures"]}
    assert (
        data["articles"][0]["notes"]
        == json.loads(run(str(EXAMPLES / "harbour-en.txt"), "--format", "json")[1])["articles"][0]["notes"]
    )


def test_unwritable_characters_at_output_become_replacement_characters(tmp_path: Path, capsys) -> None:
    target = tmp_path / "out.md"
    _write("ok \ud800 end\n", str(target))
    assert target.read_text(encoding="utf-8") == "ok \ufffd end\n"
    assert (
        capsys.readouterr().err
        == "Note: 1 lone surrogate or noncharacter code point(s) in the output were written as U+FFFD.\n"
    )


# --- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title>Harbour traffic rises | Daily News</title>
<style>.banner { width: 98765px; }</style>
<script>var loadedAt = 1700000000; trackVisitors(4242);</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour traffic rises</h1>
<p>The harbour handled 3.5 million tonnes of cargo last year, up from 3.1 million, the port authority said on Monday.</p>
<p>It employs 1,200 people and plans to hire 250 more by 2026, officials said.</p></article>
<footer>Copyright 2024 Daily News. All rights reserved.</footer></body></html>
"""


@pytest.mark.parametrize("name", ["page.html", "page.txt"], ids=["by-suffix", "by-content"])
def test_html_page_gives_article_text_and_title_only(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    code, out, err = run(str(path), "--format", "json")
    note = "Article text was extracted from HTML with trafilatura; offsets refer to the extracted text."
    assert (code, first_line(err)) == (0, f"Note: {note}")
    (article,) = json.loads(out)["articles"]
    assert article["title"] == "Harbour traffic rises" and article["notes"][0] == note
    values = {figure["value"] for figure in article["key_figures"]}
    assert {1200, 250} <= values
    for leaked in ("98765", "1700000000", "4242", "Copyright", "Home"):
        assert leaked not in out


def test_help_does_not_import_trafilatura_or_charset_normalizer() -> None:
    code = (
        "import sys; from summarizer.cli import main; sys.argv=['summarizer','--help']\n"
        "try: main()\nexcept SystemExit: pass\n"
        "print('HEAVY', [m for m in ('trafilatura', 'charset_normalizer', 'lxml') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("HEAVY []")


# --- exceptions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raised", "status", "message"),
    [
        (
            ValueError("boom"),
            3,
            "Error: unexpected failure (ValueError: boom); rerun with SUMMARIZER_DEBUG=1 for the traceback",
        ),
        (RecursionError("deep"), 2, "Error: the input is nested too deeply to process"),
        (MemoryError(), 2, "Error: out of memory; the input is too large to process (the limit is 20,000,000 bytes)"),
    ],
    ids=["bug", "recursion", "memory"],
)
@pytest.mark.parametrize("debug", ["1", ""], ids=["debug", "plain"])
def test_every_exception_is_one_error_line_with_its_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raised: BaseException, status: int, message: str, debug: str
) -> None:
    monkeypatch.setenv("SUMMARIZER_DEBUG", debug)

    def fail(*_: object, **__: object) -> None:
        raise raised

    monkeypatch.setattr(api, "summarize", fail)
    target = tmp_path / "out.json"
    code, out, err = run(str(EXAMPLES / "harbour-en.txt"), "-o", str(target))
    assert (code, out, first_line(err)) == (status, "", message)
    assert ("Traceback (most recent call last):" in err) == bool(debug)
    assert not target.exists()


def test_crash_under_debug_keeps_its_status_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl({"text": ENGLISH}))
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import summarizer.api as a, summarizer.cli as c\na.summarize = lambda *x, **k: 1/0\nc.main()",
            "summarize",
            str(path),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "SUMMARIZER_DEBUG": "1"},
    )
    assert proc.returncode == 3
    assert proc.stderr.splitlines()[0].startswith("Error: unexpected failure (ZeroDivisionError: division by zero)")


# --- output files ---------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_output_file_honours_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    target = tmp_path / "out.md"
    previous = os.umask(umask)
    try:
        _write("text\n", str(target))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]  # no temporary file left


def test_existing_output_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    _write("new\n", str(target))
    assert (target.read_text(encoding="utf-8"), stat.S_IMODE(target.stat().st_mode)) == ("new\n", 0o640)


def test_output_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, out, _ = run(str(EXAMPLES / "harbour-en.txt"), "--format", "json", "-o", str(link))
    assert (code, out) == (0, "")
    assert link.is_symlink() and json.loads(real.read_text(encoding="utf-8"))["engine"] == "extractive"


def test_output_to_dev_null_leaves_the_device_alone() -> None:
    code, out, _ = run(str(EXAMPLES / "harbour-en.txt"), "-o", "/dev/null")
    assert (code, out) == (0, "")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_audit_with_markdown_is_refused_before_any_work(tmp_path: Path) -> None:
    assert_refused(
        tmp_path,
        [str(EXAMPLES / "harbour-en.txt"), "--audit"],
        2,
        "Error: --audit needs --format json (the audit log is JSON)",
    )


def test_dry_run_markdown_table_names_the_model_and_totals(tmp_path: Path) -> None:
    feed = tmp_path / "feed.txt"
    feed.write_text(ENGLISH + "\n=====\n" + ARABIC, encoding="utf-8")
    code, out, _ = run(str(feed), "--dry-run")
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert code == 0 and len(rows) == 4  # header, two articles, total
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[1:]]
    assert cells[2][0] == "**total**"
    assert int(cells[2][1]) == int(cells[0][1]) + int(cells[1][1])
    total_cost = float(cells[0][5].split()[0]) + float(cells[1][5].split()[0])
    assert float(cells[2][5].split()[0]) == pytest.approx(total_cost, abs=2e-6)
    assert out.splitlines()[-1].startswith("Model: gpt-5-mini; prices of ")


# --- the replay script ----------------------------------------------------------------------

REPLAY = ROOT / "scripts" / "replay_cassette.py"
CASSETTE = "cassettes/test_recorded/test_english_example.yaml"


def test_replay_script_is_executable_in_git() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-s", "scripts/replay_cassette.py"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    if not listed:
        pytest.skip("not a git checkout")
    assert listed.startswith("100755 ")


def replay(*args: str) -> subprocess.CompletedProcess[str]:
    if (reason := recorded_with_other_prompts(ROOT / CASSETTE)) is not None:
        pytest.skip(reason)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    return subprocess.run(
        [sys.executable, str(REPLAY), CASSETTE, "--", "summarize", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )


def test_replay_script_takes_base_url_and_model_from_the_recording() -> None:
    proc = replay("examples/harbour-en.txt", "--format", "json")
    data = json.loads(proc.stdout)
    assert proc.returncode in (0, 1)  # the 270M model's replies are mostly unverified
    assert (data["engine"], data["model"]) == ("openai", "gemma-3-270m-q4_k_m")


def test_replay_mismatch_is_one_error_line() -> None:
    proc = replay("examples/water-ar.txt", "--format", "json")
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.splitlines() == [
        f"Error: {CASSETTE}: no recorded reply for POST /v1/chat/completions with this body; "
        "replay with the input, options and prompts the cassette was recorded with"
    ]


def test_jsonl_whose_first_line_is_cut_mid_object_is_still_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl('ext": "cut off"}', {"id": "2", "text": ENGLISH}, {"id": "3", "text": ARABIC}))
    assert_refused(tmp_path, [str(path)], 2, f"Error: {path}: line 1 of the JSONL input is not valid JSON")


def test_jsonl_whose_objects_hold_no_text_is_refused_not_summarized_as_json(tmp_path: Path) -> None:
    """A feed exported with its stories under "body" was read as one prose article of JSON source (exit 0,
    or paid for with a model); it is JSONL, and its first line says what it lacks, read whole or streamed."""
    path = tmp_path / "feed.jsonl"
    path.write_bytes(jsonl({"id": "1", "body": ENGLISH}, {"id": "2", "body": ARABIC}))
    message = 'line 1 of the JSONL input has no "text" string (its keys: "id", "body")'
    assert_refused(tmp_path, [str(path)], 2, f"Error: {path}: {message}")
    code, out, err = run(str(path), "--format", "jsonl")
    assert code == 3 and f"Error: {path}: {message}\n" in err
    assert json.loads(out)["error"]["message"].endswith(message)
    with pytest.raises(summarizer.InputError, match=r"has no \"text\" string \(an empty object\)$"):
        iter_jsonl("{}\n" + jsonl({"text": ENGLISH}).decode())


def test_a_jsonl_feed_is_checked_whole_then_read_one_record_at_a_time() -> None:
    feed = "\n".join(json.dumps({"id": str(number), "text": f"Story {number}."}) for number in range(3))
    records = iter_jsonl(feed)
    assert records is not None and not isinstance(records, list)
    assert [record.id for record in records] == ["0", "1", "2"]
    with pytest.raises(
        summarizer.InputError, match=r'^line 5 of the JSONL input has no "text" string \(its keys: "id"\)$'
    ):
        iter_jsonl(feed + '\n\n{"id": "3"}')  # raised before any record is read, as when all were parsed at once


PROSE = "The council met on Tuesday. It approved 12 new schools for the city.\nThe mayor said the plan costs 40 million dollars.\n"
NOT_JSONL_HINT = "; a .jsonl file holds one JSON object per line (name it .txt to read it as text)"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (PROSE.encode(), "line 1 of the JSONL input is not valid JSON" + NOT_JSONL_HINT),
        (b"\n\n" + PROSE.encode(), "line 3 of the JSONL input is not valid JSON" + NOT_JSONL_HINT),
        (b'{"id": 1\n', "line 1 of the JSONL input is not valid JSON" + NOT_JSONL_HINT),
        (b"[1, 2]\n", 'line 1 of the JSONL input has no "text" string' + NOT_JSONL_HINT),
        # A feed with a record or two among more prose lines: the name says JSONL, so the prose is the error.
        (
            jsonl({"id": "1", "text": ENGLISH}) + b"\n" + PROSE.encode() * 2,
            "line 2 of the JSONL input is not valid JSON" + NOT_JSONL_HINT,
        ),
    ],
    ids=["prose", "blank-lines-then-prose", "one-broken-object", "an-array", "mostly-prose"],
)
def test_a_file_named_jsonl_that_holds_no_feed_is_refused_not_read_as_one_article(
    tmp_path: Path, content: bytes, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A newsroom feed exported wrong (prose, a broken object, an array) under a .jsonl name was summarized
    as one plain-text article, silently (exit 0): the name says JSONL, so its first bad line is an error
    naming the file, exit 2 (one input) or the input failed and the others go on (exit 3)."""
    path = tmp_path / "feed.jsonl"
    path.write_bytes(content)
    assert_refused(tmp_path, [str(path)], 2, f"Error: {path}: {message}")
    assert_refused(tmp_path, [str(path), "--format", "json"], 2, f"Error: {path}: {message}")
    other = tmp_path / "other.txt"
    other.write_text(ENGLISH, encoding="utf-8")
    code, out, err = run(str(path), str(other), "--format", "jsonl")
    assert code == 3 and f"Error: {path}: {message}\n" in err
    failed, done = (json.loads(line) for line in out.splitlines())
    assert failed["input"] == str(path) and failed["error"]["message"] == f"{path}: {message}"
    assert done["input"] == str(other) and "error" not in done
    with pytest.raises(summarizer.InputError, match=r"line \d+ of the JSONL input"):
        summarizer.summarize(summarizer.read_text(path), engine="extractive")  # the same rule from Python
    monkeypatch.setenv("SUMMARIZER_BATCH_DIR", str(tmp_path / "batches"))
    batch = CliRunner().invoke(cli, ["batch", "submit", str(path), "--no-upload", "--model", "m"])
    assert (batch.exit_code, batch.stdout, batch.stderr) == (2, "", f"Error: {path}: {message}\n")
    assert not (tmp_path / "batches").exists()  # refused before the record


def test_a_gzipped_or_utf16_file_named_jsonl_must_hold_a_feed_too(tmp_path: Path) -> None:
    import gzip

    zipped = tmp_path / "feed.jsonl.gz"
    zipped.write_bytes(gzip.compress(PROSE.encode()))
    assert_refused(
        tmp_path, [str(zipped)], 2, f"Error: {zipped}: line 1 of the JSONL input is not valid JSON" + NOT_JSONL_HINT
    )
    wide = tmp_path / "wide.jsonl"  # UTF-16 is read whole, not a line at a time: the same rule
    wide.write_bytes(PROSE.encode("utf-16"))
    code, out, err = run(str(wide))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "Note: The input was decoded as UTF-16 (named by its byte-order mark).",
        f"Error: {wide}: line 1 of the JSONL input is not valid JSON" + NOT_JSONL_HINT,
    ]


def test_only_the_name_jsonl_makes_prose_an_error(tmp_path: Path) -> None:
    """Content still decides for any other name and for standard input; a .jsonl of blank lines is empty."""
    text = tmp_path / "story.txt"
    text.write_text(PROSE, encoding="utf-8")
    assert run(str(text), "--engine", "extractive")[0] == 0
    assert run("-", "--engine", "extractive", input=PROSE.encode())[0] == 0
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\n  \n\n")
    assert_refused(tmp_path, [str(blank)], 2, f"Error: {blank}: the input is empty")
    good = tmp_path / "good.jsonl"
    good.write_bytes(jsonl({"id": "a", "text": ENGLISH}, "", {"id": "b", "text": ARABIC}) + b"\n\n")
    code, out, _ = run(str(good), "--engine", "extractive", "--format", "json")
    assert code in (0, 1) and [a["id"] for a in json.loads(out)["articles"]] == ["a", "b"]


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("bom.jsonl", lambda text: ("\ufeff" + text).encode("utf-8")),
        ("crlf.jsonl", lambda text: text.replace("\n", "\r\n").encode("utf-8")),
        ("trailing.jsonl", lambda text: (text + "\n\n  \n\t\n").encode("utf-8")),
        (
            "all.jsonl.gz",
            lambda text: __import__("gzip").compress(("\ufeff" + text + "\n\n").replace("\n", "\r\n").encode()),
        ),
        ("wide.jsonl", lambda text: text.encode("utf-16")),
        ("FEED.JSONL", lambda text: text.encode("utf-8")),
    ],
)
def test_a_real_feed_named_jsonl_is_still_read_whatever_its_line_ends_bom_or_compression(
    tmp_path: Path, name: str, encode: Any
) -> None:
    """A file named .jsonl is a feed whatever it holds (6d1903e): the feeds that were read before still are."""
    from summarizer.sources import source_articles

    path = tmp_path / name
    path.write_bytes(encode(jsonl({"id": "a", "text": ENGLISH}, {"id": "b", "text": ARABIC}).decode("utf-8") + "\n"))
    items = list(source_articles([str(path)]))
    assert [item.error for item in items] == [None, None]
    assert [str(item.article.id) for item in items if item.article is not None] == ["a", "b"]
