"""Every command the README and the docs/ pages show in a ```bash block works as written.

Commands that need neither network nor a model run on every test run, in a scratch directory
holding the files the pages name (article.txt, feed.txt, source.txt, summary.txt) and with this
environment's `summarizer` first on PATH. Install commands need the package index and minutes, so
they run only with SUMMARIZER_README_INSTALL=1, in a fresh clone of HEAD. Commands that need a model
server or an OpenAI key run as written without one, where they must stop with one clear Error: line;
the recording and vLLM commands, which cannot run here, must name scripts, extras and files that exist.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, recorded_with_other_prompts

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
NEEDS_A_MODEL = (
    "scripts/record-cassettes",
    "PYTEST_OPENAI_API_KEY",
    "[test,record]",
    "needs OPENAI_API_KEY",
    "batch status",
    "batch collect",
    "run_batch",
    "summarizer translate",
)
INSTALLS = ("pip install", "python3 -m venv")


def page_commands(page: Path) -> list[str]:
    """The logical command lines of a page's bash blocks (continuations joined)."""
    commands = []
    for block in re.findall(r"^```bash\n(.*?)^```", page.read_text(encoding="utf-8"), re.M | re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                commands.append(line.strip())
    return commands


def readme_commands() -> list[str]:
    """Every page's commands, each once, in page order (the README first)."""
    return list(dict.fromkeys(command for page in PAGES for command in page_commands(page)))


def kind(command: str) -> str:
    if any(marker in command for marker in NEEDS_A_MODEL):
        return "model"
    if any(marker in command for marker in INSTALLS):
        return "install"
    return "offline"


COMMANDS = readme_commands()


def test_the_readme_shows_commands_of_each_kind() -> None:
    assert {kind(command) for command in COMMANDS} == {"model", "install", "offline"}


def test_the_walk_reads_the_readme_and_every_docs_page() -> None:
    names = {page.name for page in PAGES}
    assert {"README.md", "usage.md", "runs.md", "review-page.md", "recording-cassettes.md"} <= names
    assert all(page_commands(ROOT / "docs" / name) for name in ("usage.md", "runs.md", "review-page.md"))
    assert any(command.startswith("summarizer summarize article.txt --dry-run") for command in COMMANDS)  # usage.md
    assert any(kind(command) == "install" for command in page_commands(ROOT / "README.md"))


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A directory like a checkout's root, with the example files the README's commands name."""
    for name in ("examples", "scripts", "cassettes", "prompts"):
        (tmp_path / name).symlink_to(ROOT / name)
    english = (EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8")
    arabic = (EXAMPLES / "water-ar.txt").read_text(encoding="utf-8")
    (tmp_path / "article.txt").write_text(english, encoding="utf-8")
    (tmp_path / "feed.txt").write_text(f"{english}\n=====\n{arabic}", encoding="utf-8")
    (tmp_path / "source.txt").write_text(english, encoding="utf-8")
    (tmp_path / "summary.txt").write_text("The harbour handled 3.5 million tonnes.", encoding="utf-8")
    (tmp_path / "extra.txt").write_text(arabic, encoding="utf-8")
    (tmp_path / "more-news.jsonl").write_text(json.dumps({"id": "1", "text": english}) + "\n", encoding="utf-8")
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "harbour.txt").write_text(english, encoding="utf-8")
    return tmp_path


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env.update(extra)
    return env


@pytest.mark.parametrize("command", [c for c in COMMANDS if kind(c) == "offline"])
def test_offline_command_runs_as_written(scratch: Path, command: str) -> None:
    replayed = re.search(r"replay_cassette\.py (\S+)", command)
    if replayed and (reason := recorded_with_other_prompts(ROOT / replayed[1])) is not None:
        pytest.skip(reason)
    env = clean_env(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", XDG_STATE_HOME=str(scratch / "state")
    )
    proc = subprocess.run(["bash", "-c", command], cwd=scratch, capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr  # 1: written, with numbers flagged
    assert "Error:" not in proc.stderr and "Traceback" not in proc.stderr
    assert proc.stdout or any(path.suffix in {".json", ".jsonl", ".html", ".md"} for path in scratch.iterdir())


@pytest.mark.parametrize("command", [c for c in COMMANDS if kind(c) == "model"])
def test_model_command_needs_a_model(scratch: Path, command: str) -> None:
    """A command shown as needing a model does, and says so: run as written with no key and no server, a
    `summarizer` command stops with one Error: line (what is missing) and no traceback. The commands that
    record cassettes or run vLLM cannot run here: what they name (script, extra, files) must exist."""
    env = clean_env(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", XDG_STATE_HOME=str(scratch / "state")
    )
    env.pop("PYTEST_OPENAI_API_KEY", None)
    if command.startswith("summarizer "):
        proc = subprocess.run(["bash", "-c", command], cwd=scratch, capture_output=True, text=True, env=env, timeout=60)
        assert proc.returncode not in (0, 1), proc.stdout
        assert proc.stderr.startswith("Error: ") and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    elif "scripts/record-cassettes" in command:
        for script in ("record-cassettes", "serve-model"):  # the local recording starts scripts/serve-model
            assert os.access(ROOT / "scripts" / script, os.X_OK), script
        if "--openai" in command:  # as written but without the key: refused before anything runs
            as_run = re.sub(r"^PYTEST_OPENAI_API_KEY=\S+\s+", "", command)
            proc = subprocess.run(
                ["bash", "-c", as_run], cwd=scratch, capture_output=True, text=True, env=env, timeout=60
            )
            assert proc.returncode != 0 and "set PYTEST_OPENAI_API_KEY" in proc.stderr, proc.stderr
    elif "[test,record]" in command:
        assert re.search(r"^record = \[", (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    elif "run_batch" in command:  # vLLM reads what `batch submit --no-upload` writes; `collect --file` reads its output
        assert "-i requests.jsonl" in command and "-o results.jsonl" in command
        assert any("--no-upload -o requests.jsonl" in other for other in COMMANDS if kind(other) == "offline")
        assert any("--file results.jsonl --requests requests.jsonl" in other for other in COMMANDS)
    else:
        pytest.fail(f"a command that needs a model, with no check here: {command}")


@pytest.mark.skipif(
    not os.environ.get("SUMMARIZER_README_INSTALL"),
    reason="installs from the package index (minutes): set SUMMARIZER_README_INSTALL=1",
)
@pytest.mark.parametrize("command", [c for c in COMMANDS if kind(c) == "install"])
def test_install_command_runs_in_a_fresh_clone(tmp_path: Path, command: str) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    shared = ROOT.parent / "shared"
    if shared.exists():
        (tmp_path / "shared").symlink_to(shared)
    env = clean_env()  # without SUMMARIZER_README_INSTALL, so the clone's own tests do not recurse
    proc = subprocess.run(["bash", "-c", command], cwd=clone, capture_output=True, text=True, env=env, timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    shutil.rmtree(clone / ".venv", ignore_errors=True)
