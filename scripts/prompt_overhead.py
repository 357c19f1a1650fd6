#!/usr/bin/env python3
"""Prompt overhead on what is sent: tokens each article's first requests carry beyond the article text.

Starts a logging server on 127.0.0.1 (scripts/load_server.py, serving ``--model``, default
gpt-5-mini) and runs the installed ``summarizer`` against it, as a fresh process from a temporary
directory, over every article of ../shared/corpus (881): ``summarize`` (both summaries), then
``translate`` (English articles into Arabic, Arabic ones into English, ``--max-repairs 0``), each
``--concurrency 1 --no-cache``. The server keeps every request body; an article's first requests
(system and user message, before any retry or repair) are counted with load_server.sent_tokens:
the messages with their framing and the json_schema object, in tiktoken tokens. Overhead = those
tokens minus the article text's. Prints the median (and mean, quartiles, max) per command, and
the median schema share.

    python scripts/prompt_overhead.py
    python scripts/prompt_overhead.py --python /path/to/other/venv/bin/python   # another install
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_server import LoadServer, sent_tokens

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus() -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for name in ("english.jsonl", "arabic.jsonl")
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def run(python: str, arguments: list[str], server: LoadServer, model: str, cwd: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "SUMMARIZER_"))}
    env |= {"OPENAI_BASE_URL": server.url, "OPENAI_API_KEY": "sk-overhead", "SUMMARIZER_MODEL": model}
    command = [python, "-m", "summarizer", *arguments, "--no-cache", "--concurrency", "1"]
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(arguments[:1])} exited {done.returncode}: {done.stderr[-2000:]}")


def first_requests(bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The requests that open a conversation (a system and a user message), in the order they came."""
    return [body for body in bodies if [m["role"] for m in body["messages"]] == ["system", "user"]]


def schema_tokens(body: dict[str, Any]) -> int:
    return sent_tokens(body) - sent_tokens({**body, "response_format": {}})


def first_paragraph(body: dict[str, Any]) -> int:
    fenced = body["messages"][1]["content"].split("ARTICLE START\n", 1)[1]
    return int(fenced.split(" ", 1)[0].strip("[]"))  # "1 " (prompts v3) or "[1] " (earlier versions)


def summarize_overhead(python: str, server: LoadServer, model: str, rows: list[dict[str, Any]], work: Path) -> Any:
    from summarizer.engines.model.counting import count_tokens

    feed = work / "corpus.jsonl"
    feed.write_text("".join(json.dumps({"id": row["id"], "text": row["text"]}) + "\n" for row in rows), "utf-8")
    server.bodies.clear()
    run(python, ["summarize", str(feed), "--format", "jsonl", "-o", str(work / "summaries.jsonl")], server, model, work)
    bodies = first_requests(server.bodies)
    if len(bodies) != len(rows):  # one request per article: none of the corpus is chunked in a 400k window
        raise SystemExit(f"summarize: {len(bodies)} first requests for {len(rows)} articles")
    overheads = [sent_tokens(body) - count_tokens(row["text"], model) for body, row in zip(bodies, rows, strict=True)]
    return overheads, [schema_tokens(body) for body in bodies]


def translate_overhead(python: str, server: LoadServer, model: str, rows: list[dict[str, Any]], work: Path) -> Any:
    from summarizer.engines.model.counting import count_tokens

    overheads: list[int] = []
    schemas: list[int] = []
    for language, target in (("en", "ar"), ("ar", "en")):
        chosen = [row for row in rows if row["lang"] == language]
        feed = work / f"corpus-{language}.jsonl"
        feed.write_text("".join(json.dumps({"id": row["id"], "text": row["text"]}) + "\n" for row in chosen), "utf-8")
        server.bodies.clear()
        out = work / f"translations-{language}.jsonl"
        run(
            python,
            ["translate", str(feed), "--to", target, "--format", "jsonl", "-o", str(out), "--max-repairs", "0"],
            server,
            model,
            work,
        )
        articles: list[list[dict[str, Any]]] = []
        for body in first_requests(server.bodies):  # an article's groups of paragraphs come one after another
            if first_paragraph(body) == 1:
                articles.append([])
            articles[-1].append(body)
        if len(articles) != len(chosen):
            raise SystemExit(f"translate --to {target}: {len(articles)} articles' requests for {len(chosen)}")
        for bodies, row in zip(articles, chosen, strict=True):
            overheads.append(sum(sent_tokens(body) for body in bodies) - count_tokens(row["text"], model))
            schemas.append(sum(schema_tokens(body) for body in bodies))
    return overheads, schemas


def describe(name: str, overheads: list[int], schemas: list[int]) -> str:
    quartiles = statistics.quantiles(overheads, n=4)
    median, mean = statistics.median(overheads), statistics.mean(overheads)
    spread = f"{quartiles[0]:.0f} / {quartiles[2]:.0f} | {max(overheads)}"
    return (
        f"| {name} | {len(overheads)} | **{median:.0f}** | {mean:.1f} | {spread} | {statistics.median(schemas):.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="gpt-5-mini", help="the model the server serves and the run asks for")
    parser.add_argument("--python", default=sys.executable, help="the interpreter whose summarizer is measured")
    parser.add_argument("--only", choices=("summarize", "translate"), help="one command only")
    arguments = parser.parse_args()
    rows = corpus()
    with (
        tempfile.TemporaryDirectory(prefix="summarizer-overhead-") as scratch,
        LoadServer(delay=0.0, log=True, models=(arguments.model,)) as server,
    ):
        work = Path(scratch)
        print(
            f"{len(rows)} corpus articles, model {arguments.model}, tokens counted with tiktoken on each request body"
        )
        print("| command | articles | median overhead | mean | quartiles | max | median schema tokens |")
        print("|---|---|---|---|---|---|---|")
        if arguments.only in (None, "summarize"):
            print(describe("summarize", *summarize_overhead(arguments.python, server, arguments.model, rows, work)))
        if arguments.only in (None, "translate"):
            print(describe("translate", *translate_overhead(arguments.python, server, arguments.model, rows, work)))


if __name__ == "__main__":
    main()
