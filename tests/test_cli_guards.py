"""What the CLI refuses before any work so that nothing a user gave is lost or done twice: an output that
is an input (named, in a directory, or standard input's file), '-' twice, a repeated JSONL id, a
resumed file of another command, html with --dry-run; and the notes and messages of odd inputs."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from conftest import EXAMPLES

from summarizer.cli import cli
from summarizer.stream import prepare_resume

ENGLISH = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
EXTRACTIVE = {"SUMMARIZER_ENGINE": "extractive"}


def invoke(*args: str, input: bytes | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=input, env=EXTRACTIVE, catch_exceptions=False)


def summarize_process(*args: str, stdin: Any) -> subprocess.CompletedProcess[str]:
    """A real process, so that standard input is a real descriptor (CliRunner's is not)."""
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **EXTRACTIVE},
    )


def jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


# --- the output is never an input --------------------------------------------------------------


def test_an_output_that_is_a_file_of_a_directory_input_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "b.txt").write_text(ENGLISH, encoding="utf-8")
    result = invoke("summarize", str(folder), "-o", str(folder / "b.txt"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {folder / 'b.txt'}: refusing to overwrite the input file\n",
    )
    assert (folder / "b.txt").read_text(encoding="utf-8") == ENGLISH


def test_a_results_file_written_into_a_directory_input_is_left_out_not_refused(tmp_path: Path) -> None:
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "a.txt").write_text(ENGLISH, encoding="utf-8")
    out = folder / "out.jsonl"
    for _ in range(2):
        result = invoke("summarize", str(folder), "--format", "jsonl", "-o", str(out))
        assert result.exit_code in (0, 1)
        assert [json.loads(line)["input"] for line in out.read_text(encoding="utf-8").splitlines()] == [
            str(folder / "a.txt")
        ]


def test_an_output_that_is_the_file_on_standard_input_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    for output in ("/dev/stdin", str(article)):
        with article.open("rb") as stdin:
            proc = summarize_process("-", "-o", output, stdin=stdin)
        assert (proc.returncode, proc.stderr) == (
            2,
            f"Error: {output}: refusing to overwrite the file standard input reads\n",
        )
        assert article.read_text(encoding="utf-8") == ENGLISH
    with article.open("rb") as stdin:
        assert summarize_process("-", "-o", str(tmp_path / "out.md"), stdin=stdin).returncode in (0, 1)


def test_standard_input_given_twice_is_a_usage_error() -> None:
    result = invoke("summarize", "-", "-", input=ENGLISH.encode())
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error: '-' (standard input) is given more than once; it can be read once only\n"


# --- a repeated article id ---------------------------------------------------------------------


def test_a_repeated_jsonl_id_fails_its_input_naming_both_lines_and_the_others_go_on(tmp_path: Path) -> None:
    story = "The harbour board met on Monday. Work will start in spring."
    repeated = jsonl(
        tmp_path / "repeated.jsonl", {"id": "a", "text": story}, {"id": "b", "text": story}, {"id": "a", "text": story}
    )
    mixed = jsonl(tmp_path / "mixed.jsonl", {"id": 1, "text": story}, {"id": "1", "text": story})
    numbered = jsonl(tmp_path / "numbered.jsonl", {"text": story}, {"id": "1", "text": story})
    good = jsonl(tmp_path / "good.jsonl", {"text": story}, {"id": "2b", "text": story})
    out = tmp_path / "out.jsonl"
    result = invoke(
        "summarize", str(repeated), str(mixed), str(numbered), str(good), "--format", "jsonl", "-o", str(out)
    )
    assert result.exit_code == 3
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(line["input"], line["id"], "error" in line) for line in lines] == [
        (str(repeated), None, True),
        (str(mixed), None, True),
        (str(numbered), None, True),
        (str(good), "1", False),
        (str(good), "2b", False),
    ]
    assert lines[0]["error"]["message"] == (
        f"{repeated}: lines 1 and 3 of the JSONL input have the same article id 'a'; give each article its own id"
    )
    assert "lines 1 and 2 of the JSONL input have the same article id '1'" in lines[1]["error"]["message"]
    assert "lines 1 and 2 of the JSONL input have the same article id '1'" in lines[2]["error"]["message"]
    single = invoke("summarize", str(repeated))
    assert (single.exit_code, single.stdout) == (2, "")
    assert (
        single.stderr
        == f"Error: {repeated}: lines 1 and 3 of the JSONL input have the same article id 'a'; give each article its own id\n"
    )


# --- resume only what this command wrote ---------------------------------------------------------


def translation_line(target: str) -> str:
    return (
        json.dumps({"input": "x.txt", "id": "1", "language": "ar", "target": target, "paragraphs": [], "problems": []})
        + "\n"
    )


def test_resume_refuses_another_commands_results_before_any_work(tmp_path: Path) -> None:
    summaries = tmp_path / "summaries.jsonl"
    assert invoke(
        "summarize", str(EXAMPLES / "harbour-en.txt"), "--format", "jsonl", "-o", str(summaries)
    ).exit_code in (0, 1)
    into_english = tmp_path / "en.jsonl"
    into_english.write_text(translation_line("en"), encoding="utf-8")
    cases = [
        (["translate", "--to", "en"], summaries, "line 1 is a summary, not a translation into 'en'"),
        (["summarize"], into_english, "line 1 is a translation into 'en', not a summary"),
        (["translate", "--to", "ar"], into_english, "line 1 is a translation into 'en', not a translation into 'ar'"),
    ]
    for command, output, what in cases:
        before = output.read_bytes()
        result = invoke(*command, str(EXAMPLES / "harbour-en.txt"), "--format", "jsonl", "-o", str(output), "--resume")
        assert (result.exit_code, result.stderr) == (2, f"Error: {output}: {what}; cannot resume it\n")
        assert output.read_bytes() == before
    assert prepare_resume(str(into_english), target="en") == {("x.txt", "1")}


# --- small ones ----------------------------------------------------------------------------------


def test_a_directory_with_no_input_files_says_so_and_lists_the_suffixes(tmp_path: Path) -> None:
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "paper.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text(ENGLISH, encoding="utf-8")
    result = invoke("summarize", str(folder))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {folder}: is a directory with no input files (it takes its own files ending in "
        ".txt, .md, .html, .htm or .jsonl, gzipped or not; not subdirectories nor hidden files)\n"
    )


def test_dry_run_refuses_html(tmp_path: Path) -> None:
    for command in (["summarize"], ["translate", "--to", "ar"]):
        result = invoke(*command, str(EXAMPLES / "harbour-en.txt"), "--dry-run", "--format", "html")
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            "Error: --dry-run prints md, json or jsonl, not html\n",
        )


def test_utf16_input_is_noted(tmp_path: Path) -> None:
    source = tmp_path / "utf16.txt"
    source.write_bytes(codecs.BOM_UTF16_LE + ENGLISH.encode("utf-16-le"))
    result = invoke("summarize", str(source), "--format", "json")
    assert result.exit_code in (0, 1)
    note = "The input was decoded as UTF-16 (named by its byte-order mark)."
    assert f"Note: {note}" in result.stderr.splitlines()
    assert note in json.loads(result.stdout)["articles"][0]["notes"]
