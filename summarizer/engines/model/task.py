"""The task interface: what the conversation needs to know about one kind of model work.

A task (summarization today, translation next) says which templates it renders,
what reply shape it asks for, how a reply is parsed and turned into output, how
the output is checked and what the repair message says. The conversation
(summarizer.engines.model.conversation) runs any task the same way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel, ValidationError

from summarizer.articles import Article
from summarizer.engines.model.client import Message
from summarizer.errors import ParseError

Reply = TypeVar("Reply")  # the task's parsed reply (a pydantic model)
Model = TypeVar("Model", bound=BaseModel)
Output = TypeVar("Output")  # what a reply becomes once located in the article


class CheckReport(Protocol):
    """A task's check report: ``ok`` once nothing is flagged; ``needs_repair`` while a repair round has
    something to ask the model (a summary's name that needs a person's review is flagged, not repaired)."""

    @property
    def ok(self) -> bool: ...

    @property
    def needs_repair(self) -> bool: ...


Check = TypeVar("Check", bound=CheckReport)  # the task's check report


class Unit(Protocol):
    """A piece of the article the model sees numbered (a sentence, a paragraph); chunks never cut one."""

    @property
    def start(self) -> int: ...


class Task(Protocol[Reply, Output, Check]):
    """One kind of model work over an article."""

    #: the template of the first request; its version is the result's ``prompt_version``
    template: str
    #: the name the reply schema is sent under (``response_format.json_schema.name``)
    schema_name: str

    def schema(self, compact: bool) -> dict[str, Any]:
        """The reply's JSON schema; ``compact`` asks for less after a reply was cut off."""
        ...

    def units(self, article: Article) -> Sequence[Unit]:
        """The numbered pieces of the article, in order."""
        ...

    def request(self, article: Article, units: Sequence[Any], schema_in_prompt: bool) -> list[Message]:
        """The system and user messages asking for the work on ``units`` (the whole article or one chunk)."""
        ...

    def parse(self, content: str) -> Reply:
        """The reply validated against the schema; ParseError names the first problem."""
        ...

    def retry_variables(self, compact: bool) -> dict[str, Any]:
        """Variables of the shared ``retry`` template besides ``reason`` and ``error``: ``shorter`` (how
        to ask for less after a cut-off reply) and ``purpose`` (what the article is for, after a refusal)."""
        ...

    def build(self, article: Article, reply: Reply) -> Output:
        """The output a reply gives, located in the article (offsets are never taken from the model)."""
        ...

    def check(self, article: Article, output: Output) -> Check:
        """The deterministic checks of the output against the article."""
        ...

    def repair(self, article: Article, output: Output, report: Check) -> str:
        """The follow-up message naming each problem the checks found."""
        ...

    def unresolved_note(self, report: Check) -> str:
        """The note saying what still fails after the repair rounds."""
        ...


def schema_text(schema: dict[str, Any]) -> str:
    """The reply schema as a prompt carries it (for a server that refuses json_schema): compact JSON, every
    token of it sent with each request."""
    return json.dumps(schema, ensure_ascii=False, separators=(",", ":"))


@runtime_checkable
class MergingTask(Task[Reply, Output, Check], Protocol[Reply, Output, Check]):
    """A task whose article, when too long for one request, is asked in chunks whose replies a last
    request merges (summarization). A task without ``merge`` is always asked in one request: it groups
    its units itself, as translation does (engines/model/translate.py)."""

    def merge(self, article: Article, parts: Sequence[Reply], schema_in_prompt: bool) -> list[Message]:
        """The messages asking to merge the replies of ``article``'s chunks into one."""
        ...

    def chunked_note(self, parts: int) -> str:
        """The note saying the article was done in ``parts`` chunks."""
        ...


def parse_json(content: str, model: type[Model]) -> Model:
    """Parse a reply and validate it against the task's reply ``model``; ParseError names the first problem."""
    try:
        data = json.loads(content, strict=False)  # small models put raw newlines inside strings
    except json.JSONDecodeError as error:
        raise ParseError(f"invalid JSON ({error.msg} at line {error.lineno} column {error.colno})") from error
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "reply"
        raise ParseError(f"the JSON does not match the schema: {where}: {first['msg']}") from error
