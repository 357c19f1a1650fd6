#!/usr/bin/env python3
"""Throughput and memory of many-article runs, against a local server that answers in 300 ms.

Starts scripts/load_server.py in this process (127.0.0.1, valid structured replies after a fixed
delay), builds a JSONL feed from ../shared/corpus (cycled, with unique ids), and times
``summarizer summarize FEED --format jsonl -o OUT --no-cache`` as a fresh process (process start
counted) at each concurrency. The process runs the installed package (``python -m summarizer``
from the scratch directory, so that the source tree is not what is imported). Prints articles/s, that rate as a fraction of the latency bound
(concurrency / delay), the server's peak requests in flight, and the process's peak RSS (its
high-water mark, from wait4). Then the peak RSS for 100 and 2,000 articles, model and extractive.

    python scripts/bench_runs.py                       # 1,000 articles at 1, 8, 32, 64; memory 100 vs 2,000
    python scripts/bench_runs.py --articles 300 --concurrency 32 64 --no-memory
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_server import MODEL, LoadServer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_records() -> Iterator[dict[str, str]]:
    """The corpus articles (Arabic and English), over and over, each time with a new id."""
    files = [CORPUS / "english.jsonl", CORPUS / "arabic.jsonl"]
    rows = [
        json.loads(line) for path in files for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    for round_number in range(1_000_000):
        for number, row in enumerate(rows):
            yield {"id": f"{round_number}-{number}", "text": row["text"]}


def write_feed(path: Path, count: int) -> Path:
    records = corpus_records()
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(count):
            handle.write(json.dumps(next(records), ensure_ascii=False) + "\n")
    return path


def run_cli(feed: Path, out: Path, *, server: LoadServer | None, concurrency: int) -> tuple[float, float, int]:
    """Seconds (process start to exit), CPU seconds and peak RSS in KiB of one summarize run, in the feed's
    directory (not the project's: ``-m`` imports from the working directory first)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "SUMMARIZER_"))}
    if server is not None:
        # a local model's window is not in the catalogue: say it, as a user of such a server would
        env |= {
            "OPENAI_BASE_URL": server.url,
            "OPENAI_API_KEY": "sk-bench",
            "SUMMARIZER_MODEL": MODEL,
            "SUMMARIZER_CONTEXT_WINDOW": "32768",
        }
    else:
        env["SUMMARIZER_ENGINE"] = "extractive"
    command = [
        sys.executable,
        "-m",
        "summarizer",
        "summarize",
        str(feed),
        "--format",
        "jsonl",
        "-o",
        str(out),
        "--no-cache",
        "--concurrency",
        str(concurrency),
    ]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=feed.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"summarize exited {process.returncode}: {errors[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def lines_in(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32, 64])
    parser.add_argument("--delay", type=float, default=0.3)
    parser.add_argument("--no-memory", action="store_true", help="skip the 100 vs 2,000 articles memory runs")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch, LoadServer(delay=arguments.delay) as server:
        work = Path(scratch)
        feed = write_feed(work / "feed.jsonl", arguments.articles)
        print(
            f"{arguments.articles} corpus articles, server delay {arguments.delay * 1000:.0f} ms, python {sys.version.split()[0]}, "
            f"{os.cpu_count()} CPUs"
        )
        print(
            "| concurrency | seconds | articles/s | bound | fraction of bound | peak in flight | CPU s | peak RSS MiB |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for concurrency in arguments.concurrency:
            server.peak = 0
            out = work / f"out-{concurrency}.jsonl"
            seconds, cpu, rss = run_cli(feed, out, server=server, concurrency=concurrency)
            written = lines_in(out)
            if written != arguments.articles:
                raise SystemExit(f"concurrency {concurrency}: {written} lines for {arguments.articles} articles")
            rate, bound = arguments.articles / seconds, concurrency / arguments.delay
            print(
                f"| {concurrency} | {seconds:.2f} | {rate:.1f} | {bound:.1f} | {rate / bound:.3f} | {server.peak} | {cpu:.1f} | {rss / 1024:.1f} |",
                flush=True,
            )
        if arguments.no_memory:
            return
        print("\n| engine | articles | seconds | peak RSS MiB | ratio to 100 |")
        print("|---|---|---|---|---|")
        for engine in ("openai", "extractive"):
            small = None
            for count in (100, 2000):
                feed = write_feed(work / f"feed-{count}.jsonl", count)
                seconds, _, rss = run_cli(
                    feed, work / "mem.jsonl", server=server if engine == "openai" else None, concurrency=64
                )
                small = small or rss
                print(f"| {engine} | {count} | {seconds:.2f} | {rss / 1024:.1f} | {rss / small:.2f} |", flush=True)


if __name__ == "__main__":
    main()
