"""The error hierarchy. Every error the library raises on purpose is a SummarizerError.

Each class carries an ``exit_code`` that the CLI uses, and keyword context that
explains what went wrong (the path, the article, the model...).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

__all__ = ["ConfigurationError", "InputError", "ModelError", "ParseError", "ReplyProblem", "SummarizerError"]


class SummarizerError(Exception):
    """Base class: a failure a user can act on, with a one-line message."""

    exit_code = 3

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        self.context = context

    def __str__(self) -> str:
        return self.message


class InputError(SummarizerError):
    """The input could not be read or holds no text (empty, binary, undecodable, missing)."""

    exit_code = 2


class ConfigurationError(SummarizerError):
    """Options or settings that cannot work together (no key, bad language, missing template)."""

    exit_code = 2


class ModelError(SummarizerError):
    """The model back end failed: unreachable, bad key, unknown model, rate limited, refused.

    ``status`` is the HTTP status the server answered, when there was one.
    """

    exit_code = 3

    def __init__(self, message: str, *, status: int | None = None, **context: Any) -> None:
        if status is not None:
            context["status"] = status
        super().__init__(message, **context)
        self.status = status


class ReplyProblem(str, Enum):
    """Why a model reply cannot be used (the ``reason`` the retry prompt is rendered with)."""

    REFUSAL = "refusal"
    LENGTH = "length"
    INVALID = "invalid"


class ParseError(ModelError):
    """The model replied, but the reply could not be used (invalid JSON, wrong shape, truncated).

    ``reason`` says why, when it is known.
    """

    exit_code = 3

    def __init__(self, message: str, *, reason: ReplyProblem = ReplyProblem.INVALID, **context: Any) -> None:
        super().__init__(message, **context)
        self.reason = reason


class StructuredOutputRefused(ModelError):
    """The server refused ``response_format`` json_schema; the back end now uses json_object.

    Internal: raised once per back end, so that the client seam renders the prompt again with
    the schema written into it; it never reaches a caller of the public API.
    """
