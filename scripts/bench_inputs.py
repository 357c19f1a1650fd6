"""Print how long the CLI takes to refuse or read hostile inputs (docs/inputs-and-faults.md).

    .venv/bin/python scripts/bench_inputs.py

Each case runs `python -m summarizer summarize` in a fresh process with the extractive engine and
prints its wall time, exit status and first stderr line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from summarizer.inputs import MAX_INPUT_BYTES

ROOT = Path(__file__).resolve().parents[1]


def timed(arguments: list[str], stdin_path: str | None = None) -> tuple[float, int, str]:
    env = {**os.environ, "SUMMARIZER_ENGINE": "extractive"}
    started = time.perf_counter()
    with open(stdin_path or os.devnull, "rb") as stdin:
        proc = subprocess.run(
            [sys.executable, "-m", "summarizer", "summarize", *arguments, "-o", os.devnull],
            stdin=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
    first = proc.stderr.splitlines()[0] if proc.stderr else ""
    return time.perf_counter() - started, proc.returncode, first


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        big = Path(scratch) / "50mb.txt"
        line = (ROOT / "examples" / "harbour-en.txt").read_bytes().replace(b"\n", b" ") + b"\n"
        with big.open("wb") as handle:
            handle.write(line * (50_000_000 // len(line) + 1))
        prose_feed = Path(scratch) / "50mb-prose.jsonl"  # a feed exported wrong: every line checked, then refused
        prose_feed.symlink_to(big)
        fifo = Path(scratch) / "feed.fifo"
        os.mkfifo(fifo)
        cases = [
            ("/dev/zero as FILE", ["/dev/zero"], None),
            ("/dev/zero on standard input", ["-"], "/dev/zero"),
            ("50 MB file", [str(big)], None),
            ("50 MB on standard input", ["-"], str(big)),
            ("50 MB of prose named .jsonl", [str(prose_feed), "--format", "jsonl"], None),
            ("named pipe, no writer", [str(fifo)], None),
        ]
        print(f"input limit: {MAX_INPUT_BYTES:,} bytes")
        for label, arguments, stdin in cases:
            seconds, status, first = timed(arguments, stdin)
            print(f"{label:30} {seconds:6.2f} s  exit {status}  {first.replace(scratch, '')}")


if __name__ == "__main__":
    main()
