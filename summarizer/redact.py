"""Secrets out of messages: API keys, Authorization values, URL passwords and secret query parameters.

Every error message, log record and debug traceback that may hold text from a server or a base
URL passes through :func:`redact` before anyone sees it. Keys that follow no known pattern (a
local server's key) are hidden once the back end has been given them (:func:`remember_secret`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

__all__ = ["RedactingFilter", "hide_secrets", "redact", "redacted_chain", "remember_secret"]

MASK = "***"
MIN_SECRET_LENGTH = 8  # shorter configured keys are left alone rather than masking common words
_secrets: set[str] = set()  # the keys this process was given (few, and never printed)

# Names whose value is a secret wherever it is written `name=value` (query strings, forms).
SECRET_PARAMETERS = (
    "api_key|apikey|key|token|access_token|refresh_token|id_token|auth_token|"
    "sig|signature|secret|client_secret|password|passwd"
)
# Header-like names: `Name: value`, `name=value` and `"name": "value"`.
SECRET_HEADERS = "authorization|proxy-authorization|api-key|x-api-key|openai-api-key|cookie|set-cookie"

SCHEMES = r"(?:bearer|basic|token|digest)\s+"
PATTERNS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    # scheme://user:password@host -> scheme://user:***@host; scheme://token@host -> scheme://***@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)([^/\s?#]*)@"), lambda found: _masked_userinfo(*found.groups())),
    # Authorization: Bearer x / "authorization": "x" / api-key: x (the whole value, scheme kept)
    (
        re.compile(
            rf"(?i)(?<![\w-])((?:{SECRET_HEADERS})[\"']?\s*[:=]\s*[\"']?(?!(?:{SCHEMES})?\*\*\*)(?:{SCHEMES})?)"
            r"[^\s\"',;&#()<>{}\[\]]+"
        ),
        rf"\1{MASK}",
    ),
    # "token": "x", 'api_key': 'x' (quoted keys, as in an echoed JSON body or a Python dict)
    (re.compile(rf"(?i)([\"'](?:{SECRET_PARAMETERS})[\"']\s*:\s*[\"'])[^\"']*"), rf"\1{MASK}"),
    # ?api-key=x&sig=y
    (re.compile(rf"(?i)(?<![\w-])((?:{SECRET_PARAMETERS})=)(?!\*\*\*)[^\s&#\"',;()<>{{}}\[\]]+"), rf"\1{MASK}"),
    # Bearer x, Basic x anywhere else
    (re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=\-]{8,}"), rf"\1 {MASK}"),
    # OpenAI-style keys: sk-..., sk-proj-...
    (re.compile(r"\bsk-[A-Za-z0-9_\-]{6,}"), f"sk-{MASK}"),
)


def _masked_userinfo(scheme: str, userinfo: str) -> str:
    """A URL's ``scheme://userinfo@`` with the secret masked: all of it up to the host's last "@" (a password
    may hold "@"), the user name kept only before a password ("user:***@"): alone it is a token."""
    user, colon, _ = userinfo.partition(":")
    return f"{scheme}{user}:{MASK}@" if colon else f"{scheme}{MASK}@"


def remember_secret(secret: str | None) -> None:
    """Hide ``secret`` from every later :func:`redact` in this process (the configured API key)."""
    if secret and len(secret) >= MIN_SECRET_LENGTH:
        _secrets.add(secret)


def hide_secrets(text: str) -> str:
    """``text`` with the keys and passwords this process was given masked, and nothing else changed
    (for what a server sends back as content: a key it echoes must not reach an output file)."""
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, MASK)
    return text


def redact(text: str) -> str:
    """``text`` with every known secret and every key-, password- or token-looking value masked."""
    text = hide_secrets(text)
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactedError(Exception):
    """A stand-in for an exception whose message may have held a secret: its type name and redacted text."""


def redacted_chain(error: BaseException) -> BaseException:
    """A copy of ``error``'s chain (cause or context) with redacted messages and the same tracebacks.

    Raise a mapped error ``from`` this copy so that a debug traceback keeps the frames of what
    failed but never the secrets the original exceptions carry (headers, echoed bodies, URLs).
    """
    copy = RedactedError(redact(f"{type(error).__module__}.{type(error).__qualname__}: {error}"))
    copy.__traceback__ = error.__traceback__
    linked = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    if linked is not None:
        copy.__cause__ = redacted_chain(linked)
    return copy


class RedactingFilter(logging.Filter):
    """A logging filter that redacts each record's message (installed on the HTTP client's loggers)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        return True


_FILTERED_LOGGERS = ("openai", "httpx2", "httpcore2", "httpx", "httpcore")


def install_log_filter() -> None:
    """Redact the records of the HTTP client's loggers (they log URLs when OPENAI_LOG=debug)."""
    for name in _FILTERED_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, RedactingFilter) for existing in logger.filters):
            logger.addFilter(RedactingFilter())
