"""The conversation runs any task: a second, toy task goes through ask, retry and repair unchanged."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from conftest import ScriptedBackend
from pydantic import BaseModel

from summarizer.articles import Article, Sentence, split_articles
from summarizer.config import Config
from summarizer.engines.model.client import Message
from summarizer.engines.model.conversation import converse, start_run
from summarizer.engines.model.task import Task
from summarizer.numbers import verify


class NumbersReply(BaseModel):
    numbers: list[str]


@dataclass
class NumbersReport:
    unsupported: list[str]

    @property
    def ok(self) -> bool:
        return not self.unsupported

    @property
    def needs_repair(self) -> bool:
        return not self.ok


class ListNumbers:
    """List the article's numbers: one module's worth of task, no template of its own."""

    template = "list_numbers"
    schema_name = "numbers"

    def schema(self, compact: bool) -> dict[str, Any]:
        return {"type": "object", "properties": {"numbers": {"type": "array", "items": {"type": "string"}}}}

    def units(self, article: Article) -> Sequence[Sentence]:
        return article.sentences

    def request(self, article: Article, units: Sequence[Sentence], schema_in_prompt: bool) -> list[Message]:
        return [{"role": "user", "content": "List the numbers:\n" + "\n".join(unit.text for unit in units)}]

    def merge(self, article: Article, parts: Sequence[NumbersReply], schema_in_prompt: bool) -> list[Message]:
        return [{"role": "user", "content": json.dumps([part.numbers for part in parts])}]

    def parse(self, content: str) -> NumbersReply:
        from summarizer.errors import ParseError

        try:
            return NumbersReply.model_validate_json(content)
        except ValueError as error:
            raise ParseError("not a list of numbers") from error

    def retry_variables(self, compact: bool) -> dict[str, Any]:
        return {"shorter": "with fewer numbers", "purpose": "to be checked"}

    def build(self, article: Article, reply: NumbersReply) -> list[str]:
        return reply.numbers

    def check(self, article: Article, output: list[str]) -> NumbersReport:
        return NumbersReport([m.text for m in verify(article.text, " ; ".join(output)).unsupported])

    def repair(self, article: Article, output: list[str], report: NumbersReport) -> str:
        return "Not in the article: " + ", ".join(report.unsupported)

    def chunked_note(self, parts: int) -> str:
        return f"{parts} parts"

    def unresolved_note(self, report: NumbersReport) -> str:
        return f"{len(report.unsupported)} left"


def test_a_second_task_runs_through_retry_and_repair() -> None:
    task: Task[NumbersReply, list[str], NumbersReport] = ListNumbers()
    article = split_articles("The port hired 150 workers. It spent $45 million.")[0]
    backend = ScriptedBackend(["no json", {"numbers": ["150", "99"]}, {"numbers": ["150", "45 million"]}])
    outcome = converse(article, task, start_run(Config(), backend))
    assert outcome.output == ["150", "45 million"] and outcome.report.ok
    assert (outcome.usage.calls, outcome.usage.repair_rounds) == (3, 1)
    assert "could not be used: not a list of numbers" in backend.requests[1][-1]["content"]
    assert backend.requests[2][-1]["content"] == "Not in the article: 99"
    assert outcome.notes == ["1 repair round(s) were run."]
