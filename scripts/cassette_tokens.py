#!/usr/bin/env python3
"""Prompt tokens of the recorded tests' first requests, as the model server counts them: the cassettes'
requests (the prompts they were recorded with) against the current prompts' requests for the same articles.

Needs the local model server running (``scripts/serve-model start``; the ``record`` extra). Each
request is sent as the recorded tests send their first successful one (llama-cpp-python refuses
``json_schema``, so ``json_object`` with the schema written into the prompt), but with ``max_tokens``
1: the server then only counts and evaluates the prompt, which takes seconds, where a whole reply of
Gemma 3 270M takes minutes on two shared cores. Prints, per request: the prompt tokens the cassette
recorded (the server's own count at recording time), the server's count of that request now (the
two agree when the method is sound), and its count of the current prompts' request.

    scripts/serve-model start && python scripts/cassette_tokens.py; scripts/serve-model stop
    python scripts/cassette_tokens.py --cassettes /path/to/older/cassettes/test_recorded
"""

from __future__ import annotations

import argparse
import json
import os
import urllib.request
from pathlib import Path
from typing import Any

import yaml

from summarizer.articles import split_articles, split_paragraphs
from summarizer.engines.model.client import chat_arguments
from summarizer.engines.model.summarize import SummarizeTask
from summarizer.engines.model.templating import PromptSet
from summarizer.engines.model.translate import TranslateTask
from summarizer.glossary import glossary_from

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "article-ar-two-stories.txt"
EXAMPLES = ROOT / "examples"


def first_requests(cassette: Path) -> list[tuple[dict[str, Any], int]]:
    """The cassette's requests that opened a conversation and got a reply: their bodies and recorded prompt tokens."""
    found = []
    for interaction in yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"]:
        request, response = interaction["request"], interaction["response"]
        if request["method"] != "POST" or response["status"]["code"] != 200:
            continue
        body = json.loads(request["body"])
        if len(body["messages"]) == 2:
            usage = json.loads(response["body"]["string"]).get("usage") or {}
            found.append((body, int(usage.get("prompt_tokens") or 0)))
    return found


def current_requests(model: str) -> dict[str, list[dict[str, Any]]]:
    """The current prompts' first requests for the recorded tests' articles, as the server gets them."""
    prompts = PromptSet()
    seed = SEED.read_text(encoding="utf-8")

    def summary(text: str, languages: tuple[str, ...]) -> list[dict[str, Any]]:
        task = SummarizeTask(languages, prompts)
        schema = {"type": "json_object", "schema": task.schema(False)}
        return [
            chat_arguments(model, task.request(article, article.sentences, True), schema, 1)
            for article in split_articles(text)
        ]

    first = split_articles(seed)[0]
    story = seed[first.offset : first.offset + len(first.text)]
    [article] = split_articles(story)
    translate = TranslateTask("en", glossary_from(None).oriented("en"), prompts)
    paragraphs = split_paragraphs(article.text)
    part = translate.over(paragraphs)
    translation = chat_arguments(
        model, part.request(article, paragraphs, True), {"type": "json_object", "schema": part.schema(False)}, 1
    )
    return {
        "test_seed_two_arabic_stories": summary(seed, ("en", "ar")),
        "test_english_example": summary((EXAMPLES / "harbour-en.txt").read_text(encoding="utf-8"), ("en", "ar")),
        "test_structured_output_falls_back_to_json_object": summary(
            (EXAMPLES / "water-ar.txt").read_text(encoding="utf-8"), ("ar",)
        ),
        "test_translate_first_seed_story_into_english": [translation],
    }


def prompt_tokens(base_url: str, key: str, body: dict[str, Any]) -> int:
    """The server's count of a request's prompt (sent with max_tokens 1)."""
    body = {**body, "max_tokens": 1}
    body.pop("max_completion_tokens", None)
    request = urllib.request.Request(
        f"{base_url}/chat/completions",
        data=json.dumps(body).encode("utf-8"),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=600) as reply:
        return int(json.loads(reply.read())["usage"]["prompt_tokens"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cassettes", type=Path, default=ROOT / "cassettes" / "test_recorded")
    arguments = parser.parse_args()
    recorded = json.loads((ROOT / "cassettes" / "recorded-with.json").read_text(encoding="utf-8"))
    port = os.environ.get("SUMMARIZER_MODEL_PORT", "8765")
    base_url = f"http://127.0.0.1:{port}/v1"
    key = os.environ.get("SUMMARIZER_MODEL_KEY", "sk-local-recording")
    current = current_requests(recorded["model"])
    print(f"server {base_url}, model {recorded['model']}; prompt tokens as the server counts them")
    print("| test | request | recorded (cassette) | cassette's request now | current prompts | change |")
    print("|---|---|---|---|---|---|")
    totals = [0, 0]
    for name, bodies in current.items():
        before = first_requests(arguments.cassettes / f"{name}.yaml")
        for number, ((old, recorded_tokens), new) in enumerate(zip(before, bodies, strict=True), 1):
            old_now, new_now = prompt_tokens(base_url, key, old), prompt_tokens(base_url, key, new)
            totals[0] += old_now
            totals[1] += new_now
            change = (new_now - old_now) / old_now
            print(f"| {name} | {number} | {recorded_tokens} | {old_now} | {new_now} | {change:+.1%} |", flush=True)
    print(f"| **all first requests** | | | {totals[0]} | {totals[1]} | {(totals[1] - totals[0]) / totals[0]:+.1%} |")


if __name__ == "__main__":
    main()
