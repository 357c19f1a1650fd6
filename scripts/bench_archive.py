#!/usr/bin/env python3
"""Peak memory of a JSONL archive against a small feed, through the extractive engine; gzip input.

Builds, in a temporary directory under /tmp (never in the project), JSONL feeds of corpus articles
from ../shared/corpus (cycled, each with a new id): 100 articles and ``--articles`` (12,500 by
default, about 40 MB). Runs the installed ``summarizer summarize FEED --engine extractive --format
jsonl -o OUT`` on each as a fresh process (from the temporary directory, so the source tree is not
imported), and prints its seconds and peak RSS (the high-water mark from wait4, as ``/usr/bin/time
-v`` prints it), the ratio to 100 articles, and whether every article was written exactly once.
Then a ``.jsonl.gz`` of 100 articles, named as a file and piped to standard input (``-``): the lines
it gives.

    python scripts/bench_archive.py                    # 100 vs 12,500 articles, gzip 100
    python scripts/bench_archive.py --articles 2000
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_records() -> Iterator[dict[str, str]]:
    """The corpus articles, English and Arabic in turn, over and over, each time with a new id.

    In turn, so that 100 articles are the same mix as 12,500: an English-only sample would never load the
    Arabic word list a larger feed loads, and compare two kinds of feed rather than two lengths.
    """
    english, arabic = (
        [json.loads(line) for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        for name in ("english.jsonl", "arabic.jsonl")
    )
    rows = [row for pair in itertools.zip_longest(english, arabic) for row in pair if row is not None]
    for round_number in range(1_000_000):
        for row in rows:
            yield {"id": f"{round_number}-{row['id']}", "title": row.get("title") or "", "text": row["text"]}


def write_feed(handle: IO[str], count: int) -> None:
    records = corpus_records()
    for _ in range(count):
        handle.write(json.dumps(next(records), ensure_ascii=False) + "\n")


def run(arguments: list[str], out: Path, cwd: Path, stdin: Path | None = None) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one ``summarizer summarize ... -o out`` process."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "SUMMARIZER_"))}
    command = [
        sys.executable,
        "-m",
        "summarizer",
        "summarize",
        *arguments,
        "--engine",
        "extractive",
        "--format",
        "jsonl",
        "-o",
        str(out),
    ]
    started = time.perf_counter()
    with open(stdin or os.devnull, "rb") as given:
        process = subprocess.Popen(
            command, env=env, cwd=cwd, stdin=given, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        errors = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"summarize exited {code}: {errors[-2000:]}")
    return elapsed, usage.ru_maxrss


def written_once(out: Path, count: int) -> tuple[int, bool]:
    """Lines in ``out``, and whether they are ``count`` articles, each exactly once and none failed."""
    ids: set[str] = set()
    lines = 0
    failed = False
    with out.open(encoding="utf-8") as handle:
        for line in handle:
            lines += 1
            record = json.loads(line)
            ids.add(record["id"])
            failed = failed or "error" in record
    return lines, lines == count == len(ids) and not failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12_500)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="summarizer-archive-") as scratch:
        work = Path(scratch)
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs; feeds built in {work}")
        print("| articles | MB | seconds | peak RSS MiB | ratio to 100 | lines | every article once |")
        print("|---|---|---|---|---|---|---|")
        small = 0
        for count in (100, arguments.articles):
            feed = work / f"feed-{count}.jsonl"
            with feed.open("w", encoding="utf-8") as handle:
                write_feed(handle, count)
            out = work / f"out-{count}.jsonl"
            seconds, rss = run([str(feed)], out, work)
            small = small or rss
            lines, once = written_once(out, count)
            megabytes = feed.stat().st_size / 1e6
            print(
                f"| {count} | {megabytes:.1f} | {seconds:.1f} | {rss / 1024:.1f} | {rss / small:.2f} | {lines} | "
                f"{'yes' if once else 'NO'} |",
                flush=True,
            )
            feed.unlink()
        packed = work / "feed-100.jsonl.gz"
        with gzip.open(packed, "wt", encoding="utf-8") as handle:
            write_feed(handle, 100)
        print(f"\n| gzip input ({packed.stat().st_size / 1e3:.0f} kB, 100 articles) | lines | every article once |")
        print("|---|---|---|")
        for label, given, stdin in (("file feed-100.jsonl.gz", str(packed), None), ("standard input (-)", "-", packed)):
            out = work / "out-gz.jsonl"
            run([given], out, work, stdin=stdin)
            lines, once = written_once(out, 100)
            print(f"| {label} | {lines} | {'yes' if once else 'NO'} |", flush=True)


if __name__ == "__main__":
    main()
