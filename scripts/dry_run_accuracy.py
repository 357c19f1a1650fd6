#!/usr/bin/env python3
"""The dry run against the real first requests: input tokens per article, on a fixed sample of the corpus.

Starts a logging server on 127.0.0.1 (scripts/load_server.py) and runs the installed ``summarizer``
against it twice per case, as fresh processes from a temporary directory: ``summarize FEED
--dry-run --format json`` (which asks the server what it serves and calls no model), then
``summarize FEED --format jsonl --no-cache --concurrency 1``, whose request bodies the server
keeps. Each article's first requests (one, or one per part of a long article; not the merge, whose
input is the parts' replies) are counted as sent with load_server.sent_tokens (the messages with
their framing and the json_schema object, tiktoken). Two cases: the default model (the server
serves gpt-5-mini and the run names it) and a served model (the server's only model, not named:
``bench-model``, whose window is the default 8,192, so long articles go in parts). Prints each
article's dry-run and sent tokens, the difference, and how many are within 5%.

    python scripts/dry_run_accuracy.py                 # 20 articles, seed 20
    python scripts/dry_run_accuracy.py --sample 50 --seed 7
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_server import MODEL, LoadServer, sent_tokens

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TOLERANCE = 0.05


def sample(size: int, seed: int) -> list[dict[str, Any]]:
    rows = [
        json.loads(line)
        for name in ("english.jsonl", "arabic.jsonl")
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return random.Random(seed).sample(rows, size)


def summarize(python: str, arguments: list[str], server: LoadServer, cwd: Path) -> str:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "SUMMARIZER_"))}
    env |= {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-dry-run"}
    command = [python, "-m", "summarizer", "summarize", *arguments]
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"summarize exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def first_sentence(body: dict[str, Any]) -> int:
    fenced = body["messages"][1]["content"].split("ARTICLE START\n", 1)[1]
    return int(fenced.split(" ", 1)[0].strip("[]"))


def article_requests(bodies: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The first requests of each article, in order (one article at a time): a request showing the article
    (its fence) opens a conversation; a part's request starts after sentence 1, a new article's at it."""
    articles: list[list[dict[str, Any]]] = []
    for body in bodies:
        roles = [message["role"] for message in body["messages"]]
        if roles != ["system", "user"] or "ARTICLE START\n" not in body["messages"][1]["content"]:
            continue  # a retry, a repair or a merge
        if first_sentence(body) == 1:
            articles.append([])
        articles[-1].append(body)
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--python", default=sys.executable, help="the interpreter whose summarizer is measured")
    arguments = parser.parse_args()
    python = arguments.python
    rows = sample(arguments.sample, arguments.seed)
    cases = [("default model", "gpt-5-mini", ["--model", "gpt-5-mini"]), ("served model", MODEL, [])]
    with tempfile.TemporaryDirectory(prefix="summarizer-dry-run-") as scratch:
        work = Path(scratch)
        feed = work / "sample.jsonl"
        feed.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows), "utf-8")
        for label, served, named in cases:
            with LoadServer(delay=0.0, log=True, models=(served,)) as server:
                dry = json.loads(summarize(python, [str(feed), "--dry-run", "--format", "json", *named], server, work))
                assert not server.bodies, "the dry run called the model"
                out = work / "out.jsonl"
                summarize(
                    python,
                    [str(feed), "--format", "jsonl", "-o", str(out), "--no-cache", "--concurrency", "1", *named],
                    server,
                    work,
                )
                sent = article_requests(server.bodies)
            estimates = dry["articles"]
            if len(sent) != len(estimates):
                raise SystemExit(f"{label}: {len(sent)} articles' requests for {len(estimates)} dry-run rows")
            window = estimates[0].get("context_window", "not given")
            print(
                f"\n{label}: {served} (dry run's model {estimates[0]['model']}, window {window}), {len(rows)} "
                f"articles, seed {arguments.seed}"
            )
            print("| article | language | requests | dry run | sent | difference |")
            print("|---|---|---|---|---|---|")
            within = 0
            for row, estimate, requests in zip(rows, estimates, sent, strict=True):
                real = sum(sent_tokens(body) for body in requests)
                difference = (estimate["input_tokens"] - real) / real
                within += abs(difference) <= TOLERANCE
                print(
                    f"| {row['id'][-24:]} | {row['lang']} | {len(requests)} | {estimate['input_tokens']} | {real} | "
                    f"{difference:+.2%} |"
                )
            print(f"\n{label}: {within} of {len(rows)} within {TOLERANCE:.0%}")


if __name__ == "__main__":
    main()
