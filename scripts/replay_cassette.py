#!/usr/bin/env python3
"""Run the summarizer CLI against a recorded cassette instead of a live server.

    scripts/replay_cassette.py cassettes/test_recorded/test_english_example.yaml -- \
        summarize examples/harbour-en.txt --format json

The base URL and model the cassettes were recorded with are read from cassettes/recorded-with.json
(``--base-url`` and ``--model`` override them). Requests are matched on method, path and body, as
in the tests, so the input and options must be the ones the cassette was recorded with; a request
that is not in the cassette is one 'Error:' line (exit 2). Otherwise exits with the CLI's status.
Run from a checkout whose .venv has the test extra; the script re-runs itself with .venv/bin/python
when the python it was started with lacks vcrpy.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RECORDED_WITH = ROOT / "cassettes" / "recorded-with.json"
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"

try:
    import vcr
    import vcr.stubs.httpx_stubs
except ImportError:
    if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parents[1].resolve():
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), __file__, *sys.argv[1:]])
    sys.exit("Error: vcrpy is not installed: run .venv/bin/pip install -e '.[test]' first")

from summarizer.cli import cli
from summarizer.errors import InputError


class CassetteMismatch(InputError):
    """A request the cassette holds no reply for (raised in place of vcrpy's own exception)."""

    def __init__(self, *, cassette: Any, failed_request: Any) -> None:
        super().__init__(
            f"{cassette._path}: no recorded reply for {failed_request.method} {failed_request.path} with this body; "
            "replay with the input, options and prompts the cassette was recorded with",
            cassette=str(cassette._path),
        )


def main() -> None:
    if len(sys.argv) < 3 or "--" not in sys.argv:
        sys.exit(__doc__)
    split = sys.argv.index("--")
    cassette, arguments = sys.argv[1], sys.argv[split + 1 :]
    if not Path(cassette).is_file():
        sys.exit(f"Error: {cassette}: no such cassette")
    recorded = json.loads(RECORDED_WITH.read_text(encoding="utf-8"))
    os.environ.setdefault("OPENAI_BASE_URL", recorded["base_url"])
    os.environ.setdefault("SUMMARIZER_MODEL", recorded["model"])
    os.environ.setdefault("OPENAI_API_KEY", "sk-dummy-replay-key")
    os.environ.setdefault("SUMMARIZER_CONCURRENCY", "1")  # requests in the recorded order
    os.environ.setdefault("SUMMARIZER_NO_CACHE", "1")  # replay the cassette, not an earlier replay
    # vcrpy's exception would reach the CLI as an "unexpected failure" with a long diff.
    vcr.stubs.httpx_stubs.CannotOverwriteExistingCassetteException = CassetteMismatch
    replayer = vcr.VCR(record_mode="none", match_on=["method", "path", "body"], decode_compressed_response=True)
    with replayer.use_cassette(cassette):
        cli.main(args=arguments, prog_name="summarizer")


if __name__ == "__main__":
    main()
