"""Prompt templates: golden renders, sandboxing, StrictUndefined, user overrides, versions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

from summarizer.articles import split_articles
from summarizer.engines.model.summarize import MAX_FIGURES, SummarizeTask, reply_schema, summary_schema
from summarizer.engines.model.templating import PromptSet, render_source
from summarizer.errors import ConfigurationError

GOLDEN = ROOT / "tests" / "golden"


def task(prompts: PromptSet, languages: tuple[str, ...] = ("en", "ar")) -> SummarizeTask:
    return SummarizeTask(languages, prompts)


def rendered(name: str, languages: tuple[str, ...] = ("en", "ar"), schema_in_prompt: bool = False) -> str:
    article = split_articles((EXAMPLES / name).read_text(encoding="utf-8"))[0]
    messages = task(PromptSet(), languages).request(article, article.sentences, schema_in_prompt)
    return "".join(f"<<{m['role']}>>\n{m['content']}" for m in messages)


@pytest.mark.parametrize(
    ("golden", "example", "languages", "schema_in_prompt"),
    [
        ("summarize-harbour-en.txt", "harbour-en.txt", ("en", "ar"), False),
        ("summarize-water-ar.txt", "water-ar.txt", ("en", "ar"), False),
        ("summarize-water-ar-json-object.txt", "water-ar.txt", ("ar",), True),
    ],
)
def test_golden_prompts(golden: str, example: str, languages: tuple[str, ...], schema_in_prompt: bool) -> None:
    """The exact prompt sent. Regenerate on purpose with SUMMARIZER_UPDATE_GOLDEN=1 after a new template version."""
    text = rendered(example, languages, schema_in_prompt)
    path = GOLDEN / golden
    if os.environ.get("SUMMARIZER_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


MERGE_REPLY = {
    "summary_en": [{"text": "Northmere shipped 1.2 million tonnes of grain.", "sources": [1]}],
    "summary_ar": [{"text": "شحن ميناء نورثمير 1.2 مليون طن من الحبوب.", "sources": [1]}],
    "key_figures": [
        {
            "number": "1.2 million",
            "quote": "1.2 million tonnes",
            "label_en": "tonnes of grain",
            "label_ar": "طن من الحبوب",
            "sentence": 1,
        }
    ],
}


@pytest.mark.parametrize(
    ("golden", "example", "languages", "schema_in_prompt"),
    [
        ("merge-harbour-en.txt", "harbour-en.txt", ("en", "ar"), False),
        ("merge-water-ar-json-object.txt", "water-ar.txt", ("ar",), True),
    ],
)
def test_golden_merge_requests(golden: str, example: str, languages: tuple[str, ...], schema_in_prompt: bool) -> None:
    """The merge request of a long article's parts, without a glossary, exactly as merge.v1 rendered it (the
    goldens were rendered by the code of ee336b1): merge.v2 added the glossary's lines and nothing else."""
    import json

    from summarizer.engines.model.summarize import parse_reply

    article = split_articles((EXAMPLES / example).read_text(encoding="utf-8"))[0]
    parts = [parse_reply(json.dumps(MERGE_REPLY, ensure_ascii=False))] * 2
    messages = task(PromptSet(), languages).merge(article, parts, schema_in_prompt)
    assert "".join(f"<<{m['role']}>>\n{m['content']}" for m in messages) == (GOLDEN / golden).read_text(
        encoding="utf-8"
    )


def test_article_text_is_never_template_source() -> None:
    text = "The minister said {{ 7 * 6 }} and {% raw %} 12 people were hurt."
    article = split_articles(text)[0]
    messages = task(PromptSet()).request(article, article.sentences, False)
    assert "{{ 7 * 6 }}" in messages[1]["content"] and "42" not in messages[1]["content"]


def test_missing_variable_is_an_error() -> None:
    with pytest.raises(ConfigurationError, match="'nope' is undefined"):
        render_source("Hello {{ nope }}", "test.v1")


def test_sandbox_blocks_unsafe_attribute_access() -> None:
    with pytest.raises(ConfigurationError, match="cannot render"):
        render_source("{{ x.__class__.__mro__ }}", "test.v1", x="a")


def test_user_directory_overrides_and_newest_version_wins(tmp_path: Path) -> None:
    (tmp_path / "system.v1.jinja").write_text("old", encoding="utf-8")
    (tmp_path / "system.v2.jinja").write_text("You summarize news. {{ 1 + 1 }}", encoding="utf-8")
    prompts = PromptSet(tmp_path)
    assert prompts.template("system").name == "system.v2"
    assert prompts.render("system") == "You summarize news. 2\n"
    assert prompts.template("summarize").name == "summarize.v4"  # falls back to the shipped one


def test_missing_prompt_directory() -> None:
    with pytest.raises(ConfigurationError, match="nowhere: prompt directory not found"):
        PromptSet("nowhere")


def test_schema_bounds_arrays() -> None:
    schema = reply_schema(("en", "ar"))
    assert schema["required"] == ["summary_en", "summary_ar", "key_figures"]
    assert schema["properties"]["key_figures"]["maxItems"] == MAX_FIGURES
    assert schema["properties"]["summary_ar"] == {"$ref": "#/$defs/summary"}  # one definition for every language
    assert summary_schema(schema)["items"]["properties"]["sources"]["maxItems"] == 3
